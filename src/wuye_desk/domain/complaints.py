"""Complaints (rules C1–C11, S2): the office's rules as plain Python.

A complaint is any dissatisfaction, spoken or written (C1); it is classified by
content (C2) and by who is responsible (C3); the software proposes a severity
with its reason in words and the clerk may raise it (C4); the severity names
the default handler (C5), who must be told (C6) and the clocks (C7); the flow
runs 受理 → 处理中 → 已处理 → 已回访 → 已关闭, or 无效 (C8); a return visit rates
A/B/C and a C opens a follow-up (C9); scoring is optional (C11).

Decisions where the rules are silent:
- the fix and return-visit clocks name only 重大 (1 working day / 1 week) and 一般
  (3 working days / 2 weeks); 热点 is kept to the 重大 clocks, 重要 to the 一般 ones;
- "within one month" means the same calendar day of the previous month;
- a description may run over several lines (a letter is copied in), up to 2000 characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from wuye_desk.domain.calendar import WorkCalendar
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.plain_text import has_control_chars
from wuye_desk.domain.satisfaction import satisfaction as s2_satisfaction
from wuye_desk.domain.text import ChoiceEnum, halfwidth, shown

SERIAL_PREFIX = "TS"
MAX_DESCRIPTION = 2000
MAX_NOTE = 500
MAX_PEOPLE = 9999
COLLECTIVE_HOT = 3      # rule C4: a collective complaint of 3 or more → 热点
COLLECTIVE_MAJOR = 10   # rule C4: of 10 or more → 重大
SAME_MATTER_HOT = 3     # rule C4: 3 or more different complainants within a month → 热点
HOT_AFTER = timedelta(days=7)  # rule C4: unresolved one week, the office at fault → 热点


class Channel(ChoiceEnum):
    """How the complaint reached the office (rule C8)."""

    PHONE = "电话"
    VISIT = "来访"
    LETTER = "来函"
    EMAIL = "邮件"
    FAX = "传真"
    WECHAT = "微信"
    REFERRED = "上级转办"  # raised with the company, the group or the government

    @classmethod
    def default_field(cls) -> str:
        return "投诉渠道"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"热线": "电话", "来电": "电话", "上门": "来访", "信函": "来函", "书信": "来函",
                "电子邮件": "邮件", "email": "邮件", "转办": "上级转办", "政府转办": "上级转办",
                "集团转办": "上级转办", "公司转办": "上级转办"}


class ContentType(ChoiceEnum):
    """What the complaint is about (rule C2)."""

    CONSTRUCTION = "工程质量"
    PLANNING = "规划设计"
    SALES = "销售管理"
    PROPERTY = "物业管理"
    SERVICE = "客户服务"
    OTHER = "其他"

    @classmethod
    def default_field(cls) -> str:
        return "投诉类型"


class Subtopic(ChoiceEnum):
    """Sub-topics of 物业管理 (rule C2)."""

    FACILITIES = "设备设施"
    EMERGENCY = "紧急事件处理"
    ATTITUDE = "工作态度"
    MAIL = "信函报纸"
    VEHICLES = "车辆管理"
    GOODS = "出门带物"
    OTHER = "其他"

    @classmethod
    def default_field(cls) -> str:
        return "子类"


class ResponsibilityClass(ChoiceEnum):
    """Who is responsible (rule C3); 待定 when it cannot be told on the spot (rule C7)."""

    OFFICE = "一类"      # the office fell short → 《客户投诉及建议跟进处理表》
    DEVELOPER = "二类"   # developer or building quality → 《客户意见征询表》
    OUTSIDE = "三类"     # outside environment → duty log, special report to the body concerned
    PENDING = "待定"     # goes up within 4 hours with a first opinion (rule C7)

    @classmethod
    def default_field(cls) -> str:
        return "责任类别"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"1": "一类", "2": "二类", "3": "三类", "一": "一类", "二": "二类", "三": "三类",
                "未分类": "待定", "不确定": "待定"}

    @property
    def form_name(self) -> str:
        return {ResponsibilityClass.OFFICE: "客户投诉及建议跟进处理表",
                ResponsibilityClass.DEVELOPER: "客户意见征询表",
                ResponsibilityClass.OUTSIDE: "值班记录（专题报告有关单位）",
                ResponsibilityClass.PENDING: "待分类"}[self]


class Severity(ChoiceEnum):
    """Rule C4, from the least to the most serious."""

    GENERAL = "一般"
    IMPORTANT = "重要"
    HOT = "热点"
    MAJOR = "重大"

    @classmethod
    def default_field(cls) -> str:
        return "投诉等级"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)

    @property
    def urgent(self) -> bool:
        """Kept to the 重大 clocks (see the module's decisions)."""
        return self in (Severity.HOT, Severity.MAJOR)


class State(ChoiceEnum):
    """The flow of rule C8."""

    RECEIVED = "受理"
    HANDLING = "处理中"
    FIXED = "已处理"
    VISITED = "已回访"
    CLOSED = "已关闭"
    INVALID = "无效"

    @classmethod
    def default_field(cls) -> str:
        return "状态"

    @property
    def open(self) -> bool:
        return self in (State.RECEIVED, State.HANDLING, State.FIXED, State.VISITED)

    @property
    def unresolved(self) -> bool:
        """Not yet fixed: the time-based raises of rule C4 apply."""
        return self in (State.RECEIVED, State.HANDLING)


OPEN_STATES = tuple(s.value for s in State if s.open)
UNRESOLVED_STATES = tuple(s.value for s in State if s.unresolved)


class Satisfaction(ChoiceEnum):
    """Rule C9: the return visit's rating."""

    A = "A"   # 满意
    B = "B"   # 较满意
    C = "C"   # 不满意

    @classmethod
    def default_field(cls) -> str:
        return "满意度"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"满意": "A", "很满意": "A", "较满意": "B", "基本满意": "B", "不满意": "C"}

    @property
    def label(self) -> str:
        return {"A": "满意", "B": "较满意", "C": "不满意"}[self.value]

    @property
    def acceptable(self) -> bool:
        """Rule S2: 满意 and 较满意 count as 合格."""
        return self is not Satisfaction.C


