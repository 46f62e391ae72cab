"""Complaint intake and handling (rules C1–C10, G4).

A clerk's round:
1. `preview` while the form is filled: the proposed severity with its reason and the
   complaints of the same matter offered to link (same content type and sub-topic, same
   building, within one month);
2. `register_complaint` — with the links chosen: handler (C5), duties (C6) and clocks
   (C7) are set; three distinct complainants on one matter make all of them 热点; a
   complaint on a closed matter is 重要 and linked to it;
3. the steps — `handle`, `escalate`, `answer`, `notify_done`, `fix`, `tell`,
   `return_visit`, `close`, `mark_invalid`, `raise_severity` — each appended to the
   history with operator, time and note, nothing overwritten (G4); `correct` adds a
   correction pointing at the old entry;
4. `daily_check` raises what stayed unresolved through the office's fault (C4).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from wuye_desk import settings
from wuye_desk.domain import phones, search_text, units
from wuye_desk.domain.calendar import WorkCalendar, fallback_warning
from wuye_desk.domain.complaints import (
    ANSWER_WITHIN,
    OPEN_STATES,
    UNRESOLVED_STATES,
    Channel,
    ComplainantKind,
    ContentType,
    ResponsibilityClass,
    Satisfaction,
    Severity,
    SeverityFacts,
    State,
    Step,
    Subtopic,
    after_visit,
    check_raise,
    clean_block,
    clocks,
    handler_for,
    next_state,
    notification_duties,
    one_month_before,
    parse_people,
    propose_severity,
    serial_for,
    subtopic_for,
    time_based_raise,
    visit_due,
)
from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.operators import Permission
from wuye_desk.domain.privacy import mask_phone
from wuye_desk.domain.text import halfwidth, squeeze
from wuye_desk.domain.visitors import clean_text
from wuye_desk.services import office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.services.overview import OverviewLine
from wuye_desk.services.paging import ListQuery, ListRow, Tone
from wuye_desk.store import search_index
from wuye_desk.store.models import (
    Complaint,
    ComplaintDuty,
    ComplaintEvent,
    Household,
    ReturnVisit,
)

NO_DUE = datetime(9999, 12, 31)  # a closed complaint's "next deadline", so keyset paging has no NULLs
MAX_BACKDATE = timedelta(days=366)


def work_calendar(desk: Desk) -> WorkCalendar:
    """The office's working-day calendar (rule C7): the package plus the settings' dates."""
    holidays: list[str] = office_settings.get(desk, settings.EXTRA_HOLIDAYS)
    workdays: list[str] = office_settings.get(desk, settings.EXTRA_WORKDAYS)
    return WorkCalendar.from_settings(holidays, workdays)


def handler_table(desk: Desk) -> dict[str, str]:
    """The office's handler per severity (rule C5, settings.COMPLAINT_HANDLER_*)."""
    return {Severity.MAJOR.value: office_settings.get(desk, settings.COMPLAINT_HANDLER_MAJOR),
            Severity.HOT.value: office_settings.get(desk, settings.COMPLAINT_HANDLER_HOT),
            Severity.IMPORTANT.value: office_settings.get(desk,
                                                          settings.COMPLAINT_HANDLER_IMPORTANT),
            Severity.GENERAL.value: office_settings.get(desk, settings.COMPLAINT_HANDLER_GENERAL)}


def calendar_warning(desk: Desk, start: datetime, end: datetime) -> str:
    """Non-empty when a deadline falls in a year whose holidays nobody knows (rule C7)."""
    return fallback_warning(work_calendar(desk).unknown_years(start.date(), end.date()))


# --- input -------------------------------------------------------------------------------

@dataclass
class ComplaintInput:
    """What the clerk fills in; every value as typed."""

    channel: str = ""
    complainant_kind: str = "业户"
    household_id: int | None = None   # chosen with the household picker
    unit: str = ""                    # or typed; for others: where the matter is (optional)
    complainant_name: str = ""
    complainant_phone: str = ""
    content_type: str = ""
    subtopic: str = ""
    resp_class: str = "一类"
    description: str = ""
    people: int | str = 1
    litigation: bool = False
    media: bool = False
    risk: bool = False
    compensation: bool = False
    needs_help: bool = False
    office_fault: bool = True
    severity: str = ""                # the clerk's choice; empty: the proposal
    received_at: datetime | str | None = None  # a letter received earlier; None or "": now


@dataclass(frozen=True)
class CleanComplaint:
    channel: Channel
    kind: ComplainantKind
    household_id: int | None
    unit: units.Unit | None
    name: str
    phone: str
    content_type: ContentType
    subtopic: Subtopic | None
    resp_class: ResponsibilityClass
    description: str
    people: int
    received_at: datetime
    chosen: Severity | None


