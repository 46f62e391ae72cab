"""VIP customers (rules P1–P6): levels, card numbers, validity, revocation, services,
birthdays and festival greetings — the rules as plain Python.

A VIP is a person of a household in the archive (P1), kept by the office's VIP
customer assistant (客户助理). A card number has six characters (P2): the group's
prefix (default "JK"), the level digit and a sequence 001–999 that is never used
twice, not after expiry, loss or revocation. A card is valid three years (P4);
a lost card is replaced under a new number and the old one is voided; a card is
revoked for malicious arrears of fees or harm to the group (P5). Every service
given is logged (P6); emergency cash aid is paid only within a limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from lunar_python import LunarYear, Solar
from lunar_python.util import LunarUtil

from wuye_desk.domain.calendar import (
    lunar_to_solar,
    next_solar_anniversary,
    solar_to_lunar,
    upcoming_festivals,
)
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.text import ChoiceEnum, halfwidth, shown, squeeze

DEFAULT_PREFIX = "JK"
SEQUENCE_MAX = 999
VALID_YEARS = 3       # rule P4
MAX_NAME = 40
MAX_TEXT = 200


class VipLevel(ChoiceEnum):
    """The level digit of a card number (rule P2)."""

    GROUP_LEADER = "集团领导级"
    OFFICIAL = "政府官员级"
    OTHER = "其他级"

    @property
    def digit(self) -> int:
        return list(VipLevel).index(self)

    @classmethod
    def of_digit(cls, digit: int) -> VipLevel:
        return list(cls)[digit]

    @classmethod
    def default_field(cls) -> str:
        return "VIP级别"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"0": "集团领导级", "集团领导": "集团领导级", "集团": "集团领导级",
                "1": "政府官员级", "政府官员": "政府官员级", "政府": "政府官员级", "官员": "政府官员级",
                "2": "其他级", "其他": "其他级"}


class CardStatus(ChoiceEnum):
    """A card's state as stored; 已过期 is worked out from the date (rule P4)."""

    VALID = "有效"
    RENEWED = "已换发"       # replaced by a new card after the qualification check (P4)
    LOST = "已挂失作废"      # a lost card, voided when its replacement was issued (P4)
    REVOKED = "已撤销"       # rule P5

    @classmethod
    def default_field(cls) -> str:
        return "卡状态"


EXPIRED = "已过期"


class RevokeReason(ChoiceEnum):
    """The only two grounds for taking a card away (rule P5)."""

    ARREARS = "恶意拖欠物业管理费"
    HARM = "损害集团利益"

    @classmethod
    def default_field(cls) -> str:
        return "撤销原因"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"拖欠": "恶意拖欠物业管理费", "欠费": "恶意拖欠物业管理费",
                "恶意欠费": "恶意拖欠物业管理费", "拖欠物业费": "恶意拖欠物业管理费",
                "损害": "损害集团利益", "有损集团利益": "损害集团利益",
                "损害公司利益": "损害集团利益"}


class ServiceKind(ChoiceEnum):
    """What a VIP may be given (rule P6, seed 第三十条–第三十三条)."""

    PRIORITY = "优先服务"     # fees, renovation approval, repairs, sign-up, handover
    DISCOUNT = "优惠服务"
    CONSULTATION = "咨询服务"
    FAMILY_CARE = "亲情服务"  # greetings on festivals and birthdays
    CASH_AID = "紧急现金援助"
    VALUE_ADDED = "增值服务"  # fee collection at home, bookings, salons, reminders

    @classmethod
    def default_field(cls) -> str:
        return "服务类别"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"优先": "优先服务", "优惠": "优惠服务", "折扣": "优惠服务", "咨询": "咨询服务",
                "亲情": "亲情服务", "问候": "亲情服务", "生日问候": "亲情服务",
                "节日问候": "亲情服务", "现金援助": "紧急现金援助", "援助": "紧急现金援助",
                "紧急援助": "紧急现金援助", "增值": "增值服务", "上门收费": "增值服务",
                "代订": "增值服务", "沙龙": "增值服务", "提醒": "增值服务"}


class CalendarKind(ChoiceEnum):
    SOLAR = "公历"
    LUNAR = "农历"

    @classmethod
    def default_field(cls) -> str:
        return "历法"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"阳历": "公历", "新历": "公历", "阴历": "农历", "旧历": "农历"}


# --- card numbers (rule P2) ----------------------------------------------------------

