"""The key cabinet (rules K1–K8, G4): kinds, slots, the lending rules, lateness.

Pure Python: the services ask these functions before anything is written.

- K1 the kinds of key the office keeps;
- K2 a key lives in one slot of one locked cabinet (labels from a prefix and a count,
  A-01 … A-120);
- K3 lending: a manager approves first, a key that is out cannot go out again, it comes
  back the same day unless for repair works (then a due time is set), a 未入伙 key is
  out at most 12 hours, a moved-in owner's repair key only with the owner's prior consent;
- lateness: how late a key is, in words, for the red cells and the overview.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.text import ChoiceEnum, halfwidth, shown

MAX_SLOTS = 2000
MAX_KEYS_PER_RECORD = 50
UNHANDED_LIMIT_HOURS = 12     # rule K3: a 未入伙 key out at most 12 hours at a stretch
LOCK_CHANGE_HOURS = 24        # rule K6: the new key reaches the duty manager within 24 hours
MAX_TEXT = 100


class KeyKind(ChoiceEnum):
    """Rule K1."""

    OWNER = "业主委托钥匙"
    UNHANDED = "未入伙钥匙"
    REPAIR = "返修钥匙"
    PUBLIC = "公共区域钥匙"

    @classmethod
    def default_field(cls) -> str:
        return "钥匙类别"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"委托": "业主委托钥匙", "业主委托": "业主委托钥匙", "委托钥匙": "业主委托钥匙",
                "未入伙": "未入伙钥匙", "空房钥匙": "未入伙钥匙", "返修": "返修钥匙",
                "维修钥匙": "返修钥匙", "公共": "公共区域钥匙", "公区": "公共区域钥匙",
                "公共钥匙": "公共区域钥匙"}


class KeyStatus(ChoiceEnum):
    IN_CABINET = "在柜"
    LENT = "借出"
    RETURNED_TO_OWNER = "已退还业主"   # custody ended; the history stays (rule G4)
    RETIRED = "已停用"                 # the lock was changed (rule K6)
    MISSING = "遗失"                   # rule K8

    @classmethod
    def default_field(cls) -> str:
        return "状态"


IN_CUSTODY = (KeyStatus.IN_CABINET, KeyStatus.LENT, KeyStatus.MISSING)


class BorrowerKind(ChoiceEnum):
    STAFF = "员工"
    CONTRACTOR = "施工单位"

    @classmethod
    def default_field(cls) -> str:
        return "借用人类别"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"本公司员工": "员工", "物业员工": "员工", "工程部": "员工", "施工": "施工单位",
                "外来施工": "施工单位", "装修公司": "施工单位", "承包商": "施工单位"}


class EmergencyReason(ChoiceEnum):
    """Rule K4."""

    FIRE = "火灾"
    BURST_PIPE = "爆管漏水"
    OTHER = "其他"

    @classmethod
    def default_field(cls) -> str:
        return "紧急原因"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"着火": "火灾", "失火": "火灾", "爆管": "爆管漏水", "漏水": "爆管漏水",
                "水管爆裂": "爆管漏水", "跑水": "爆管漏水"}


class ToldWhom(ChoiceEnum):
    """Rule K4: the owner first; the emergency contact when the owner cannot be reached."""

    OWNER = "业主"
    CONTACT = "紧急联系人"

    @classmethod
    def default_field(cls) -> str:
        return "通知对象"


class ToldHow(ChoiceEnum):
    PHONE = "电话"
    SMS = "短信"
    WECHAT = "微信"
    IN_PERSON = "当面"

    @classmethod
    def default_field(cls) -> str:
        return "通知方式"


class CountResult(ChoiceEnum):
    """One slot in a keeper handover (rule K7)."""

    PRESENT = "在"
    ABSENT = "缺"

    @classmethod
    def default_field(cls) -> str:
        return "清点结果"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"有": "在", "在柜": "在", "√": "在", "y": "在", "是": "在",
                "无": "缺", "没有": "缺", "缺失": "缺", "×": "缺", "n": "缺", "否": "缺"}


class ProblemKind(ChoiceEnum):
    """Rule K8: reported each month."""

    MISSING = "遗失"
    DAMAGED = "损坏"

    @classmethod
    def default_field(cls) -> str:
        return "问题"


# --- slots (rule K2) --------------------------------------------------------------------

_PREFIX = re.compile(r"[A-Za-z0-9\u4e00-\u9fff\-_]{0,6}")


def check_prefix(prefix: str) -> str:
    text = halfwidth(prefix)
    if not _PREFIX.fullmatch(text):
        raise ValidationError("钥匙柜格位前缀只能用字母、数字、汉字和“-”，最多6个字",
                              field="keys.slot_prefix")
    return text


def slot_labels(count: int, prefix: str = "A-") -> list[str]:
    """"A-01" … "A-120": numbers of at least two digits, as on the cabinet's tags."""
    if not 1 <= count <= MAX_SLOTS:
        raise ValidationError(f"钥匙柜格位数应在1到{MAX_SLOTS}之间", field="格位")
    return [f"{prefix}{n:02d}" for n in range(1, count + 1)]


