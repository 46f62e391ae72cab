"""The complaint register (客户投诉登记表) and its return visits (投诉回访记录表) as
registers (rules R2, C8, C9, G3).

A complaint's return visits are rows of their own, as goods passes are beside the visit
log: the visits register names each visit's complaint by its 投诉单号, and counts the
visits *made* in the period (the S2 figure of the monthly report counts the same rows).
Import the complaints first, then their visits.

Importing a complaint writes it as it stands in the file, with its clocks (rule C7; a
blank contact or escalation deadline is worked out again from the receipt time);
its history starts with one entry saying it came from a file (rule G4); the notification
checklist of rule C6 is not rebuilt (what was told, and when, is not in the register).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from wuye_desk.domain import phones, search_text, units
from wuye_desk.domain.complaints import (
    MAX_DESCRIPTION,
    MAX_NOTE,
    Channel,
    ComplainantKind,
    ContentType,
    ResponsibilityClass,
    Satisfaction,
    Severity,
    State,
    Step,
    clocks,
    parse_people,
    serial_for,
    subtopic_for,
)
from wuye_desk.domain.errors import FileRejected, RowProblem, ValidationError
from wuye_desk.domain.plain_text import has_control_chars
from wuye_desk.domain.visitors import clean_text
from wuye_desk.exports.xlsx import SheetRow, cell_text
from wuye_desk.services.complaints import _refresh, work_calendar
from wuye_desk.services.desk import Desk
from wuye_desk.services.register_cells import (
    household_ids,
    masked_or,
    read_datetime,
    read_past_datetime,
    read_yes,
    unique_serials,
    unit_display,
    yes,
)
from wuye_desk.services.registers import Importer, Register, RegisterColumn, bounds, counted_by, per_row
from wuye_desk.store.audit import write_entries
from wuye_desk.store.models import Complaint, ComplaintEvent, ReturnVisit

BATCH = 1000

# --- the complaint register ----------------------------------------------------------------

COMPLAINT_COLUMNS = (
    RegisterColumn("投诉单号", 15), RegisterColumn("受理时间", 16, "datetime"),
    RegisterColumn("受理渠道", 8), RegisterColumn("投诉人身份", 9), RegisterColumn("投诉人", 8),
    RegisterColumn("房号", 12), RegisterColumn("联系电话", 13, "masked_phone"),
    RegisterColumn("投诉类型", 9), RegisterColumn("子类", 10), RegisterColumn("责任类别", 7),
    RegisterColumn("人数", 5, "int"), RegisterColumn("等级", 6), RegisterColumn("定级理由", 24),
    RegisterColumn("处理人", 10), RegisterColumn("投诉内容", 36), RegisterColumn("状态", 7),
    RegisterColumn("联系主管时限", 16, "datetime"), RegisterColumn("联系主管", 16, "datetime"),
    RegisterColumn("上报时限", 16, "datetime"), RegisterColumn("上报", 16, "datetime"),
    RegisterColumn("答复时限", 16, "datetime"), RegisterColumn("上级答复", 16, "datetime"),
    RegisterColumn("处理时限", 16, "datetime"), RegisterColumn("处理完成", 16, "datetime"),
    RegisterColumn("告知投诉人", 16, "datetime"), RegisterColumn("回访时限", 16, "datetime"),
    RegisterColumn("最近回访", 16, "datetime"), RegisterColumn("满意度", 7),
    RegisterColumn("关闭时间", 16, "datetime"), RegisterColumn("无效原因", 20),
    RegisterColumn("重复投诉", 6), RegisterColumn("案例库", 6),
)

_COMPLAINT_FIELDS = (
    Complaint.id, Complaint.serial, Complaint.received_at, Complaint.channel,
    Complaint.complainant_kind, Complaint.complainant_name, Complaint.unit_code,
    Complaint.complainant_phone, Complaint.content_type, Complaint.subtopic,
    Complaint.resp_class, Complaint.people, Complaint.severity, Complaint.severity_reason,
    Complaint.handler, Complaint.description, Complaint.state, Complaint.contact_due,
    Complaint.contacted_at, Complaint.escalate_due, Complaint.escalated_at,
    Complaint.answer_due, Complaint.answered_at, Complaint.fix_due,
    Complaint.fixed_at, Complaint.told_at, Complaint.visit_due, Complaint.visited_at,
    Complaint.satisfaction, Complaint.closed_at, Complaint.invalid_reason, Complaint.recurring,
    Complaint.case_library,
)


def _rating_label(letter: str | None) -> str:
    return Satisfaction(letter).label if letter else ""


def complaint_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    """Complaints received in [start, end], oldest first, a batch at a time."""
    lo, hi = bounds(start, end)
    after: tuple[datetime, int] | None = None
    while True:
        query = select(*_COMPLAINT_FIELDS).where(Complaint.received_at >= lo,
                                                 Complaint.received_at < hi)
        if after is not None:                       # the (received_at, id) index
            query = query.where((Complaint.received_at > after[0])
                                | ((Complaint.received_at == after[0])
                                   & (Complaint.id > after[1])))
        query = query.order_by(Complaint.received_at, Complaint.id).limit(BATCH)
        with desk.read() as session:
            batch = session.execute(query).all()
        for r in batch:
            yield (r.serial or "", r.received_at, r.channel, r.complainant_kind,
                   r.complainant_name, unit_display(r.unit_code), r.complainant_phone,
                   r.content_type, r.subtopic, r.resp_class, r.people, r.severity,
                   r.severity_reason, r.handler, r.description, r.state, r.contact_due,
                   r.contacted_at, r.escalate_due, r.escalated_at, r.answer_due, r.answered_at,
                   r.fix_due, r.fixed_at,
                   r.told_at, r.visit_due, r.visited_at, _rating_label(r.satisfaction),
                   r.closed_at, r.invalid_reason, yes(r.recurring), yes(r.case_library))
        if len(batch) < BATCH:
            return
        after = (batch[-1].received_at, batch[-1].id)


complaint_count = counted_by(Complaint.received_at)


def _kept(value: Any, field: str, *, required: bool = False, max_length: int = MAX_NOTE
          ) -> str:
    """Free text as the office wrote it (full-width punctuation kept): only checked."""
    text = cell_text(value).replace("\r\n", "\n").strip()
    if not text:
        if required:
            raise ValidationError(f"请填写{field}", field=field)
        return ""
    if len(text) > max_length:
        raise ValidationError(f"{field}太长：最多{max_length}个字，您填了{len(text)}个",
                              field=field)
    if has_control_chars(text.replace("\n", " ")):
        raise ValidationError(f"{field}里有无法显示的字符，请重新输入", field=field)
    return text


def _when(v: dict[str, Any], header: str, received: datetime, now: datetime
          ) -> datetime | None:
    moment = read_datetime(v.get(header), header, required=False)
    if moment is not None and not received <= moment <= now:
        raise ValidationError(f"{header}应在受理时间之后、现在之前", field=header)
    return moment


def parse_complaint(desk: Desk, v: dict[str, Any]) -> dict[str, Any]:
    now = desk.now()
    received = read_past_datetime(v.get("受理时间"), "受理时间", now)
    channel = Channel.parse(cell_text(v.get("受理渠道")), field="受理渠道")
    kind = ComplainantKind.parse(cell_text(v.get("投诉人身份")), field="投诉人身份")
    name = clean_text(cell_text(v.get("投诉人")), "投诉人", max_length=40)
    unit_text = cell_text(v.get("房号"))
    unit = units.parse_unit(unit_text, field="房号") if unit_text else None
    if kind is ComplainantKind.RESIDENT and unit is None:
        raise ValidationError("业户投诉须有房号", field="房号")
    phone_text = cell_text(v.get("联系电话"))
    phone = "" if not phone_text else masked_or(
        phone_text, "联系电话", lambda t: phones.normalize_phone(t, field="联系电话"))[0]
    content = ContentType.parse(cell_text(v.get("投诉类型")), field="投诉类型")
    subtopic = subtopic_for(content, cell_text(v.get("子类")))                # rule C2
    resp_class = ResponsibilityClass.parse(cell_text(v.get("责任类别")), field="责任类别")
    severity = Severity.parse(cell_text(v.get("等级")), field="等级")
    state = State.parse(cell_text(v.get("状态")), field="状态")
    fix_due = read_datetime(v.get("处理时限"), "处理时限", required=True)
    assert fix_due is not None
    fixed_at = _when(v, "处理完成", received, now)
    dues = {key: read_datetime(v.get(header), header, required=False)       # rule C7
            for key, header in (("contact_due", "联系主管时限"), ("escalate_due", "上报时限"),
                                ("answer_due", "答复时限"))}
    done = {key: _when(v, header, received, now)
            for key, header in (("contacted_at", "联系主管"), ("escalated_at", "上报"),
                                ("answered_at", "上级答复"))}
    told_at = _when(v, "告知投诉人", received, now)
    visited_at = _when(v, "最近回访", received, now)
    closed_at = _when(v, "关闭时间", received, now)
    visit_due = read_datetime(v.get("回访时限"), "回访时限", required=False)
    rating_text = cell_text(v.get("满意度"))
    rating = Satisfaction.parse(rating_text, field="满意度").value if rating_text else ""
    invalid_reason = _kept(v.get("无效原因"), "无效原因")
    if state is State.CLOSED and closed_at is None:                          # rule C8
        raise ValidationError("状态为已关闭，但没有关闭时间", field="关闭时间")
    if state.open and closed_at is not None:
        raise ValidationError(f"状态为{state.value}，不应有关闭时间", field="关闭时间")
    if state is State.INVALID and not invalid_reason:
        raise ValidationError("状态为无效，但没有无效原因", field="无效原因")
    if state in (State.FIXED, State.VISITED) and fixed_at is None:
        raise ValidationError(f"状态为{state.value}，但没有处理完成时间", field="处理完成")
    description = _kept(v.get("投诉内容"), "投诉内容", required=True,
                        max_length=MAX_DESCRIPTION)
    return {
        "serial": cell_text(v.get("投诉单号")) or None, "received_at": received,
        "channel": channel.value, "complainant_kind": kind.value, "complainant_name": name,
        "unit_code": unit.code if unit else None, "building": unit.building if unit else None,
        "complainant_phone": phone, "content_type": content.value,
        "subtopic": subtopic.value if subtopic else "", "resp_class": resp_class.value,
        "people": parse_people(cell_text(v.get("人数")) or "1"),
        "severity": severity.value, "proposed_severity": severity.value,
        "severity_reason": _kept(v.get("定级理由"), "定级理由", max_length=300),
        "handler": _kept(v.get("处理人"), "处理人", max_length=40),
        "description": description, "state": state.value, **dues, **done, "fix_due": fix_due,
        "fixed_at": fixed_at, "told_at": told_at, "visit_due": visit_due,
        "visited_at": visited_at, "satisfaction": rating, "closed_at": closed_at,
        "invalid_reason": invalid_reason,
        "recurring": bool(read_yes(v.get("重复投诉"), "重复投诉")),
        "case_library": bool(read_yes(v.get("案例库"), "案例库")),
        "search_text": search_text.build(
            name, phone if "*" not in phone else "", unit.display if unit else "",
            unit.code if unit else "", content.value, subtopic.value if subtopic else "",
            description[:200], names=(name,) if name else ()),
    }


def check_complaints(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    values = per_row(parse_complaint)(desk, rows)
    unique_serials(desk, rows, values, Complaint)
    return values


def save_complaints(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    homes = household_ids(desk, {v["unit_code"] for v in values if v["unit_code"]})
    cal = work_calendar(desk)
    now = desk.now()
    with desk.write(action) as session:
        for v in values:
            k = clocks(v["received_at"], Severity(v["severity"]),                # rule C7
                       ResponsibilityClass(v["resp_class"]), cal)
            fields = {**v, "contact_due": v["contact_due"] or k.contact_due,
                      "escalate_due": v["escalate_due"] or k.escalate_due}
            row = Complaint(**fields, household_id=homes.get(v["unit_code"] or ""),
                            created_at=now, created_by=desk.operator.id, version=1)
            _refresh(row)
            session.add(row)
            session.flush()
            row.matter_id = row.id
            if row.serial is None:
                row.serial = serial_for(row.received_at, row.id)
            session.add(ComplaintEvent(                                        # rule G4
                complaint_id=row.id, at=now, step=Step.NOTE.value, operator_id=desk.operator.id,
                operator_name=desk.operator.name, note=f"自登记表导入（{action}）",
                state_after=row.state))
        write_entries(session, [("complaint", "import", "insert", None,
                                 {"count": len(values), "action": action})])
    return len(values)


COMPLAINTS = Register(
    name="complaints", title="客户投诉登记表", columns=COMPLAINT_COLUMNS, rows=complaint_rows,
    count=complaint_count, importer=Importer(check_complaints, save_complaints),
    area="投诉受理")


# --- return visits (rule C9) -----------------------------------------------------------------

VISIT_COLUMNS = (
    RegisterColumn("投诉单号", 15), RegisterColumn("回访时间", 16, "datetime"),
    RegisterColumn("回访方式", 7), RegisterColumn("回访人", 8), RegisterColumn("房号", 12),
    RegisterColumn("投诉人", 8), RegisterColumn("回访内容", 24), RegisterColumn("回访结果", 30),
    RegisterColumn("满意度", 7),
)


def visit_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    """Return visits made in [start, end], oldest first, with their complaint's serial."""
    lo, hi = bounds(start, end)
    after: tuple[datetime, int] | None = None
    while True:
        query = (select(ReturnVisit.id, ReturnVisit.visited_at, ReturnVisit.method,
                        ReturnVisit.visitor_name, ReturnVisit.content, ReturnVisit.result,
                        ReturnVisit.satisfaction, Complaint.serial, Complaint.unit_code,
                        Complaint.complainant_name)
                 .join(Complaint, Complaint.id == ReturnVisit.complaint_id)
                 .where(ReturnVisit.visited_at >= lo, ReturnVisit.visited_at < hi))
        if after is not None:                      # the (visited_at, id) index
            query = query.where((ReturnVisit.visited_at > after[0])
                                | ((ReturnVisit.visited_at == after[0])
                                   & (ReturnVisit.id > after[1])))
        query = query.order_by(ReturnVisit.visited_at, ReturnVisit.id).limit(BATCH)
        with desk.read() as session:
            batch = session.execute(query).all()
        for r in batch:
            yield (r.serial or "", r.visited_at, r.method, r.visitor_name,
                   unit_display(r.unit_code), r.complainant_name, r.content, r.result,
                   _rating_label(r.satisfaction))
        if len(batch) < BATCH:
            return
        after = (batch[-1].visited_at, batch[-1].id)