def check_prefix(text: str) -> str:
    """The group's prefix: two capital letters (setting vip.card_prefix)."""
    prefix = squeeze(text).upper()
    if not re.fullmatch(r"[A-Z]{2}", prefix):
        raise ValidationError(f"VIP卡号前缀“{shown(text)}”应为两个英文字母，如JK（规则P2）",
                              field="vip.card_prefix", rule="P2")
    return prefix


def card_number(prefix: str, level: VipLevel, sequence: int) -> str:
    """"JK2001": prefix, level digit, sequence 001–999 (rule P2)."""
    if not 1 <= sequence <= SEQUENCE_MAX:
        raise ValueError(f"sequence {sequence} out of 1..{SEQUENCE_MAX}")
    return f"{prefix}{level.digit}{sequence:03d}"


def next_sequence(used: Iterable[int], level: VipLevel) -> int:
    """The next number of a level: one past the highest ever issued, so no number is
    used twice — not after expiry, loss or revocation (rule P2). A full level is
    refused with the reason."""
    highest = max(used, default=0)
    if highest >= SEQUENCE_MAX:
        raise ValidationError(
            f"{level.value}的VIP卡号（{level.digit}001–{level.digit}999）已全部用完，"
            f"卡号不能重复使用，不能再发新卡；请与公司人事行政部联系（规则P2）",
            field="VIP级别", rule="P2")
    return highest + 1


def read_card_number(text: str, *, field: str = "卡号") -> str:
    """A typed card number in normal form ("jk 2001" → "JK2001")."""
    number = squeeze(text).upper()
    if not number:
        raise ValidationError(f"请输入{field}", field=field)
    if not re.fullmatch(r"[A-Z]{2}[0-2]\d{3}", number) or number.endswith("000"):
        raise ValidationError(f"{field}“{shown(text)}”格式不对：应为2个字母、级别数字0–2和"
                              f"3位顺序号，如JK2001（规则P2）", field=field, rule="P2")
    return number


# --- validity (rule P4) ----------------------------------------------------------------

def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February → 28 February
        return d.replace(year=d.year + years, day=28)


def valid_until(issued_on: date) -> date:
    """The last day a card issued on `issued_on` is valid: three years (rule P4)."""
    return add_years(issued_on, VALID_YEARS) - timedelta(days=1)


def shown_status(status: str, valid_to: date | None, today: date) -> str:
    """The status a clerk sees: a valid card past its date is 已过期 (rule P4)."""
    if status == CardStatus.VALID.value and valid_to is not None and today > valid_to:
        return EXPIRED
    return status


def badge(number: str, status: str) -> str:
    """"VIP JK2001 有效" — what other registers show beside the customer."""
    return f"VIP {number} {status}"


def check_aid_amount(text: str | int, limit_yuan: int) -> int:
    """An emergency cash aid amount in fen, within the limit (rule P6)."""
    raw = halfwidth(str(text)).replace("元", "").replace("¥", "").replace(",", "").strip()
    if not raw:
        raise ValidationError("请填写援助金额（元）（规则P6）", field="金额", rule="P6")
    if not re.fullmatch(r"\d{1,9}(\.\d{1,2})?", raw):
        raise ValidationError(f"援助金额“{shown(str(text))}”应为数字，最多两位小数",
                              field="金额", rule="P6")
    whole, _, cents = raw.partition(".")
    fen = int(whole) * 100 + int((cents + "00")[:2])
    if fen <= 0:
        raise ValidationError("援助金额应大于0（规则P6）", field="金额", rule="P6")
    if fen > limit_yuan * 100:
        raise ValidationError(
            f"紧急现金援助{yuan_text(fen)}超过限额{limit_yuan}元，不能发放（规则P6）",
            field="金额", rule="P6")
    return fen


def yuan_text(fen: int) -> str:
    return f"{fen // 100}元" if fen % 100 == 0 else f"{fen / 100:.2f}元"


# --- birthdays (rule P6) ------------------------------------------------------------------