def clean(desk: Desk, session: Session, data: ComplaintInput) -> CleanComplaint:
    """Check the form (rules C1–C4, C8); ValidationError naming the field, nothing written."""
    now = desk.now()
    channel = Channel.parse(data.channel)
    kind = ComplainantKind.parse(data.complainant_kind or "业户")
    content = ContentType.parse(data.content_type)
    sub = subtopic_for(content, data.subtopic)
    resp = ResponsibilityClass.parse(data.resp_class or "一类")
    description = clean_block(data.description, "投诉内容", required=True)
    people = parse_people(data.people)
    received = _received(data.received_at, now)
    if received > now:
        raise ValidationError("受理时间不能晚于现在", field="受理时间")
    if received < now - MAX_BACKDATE:
        raise ValidationError("受理时间不能早于一年前", field="受理时间")
    name = clean_text(data.complainant_name, "投诉人", max_length=40)
    phone = (phones.normalize_phone(data.complainant_phone, field="联系电话")
             if squeeze(data.complainant_phone or "") else "")
    household_id: int | None = None
    unit = units.parse_unit(data.unit, field="房号") if squeeze(data.unit or "") else None
    if kind is ComplainantKind.RESIDENT:
        row: Household | None = None
        if data.household_id is not None:
            row = session.get(Household, data.household_id)
        elif unit is not None:
            row = session.scalar(select(Household).where(Household.unit_code == unit.code))
            if row is None:
                raise ValidationError(
                    f"档案中没有{unit.display}这户：如投诉人不是本小区业户，"
                    f"请将投诉人身份选为“非本小区/访客”", field="房号")
        if row is None:
            raise ValidationError("请选择投诉的业户（房号、姓名或电话），或将投诉人身份选为匿名、"
                                  "非本小区/访客", field="房号")
        household_id = row.id
        unit = units.parse_unit(row.unit_code)
        name = name or row.primary_name
        phone = phone or row.primary_phone
    elif kind is ComplainantKind.OUTSIDER and not name:
        raise ValidationError("请填写投诉人姓名（非本小区人员）", field="投诉人")
    chosen = Severity.parse(data.severity) if squeeze(data.severity or "") else None
    return CleanComplaint(channel, kind, household_id, unit, name, phone, content, sub, resp,
                          description, people, received, chosen)