visit_count = counted_by(ReturnVisit.visited_at)


def check_visits(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    serials = {cell_text(r.values.get("投诉单号")) for r in rows} - {""}
    known: dict[str, tuple[int, datetime]] = {}
    wanted = sorted(serials)
    with desk.read() as session:
        for i in range(0, len(wanted), 500):
            known.update((s or "", (cid, at)) for s, cid, at in session.execute(
                select(Complaint.serial, Complaint.id, Complaint.received_at)
                .where(Complaint.serial.in_(wanted[i:i + 500]))))
    now = desk.now()
    problems: list[RowProblem] = []
    values: list[dict[str, Any]] = []
    seen: dict[tuple[str, datetime], int] = {}
    for row in rows:
        v = row.values
        try:
            serial = cell_text(v.get("投诉单号"))
            if not serial:
                raise ValidationError("请填写投诉单号", field="投诉单号")
            if serial not in known:
                raise ValidationError(f"投诉单号{serial}不在系统中，请先导入投诉登记表",
                                      field="投诉单号")
            cid, received = known[serial]
            at = read_datetime(v.get("回访时间"), "回访时间", required=True)
            assert at is not None
            if not received <= at <= now:
                raise ValidationError("回访时间应在受理时间之后、现在之前", field="回访时间")
            if (serial, at) in seen:
                raise ValidationError(f"与第{seen[serial, at]}行是同一次回访", field="回访时间")
            seen[serial, at] = row.number
            values.append({
                "complaint_id": cid, "visited_at": at,
                "method": clean_text(cell_text(v.get("回访方式")), "回访方式",
                                     max_length=10) or "电话",
                "visitor_name": clean_text(cell_text(v.get("回访人")), "回访人",
                                           required=True, max_length=40),
                "content": _kept(v.get("回访内容"), "回访内容", required=True),
                "result": _kept(v.get("回访结果"), "回访结果", required=True),
                "satisfaction": Satisfaction.parse(cell_text(v.get("满意度")),
                                                   field="满意度").value,
            })
        except ValidationError as exc:
            problems.append(RowProblem(row.number, exc.message))
    if not problems:
        ids = sorted({value["complaint_id"] for value in values})
        made: set[tuple[int, datetime]] = set()
        with desk.read() as session:
            for i in range(0, len(ids), 500):
                made.update((c, at) for c, at in session.execute(
                    select(ReturnVisit.complaint_id, ReturnVisit.visited_at)
                    .where(ReturnVisit.complaint_id.in_(ids[i:i + 500]))))
        problems += [RowProblem(row.number, "这次回访已在系统中")
                     for row, value in zip(rows, values, strict=True)
                     if (value["complaint_id"], value["visited_at"]) in made]
    if problems:
        raise FileRejected(f"有 {len(problems)} 行有问题，整个文件未导入：", problems)
    return values


def save_visits(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    now = desk.now()
    with desk.write(action) as session:
        for v in values:
            session.add(ReturnVisit(**v, created_at=now, created_by=desk.operator.id))
        write_entries(session, [("return_visit", "import", "insert", None,
                                 {"count": len(values), "action": action})])
    return len(values)


COMPLAINT_VISITS = Register(
    name="complaint-visits", title="投诉回访记录表", columns=VISIT_COLUMNS, rows=visit_rows,
    count=visit_count, importer=Importer(check_visits, save_visits), area="投诉受理")