def parse_slot(text: str, labels: list[str], *, field: str = "格位") -> str:
    """The slot a clerk typed ("A-07", "a7", "7") as its label, or ValidationError."""
    typed = halfwidth(text or "").upper().replace(" ", "")
    if not typed:
        raise ValidationError(f"请填写{field}", field=field)
    if typed in labels:
        return typed
    digits = re.search(r"(\d+)$", typed)
    if digits:
        number = int(digits.group(1))
        head = typed[: digits.start()]
        if 1 <= number <= len(labels):
            label = labels[number - 1]
            if not head or label.upper().startswith(head) or label.upper().startswith(head + "-"):
                return label
    raise ValidationError(
        f"没有“{shown(text)}”这个格位：格位为 {labels[0]} 到 {labels[-1]}" if labels
        else "钥匙柜没有格位", field=field)


# --- lending (rule K3) ------------------------------------------------------------------

@dataclass(frozen=True)
class LendingCase:
    """What the lending check needs to know, gathered by the service."""

    kind: KeyKind
    status: KeyStatus
    occupancy: str            # of the unit, "" for a public-area key
    approved: bool            # an operator allowed to approve has been named
    repair_works: bool        # the purpose is repair works (may stay out overnight)
    owner_consent: bool       # the owner's prior consent to use a repair key is on record
    out_at: datetime
    due_at: datetime | None   # typed by the clerk; required for repair works
    end_of_day_hour: int


def _refuse(message: str, field: str) -> ValidationError:
    return ValidationError(message, field=field, rule="K3")


def unhanded(kind: KeyKind, occupancy: str) -> bool:
    """A key of a unit not yet handed over (the 12-hour limit applies)."""
    return kind is KeyKind.UNHANDED or occupancy == "未入伙"


def end_of_day(at: datetime, hour: int) -> datetime:
    """The end of the working day of `at` (a key lent after it is due by midnight)."""
    end = datetime.combine(at.date(), time(hour))
    if at >= end:
        end = datetime.combine(at.date(), time(23, 59))
    return end


def check_lending(case: LendingCase) -> datetime:
    """The due time of the loan, or ValidationError naming rule K3. Nothing is written
    by the caller unless this passes."""
    if case.status is KeyStatus.LENT:
        raise _refuse("这把钥匙已经借出，还没有归还，不能再借（规则K3）", "钥匙")
    if case.status is not KeyStatus.IN_CABINET:
        raise _refuse(f"这把钥匙{case.status.value}，不在柜中，不能借出（规则K3）", "钥匙")
    if not case.approved:
        raise _refuse("借用钥匙须先经管理人员批准：请批准人输入自己的登录名和密码（规则K3）", "批准人")
    moved_in_repair = case.kind is KeyKind.REPAIR and case.occupancy not in ("", "未入伙")
    if moved_in_repair and not case.owner_consent:
        raise _refuse("已入伙业主的返修钥匙，须有业主事先同意使用的记录才能借出（规则K3）",
                      "业主事先同意")
    due = case.due_at
    if due is not None and due <= case.out_at:
        raise _refuse("应还时间必须晚于借出时间", "应还时间")
    if case.repair_works:
        if due is None:
            raise _refuse("维修施工可以隔夜，但必须填写应还时间（规则K3）", "应还时间")
    else:
        eod = end_of_day(case.out_at, case.end_of_day_hour)
        if due is None:
            due = eod
        elif due.date() != case.out_at.date() or due > datetime.combine(due.date(), time(23, 59)):
            raise _refuse("钥匙须当天归还，不得过夜；只有维修施工可以隔夜（规则K3）", "应还时间")
    if unhanded(case.kind, case.occupancy):
        limit = case.out_at + timedelta(hours=UNHANDED_LIMIT_HOURS)
        if due > limit:
            raise _refuse(f"未入伙房屋的钥匙一次最多借出{UNHANDED_LIMIT_HOURS}小时，"
                          f"最晚 {limit:%m-%d %H:%M} 归还（规则K3）", "应还时间")
    return due