def _received(value: datetime | str | None, now: datetime) -> datetime:
    """The moment of receipt: a datetime, text such as "2026-11-18 09:30", or now."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    text = " ".join(halfwidth(value or "").split())
    if not text:
        return now
    try:
        return datetime.fromisoformat(text.replace("/", "-")).replace(microsecond=0)
    except ValueError:
        raise ValidationError(f"受理时间“{text[:30]}”格式不对，应为 2026-11-18 09:30",
                              field="受理时间") from None


def _facts(data: ComplaintInput, people: int, complainants: int, repeat: bool
           ) -> SeverityFacts:
    return SeverityFacts(litigation=data.litigation, media=data.media, risk=data.risk,
                         people=people, same_matter_complainants=complainants,
                         repeat_of_closed=repeat, needs_help=data.needs_help,
                         compensation=data.compensation)


# --- the same matter --------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    id: int
    serial: str
    received_at: datetime
    unit: str
    complainant: str
    state: str
    severity: str
    description: str
    matter_id: int
    closed: bool

    @property
    def label(self) -> str:
        text = self.description.replace("\n", " ")
        return (f"{self.serial} {self.received_at:%m-%d} {self.unit} {self.complainant} "
                f"【{self.state}】{text[:30]}")


def _building(c: CleanComplaint) -> str | None:
    return c.unit.building if c.unit else None


def candidates(desk: Desk, content_type: str, subtopic: str, unit_or_building: str,
               at: datetime | None = None, exclude: int | None = None) -> list[Candidate]:
    """Complaints of the same content type and sub-topic in the same building within one
    month: offered to link as the same matter (rule C4). Closed ones too — a complaint on
    a closed matter is a repeat (重要)."""
    text = squeeze(unit_or_building or "")
    if not text or not squeeze(content_type or ""):
        return []
    try:
        content = ContentType.parse(content_type)
        sub = Subtopic.parse(subtopic) if squeeze(subtopic or "") else None
    except ValidationError:
        return []
    try:
        building = units.parse_unit(text).building
    except ValidationError:
        building = halfwidth(text).upper().rstrip("栋座号楼#")
    at = at or desk.now()
    stmt = (select(Complaint).where(
        Complaint.building == building, Complaint.content_type == content.value,
        Complaint.subtopic == (sub.value if sub else ""),
        Complaint.received_at >= one_month_before(at), Complaint.received_at <= at,
        Complaint.state != State.INVALID.value)
        .order_by(Complaint.received_at.desc(), Complaint.id.desc()).limit(50))
    if exclude is not None:
        stmt = stmt.where(Complaint.id != exclude)
    with desk.read() as session:
        rows = session.scalars(stmt).all()
        return [_candidate(r) for r in rows]


def _candidate(r: Complaint) -> Candidate:
    unit = units.parse_unit(r.unit_code).display if r.unit_code else (
        f"{r.building}栋" if r.building else "")
    return Candidate(r.id, r.serial or "", r.received_at, unit,
                     r.complainant_name or r.complainant_kind, r.state, r.severity,
                     r.description, r.matter_id or r.id, r.state == State.CLOSED.value)


def _complainant_key(r: Complaint) -> str:
    if r.household_id is not None:
        return f"h{r.household_id}"
    if r.complainant_phone:
        return f"p{r.complainant_phone}"
    if r.complainant_name and r.complainant_kind != ComplainantKind.ANONYMOUS.value:
        return f"n{r.complainant_name}"
    return f"c{r.id}"


def _matter_rows(session: Session, matter_ids: Iterable[int]) -> list[Complaint]:
    ids = set(matter_ids)
    if not ids:
        return []
    return list(session.scalars(select(Complaint).where(
        (Complaint.matter_id.in_(ids)) | (Complaint.id.in_(ids))).order_by(Complaint.id)))


def _distinct_within_month(rows: Sequence[Complaint], at: datetime) -> int:
    start = one_month_before(at)
    return len({_complainant_key(r) for r in rows
                if start <= r.received_at <= at and r.state != State.INVALID.value})


# --- preview and registering -----------------------------------------------------------------

@dataclass(frozen=True)
class Preview:
    severity: Severity
    reason: str
    handler: str
    candidates: list[Candidate]


def preview(desk: Desk, data: ComplaintInput, link_ids: Sequence[int] = ()) -> Preview:
    """The proposed severity with its reason and the candidates to link, while typing (C4)."""
    people = 1
    with contextlib.suppress(ValidationError):
        people = parse_people(data.people)
    unit_text = data.unit
    if data.household_id is not None:
        with desk.read() as session:
            row = session.get(Household, data.household_id)
            unit_text = units.parse_unit(row.unit_code).display if row else unit_text
    found = candidates(desk, data.content_type, data.subtopic, unit_text)
    complainants, repeat = 1, False
    if link_ids:
        with desk.read() as session:
            rows = _matter_rows(session, _matters_of(session, link_ids))
            keys = {_complainant_key(r) for r in rows
                    if r.received_at >= one_month_before(desk.now())
                    and r.state != State.INVALID.value}
            keys.add(f"h{data.household_id}" if data.household_id else "new")
            complainants = len(keys)
            repeat = any(r.state == State.CLOSED.value for r in rows)
    proposal = propose_severity(_facts(data, people, complainants, repeat))
    table = handler_table(desk)
    return Preview(proposal.severity, proposal.reason, handler_for(proposal.severity, table),
                   found)


def _matters_of(session: Session, link_ids: Sequence[int]) -> set[int]:
    out: set[int] = set()
    for cid in link_ids:
        row = session.get(Complaint, cid)
        if row is None:
            raise ValidationError(f"没有编号为{cid}的投诉可以关联", field="关联投诉")
        out.add(row.matter_id or row.id)
    return out


@dataclass(frozen=True)
class Registered:
    complaint_id: int
    serial: str
    severity: Severity
    reason: str
    handler: str
    fix_due: datetime
    raised: tuple[str, ...]     # serials of linked complaints raised to 热点 with it
    calendar_warning: str


def _event(session: Session, desk: Desk, complaint: Complaint, step: Step, note: str,
           corrects: int | None = None) -> ComplaintEvent:
    ev = ComplaintEvent(complaint_id=complaint.id, at=desk.now(), step=step.value,
                        operator_id=desk.operator.id, operator_name=desk.operator.name,
                        note=note, state_after=complaint.state, corrects_id=corrects)
    session.add(ev)
    return ev


def _next_due(c: Complaint) -> datetime:
    state = State(c.state)
    if state.unresolved:
        dues = [c.fix_due]
        if c.contacted_at is None:
            dues.append(c.contact_due)
        if c.escalate_due is not None and c.escalated_at is None:
            dues.append(c.escalate_due)
        if c.answer_due is not None and c.answered_at is None:
            dues.append(c.answer_due)
        return min(dues)
    if state is State.FIXED and c.visit_due is not None:
        return c.visit_due
    return NO_DUE


def _refresh(c: Complaint) -> None:
    c.is_open = State(c.state).open
    c.next_due = _next_due(c)


def _add_duties(session: Session, c: Complaint, severity: Severity, cal: WorkCalendar,
                since: datetime) -> None:
    have = set(session.scalars(select(ComplaintDuty.what)
                               .where(ComplaintDuty.complaint_id == c.id)))
    for d in notification_duties(severity, since, cal):                      # rule C6
        if d.what not in have:
            session.add(ComplaintDuty(complaint_id=c.id, what=d.what, due_at=d.due))


def _set_severity(session: Session, desk: Desk, c: Complaint, severity: Severity, reason: str,
                  cal: WorkCalendar) -> None:
    """Raise a complaint's severity, with a history entry (rule C4): handler and clocks follow."""
    old = c.severity
    c.severity = severity.value
    c.severity_reason = reason[:300]
    table = handler_table(desk)
    c.handler = handler_for(severity, table)                                 # rule C5
    c.fix_due = min(c.fix_due, clocks(c.received_at, severity, ResponsibilityClass(c.resp_class),
                                      cal).fix_due)
    if c.fixed_at is not None:
        c.visit_due = visit_due(c.fixed_at, severity)
    _refresh(c)
    _add_duties(session, c, severity, cal, desk.now())
    _event(session, desk, c, Step.RAISE, f"{old}→{severity.value}：{reason}；处理人：{c.handler}")


def _search(c: CleanComplaint, serial: str = "") -> str:
    return search_text.build(c.name, c.phone, c.unit.display if c.unit else "",
                             c.unit.code if c.unit else "", c.content_type.value,
                             c.subtopic.value if c.subtopic else "", c.description[:200],
                             names=(c.name,) if c.name else ())


