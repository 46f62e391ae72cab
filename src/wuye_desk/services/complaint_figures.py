"""Complaint figures for the reports and the overview (rules C10, C11, S2, R1).

Every function takes a period (`start`..`end`, both days included) of receipt,
except the satisfaction figure, which counts return visits made in the period.
SQL does the counting; nothing loads a year of complaints to count them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select

from wuye_desk.domain import units
from wuye_desk.domain.complaints import (
    ContentType,
    ResponsibilityClass,
    Severity,
    State,
    Subtopic,
    score,
    score_total,
)
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.satisfaction import satisfaction_of_counts
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import Complaint, ReturnVisit


def _range(start: date, end: date) -> tuple[datetime, datetime]:
    if start > end:
        raise ValidationError("开始日期不能晚于结束日期", field="日期")
    return datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())


def month_range(month: date) -> tuple[date, date]:
    """The first and last day of the month holding ``month``."""
    first = month.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, nxt - timedelta(days=1)


# --- counts -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Counts:
    start: date
    end: date
    total: int
    by_type: dict[str, int]
    by_subtopic: dict[str, int]      # 物业管理 only (rule C2)
    by_class: dict[str, int]
    by_severity: dict[str, int]
    by_state: dict[str, int]

    def lines(self) -> list[str]:
        def part(d: dict[str, int]) -> str:
            return "，".join(f"{k}{v}" for k, v in d.items() if v) or "无"
        return [f"投诉 {self.total} 宗", f"按类型：{part(self.by_type)}",
                f"物业管理子类：{part(self.by_subtopic)}", f"按责任：{part(self.by_class)}",
                f"按等级：{part(self.by_severity)}", f"按状态：{part(self.by_state)}"]


def _grouped(desk: Desk, column: Any, lo: datetime, hi: datetime, names: list[str],
             *extra: Any) -> dict[str, int]:
    with desk.read() as session:
        found: dict[Any, Any] = dict(session.execute(
            select(column, func.count()).where(Complaint.received_at >= lo,
                                               Complaint.received_at < hi, *extra)
            .group_by(column)).all())
    return {n: int(found.get(n, 0)) for n in names}


def counts(desk: Desk, start: date, end: date) -> Counts:
    """Counts by type, sub-topic, class, severity and state for complaints received in the
    period (rules C2–C4, C8, C10)."""
    lo, hi = _range(start, end)
    by_type = _grouped(desk, Complaint.content_type, lo, hi, [t.value for t in ContentType])
    by_sub = _grouped(desk, Complaint.subtopic, lo, hi, [s.value for s in Subtopic],
                      Complaint.content_type == ContentType.PROPERTY.value)
    by_class = _grouped(desk, Complaint.resp_class, lo, hi,
                        [c.value for c in ResponsibilityClass])
    by_sev = _grouped(desk, Complaint.severity, lo, hi, [s.value for s in Severity])
    by_state = _grouped(desk, Complaint.state, lo, hi, [s.value for s in State])
    return Counts(start, end, sum(by_type.values()), by_type, by_sub, by_class, by_sev,
                  by_state)


# --- on time (rule C7) ---------------------------------------------------------------------

@dataclass(frozen=True)
class OnTime:
    clock: str
    on_time: int
    due: int      # complaints whose clock has run out or been met

    @property
    def rate(self) -> float | None:
        return None if not self.due else round(self.on_time * 100 / self.due, 1)

    @property
    def text(self) -> str:
        rate = "—" if self.rate is None else f"{self.rate:.1f}%"
        return f"{self.clock}：{self.on_time}/{self.due}，及时率{rate}"


def on_time_rates(desk: Desk, start: date, end: date, now: datetime | None = None
                  ) -> list[OnTime]:
    """Per clock of rule C7: met on time ÷ (met + run out), for complaints received in the
    period (invalid ones left out). A clock still running is not counted yet."""
    lo, hi = _range(start, end)
    now = now or desk.now()
    base = (Complaint.received_at >= lo, Complaint.received_at < hi,
            Complaint.state != State.INVALID.value)

    def pair(done: Any, due: Any) -> tuple[Any, Any]:
        met = func.sum(case((and_(done.is_not(None), done <= due), 1), else_=0))
        counted = func.sum(case((done.is_not(None), 1), (due < now, 1), else_=0))
        return met, counted

    clocks = [("1小时内联系主管", Complaint.contacted_at, Complaint.contact_due),
              ("4小时内上报", Complaint.escalated_at, Complaint.escalate_due),
              ("4小时内答复", Complaint.answered_at, Complaint.answer_due),
              ("处理时限", Complaint.fixed_at, Complaint.fix_due),
              ("回访时限", Complaint.visited_at, Complaint.visit_due)]
    cols: list[Any] = []
    for _, done, due in clocks:
        met, counted = pair(done, due)
        cols += [met, counted]
    with desk.read() as session:
        row = session.execute(select(*cols).where(*base)).one()
    return [OnTime(name, int(row[2 * i] or 0), int(row[2 * i + 1] or 0))
            for i, (name, _, _) in enumerate(clocks)]


# --- satisfaction (rules C9, S2) ----------------------------------------------------------

@dataclass(frozen=True)
class SatisfactionFigures:
    a: int
    b: int
    c: int

    @property
    def rated(self) -> int:
        return self.a + self.b + self.c

    @property
    def rate(self) -> float | None:
        """Rule S2: (A + B) ÷ (A + B + C) × 100."""
        rate = satisfaction_of_counts({"A": self.a, "B": self.b, "C": self.c}).rate
        return None if rate is None else round(rate, 1)

    @property
    def text(self) -> str:
        rate = "—" if self.rate is None else f"{self.rate:.1f}%"
        return f"回访{self.rated}次：满意{self.a}，较满意{self.b}，不满意{self.c}，满意率{rate}"


def satisfaction(desk: Desk, start: date, end: date) -> SatisfactionFigures:
    """Return visits made in the period, by rating (rule S2)."""
    lo, hi = _range(start, end)
    with desk.read() as session:
        found = dict(session.execute(
            select(ReturnVisit.satisfaction, func.count())
            .where(ReturnVisit.visited_at >= lo, ReturnVisit.visited_at < hi)
            .group_by(ReturnVisit.satisfaction)).all())
    return SatisfactionFigures(int(found.get("A", 0)), int(found.get("B", 0)),
                               int(found.get("C", 0)))


# --- the register: complaints with their return visits -----------------------------------

@dataclass(frozen=True)
class VisitLine:
    visited_at: datetime
    visitor_name: str
    content: str
    result: str
    satisfaction: str


@dataclass(frozen=True)
class ComplaintLine:
    id: int
    serial: str
    received_at: datetime
    channel: str
    complainant: str
    unit: str
    phone: str               # in full: a register kept by the office
    content_type: str
    subtopic: str
    resp_class: str
    severity: str
    severity_reason: str
    handler: str
    description: str
    state: str
    fix_due: datetime
    fixed_at: datetime | None
    visit_due: datetime | None
    closed_at: datetime | None
    invalid_reason: str
    recurring: bool
    case_library: bool
    visits: list[VisitLine] = field(default_factory=list)


def complaints_in_period(desk: Desk, start: date, end: date, batch: int = 1000
                         ) -> Iterator[ComplaintLine]:
    """Every complaint received in the period, oldest first, with its return visits —
    a batch at a time (keyset on received_at, id)."""
    lo, hi = _range(start, end)
    after: tuple[datetime, int] | None = None
    while True:
        stmt = (select(Complaint).where(Complaint.received_at >= lo, Complaint.received_at < hi)
                .order_by(Complaint.received_at, Complaint.id).limit(batch))
        if after is not None:
            stmt = stmt.where((Complaint.received_at > after[0]) | and_(
                Complaint.received_at == after[0], Complaint.id > after[1]))
        with desk.read() as session:
            rows = session.scalars(stmt).all()
            if not rows:
                return
            visits: dict[int, list[VisitLine]] = {}
            for v in session.scalars(select(ReturnVisit).where(
                    ReturnVisit.complaint_id.in_([r.id for r in rows]))
                    .order_by(ReturnVisit.visited_at, ReturnVisit.id)):
                visits.setdefault(v.complaint_id, []).append(VisitLine(
                    v.visited_at, v.visitor_name, v.content, v.result, v.satisfaction))
            lines = [ComplaintLine(
                r.id, r.serial or "", r.received_at, r.channel,
                r.complainant_name or r.complainant_kind,
                units.parse_unit(r.unit_code).display if r.unit_code else "",
                r.complainant_phone, r.content_type, r.subtopic, r.resp_class, r.severity,
                r.severity_reason, r.handler, r.description, r.state, r.fix_due, r.fixed_at,
                r.visit_due, r.closed_at, r.invalid_reason, r.recurring, r.case_library,
                visits.get(r.id, [])) for r in rows]
        yield from lines
        last = rows[-1]
        after = (last.received_at, last.id)
        if len(rows) < batch:
            return


# --- rule C10: recurring matters, the case library, next month's return visits ---------------

def recurring(desk: Desk, start: date, end: date) -> list[ComplaintLine]:
    """Complaints flagged as recurring (a matter that came back), received in the period."""
    return [c for c in complaints_in_period(desk, start, end) if c.recurring]


def case_library(desk: Desk, limit: int = 500) -> list[tuple[int, str, str, str]]:
    """Closed complaints worth learning from: (id, serial, topic, description), newest first."""
    with desk.read() as session:
        rows = session.execute(
            select(Complaint.id, Complaint.serial, Complaint.content_type, Complaint.subtopic,
                   Complaint.description).where(Complaint.case_library.is_(True))
            .order_by(Complaint.closed_at.desc(), Complaint.id.desc()).limit(limit)).all()
    return [(r.id, r.serial or "", r.content_type + (f"/{r.subtopic}" if r.subtopic else ""),
             r.description) for r in rows]


@dataclass(frozen=True)
class Contact:
    name: str
    unit: str
    phone: str
    complaints: int


def return_visit_list(desk: Desk, month: date) -> list[Contact]:
    """The customers who gave feedback in ``month``: next month's return-visit list
    (rule C10). Anonymous complainants cannot be called and are left out."""
    start, end = month_range(month)
    lo, hi = _range(start, end)
    with desk.read() as session:
        rows = session.execute(
            select(Complaint.complainant_name, Complaint.unit_code, Complaint.complainant_phone,
                   func.count()).where(Complaint.received_at >= lo, Complaint.received_at < hi,
                                       Complaint.complainant_kind != "匿名")
            .group_by(Complaint.complainant_name, Complaint.unit_code,
                      Complaint.complainant_phone)
            .order_by(Complaint.unit_code, Complaint.complainant_name)).all()
    return [Contact(r[0], units.parse_unit(r[1]).display if r[1] else "", r[2], int(r[3]))
            for r in rows if r[2] or r[1]]


# --- rule C11: the office's score ----------------------------------------------------------------

def office_score(desk: Desk, start: date, end: date, praise: int = 0) -> tuple[list[str], int, int]:
    """The scoring of rule C11 for the period: (lines, points, yuan)."""
    lo, hi = _range(start, end)
    valid = (Complaint.received_at >= lo, Complaint.received_at < hi,
             Complaint.state != State.INVALID.value)
    with desk.read() as session:
        attitude = int(session.scalar(select(func.count()).where(
            *valid, Complaint.subtopic == Subtopic.ATTITUDE.value)) or 0)
        major = int(session.scalar(select(func.count()).where(
            *valid, Complaint.severity == Severity.MAJOR.value)) or 0)
        matter = func.coalesce(Complaint.matter_id, Complaint.id)
        sizes = [int(n) for _, n in session.execute(
            select(matter, func.count()).where(*valid).group_by(matter)
            .having(func.count() > 1)).all()]
    repeats = sum(n - 1 for n in sizes)
    items = score(attitude=attitude, repeats=repeats, matters_3plus=[n for n in sizes if n >= 3],
                  major=major, praise=praise)
    points, yuan = score_total(items)
    return [f"{i.reason}：{i.points:+d}分" for i in items], points, yuan


def weekly_summary(desk: Desk, any_day: date) -> list[str]:
    """Last week's complaints in a few lines, for the Monday summary (rule C10)."""
    monday = any_day - timedelta(days=any_day.weekday()) - timedelta(days=7)
    sunday = monday + timedelta(days=6)
    c = counts(desk, monday, sunday)
    return [f"{monday:%m月%d日}—{sunday:%m月%d日} 投诉汇总", *c.lines(),
            *(t.text for t in on_time_rates(desk, monday, sunday)),
            satisfaction(desk, monday, sunday).text]
