"""Mail and parcels (rules M1–M6, G3, G4): the rules as plain Python.

The desk signs for registered mail, express items and parcels of absent
residents (M1), enters each at once and tells the household (M2), keeps them
locked (M3), hands them out against identity and signature (M4) and sends back
what nobody claims or what cannot be delivered (M5). Newspapers are signed for
by title and count (M6).

Carriers are recognised from the tracking number only where the format is
reliable; otherwise the clerk chooses.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.text import ChoiceEnum, halfwidth, shown

TRACKING_FIELD = "运单号"
MIN_TRACKING = 6
MAX_TRACKING = 40
MAX_POSITION = 20
MAX_NEWSPAPER_COUNT = 999
PICKUP_PREFIX = "QJ"   # 取件: the code on the notice slip
UNDELIVERABLE_RETURN_DAYS = 7   # rule M5: back within one week


class MailKind(ChoiceEnum):
    REGISTERED = "挂号信"
    EXPRESS_MAIL = "特快专递"
    PARCEL = "快递包裹"
    NEWSPAPER = "报纸杂志"
    OTHER = "其他"

    @classmethod
    def default_field(cls) -> str:
        return "类别"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"挂号": "挂号信", "信件": "挂号信", "EMS": "特快专递", "特快": "特快专递",
                "快递": "快递包裹", "包裹": "快递包裹", "报纸": "报纸杂志", "杂志": "报纸杂志",
                "其它": "其他"}


class Carrier(ChoiceEnum):
    POST = "中国邮政"
    EMS = "EMS"
    SF = "顺丰"
    JD = "京东"
    YTO = "圆通"
    ZTO = "中通"
    YUNDA = "韵达"
    STO = "申通"
    JT = "极兔"
    OTHER = "其他"

    @classmethod
    def default_field(cls) -> str:
        return "快递公司"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"邮政": "中国邮政", "邮局": "中国邮政", "邮政EMS": "EMS", "顺丰速运": "顺丰",
                "京东物流": "京东", "圆通速递": "圆通", "中通快递": "中通", "韵达快递": "韵达",
                "申通快递": "申通", "极兔速递": "极兔", "其它": "其他"}


class MailStatus(ChoiceEnum):
    WAITING = "待领取"
    PICKED_UP = "已领取"
    RETURNED = "已退回"     # to the post office / courier (rule M5)
    VOID = "已更正"         # replaced by a correcting entry (rule G4)

    @classmethod
    def default_field(cls) -> str:
        return "状态"


class NoticeMethod(ChoiceEnum):
    """How the household was told (rule M2)."""

    PHONE = "电话"
    SMS = "短信"
    WECHAT = "微信"
    SLIP = "通知单"

    @classmethod
    def default_field(cls) -> str:
        return "通知方式"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"打电话": "电话", "来电": "电话", "发短信": "短信", "微信通知": "微信",
                "通知": "通知单", "领取通知单": "通知单", "信箱": "通知单"}


class CollectorKind(ChoiceEnum):
    ADDRESSEE = "本人"
    PROXY = "代领"

    @classmethod
    def default_field(cls) -> str:
        return "领取人"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"收件人": "本人", "业主本人": "本人", "家属": "代领", "代取": "代领", "他人": "代领"}


class ReturnReason(ChoiceEnum):
    UNCLAIMED = "逾期未领"       # rule M5: after the public notice
    UNDELIVERABLE = "无法投递"   # rule M5: bad address, within a week

    @classmethod
    def default_field(cls) -> str:
        return "退回原因"


# --- tracking numbers -----------------------------------------------------------------

_NOISE = re.compile(r"[\s\-_/.·]")
_S10 = re.compile(r"([A-Z]{2})(\d{8})(\d)([A-Z]{2})")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def clean_tracking(text: str | None, *, field: str = TRACKING_FIELD) -> str:
    """A scanned or typed tracking number in normal form (upper case, no spaces or dashes),
    or ValidationError saying what is wrong with it."""
    raw = halfwidth(text or "")
    number = _NOISE.sub("", raw).upper()
    if not number:
        raise ValidationError(f"请扫描或输入{field}", field=field)
    if not number.isascii() or not number.isalnum():
        raise ValidationError(
            f"{field}“{shown(raw)}”只能有字母和数字（扫描时请切换到英文输入法）", field=field)
    if len(number) < MIN_TRACKING:
        raise ValidationError(f"{field}“{shown(raw)}”太短：至少{MIN_TRACKING}位，请核对",
                              field=field)
    if len(number) > MAX_TRACKING:
        raise ValidationError(f"{field}太长：最多{MAX_TRACKING}位，您输入了{len(number)}位",
                              field=field)
    return number


def s10_check_digit(serial8: str) -> int:
    """The UPU S10 check digit of an item's 8-digit serial number."""
    total = sum(int(d) * w for d, w in zip(serial8, _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    return 0 if check == 10 else 5 if check == 11 else check


def is_s10(number: str) -> bool:
    """A UPU S10 item identifier (e.g. EA123456789CN) with a correct check digit."""
    m = _S10.fullmatch(number)
    return m is not None and s10_check_digit(m.group(2)) == int(m.group(3))


_PATTERNS: tuple[tuple[re.Pattern[str], Carrier], ...] = (
    (re.compile(r"SF\d{12,13}"), Carrier.SF),
    (re.compile(r"JD[0-9A-Z]{11,18}"), Carrier.JD),
    (re.compile(r"YT\d{13}"), Carrier.YTO),
    (re.compile(r"JT\d{13}"), Carrier.JT),
)


def recognise_carrier(number: str) -> Carrier | None:
    """The carrier where the tracking number's format says it reliably, else None.

    China Post's international-format (UPU S10) numbers need a correct check digit
    and the CN suffix: E… is EMS, the others go by post. SF, JD, YTO (YT + 13
    digits) and J&T (JT + 13 digits) carry their own prefixes. Numbers of digits
    only (ZTO, Yunda, STO …) overlap and are left to the clerk.
    """
    m = _S10.fullmatch(number)
    if m and is_s10(number) and m.group(4) == "CN":
        return Carrier.EMS if number.startswith("E") else Carrier.POST
    for pattern, carrier in _PATTERNS:
        if pattern.fullmatch(number):
            return carrier
    return None


def kind_hint(number: str) -> MailKind | None:
    """What an S10 number's service indicator says: R registered, E express mail,
    C/V parcels."""
    if not is_s10(number):
        return None
    first = number[0]
    if first == "R":
        return MailKind.REGISTERED
    if first == "E":
        return MailKind.EXPRESS_MAIL
    if first in "CV":
        return MailKind.PARCEL
    return None


def tracking_tail(number: str) -> str:
    """The last four characters of the serial, as slips and public notices show it:
    "SF1234567890123" → "0123", "EA123456785CN" → "6785" (the country code left off)."""
    return number.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")[-4:] or number[-4:]


def clean_position(text: str | None) -> str:
    """A shelf or locker position ("A3", "柜12"): one short line, empty allowed."""
    value = "".join(halfwidth(text or "").split()).upper()
    if len(value) > MAX_POSITION:
        raise ValidationError(f"存放位置太长：最多{MAX_POSITION}个字", field="存放位置")
    if value and not value.isprintable():
        raise ValidationError("存放位置里有无法显示的字符", field="存放位置")
    return value


# --- pickup codes ----------------------------------------------------------------------

def pickup_code(notice_id: int) -> str:
    """The code on a notice slip (Code 128 / QR): QJ + 8 digits; scanned back at pickup."""
    return f"{PICKUP_PREFIX}{notice_id:08d}"


def read_pickup_code(text: str) -> int | None:
    """The notice id in a scanned code, or None when the text is not a pickup code."""
    code = "".join(halfwidth(text or "").split()).upper()
    m = re.fullmatch(rf"{PICKUP_PREFIX}(\d{{8}})", code)
    return int(m.group(1)) if m else None


# --- deadlines (rule M5) ----------------------------------------------------------------

def add_months(when: datetime, months: int) -> datetime:
    """The same day `months` later (the month's last day when it has no such day)."""
    month0 = when.month - 1 + months
    year, month = when.year + month0 // 12, month0 % 12 + 1
    day = min(when.day, calendar.monthrange(year, month)[1])
    return when.replace(year=year, month=month, day=day)


def public_notice_due(received_at: datetime) -> datetime:
    """Unclaimed one month after receipt → on the public notice (rule M5)."""
    return add_months(received_at, 1)


def return_due(notice_posted_at: datetime, notice_days: int) -> datetime:
    """Still unclaimed when the notice period ends → back to the post office (rule M5)."""
    return notice_posted_at + timedelta(days=notice_days)


def undeliverable_due(received_at: datetime) -> datetime:
    """An undeliverable item goes back within one week (rule M5)."""
    return received_at + timedelta(days=UNDELIVERABLE_RETURN_DAYS)


def days_waiting(received_at: datetime, now: datetime) -> int:
    return max(0, (now.date() - received_at.date()).days)


def waiting_text(days: int) -> str:
    return "今天" if days == 0 else f"{days}天"


def due_date_text(when: datetime | date) -> str:
    return f"{when:%Y-%m-%d}"