def register_complaint(desk: Desk, data: ComplaintInput,
                       link_ids: Sequence[int] = ()) -> Registered:
    """Record a complaint (rules C1–C8): classified, severity proposed (the clerk may raise
    it), handler, duties and clocks set, the same matter linked."""
    desk.require(Permission.REGISTER)
    cal = work_calendar(desk)
    now = desk.now()
    with desk.write("受理投诉") as session:
        c = clean(desk, session, data)
        matters = _matters_of(session, link_ids)
        linked = _matter_rows(session, matters)
        closed = [r for r in linked if r.state == State.CLOSED.value]
        row = Complaint(
            received_at=c.received_at, channel=c.channel.value, complainant_kind=c.kind.value,
            household_id=c.household_id, unit_code=c.unit.code if c.unit else None,
            building=_building(c), complainant_name=c.name, complainant_phone=c.phone,
            content_type=c.content_type.value, subtopic=c.subtopic.value if c.subtopic else "",
            resp_class=c.resp_class.value, description=c.description, people=c.people,
            litigation=data.litigation, media=data.media, risk=data.risk,
            compensation=data.compensation, needs_help=data.needs_help,
            office_fault=data.office_fault, severity=Severity.GENERAL.value,
            proposed_severity=Severity.GENERAL.value, state=State.RECEIVED.value,
            is_open=True, contact_due=c.received_at, fix_due=c.received_at,
            search_text=_search(c))
        session.add(row)
        session.flush()
        row.serial = serial_for(c.received_at, row.id)
        matter = min(matters) if matters else row.id
        for r in linked:                                   # one matter: merge what was linked
            r.matter_id = matter
        row.matter_id = matter
        if closed:
            row.repeat_of_id = max(closed, key=lambda r: r.received_at).id
        everyone = [*linked, row]
        complainants = _distinct_within_month(everyone, c.received_at) if linked else 1
        proposal = propose_severity(_facts(data, c.people, complainants, bool(closed)))  # C4
        severity = check_raise(proposal.severity, c.chosen or proposal.severity)
        reason = proposal.reason if severity is proposal.severity else \
            f"受理人提高等级（建议：{proposal.severity.value}，{proposal.reason}）"
        row.proposed_severity = proposal.severity.value
        row.severity = severity.value
        row.severity_reason = reason[:300]
        table = handler_table(desk)
        row.handler = handler_for(severity, table)                           # rule C5
        k = clocks(c.received_at, severity, c.resp_class, cal)               # rule C7
        row.contact_due, row.escalate_due, row.fix_due = k.contact_due, k.escalate_due, k.fix_due
        _refresh(row)
        _add_duties(session, row, severity, cal, c.received_at)              # rule C6
        note = f"{c.channel.value}受理；等级{severity.value}（{reason}）；处理人：{row.handler}"
        if linked:
            note += "；关联同一事项：" + "、".join(r.serial or str(r.id) for r in linked)
        if closed:
            note += "；原事项已关闭，本次为再次投诉"
        _event(session, desk, row, Step.RECEIVE, note)
        raised: list[str] = []
        if complainants >= 3:                    # rule C4: all of the matter become 热点
            for r in linked:
                if State(r.state).open and Severity(r.severity).rank < Severity.HOT.rank:
                    _set_severity(session, desk, r, Severity.HOT,
                                  f"一个月内{complainants}位不同业主投诉同一事项", cal)
                    raised.append(r.serial or str(r.id))
        for r in linked:
            _event(session, desk, r, Step.LINK, f"新投诉{row.serial}关联为同一事项")
        if closed:                           # rule C10: a matter that comes back is flagged
            for r in everyone:
                r.recurring = True
        session.flush()
        return Registered(row.id, row.serial or "", severity, reason, row.handler, row.fix_due,
                          tuple(raised), calendar_warning(desk, now, row.fix_due))


# --- the steps ------------------------------------------------------------------------------

def _load(session: Session, complaint_id: int) -> Complaint:
    row = session.get(Complaint, complaint_id)
    if row is None:
        raise NotFound("找不到这条投诉")
    return row


def _note(text: str, *, required: bool = True, field: str = "说明") -> str:
    return clean_block(text, field, required=required, max_length=1000)


def _apply(session: Session, desk: Desk, complaint_id: int, step: Step, note: str) -> Complaint:
    c = _load(session, complaint_id)
    c.state = next_state(State(c.state), step).value                          # rule C8
    now = desk.now()
    if c.contacted_at is None and step in (Step.HANDLE, Step.ESCALATE, Step.FIX,
                                           Step.INVALID):
        c.contacted_at = now                                                  # rule C7
    _event(session, desk, c, step, note)
    return c


def handle(desk: Desk, complaint_id: int, note: str) -> None:
    """A handling step: the supervisor reached, work under way (rules C7, C8)."""
    desk.require(Permission.HANDLE_COMPLAINT)
    text = _note(note)
    with desk.write("投诉处理") as session:
        c = _apply(session, desk, complaint_id, Step.HANDLE, text)
        _refresh(c)


def escalate(desk: Desk, complaint_id: int, note: str, to: str = "") -> None:
    """Go up with a first opinion (rule C7: within 4 hours when it cannot be classified);
    a compensation claim is escalated (rule C8)."""
    desk.require(Permission.HANDLE_COMPLAINT)
    text = _note(note, field="初步意见")
    target = clean_text(to, "上报对象", max_length=40)
    with desk.write("投诉上报") as session:
        c = _apply(session, desk, complaint_id, Step.ESCALATE,
                   f"上报{target}：{text}" if target else text)
        c.escalated_at = c.escalated_at or desk.now()
        if c.answered_at is None:                       # rule C7: the answer within 4 hours
            c.answer_due = c.answer_due or desk.now() + ANSWER_WITHIN
        _refresh(c)