class ComplainantKind(ChoiceEnum):
    RESIDENT = "业户"
    ANONYMOUS = "匿名"
    OUTSIDER = "非本小区/访客"

    @classmethod
    def default_field(cls) -> str:
        return "投诉人身份"

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {"业主": "业户", "住户": "业户", "非本小区": "非本小区/访客", "访客": "非本小区/访客",
                "外来人员": "非本小区/访客"}


# --- text ------------------------------------------------------------------------------

def clean_block(value: str | None, field: str, *, required: bool = False,
                max_length: int = MAX_DESCRIPTION) -> str:
    """Free text that may span lines (a description, a handling note)."""
    raw = halfwidth(value or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    text = "\n".join(line for line in lines if line).strip()
    if not text:
        if required:
            raise ValidationError(f"请填写{field}", field=field)
        return ""
    if has_control_chars(text.replace("\n", " ")):
        raise ValidationError(f"{field}里有无法显示的字符，请重新输入", field=field)
    if len(text) > max_length:
        raise ValidationError(f"{field}太长：最多{max_length}个字，您填了{len(text)}个",
                              field=field)
    return text


def parse_people(value: int | str | None) -> int:
    """People behind a collective complaint (rule C4); 1 when left empty."""
    text = halfwidth(str(value)).strip() if value is not None else ""
    if not text:
        return 1
    if text.startswith("-") and text[1:].isdigit():
        raise ValidationError("人数不能是负数", field="人数")
    if not text.isdigit():
        raise ValidationError(f"人数应为数字，您填的是“{shown(text)}”", field="人数")
    count = int(text)
    if not 1 <= count <= MAX_PEOPLE:
        raise ValidationError(f"人数应在1到{MAX_PEOPLE}之间", field="人数")
    return count


def subtopic_for(content: ContentType, text: str | None) -> Subtopic | None:
    """The sub-topic: required for 物业管理, refused for the other types (rule C2)."""
    if content is ContentType.PROPERTY:
        if not (text or "").strip():
            raise ValidationError(f"物业管理类投诉请选择子类：{Subtopic.allowed()}（规则C2）",
                                  field="子类", rule="C2")
        return Subtopic.parse(text or "")
    if (text or "").strip():
        raise ValidationError("只有物业管理类投诉分子类（规则C2）", field="子类", rule="C2")
    return None


# --- severity (rule C4) ------------------------------------------------------------------

@dataclass(frozen=True)
class SeverityFacts:
    """What the severity proposal looks at."""

    litigation: bool = False           # already in litigation
    media: bool = False                # exposed by media
    risk: bool = False                 # may lead to litigation or media exposure
    people: int = 1                    # a collective complaint
    same_matter_complainants: int = 1  # distinct complainants on this matter within a month
    repeat_of_closed: bool = False     # the matter was closed before
    needs_help: bool = False           # needs another department's or company's help
    compensation: bool = False         # a compensation claim (rule C8: escalated)


@dataclass(frozen=True)
class Proposal:
    severity: Severity
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "；".join(self.reasons) if self.reasons else "无加重情形"


def propose_severity(f: SeverityFacts) -> Proposal:
    """The severity the software proposes, with every reason for it in words (rule C4)."""
    found: list[tuple[Severity, str]] = []
    if f.litigation:
        found.append((Severity.MAJOR, "已进入诉讼"))
    if f.media:
        found.append((Severity.MAJOR, "已被媒体曝光"))
    if f.people >= COLLECTIVE_MAJOR:
        found.append((Severity.MAJOR, f"{f.people}人集体投诉（10人及以上）"))
    elif f.people >= COLLECTIVE_HOT:
        found.append((Severity.HOT, f"{f.people}人集体投诉（3人及以上）"))
    if f.risk:
        found.append((Severity.HOT, "可能引起诉讼或媒体曝光"))
    if f.same_matter_complainants >= SAME_MATTER_HOT:
        found.append((Severity.HOT,
                      f"一个月内{f.same_matter_complainants}位不同业主投诉同一事项"))
    if f.repeat_of_closed:
        found.append((Severity.IMPORTANT, "已关闭事项再次投诉"))
    if f.needs_help:
        found.append((Severity.IMPORTANT, "需其他部门或公司协助"))
    if f.compensation:
        found.append((Severity.IMPORTANT, "提出索赔，须上报（规则C8）"))
    if not found:
        return Proposal(Severity.GENERAL, ())
    top = max(s.rank for s, _ in found)
    level = list(Severity)[top]
    return Proposal(level, tuple(r for s, r in found if s is level))


def check_raise(proposed: Severity, chosen: Severity) -> Severity:
    """The clerk may raise the proposed severity, never lower it (rule C4)."""
    if chosen.rank < proposed.rank:
        raise ValidationError(
            f"投诉等级只能在建议的“{proposed.value}”基础上提高，不能降低（规则C4）",
            field="投诉等级", rule="C4")
    return chosen


def one_month_before(moment: datetime) -> datetime:
    """The same clock time one calendar month earlier (31 March → 28/29 February)."""
    year, month = (moment.year, moment.month - 1) if moment.month > 1 else (moment.year - 1, 12)
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


def one_month_after(moment: datetime) -> datetime:
    year, month = (moment.year, moment.month + 1) if moment.month < 12 else (moment.year + 1, 1)
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


@dataclass(frozen=True)
class TimeRaise:
    severity: Severity
    reason: str


def time_based_raise(current: Severity, received: datetime, now: datetime, *,
                     office_fault: bool, state: State) -> TimeRaise | None:
    """The raise the daily check applies, or None (rule C4).

    Only while the matter is unresolved and the office is at fault: one week → 热点,
    one month → 重大. Never lowers.
    """
    if not office_fault or not state.unresolved:
        return None
    if now >= one_month_after(received) and current.rank < Severity.MAJOR.rank:
        return TimeRaise(Severity.MAJOR, "投诉一个月仍未解决（管理处责任）")
    if now >= received + HOT_AFTER and current.rank < Severity.HOT.rank:
        return TimeRaise(Severity.HOT, "投诉一周仍未解决（管理处责任）")
    return None


# --- who handles it (rule C5) -------------------------------------------------------------

DEFAULT_HANDLERS: dict[str, str] = {
    Severity.MAJOR.value: "总经理",
    Severity.HOT.value: "总经理助理",
    Severity.IMPORTANT.value: "项目经理",
    Severity.GENERAL.value: "客户主管/物管员",
}


def handler_for(severity: Severity, table: Mapping[str, str] | None = None) -> str:
    """The default handler of a severity (rule C5); the office's table from the settings."""
    chosen = (table or {}).get(severity.value, "").strip()
    return chosen or DEFAULT_HANDLERS[severity.value]


# --- who must be told (rule C6) ------------------------------------------------------------

@dataclass(frozen=True)
class Duty:
    what: str
    due: datetime | None  # None: when the matter closes


def monthly_report_due(received: datetime) -> datetime:
    """The monthly report is due by the 10th of the next month (rules C10, R1)."""
    year, month = (received.year, received.month + 1) if received.month < 12 \
        else (received.year + 1, 1)
    return datetime(year, month, 10, 23, 59, 59)


def notification_duties(severity: Severity, received: datetime,
                        calendar: WorkCalendar) -> list[Duty]:
    """The checklist of who must be told, with due times (rule C6)."""
    report = monthly_report_due(received)
    if severity is Severity.GENERAL:
        return [Duty("列入月度报告", report)]
    if severity is Severity.IMPORTANT:
        return [Duty("月度报告中单列，附处理情况", report)]
    if severity is Severity.HOT:
        return [Duty("3个工作日内报品质部", calendar.add_workdays(received, 3)),
                Duty("结案后向品质部提交专题报告", None)]
    return [Duty("立即报总部", received + timedelta(hours=1)),
            Duty("立即报品质部", received + timedelta(hours=1)),
            Duty("提交详细报告（原因分析、预防措施）", None)]


# --- clocks (rule C7) ----------------------------------------------------------------------

CONTACT_WITHIN = timedelta(hours=1)
ESCALATE_WITHIN = timedelta(hours=4)
ANSWER_WITHIN = timedelta(hours=4)


def fix_workdays(severity: Severity) -> int:
    return 1 if severity.urgent else 3


def visit_within(severity: Severity) -> timedelta:
    return timedelta(weeks=1) if severity.urgent else timedelta(weeks=2)


@dataclass(frozen=True)
class Clocks:
    contact_due: datetime           # reach the responsible supervisor
    escalate_due: datetime | None   # an unclassified matter goes up with a first opinion
    fix_due: datetime


def clocks(received: datetime, severity: Severity, resp_class: ResponsibilityClass,
           calendar: WorkCalendar) -> Clocks:
    """The deadlines of rule C7 from the moment of receipt."""
    escalate = received + ESCALATE_WITHIN if resp_class is ResponsibilityClass.PENDING else None
    return Clocks(received + CONTACT_WITHIN, escalate,
                  calendar.add_workdays(received, fix_workdays(severity)))


def visit_due(fixed_at: datetime, severity: Severity) -> datetime:
    """Return visit within 1 week after a 重大 fix, 2 weeks after a 一般 one (rule C7)."""
    return fixed_at + visit_within(severity)


# --- the flow (rule C8) ----------------------------------------------------------------------

class Step(ChoiceEnum):
    RECEIVE = "受理"
    HANDLE = "处理"
    ESCALATE = "上报"
    ANSWER = "上级答复"
    NOTIFY = "通报"
    FIX = "处理完毕"
    TELL = "告知投诉人"
    VISIT = "回访"
    FOLLOW_UP = "跟进（回访不满意）"
    CLOSE = "关闭"
    INVALID = "无效投诉"
    RAISE = "等级提升"
    LINK = "关联同一事项"
    CORRECT = "更正"
    NOTE = "备注"

    @classmethod
    def default_field(cls) -> str:
        return "处理步骤"


# which state each step may start from, and where it leads (None: the state stays)
TRANSITIONS: dict[Step, tuple[frozenset[State], State | None]] = {
    Step.HANDLE: (frozenset({State.RECEIVED, State.HANDLING}), State.HANDLING),
    Step.ESCALATE: (frozenset({State.RECEIVED, State.HANDLING}), State.HANDLING),
    Step.ANSWER: (frozenset({State.RECEIVED, State.HANDLING}), State.HANDLING),
    Step.FIX: (frozenset({State.RECEIVED, State.HANDLING}), State.FIXED),
    Step.TELL: (frozenset({State.FIXED}), None),
    Step.VISIT: (frozenset({State.FIXED}), State.VISITED),
    Step.CLOSE: (frozenset({State.VISITED}), State.CLOSED),
    Step.INVALID: (frozenset({State.RECEIVED, State.HANDLING}), State.INVALID),
}


def next_state(state: State, step: Step) -> State:
    """Where a step leads from ``state``; ValidationError for a step out of order (rule C8)."""
    allowed, target = TRANSITIONS.get(step, (frozenset(State), None))
    if state not in allowed:
        needs = "、".join(s.value for s in State if s in allowed)
        raise ValidationError(
            f"投诉现在是“{state.value}”，不能“{step.value}”（须在{needs}时）（规则C8）",
            field="处理步骤", rule="C8")
    return target or state


def after_visit(satisfaction: Satisfaction) -> State:
    """A C rating opens a follow-up: the matter goes back to 处理中 (rule C9)."""
    return State.HANDLING if satisfaction is Satisfaction.C else State.VISITED


# --- satisfaction (rule S2) ------------------------------------------------------------------

def satisfaction_rate(ratings: Iterable[Satisfaction | str | None]) -> float | None:
    """合格 ÷ (合格 + 不满意) × 100, to one decimal; unrated are left out; None when nothing
    was rated (S2). The formula itself lives in domain/satisfaction.py."""
    rate = s2_satisfaction(r.value if isinstance(r, Satisfaction) else r for r in ratings).rate
    return None if rate is None else round(rate, 1)


# --- scoring (rule C11) -------------------------------------------------------------------------

YUAN_PER_POINT = 50


@dataclass(frozen=True)
class ScoreItem:
    reason: str
    points: int


def score(*, attitude: int = 0, repeats: int = 0, matters_3plus: Iterable[int] = (),
          major: int = 0, praise: int = 0) -> list[ScoreItem]:
    """The office's points for a period (rule C11).

    ``repeats``: complaints repeated on a matter (each after the first); ``matters_3plus``:
    for each matter with 3 or more customers, how many: −5 for 3, one more per
    customer up to −8.
    """
    items: list[ScoreItem] = []
    if attitude:
        items.append(ScoreItem(f"工作态度投诉{attitude}宗", -2 * attitude))
    if repeats:
        items.append(ScoreItem(f"同一事项重复投诉{repeats}次", -4 * repeats))
    for n in matters_3plus:
        items.append(ScoreItem(f"{n}位客户投诉同一事项", -min(8, 5 + max(0, n - 3))))
    if major:
        items.append(ScoreItem(f"重大投诉{major}宗", -10 * major))
    if praise:
        items.append(ScoreItem(f"书面表扬{praise}次", 2 * praise))
    return items


def score_total(items: Iterable[ScoreItem]) -> tuple[int, int]:
    """(points, yuan) — 1 point = ¥50 (rule C11)."""
    points = sum(i.points for i in items)
    return points, points * YUAN_PER_POINT


# --- serials ---------------------------------------------------------------------------------

def serial_for(received: datetime | date, complaint_id: int) -> str:
    return f"{SERIAL_PREFIX}{received:%Y%m}{complaint_id:05d}"