@dataclass(frozen=True)
class Birthday:
    kind: CalendarKind
    month: int
    day: int
    year: int | None = None
    leap: bool = False        # lunar: born in the leap month (greeted in the ordinary month)

    @property
    def text(self) -> str:
        if self.kind is CalendarKind.LUNAR:
            month = f"{'闰' if self.leap else ''}{LunarUtil.MONTH[self.month]}月"
            body = f"{month}{LunarUtil.DAY[self.day]}"
            return f"农历{self.year}年{body}" if self.year else f"农历{body}"
        return (f"{self.year}年{self.month}月{self.day}日" if self.year
                else f"{self.month}月{self.day}日")

    def stored(self) -> str:
        """One text column: "农历:1962:08:15:0" / "公历::06:12:0"."""
        return f"{self.kind.value}:{self.year or ''}:{self.month:02d}:{self.day:02d}:" \
               f"{int(self.leap)}"

    @classmethod
    def from_stored(cls, text: str | None) -> Birthday | None:
        if not text:
            return None
        kind, year, month, day, leap = text.split(":")
        return cls(CalendarKind(kind), int(month), int(day), int(year) if year else None,
                   leap == "1")

    def next_date(self, today: date) -> date:
        """The next solar date of this birthday, today included (rule P6)."""
        if self.kind is CalendarKind.LUNAR:
            return _next_lunar(self.month, self.day, today)
        return next_solar_anniversary(self.month, self.day, today)


@lru_cache(maxsize=4096)
def _next_lunar(month: int, day: int, today: date) -> date:
    """`calendar.next_lunar_anniversary`, fast: a day's reminders convert hundreds of
    birthdays, so each lunar month's first day is worked out once (from the package)
    and the anniversary counted from it — the same rules: the ordinary month, and a
    三十 kept on the last day of a 29-day month."""
    year = _lunar_year_of(today)
    for lunar_year in (year, year + 1):
        start, days = _month_start(lunar_year, month)
        candidate = start + timedelta(days=min(day, days) - 1)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: the next lunar year always starts after today")


@lru_cache(maxsize=64)
def _lunar_year_of(d: date) -> int:
    return solar_to_lunar(d).year


def _month_start(lunar_year: int, month: int) -> tuple[date, int]:
    """The solar date of the first day of an ordinary lunar month, and its length."""
    return _ordinary_months(lunar_year)[month]


@lru_cache(maxsize=64)
def _ordinary_months(lunar_year: int) -> dict[int, tuple[date, int]]:
    """Every ordinary month of a lunar year: its first solar day and its length. One
    computation of the year serves its twelve months (the package remembers only the
    last year it computed, so asking month by month across two years recomputes each
    time)."""
    months = {}
    for m in LunarYear.fromYear(lunar_year).getMonthsInYear():
        if m.getMonth() > 0:
            first = Solar.fromJulianDay(m.getFirstJulianDay())
            months[m.getMonth()] = (date(first.getYear(), first.getMonth(), first.getDay()),
                                    int(m.getDayCount()))
    return months


_LUNAR_MONTHS = {name: i for i, name in enumerate(LunarUtil.MONTH) if name}
_LUNAR_MONTHS.update({"一": 1, "十一": 11, "十二": 12})
_LUNAR_DAYS = {name: i for i, name in enumerate(LunarUtil.DAY) if name}
_NUMERIC = re.compile(r"(?:(\d{4})[-/.年])?(闰)?(\d{1,2})[-/.月](\d{1,2})[日号]?")
_CHINESE = re.compile(r"(?:(\d{4})年?)?(闰)?([正一二三四五六七八九十冬腊]{1,2})月"
                      r"([初十廿二三][一二三四五六七八九十])")

BIRTHDAY_FIELD = "生日"