def answer(desk: Desk, complaint_id: int, note: str, resp_class: str = "") -> None:
    """The answer from above (within 4 hours, rule C7), possibly classifying the matter (C3)."""
    desk.require(Permission.HANDLE_COMPLAINT)
    text = _note(note, field="答复")
    with desk.write("投诉上级答复") as session:
        c = _load(session, complaint_id)
        if squeeze(resp_class or ""):
            new = ResponsibilityClass.parse(resp_class)
            if new.value != c.resp_class:
                text += f"；责任类别 {c.resp_class}→{new.value}"
                c.resp_class = new.value
        c = _apply(session, desk, complaint_id, Step.ANSWER, text)
        c.escalated_at = c.escalated_at or desk.now()
        c.answered_at = c.answered_at or desk.now()
        _refresh(c)


def fix(desk: Desk, complaint_id: int, note: str) -> datetime:
    """The matter is dealt with; the return-visit clock starts (rule C7). Returns its due time."""
    desk.require(Permission.HANDLE_COMPLAINT)
    text = _note(note, field="处理结果")
    with desk.write("投诉处理完毕") as session:
        c = _apply(session, desk, complaint_id, Step.FIX, text)
        c.fixed_at = desk.now()
        c.visit_due = visit_due(c.fixed_at, Severity(c.severity))
        _refresh(c)
        return c.visit_due


def tell(desk: Desk, complaint_id: int, note: str) -> None:
    """The complainant is told the result (rule C8)."""
    desk.require(Permission.REGISTER)
    text = _note(note, field="告知情况")
    with desk.write("告知投诉人处理结果") as session:
        c = _apply(session, desk, complaint_id, Step.TELL, text)
        c.told_at = desk.now()


@dataclass
class VisitInput:
    """回访记录 (rule C9)."""

    content: str = ""
    result: str = ""
    satisfaction: str = ""
    visitor_name: str = ""   # who made the visit; empty: the operator
    method: str = "电话"


def return_visit(desk: Desk, complaint_id: int, data: VisitInput) -> State:
    """Record the return visit (rule C9); a C reopens the matter as a follow-up.

    Returns the state the complaint is in afterwards.
    """
    desk.require(Permission.REGISTER)
    content = _note(data.content, field="回访内容")
    result = _note(data.result, field="回访结果")
    rating = Satisfaction.parse(data.satisfaction)
    visitor = clean_text(data.visitor_name, "回访人", max_length=40) or desk.operator.name
    method = clean_text(data.method, "回访方式", max_length=10) or "电话"
    cal = work_calendar(desk)
    with desk.write("投诉回访") as session:
        c = _load(session, complaint_id)
        if c.told_at is None and State(c.state) is State.FIXED:
            raise ValidationError("请先告知投诉人处理结果，再回访（规则C8）",
                                  field="处理步骤", rule="C8")
        _apply(session, desk, complaint_id, Step.VISIT,
               f"{rating.value} {rating.label}：{result}")
        now = desk.now()
        session.add(ReturnVisit(complaint_id=c.id, visited_at=now, method=method,
                                visitor_name=visitor, content=content, result=result,
                                satisfaction=rating.value))
        c.visited_at = now
        c.satisfaction = rating.value
        state = after_visit(rating)                                            # rule C9
        if state is State.HANDLING:
            c.state = state.value
            c.follow_ups += 1
            c.fixed_at = None
            c.told_at = None
            c.visit_due = None
            c.fix_due = cal.add_workdays(now, 3 if not Severity(c.severity).urgent else 1)
            _event(session, desk, c, Step.FOLLOW_UP, "回访不满意，重新跟进处理（规则C9）")
        _refresh(c)
        return State(c.state)


def close(desk: Desk, complaint_id: int, note: str = "", *, case_library: bool = False) -> None:
    """Close after a satisfied return visit; worth learning from → the case library (C10)."""
    desk.require(Permission.HANDLE_COMPLAINT)
    text = _note(note, required=False) or "结案"
    with desk.write("投诉关闭") as session:
        c = _apply(session, desk, complaint_id, Step.CLOSE,
                   text + ("；收入案例库" if case_library else ""))
        c.closed_at = desk.now()
        c.case_library = case_library
        _refresh(c)


def mark_invalid(desk: Desk, complaint_id: int, explanation: str) -> None:
    """An invalid complaint is kept as such, with the explanation given (rule C1)."""
    desk.require(Permission.HANDLE_COMPLAINT)
    text = _note(explanation, field="解释说明")
    with desk.write("无效投诉") as session:
        c = _apply(session, desk, complaint_id, Step.INVALID, text)
        c.invalid_reason = text
        c.closed_at = desk.now()
        _refresh(c)