# --- lateness (alarms) --------------------------------------------------------------------

@dataclass(frozen=True)
class Lateness:
    deadline: datetime
    minutes: int       # how late, > 0
    reason: str        # 超过应还时间 / 过了下班时间 / 超过12小时

    @property
    def text(self) -> str:
        return f"{self.reason}，已超时{late_text(self.minutes)}"


def deadline_of(out_at: datetime, due_at: datetime | None, *, repair_works: bool,
                unhanded_key: bool, end_of_day_hour: int) -> tuple[datetime, str]:
    """The earliest time the loan turns red, and why (rule K3)."""
    candidates: list[tuple[datetime, str]] = []
    if not repair_works:  # first, so a due time at the end of the day reads as such
        candidates.append((end_of_day(out_at, end_of_day_hour), "过了下班时间仍未归还"))
    if due_at is not None:
        candidates.append((due_at, "超过应还时间"))
    if unhanded_key:
        candidates.append((out_at + timedelta(hours=UNHANDED_LIMIT_HOURS),
                           f"未入伙钥匙借出超过{UNHANDED_LIMIT_HOURS}小时"))
    if not candidates:
        candidates.append((end_of_day(out_at, end_of_day_hour), "过了下班时间仍未归还"))
    return min(candidates, key=lambda c: c[0])


def lateness(out_at: datetime, due_at: datetime | None, now: datetime, *, repair_works: bool,
             unhanded_key: bool, end_of_day_hour: int) -> Lateness | None:
    """How late an open loan is at `now`, or None while it is in time."""
    deadline, reason = deadline_of(out_at, due_at, repair_works=repair_works,
                                   unhanded_key=unhanded_key, end_of_day_hour=end_of_day_hour)
    if now <= deadline:
        return None
    return Lateness(deadline, max(1, int((now - deadline).total_seconds() // 60)), reason)


def late_text(minutes: int) -> str:
    """5 → "5分钟", 135 → "2小时15分钟", 1500 → "1天1小时"."""
    minutes = max(0, int(minutes))
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}天" + (f"{hours}小时" if hours else "")
    if hours:
        return f"{hours}小时" + (f"{mins}分钟" if mins else "")
    return f"{mins}分钟"


# --- small readers --------------------------------------------------------------------------

def key_count(value: int | str, *, field: str = "钥匙数量") -> int:
    text = halfwidth(str(value if value is not None else ""))
    if not text:
        return 1
    if not text.isdigit():
        raise ValidationError(f"{field}应为数字，您填的是“{shown(text)}”", field=field)
    n = int(text)
    if not 1 <= n <= MAX_KEYS_PER_RECORD:
        raise ValidationError(f"{field}应在1到{MAX_KEYS_PER_RECORD}之间", field=field)
    return n


_DATETIME = re.compile(
    r"(?:(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*)?(\d{1,2})[:：点时](\d{2})?分?")


def parse_time(text: str, today: datetime, *, field: str) -> datetime | None:
    """"17:30", "2026-11-19 9:00", "明天 9:00" → a datetime; "" → None."""
    typed = halfwidth(text or "")
    if not typed:
        return None
    base = today.date()
    if typed.startswith("明天"):
        base += timedelta(days=1)
        typed = typed[2:].strip()
    elif typed.startswith("今天"):
        typed = typed[2:].strip()
    m = _DATETIME.fullmatch(typed)
    if not m:
        raise ValidationError(f"{field}“{shown(text)}”看不懂：请写成 17:30 或 2026-11-19 09:00",
                              field=field)
    year, month, day, hour, minute = m.groups()
    try:
        day_of = base if year is None else base.replace(int(year), int(month), int(day))
        return datetime.combine(day_of, time(int(hour), int(minute or 0)))
    except ValueError:
        raise ValidationError(f"{field}“{shown(text)}”不是有效的日期时间", field=field) from None