def parse_birthday(kind_text: str, text: str, *, field: str = BIRTHDAY_FIELD,
                   today: date | None = None) -> Birthday | None:
    """A birthday as typed: "1962-08-15", "08-15", "8月15日"; lunar also "八月十五",
    "闰四月初八", "1962年腊月廿三". Empty → None. A lunar date that does not exist is
    refused (rule P6)."""
    raw = squeeze(text or "")
    if not raw:
        return None
    kind = CalendarKind.parse(kind_text or "公历", field=field)
    if raw.startswith(("农历", "阴历")):
        kind, raw = CalendarKind.LUNAR, raw[2:]
    elif raw.startswith(("公历", "阳历")):
        kind, raw = CalendarKind.SOLAR, raw[2:]
    year: int | None = None
    leap = False
    m = _NUMERIC.fullmatch(raw)
    if m:
        year = int(m.group(1)) if m.group(1) else None
        leap = bool(m.group(2))
        month, day = int(m.group(3)), int(m.group(4))
    else:
        c = _CHINESE.fullmatch(raw)
        if not c or c.group(3) not in _LUNAR_MONTHS or c.group(4) not in _LUNAR_DAYS:
            raise ValidationError(
                f"{field}“{shown(text)}”看不懂：请写成1962-08-15或08-15，"
                f"农历也可写八月十五、闰四月初八", field=field)
        kind = CalendarKind.LUNAR
        year = int(c.group(1)) if c.group(1) else None
        leap = bool(c.group(2))
        month, day = _LUNAR_MONTHS[c.group(3)], _LUNAR_DAYS[c.group(4)]
    if leap and kind is CalendarKind.SOLAR:
        raise ValidationError(f"公历没有闰月：{field}“{shown(text)}”", field=field)
    today = today or date.today()
    if year is not None and not (1900 <= year <= today.year):
        raise ValidationError(f"{field}的年份{year}不对，应在1900至{today.year}之间",
                              field=field)
    try:
        if kind is CalendarKind.LUNAR:
            if year is not None:
                lunar_to_solar(year, month, day, leap)      # exists in that year? (rule P6)
            else:
                _lunar_day_exists(month, day, leap)
        else:
            born = date(year or 2000, month, day)
            if year is not None and born > today:
                raise ValidationError(f"{field}不能晚于今天", field=field)
    except ValidationError as exc:
        raise ValidationError(f"{exc.message}（规则P6）", field=field, rule="P6") from None
    except ValueError:
        raise ValidationError(f"没有{month}月{day}日这一天：{field}“{shown(text)}”（规则P6）",
                              field=field, rule="P6") from None
    return Birthday(kind, month, day, year, leap)


def _lunar_day_exists(month: int, day: int, leap: bool) -> None:
    """Without a year: the month 1–12 and the day 初一–三十 exist in some year."""
    if not 1 <= month <= 12:
        raise ValidationError(f"农历没有{month}月，月份应为1至12", field=BIRTHDAY_FIELD)
    if not 1 <= day <= 30:
        raise ValidationError(f"农历没有{day}日，日期应为初一至三十", field=BIRTHDAY_FIELD)
    if leap and day > 30:
        raise ValidationError("农历闰月最多三十天", field=BIRTHDAY_FIELD)


# --- reminders (rule P6: family care) --------------------------------------------------

@dataclass(frozen=True)
class Person:
    """Someone to greet: a VIP or one of the family."""

    vip_id: int
    vip_name: str
    card_number: str
    name: str
    relation: str          # "" for the VIP
    birthday: Birthday


@dataclass(frozen=True)
class BirthdayReminder:
    on: date
    person: Person

    @property
    def text(self) -> str:
        p = self.person
        card = f"（{p.card_number}）" if p.card_number else ""
        who = f"VIP客户{p.vip_name}{card}" + (f"的{p.relation}{p.name}" if p.relation else "")
        lunar = f"（{p.birthday.text}）" if p.birthday.kind is CalendarKind.LUNAR else ""
        return f"{who} {self.on:%m月%d日}生日{lunar}，请安排生日问候（亲情服务，规则P6）"


def upcoming_birthdays(people: Iterable[Person], today: date, days: int
                       ) -> list[BirthdayReminder]:
    """Birthdays from today through today + days, lunar ones on this year's solar date."""
    end = today + timedelta(days=days)
    found = []
    for p in people:
        on = p.birthday.next_date(today)
        if on <= end:
            found.append(BirthdayReminder(on, p))
    return sorted(found, key=lambda r: (r.on, r.person.vip_id, r.person.name))


def upcoming_greetings(today: date, days: int) -> list[tuple[date, str]]:
    """The festivals in the window on which family care sends greetings (rule P6)."""
    return upcoming_festivals(today, days)


def clean_text(value: str | None, field: str, *, required: bool = False,
               max_length: int = MAX_TEXT, rule: str | None = None) -> str:
    text = " ".join(halfwidth(value or "").split())
    if not text:
        if required:
            raise ValidationError(f"请填写{field}" + (f"（规则{rule}）" if rule else ""),
                                  field=field, rule=rule)
        return ""
    if len(text) > max_length:
        raise ValidationError(f"{field}太长：最多{max_length}个字，您填了{len(text)}个",
                              field=field)
    if not text.isprintable():
        raise ValidationError(f"{field}里有无法显示的字符，请重新输入", field=field)
    return text