def raise_severity(desk: Desk, complaint_id: int, severity: str, reason: str) -> None:
    """The clerk raises the severity (never lowers it, rule C4)."""
    desk.require(Permission.HANDLE_COMPLAINT)
    new = Severity.parse(severity)
    text = _note(reason, field="提高原因")
    with desk.write("提高投诉等级") as session:
        c = _load(session, complaint_id)
        if not State(c.state).open:
            raise ValidationError("已关闭或无效的投诉不能再提高等级", field="投诉等级")
        if new.rank <= Severity(c.severity).rank:
            raise ValidationError(f"投诉已是“{c.severity}”，只能提高（规则C4）",
                                  field="投诉等级", rule="C4")
        _set_severity(session, desk, c, new, text, work_calendar(desk))


def notify_done(desk: Desk, duty_id: int, note: str = "") -> None:
    """Tick a line of the notification checklist (rule C6)."""
    desk.require(Permission.REGISTER)
    text = _note(note, required=False)
    with desk.write("投诉通报") as session:
        duty = session.get(ComplaintDuty, duty_id)
        if duty is None:
            raise NotFound("找不到这项通报")
        if duty.done_at is not None:
            raise ValidationError(f"“{duty.what}”已于{duty.done_at:%m-%d %H:%M}完成",
                                  field="通报")
        duty.done_at = desk.now()
        duty.done_by = desk.operator.name
        duty.note = text[:500]
        c = _load(session, duty.complaint_id)
        _event(session, desk, c, Step.NOTIFY, duty.what + (f"：{text}" if text else ""))


def add_note(desk: Desk, complaint_id: int, note: str) -> None:
    desk.require(Permission.REGISTER)
    text = _note(note)
    with desk.write("投诉备注") as session:
        c = _load(session, complaint_id)
        _event(session, desk, c, Step.NOTE, text)


def correct(desk: Desk, event_id: int, note: str) -> None:
    """A correction is a new entry pointing at the old one; the old stays visible (G4)."""
    desk.require(Permission.REGISTER)
    text = _note(note, field="更正内容")
    with desk.write("更正投诉记录") as session:
        old = session.get(ComplaintEvent, event_id)
        if old is None:
            raise NotFound("找不到要更正的记录")
        c = _load(session, old.complaint_id)
        _event(session, desk, c, Step.CORRECT, text, corrects=old.id)


def set_case_library(desk: Desk, complaint_id: int, on: bool) -> None:
    """A closed complaint worth learning from goes to the case library (rule C10)."""
    desk.require(Permission.HANDLE_COMPLAINT)
    with desk.write("投诉案例库") as session:
        c = _load(session, complaint_id)
        if c.state != State.CLOSED.value:
            raise ValidationError("只有已关闭的投诉可以收入案例库（规则C10）", field="案例库",
                                  rule="C10")
        c.case_library = on
        _event(session, desk, c, Step.NOTE, "收入案例库" if on else "移出案例库")


# --- the daily check (rule C4) -------------------------------------------------------------

def daily_check(desk: Desk) -> str:
    """Time-based raises: unresolved one week → 热点, one month → 重大, when the office is at
    fault; each recorded in the complaint's history. A line for the status bar."""
    now = desk.now()
    cutoff = now - timedelta(days=7)
    cal = work_calendar(desk)
    raised: list[str] = []
    with desk.write("投诉等级每日检查") as session:
        rows = session.scalars(select(Complaint).where(
            Complaint.state.in_(UNRESOLVED_STATES), Complaint.office_fault.is_(True),
            Complaint.received_at <= cutoff,
            Complaint.severity != Severity.MAJOR.value)).all()
        for c in rows:
            up = time_based_raise(Severity(c.severity), c.received_at, now,
                                  office_fault=c.office_fault, state=State(c.state))
            if up is not None:
                _set_severity(session, desk, c, up.severity, up.reason, cal)
                raised.append(f"{c.serial}→{up.severity.value}")
    if not raised:
        return ""
    return f"投诉超期自动升级{len(raised)}宗：" + "、".join(raised[:10]) + (
        "……" if len(raised) > 10 else "")


# --- reading one complaint -------------------------------------------------------------------

@dataclass(frozen=True)
class EventView:
    id: int
    at: datetime
    step: str
    operator: str
    note: str
    state_after: str
    corrects_id: int | None


@dataclass(frozen=True)
class DutyView:
    id: int
    what: str
    due: datetime | None
    done_at: datetime | None
    done_by: str
    overdue: bool


@dataclass(frozen=True)
class VisitView:
    id: int
    visited_at: datetime
    method: str
    visitor_name: str
    content: str
    result: str
    satisfaction: str


@dataclass(frozen=True)
class ComplaintView:
    id: int
    serial: str
    received_at: datetime
    channel: str
    complainant_kind: str
    household_id: int | None
    unit: str
    complainant_name: str
    complainant_phone: str     # masked on screen (rule G3)
    content_type: str
    subtopic: str
    resp_class: str
    description: str
    people: int
    flags: tuple[str, ...]
    severity: str
    proposed_severity: str
    severity_reason: str
    handler: str
    state: str
    contact_due: datetime
    escalate_due: datetime | None
    fix_due: datetime
    fixed_at: datetime | None
    told_at: datetime | None
    visit_due: datetime | None
    visited_at: datetime | None
    satisfaction: str
    closed_at: datetime | None
    invalid_reason: str
    matter_id: int
    repeat_of_id: int | None
    case_library: bool
    recurring: bool
    follow_ups: int
    operator_name: str
    events: list[EventView] = field(default_factory=list)
    duties: list[DutyView] = field(default_factory=list)
    visits: list[VisitView] = field(default_factory=list)
    matter: list[Candidate] = field(default_factory=list)
    overdue: tuple[str, ...] = ()

    @property
    def topic(self) -> str:
        return self.content_type + (f"/{self.subtopic}" if self.subtopic else "")


def _flags(c: Complaint) -> tuple[str, ...]:
    pairs = ((c.litigation, "已诉讼"), (c.media, "媒体曝光"), (c.risk, "可能诉讼/曝光"),
             (c.compensation, "索赔"), (c.needs_help, "需协助"),
             (not c.office_fault, "非管理处责任"))
    return tuple(t for on, t in pairs if on)


def overdue_clocks(c: Complaint, now: datetime) -> tuple[str, ...]:
    """Which clocks of rule C7 have run out."""
    out = []
    state = State(c.state)
    if c.contacted_at is None and state.unresolved and now > c.contact_due:
        out.append("1小时内联系主管")
    if c.escalate_due and c.escalated_at is None and state.unresolved and now > c.escalate_due:
        out.append("4小时内上报")
    if c.answer_due and c.answered_at is None and state.unresolved and now > c.answer_due:
        out.append("4小时内答复")
    if state.unresolved and now > c.fix_due:
        out.append("处理时限")
    if state is State.FIXED and c.visit_due and now > c.visit_due:
        out.append("回访时限")
    return tuple(out)


def get_complaint(desk: Desk, complaint_id: int, *, reveal_phone: bool = False
                  ) -> ComplaintView:
    now = desk.now()
    with desk.read() as session:
        c = _load(session, complaint_id)
        from wuye_desk.store.models import Operator

        op = session.get(Operator, c.created_by) if c.created_by else None
        events = [EventView(e.id, e.at, e.step, e.operator_name, e.note, e.state_after,
                            e.corrects_id) for e in session.scalars(
            select(ComplaintEvent).where(ComplaintEvent.complaint_id == c.id)
            .order_by(ComplaintEvent.id))]
        duties = [DutyView(d.id, d.what, d.due_at, d.done_at, d.done_by,
                           d.done_at is None and d.due_at is not None and now > d.due_at)
                  for d in session.scalars(select(ComplaintDuty).where(
                      ComplaintDuty.complaint_id == c.id).order_by(ComplaintDuty.id))]
        visits = [VisitView(v.id, v.visited_at, v.method, v.visitor_name, v.content, v.result,
                            v.satisfaction) for v in session.scalars(
            select(ReturnVisit).where(ReturnVisit.complaint_id == c.id)
            .order_by(ReturnVisit.id))]
        matter = [_candidate(r) for r in _matter_rows(session, [c.matter_id or c.id])
                  if r.id != c.id]
        unit = units.parse_unit(c.unit_code).display if c.unit_code else ""
        return ComplaintView(
            c.id, c.serial or "", c.received_at, c.channel, c.complainant_kind, c.household_id,
            unit, c.complainant_name,
            c.complainant_phone if reveal_phone else mask_phone(c.complainant_phone),
            c.content_type, c.subtopic, c.resp_class, c.description, c.people, _flags(c),
            c.severity, c.proposed_severity, c.severity_reason, c.handler, c.state,
            c.contact_due, c.escalate_due, c.fix_due, c.fixed_at, c.told_at, c.visit_due,
            c.visited_at, c.satisfaction, c.closed_at, c.invalid_reason,
            c.matter_id or c.id, c.repeat_of_id, c.case_library, c.recurring, c.follow_ups,
            op.name if op else "", events, duties, visits, matter, overdue_clocks(c, now))


def find_by_serial(desk: Desk, serial: str) -> int:
    text = halfwidth(serial or "").strip().upper()
    if text.isdigit():
        with desk.read() as session:
            if session.get(Complaint, int(text)) is not None:
                return int(text)
    with desk.read() as session:
        found = session.scalar(select(Complaint.id).where(Complaint.serial == text))
    if found is None:
        raise ValidationError(f"没有编号为“{text[:30]}”的投诉", field="投诉编号")
    return int(found)


# --- lists -------------------------------------------------------------------------------------

LIST_HEADERS = ("编号", "受理时间", "投诉人", "房号", "类型", "等级", "状态", "处理人",
                "下一时限", "内容")


@dataclass
class ComplaintFilter:
    open_only: bool = True            # open ones by nearest deadline; else newest first
    state: str | None = None
    severity: str | None = None
    content_type: str | None = None
    building: str | None = None
    month: date | None = None         # any day of the month
    overdue: bool = False
    text: str = ""


_LIST_COLUMNS = (Complaint.id, Complaint.serial, Complaint.received_at,
                 Complaint.complainant_name, Complaint.complainant_kind, Complaint.unit_code,
                 Complaint.building, Complaint.content_type, Complaint.subtopic,
                 Complaint.severity, Complaint.state, Complaint.handler, Complaint.next_due,
                 Complaint.description, Complaint.severity_reason)


def _month_range(d: date) -> tuple[datetime, datetime]:
    start = datetime(d.year, d.month, 1)
    end = datetime(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return start, end


def list_query(desk: Desk, f: ComplaintFilter | None = None) -> ListQuery:
    """Complaints a page at a time: open ones by nearest deadline (overdue in red), or all
    newest first; filters by state, severity, type, building, month, overdue."""
    f = f or ComplaintFilter()
    now = desk.now()
    where: list[Any] = []
    if f.state:
        state = State.parse(f.state)
        where.append(Complaint.state == state.value)
        if not state.open:
            f.open_only = False
    if f.open_only:
        where.append(Complaint.is_open.is_(True))
    if f.severity:
        where.append(Complaint.severity == Severity.parse(f.severity).value)
    if f.content_type:
        where.append(Complaint.content_type == ContentType.parse(f.content_type).value)
    if f.building:
        where.append(Complaint.building == halfwidth(f.building).strip().upper()
                     .rstrip("栋座号楼#"))
    if f.month:
        start, end = _month_range(f.month)
        where += [Complaint.received_at >= start, Complaint.received_at < end]
    if f.overdue:
        where += [Complaint.is_open.is_(True), Complaint.next_due < now]
    words = [w for w in (f.text or "").split() if w]
    if words:
        where.append(search_index.matches(Complaint.id, Complaint.search_text, "complaint",
                                          " ".join(words), sqlite=desk.db.is_sqlite))

    def to_row(r: Row[Any]) -> ListRow:
        unit = units.parse_unit(r.unit_code).display if r.unit_code else ""
        due = "" if r.next_due is None or r.next_due >= NO_DUE else f"{r.next_due:%m-%d %H:%M}"
        if r.next_due is not None and r.next_due < NO_DUE and now > r.next_due:
            tone = Tone.OVERDUE
        elif r.state in (State.CLOSED.value, State.INVALID.value):
            tone = Tone.DONE
        elif r.next_due is not None and r.next_due.date() == now.date():
            tone = Tone.DUE
        elif r.severity in (Severity.MAJOR.value, Severity.HOT.value):
            tone = Tone.WARNING
        else:
            tone = Tone.NORMAL
        topic = r.content_type + (f"/{r.subtopic}" if r.subtopic else "")
        text = r.description.replace("\n", " ")
        return ListRow(r.id, (r.serial or "", f"{r.received_at:%Y-%m-%d %H:%M}",
                              r.complainant_name or r.complainant_kind, unit, topic,
                              r.severity, r.state, r.handler, due, text[:40]),
                       tone, f"{r.severity}：{r.severity_reason}")

    if f.open_only:
        return ListQuery(desk, LIST_HEADERS, select(*_LIST_COLUMNS),
                         [Complaint.next_due, Complaint.id], to_row, where=where)
    return ListQuery(desk, LIST_HEADERS, select(*_LIST_COLUMNS),
                     [Complaint.received_at, Complaint.id], to_row, descending=True,
                     where=where)


def buildings(desk: Desk) -> list[str]:
    with desk.read() as session:
        rows = session.scalars(select(Complaint.building).where(Complaint.building.is_not(None))
                               .distinct()).all()
    return sorted((b for b in rows if b), key=lambda b: (not b.isdigit(), b.zfill(4)))


# --- the overview --------------------------------------------------------------------------------

OVERVIEW_LIMIT = 30


def overview_lines(desk: Desk) -> list[OverviewLine]:
    """Complaint clocks due today or overdue, and notification duties due (rules C6, C7)."""
    now = desk.now()
    end_of_day = datetime.combine(now.date(), time.max)
    with desk.read() as session:
        rows = session.execute(select(*_LIST_COLUMNS).where(
            Complaint.is_open.is_(True), Complaint.next_due <= end_of_day)
            .order_by(Complaint.next_due, Complaint.id).limit(OVERVIEW_LIMIT + 1)).all()
        duties = session.execute(
            select(ComplaintDuty.id, ComplaintDuty.what, ComplaintDuty.due_at,
                   Complaint.id.label("cid"), Complaint.serial)
            .join(Complaint, Complaint.id == ComplaintDuty.complaint_id)
            .where(ComplaintDuty.done_at.is_(None), ComplaintDuty.due_at <= end_of_day,
                   ComplaintDuty.what.not_like("%月度报告%"))  # the month-end report does these
            .order_by(ComplaintDuty.due_at).limit(OVERVIEW_LIMIT)).all()
    lines = []
    for r in rows[:OVERVIEW_LIMIT]:
        late = now > r.next_due
        what = {State.FIXED.value: "回访"}.get(r.state, "处理")
        lines.append(OverviewLine(
            "投诉", Tone.OVERDUE if late else Tone.DUE, r.next_due,
            f"{r.serial} {r.severity} {r.complainant_name or r.complainant_kind} "
            f"{r.content_type}：{what}时限{r.next_due:%m-%d %H:%M}" + ("，已超时" if late else ""),
            tab="complaints", record_id=r.id))
    if len(rows) > OVERVIEW_LIMIT:
        lines.append(OverviewLine("投诉", Tone.OVERDUE, None,
                                  "……还有更多投诉到期，请看投诉受理的列表", tab="complaints"))
    for d in duties:
        late = d.due_at is not None and now > d.due_at
        lines.append(OverviewLine(
            "投诉", Tone.OVERDUE if late else Tone.DUE, d.due_at,
            f"{d.serial} 通报：{d.what}" + ("，已超时" if late else ""),
            tab="complaints", record_id=d.cid))
    return lines


def count_open(desk: Desk) -> int:
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(Complaint)
                                  .where(Complaint.state.in_(OPEN_STATES))) or 0)
