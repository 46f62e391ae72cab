"""The visitor log (rules V1–V4, G3, G5): register, call the host, let in or refuse, see out.

A clerk's round at the desk:
1. `returning_visitor` — the ID number typed, the form is pre-filled from the last visit;
2. `watch_warnings` — a match on the office's watch list is shown before the host is called;
3. `host_contact` — the host's phones from the archive, to call;
4. `register_visit` — with the host's answer: consent lets the visitor in and gives a
   slip number; a refusal (or no answer) is kept as a refused visit, without a slip;
5. `record_exit` — the slip scanned back on the way out.

Night registrations (between settings NIGHT_START_HOUR and NIGHT_END_HOUR) are made
under the duty manager (rule G5): a duty manager (物业总值) registering is recorded as
the one responsible; anyone else at the desk at night must name the duty manager
on duty, who is recorded with the visit.

Full ID numbers are shown only on an explicit, recorded request (rule G3) and kept
only for VISITOR_ID_RETENTION_DAYS; `purge_expired_ids` then masks them in the
database itself.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, or_, select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from wuye_desk import settings
from wuye_desk.domain import ids, phones, search_text, units
from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.operators import Permission, Role
from wuye_desk.domain.privacy import mask_id, mask_phone
from wuye_desk.domain.text import halfwidth, shown, squeeze
from wuye_desk.domain.visitors import (
    MAX_NAME,
    MAX_PEOPLE,
    VISIT_PREFIX,
    HostAnswer,
    VisitStatus,
    admits,
    clean_text,
    is_night,
    read_serial,
    serial_for,
    stay_text,
    validate_plate,
)
from wuye_desk.services import office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.services.overview import OverviewLine
from wuye_desk.services.paging import ListQuery, ListRow, Tone
from wuye_desk.store import search_index
from wuye_desk.store.audit import record_view, write_entries
from wuye_desk.store.models import Household, Operator, Visit, WatchEntry

log = logging.getLogger(__name__)

DUTY_FIELD = "值班总值"


# --- input ------------------------------------------------------------------------

@dataclass
class VisitInput:
    """What the clerk fills in; every value as typed."""

    visitor_name: str = ""
    id_type: str = "居民身份证"
    id_number: str = ""
    phone: str = ""
    people: int | str = 1
    plate: str = ""
    purpose: str = ""
    host_unit: str = ""          # a unit of the compound ("3栋2单元1502") — or
    host_department: str = ""    # a department or company ("工程部", "A座1203 华信公司")
    host_name: str = ""
    host_position: str = ""
    host_phone: str = ""         # the number the desk called
    host_answer: str = ""        # 同意 / 拒绝 / 联系不上 (rules V3, V4)
    answered_by: str = ""        # who answered the call
    duty_manager_id: int | None = None  # at night, when the clerk is not the duty manager (G5)


@dataclass(frozen=True)
class CleanVisit:
    visitor_name: str
    id_type: str
    id_number: str
    phone: str
    people: int
    plate: str
    purpose: str
    host_unit: units.Unit | None
    host_department: str
    host_name: str
    host_position: str
    host_phone: str
    host_answer: HostAnswer
    answered_by: str


def _name(value: str, field: str, rule: str | None = None) -> str:
    return clean_text(value, field, required=True, max_length=MAX_NAME, rule=rule)


def _people(value: int | str) -> int:
    text = halfwidth(str(value)) if value is not None else ""
    if not text:
        return 1
    if not text.isdigit():
        raise ValidationError(f"人数应为数字，您填的是“{shown(text)}”", field="人数")
    count = int(text)
    if not 1 <= count <= MAX_PEOPLE:
        raise ValidationError(f"人数应在1到{MAX_PEOPLE}之间", field="人数")
    return count


def clean_visitor(data: VisitInput, today: date) -> dict[str, Any]:
    """The visitor's part of the form (rule V1); ValidationError naming the field."""
    name = _name(data.visitor_name, "访客姓名", "V1")
    id_type = ids.id_type_of_label(data.id_type or "居民身份证").value       # rule V1
    id_number = ids.validate_id(id_type, data.id_number, field="证件号码", today=today)
    phone = phones.normalize_phone(data.phone, field="访客电话")
    plate = validate_plate(data.plate, field="车牌号") if squeeze(data.plate or "") else ""
    return {"visitor_name": name, "id_type": id_type, "id_number": id_number, "phone": phone,
            "people": _people(data.people), "plate": plate,
            "purpose": clean_text(data.purpose, "来访事由")}


def clean(data: VisitInput, today: date) -> CleanVisit:
    """Check a registration against rules V1–V3; raise ValidationError naming the field."""
    visitor = clean_visitor(data, today)
    # rule V2: the host's unit or department, name and position
    unit = units.parse_unit(data.host_unit, field="被访房号") if squeeze(data.host_unit) else None
    department = clean_text(data.host_department, "被访单位/部门")
    if unit is None and not department:
        raise ValidationError("请填写被访房号或被访单位/部门（规则V2）", field="被访房号",
                              rule="V2")
    host_name = _name(data.host_name, "被访人姓名", "V2")
    position = clean_text(data.host_position, "被访人职位")
    if not position and unit is None:
        raise ValidationError("请填写被访人职位（规则V2）", field="被访人职位", rule="V2")
    host_phone = (phones.normalize_phone(data.host_phone, field="被访人电话")
                  if squeeze(data.host_phone or "") else "")
    # rule V3: the desk has called the host and records the answer and who gave it
    if not squeeze(data.host_answer or ""):
        raise ValidationError("请先联系被访人，并选择被访人的答复：同意、拒绝或联系不上（规则V3）",
                              field="被访人答复", rule="V3")
    answer = HostAnswer.parse(data.host_answer)
    answered_by = clean_text(data.answered_by, "接听人", max_length=MAX_NAME)
    if answer is not HostAnswer.NO_ANSWER and not answered_by:
        raise ValidationError("请填写接电话的人（被访人本人或其家人、同事）（规则V3）",
                              field="接听人", rule="V3")
    return CleanVisit(host_unit=unit, host_department=department, host_name=host_name,
                      host_position=position, host_phone=host_phone, host_answer=answer,
                      answered_by=answered_by, **visitor)


# --- night duty (rule G5) ---------------------------------------------------------

@dataclass(frozen=True)
class DutyManager:
    id: int
    name: str


def night_now(desk: Desk, at: datetime | None = None) -> bool:
    """Whether the desk's clock is in the night hours (rule G5)."""
    start = office_settings.get(desk, settings.NIGHT_START_HOUR)
    end = office_settings.get(desk, settings.NIGHT_END_HOUR)
    return is_night(at or desk.now(), start, end)


def duty_managers(desk: Desk) -> list[DutyManager]:
    """The operators who may answer for a night registration (role 物业总值), by name."""
    with desk.read() as session:
        rows = session.execute(
            select(Operator.id, Operator.name)
            .where(Operator.role == Role.DUTY_MANAGER.value, Operator.active.is_(True))
            .order_by(Operator.name)).all()
    return [DutyManager(r.id, r.name) for r in rows]


def night_duty(desk: Desk, session: Session, duty_manager_id: int | None
               ) -> tuple[bool, DutyManager | None]:
    """(night?, the duty manager answering for it); ValidationError naming rule G5.

    Shared by every registration of the desk at night (visits and goods passes).
    """
    if not night_now(desk):
        return False, None
    op = desk.operator
    if op.role is Role.DUTY_MANAGER and op.id is not None:
        return True, DutyManager(op.id, op.name)
    if duty_manager_id is None:
        raise ValidationError(
            f"晚{office_settings.get(desk, settings.NIGHT_START_HOUR)}点后的登记由物业总值负责，"
            f"请选择当班的物业总值（规则G5）", field=DUTY_FIELD, rule="G5")
    row = session.get(Operator, duty_manager_id)
    if row is None or row.role != Role.DUTY_MANAGER.value or not row.active:
        raise ValidationError("所选的人不是在职的物业总值，请重新选择（规则G5）",
                              field=DUTY_FIELD, rule="G5")
    return True, DutyManager(row.id, row.name)


# --- the host and the archive ----------------------------------------------------------

@dataclass(frozen=True)
class HostPhone:
    name: str
    role: str   # 业主 / 租户 / 家属 / 紧急联系人
    phone: str  # in full: the desk has to dial it


@dataclass(frozen=True)
class HostContact:
    household_id: int
    unit_code: str
    unit_display: str
    occupancy: str
    phones: tuple[HostPhone, ...]


def host_contact(desk: Desk, unit_text: str) -> HostContact:
    """The phones to call for a host unit, from the archive (rule V3)."""
    unit = units.parse_unit(unit_text, field="被访房号")
    with desk.read() as session:
        row = session.scalar(select(Household).where(Household.unit_code == unit.code))
        if row is None:
            raise ValidationError(f"档案中没有{unit.display}这户，请核对被访房号（规则V2）",
                                  field="被访房号", rule="V2")
        numbers: list[HostPhone] = []
        if row.primary_phone:
            numbers.append(HostPhone(row.primary_name, row.tenure, row.primary_phone))
        for m in row.members:
            if m.phone and m.phone != row.primary_phone:
                numbers.append(HostPhone(m.name, m.role, m.phone))
        return HostContact(row.id, row.unit_code, unit.display, row.occupancy, tuple(numbers))


def _host_position(session: Session, household_id: int, host_name: str) -> str:
    """For a household host the position is the host's standing in the archive."""
    row = session.get(Household, household_id)
    assert row is not None
    for m in row.members:
        if m.name == host_name:
            return m.role
    return "住户"


# --- the watch list (a warning before the host is called) -------------------------------

@dataclass(frozen=True)
class WatchHit:
    entry_id: int
    matched_on: str   # 姓名 / 证件号码
    note: str

    @property
    def text(self) -> str:
        return f"关注名单（按{self.matched_on}匹配）：{self.note}"


def watch_warnings(desk: Desk, name: str = "", id_type: str = "", id_number: str = ""
                   ) -> list[WatchHit]:
    """Entries of the office's watch list matching this visitor, by name or ID number."""
    name = " ".join(halfwidth(name or "").split())
    number = ""
    if squeeze(id_number or ""):
        try:
            number = ids.validate_id(id_type or "居民身份证", id_number, today=desk.now().date())
        except ValidationError:
            number = squeeze(id_number).upper()
    conds = []
    if name:
        conds.append(WatchEntry.name == name)
    if number:
        conds.append(WatchEntry.id_number == number)
    if not conds:
        return []
    with desk.read() as session:
        rows = session.execute(select(WatchEntry.id, WatchEntry.name, WatchEntry.id_number,
                                      WatchEntry.note)
                               .where(WatchEntry.active.is_(True), or_(*conds))
                               .order_by(WatchEntry.id)).all()
    return [WatchHit(r.id, "证件号码" if number and r.id_number == number else "姓名", r.note)
            for r in rows]


# --- registering ------------------------------------------------------------------------

@dataclass(frozen=True)
class Registered:
    visit_id: int
    admitted: bool          # False: refused (rule V4), no slip
    serial: str | None      # the slip's number when admitted
    night: bool
    duty_manager: str
    warnings: tuple[WatchHit, ...]


def visit_search_text(visitor_name: str, phone: str, plate: str, host_name: str,
                      host_department: str, host_unit: units.Unit | None) -> str:
    """What the list's search box finds a visit by (domain/search_text.py): names and
    their pinyin initials, phone, plate, host place. Never the ID number (rule G3)."""
    return search_text.build(visitor_name, phone, plate, host_name, host_department,
                             host_unit.display if host_unit else "",
                             host_unit.code if host_unit else "",
                             names=(visitor_name, host_name))


def register_visit(desk: Desk, data: VisitInput) -> Registered:
    """Record a visit with the host's answer (rules V1–V4, G5).

    Consent → the visitor is inside, with a slip number; refusal or no answer →
    a refused visit is kept (rule V4) and no slip is issued.
    """
    desk.require(Permission.REGISTER)
    now = desk.now()
    c = clean(data, now.date())
    warnings = watch_warnings(desk, c.visitor_name, c.id_type, c.id_number)
    admitted = admits(c.host_answer)
    verdict = "准入" if admitted else "未准入"
    with desk.write(f"访客登记（{verdict}）{c.visitor_name}") as session:
        night, duty = night_duty(desk, session, data.duty_manager_id)         # rule G5
        household_id = None
        if c.host_unit is not None:
            household_id = session.scalar(
                select(Household.id).where(Household.unit_code == c.host_unit.code))
            if household_id is None:                                          # rule V2
                raise ValidationError(
                    f"档案中没有{c.host_unit.display}这户，请核对被访房号（规则V2）",
                    field="被访房号", rule="V2")
        position = c.host_position or (_host_position(session, household_id, c.host_name)
                                       if household_id else "")
        visit = Visit(
            status=(VisitStatus.INSIDE if admitted else VisitStatus.REFUSED).value,
            arrived_at=now, visitor_name=c.visitor_name, id_type=c.id_type,
            id_number=c.id_number, id_purged=False, phone=c.phone, people=c.people,
            plate=c.plate, purpose=c.purpose,
            host_unit_code=c.host_unit.code if c.host_unit else None,
            host_household_id=household_id, host_department=c.host_department,
            host_name=c.host_name, host_position=position, host_phone=c.host_phone,
            host_answer=c.host_answer.value, answered_by=c.answered_by,
            watch_note="；".join(w.note for w in warnings),
            night=night, duty_manager_id=duty.id if duty else None,
            duty_manager_name=duty.name if duty else "",
            exit_note="", search_text=visit_search_text(
                c.visitor_name, c.phone, c.plate, c.host_name, c.host_department, c.host_unit))
        session.add(visit)
        session.flush()
        if admitted:                                                          # rule V3
            visit.serial = serial_for(VISIT_PREFIX, now, visit.id)
        return Registered(visit.id, admitted, visit.serial, night,
                          duty.name if duty else "", tuple(warnings))


# --- seeing a visitor out ------------------------------------------------------------------

def record_exit(desk: Desk, serial_text: str, *, host_signed: bool, slip_returned: bool,
                note: str = "") -> VisitView:
    """The visitor leaves: the slip's number scanned or typed (rule V3)."""
    desk.require(Permission.REGISTER)
    serial = read_serial(serial_text, VISIT_PREFIX)
    note = clean_text(note, "备注", max_length=200)
    if not slip_returned and not note:
        raise ValidationError("访客登记单上联未交回，请在备注中写明原因（规则V3）",
                              field="备注", rule="V3")
    now = desk.now()
    with desk.write(f"访客离开 {serial}") as session:
        visit = session.scalar(select(Visit).where(Visit.serial == serial))
        if visit is None:
            raise ValidationError(f"没有单号为{serial}的访客登记，请核对", field="登记单号")
        if visit.status == VisitStatus.LEFT.value:
            assert visit.left_at is not None
            raise ValidationError(
                f"{visit.visitor_name}已于{visit.left_at:%m月%d日 %H:%M}登记离开，不能重复登记",
                field="登记单号", rule="V3")
        if visit.status != VisitStatus.INSIDE.value:
            raise ValidationError("这次来访未获准入，没有离开可登记", field="登记单号")
        visit.status = VisitStatus.LEFT.value
        visit.left_at = max(now, visit.arrived_at)
        visit.host_signed = host_signed
        visit.slip_returned = slip_returned
        visit.exit_by = desk.operator.id
        visit.exit_note = note
        session.flush()
        return _view(visit, reveal=False, now=now)


# --- reading one visit ----------------------------------------------------------------------

@dataclass(frozen=True)
class VisitView:
    id: int
    serial: str | None
    status: str
    arrived_at: datetime
    left_at: datetime | None
    visitor_name: str
    id_type: str
    id_number: str       # masked unless revealed (rule G3)
    id_purged: bool
    phone: str
    people: int
    plate: str
    purpose: str
    host_unit: str       # Chinese form, "" for a department
    host_unit_code: str | None
    host_department: str
    host_name: str
    host_position: str
    host_phone: str
    host_answer: str
    answered_by: str
    watch_note: str
    night: bool
    duty_manager_name: str
    host_signed: bool | None
    slip_returned: bool | None
    exit_note: str
    operator_name: str
    stay_minutes: int | None

    @property
    def host_place(self) -> str:
        return " ".join(p for p in (self.host_unit, self.host_department) if p)


def _minutes(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def _view(v: Visit, *, reveal: bool, now: datetime, operator_name: str = "") -> VisitView:
    unit = units.parse_unit(v.host_unit_code).display if v.host_unit_code else ""
    number = v.id_number if reveal or v.id_purged else mask_id(v.id_number)
    stay = None
    if v.status != VisitStatus.REFUSED.value:
        stay = _minutes(v.arrived_at, v.left_at or now)
    return VisitView(
        v.id, v.serial, v.status, v.arrived_at, v.left_at, v.visitor_name, v.id_type, number,
        v.id_purged, v.phone, v.people, v.plate, v.purpose, unit, v.host_unit_code,
        v.host_department, v.host_name, v.host_position, v.host_phone, v.host_answer,
        v.answered_by, v.watch_note, v.night, v.duty_manager_name, v.host_signed,
        v.slip_returned, v.exit_note, operator_name, stay)


def get_visit(desk: Desk, visit_id: int, *, reveal_id: bool = False) -> VisitView:
    """One visit; the full ID number only with Permission.REVEAL_ID, and the look is
    recorded in the audit trail (rule G3)."""
    if reveal_id:
        desk.require(Permission.REVEAL_ID)
    with desk.read() as session:
        v = session.get(Visit, visit_id)
        if v is None:
            raise NotFound("找不到这条访客登记")
        op = session.get(Operator, v.created_by) if v.created_by else None
        view = _view(v, reveal=reveal_id, now=desk.now(), operator_name=op.name if op else "")
    if reveal_id:
        with desk.write("查看访客完整证件号") as session:
            what = "完整证件号" if not view.id_purged else "证件号（已过保留期，仅存遮挡号）"
            record_view(session, "visit", visit_id, what)                    # rule G3
    return view


def find_by_serial(desk: Desk, serial_text: str) -> VisitView:
    serial = read_serial(serial_text, VISIT_PREFIX)
    with desk.read() as session:
        v = session.scalar(select(Visit).where(Visit.serial == serial))
        if v is None:
            raise ValidationError(f"没有单号为{serial}的访客登记，请核对", field="登记单号")
        return _view(v, reveal=False, now=desk.now())


def returning_visitor(desk: Desk, id_type: str, id_number: str) -> VisitInput | None:
    """The form pre-filled from this visitor's last visit, recognised by ID number.

    Works within the retention period only: older numbers are masked (rule G3).
    The answer of the host is never carried over: the host is called each time (V3).
    """
    number = ids.validate_id(id_type or "居民身份证", id_number, field="证件号码",
                             today=desk.now().date())
    with desk.read() as session:
        v = session.scalar(select(Visit).where(Visit.id_number == number,
                                               Visit.id_purged.is_(False))
                           .order_by(Visit.arrived_at.desc(), Visit.id.desc()).limit(1))
        if v is None:
            return None
        unit = units.parse_unit(v.host_unit_code).display if v.host_unit_code else ""
        return VisitInput(visitor_name=v.visitor_name, id_type=v.id_type, id_number=number,
                          phone=v.phone, people=v.people, plate=v.plate, purpose=v.purpose,
                          host_unit=unit, host_department=v.host_department,
                          host_name=v.host_name, host_position=v.host_position)


# --- lists ---------------------------------------------------------------------------------

LIST_HEADERS = ("单号", "到访时间", "访客", "证件号", "人数", "车牌", "被访", "被访人", "状态",
                "离开时间", "停留")
INSIDE_HEADERS = ("单号", "到访时间", "停留", "访客", "人数", "被访", "被访人", "电话", "值班总值")


@dataclass
class VisitFilter:
    date_from: date | None = None
    date_to: date | None = None       # inclusive
    status: str | None = None         # 在访 / 已离开 / 未准入
    host_unit: str = ""
    text: str = ""


_LIST_COLUMNS = (Visit.id, Visit.serial, Visit.status, Visit.arrived_at, Visit.left_at,
                 Visit.visitor_name, Visit.id_number, Visit.id_purged, Visit.phone, Visit.people,
                 Visit.plate, Visit.host_unit_code, Visit.host_department, Visit.host_name,
                 Visit.watch_note, Visit.night, Visit.duty_manager_name, Visit.slip_returned)


def _host_place(r: Any) -> str:
    unit = units.display_of(r.host_unit_code) if r.host_unit_code else ""
    return " ".join(p for p in (unit, r.host_department) if p)


def closing_time(desk: Desk, day: date) -> datetime:
    """When the desk closes on `day`: the start of the night hours (rule G5)."""
    return datetime.combine(day, time(office_settings.get(desk, settings.NIGHT_START_HOUR)))


def _after_closing(arrived: datetime, now: datetime, closing_hour: int) -> bool:
    return now >= datetime.combine(arrived.date(), time(closing_hour))


def _tone(r: Row[Any], now: datetime, closing_hour: int) -> Tone:
    if r.status == VisitStatus.REFUSED.value:
        return Tone.WARNING
    if r.status == VisitStatus.LEFT.value:
        return Tone.DONE
    if _after_closing(r.arrived_at, now, closing_hour):
        return Tone.OVERDUE
    return Tone.WARNING if r.watch_note else Tone.NORMAL


def _tip(r: Row[Any]) -> str:
    parts = []
    if r.watch_note:
        parts.append(f"关注名单：{r.watch_note}")
    if r.night:
        parts.append(f"夜间登记，值班总值：{r.duty_manager_name}")
    if r.slip_returned is False:
        parts.append("登记单上联未交回")
    return "\n".join(parts)


def list_query(desk: Desk, f: VisitFilter | None = None) -> ListQuery:
    """The visitor log, newest first, a page at a time (keyset on arrived_at, id)."""
    f = f or VisitFilter()
    now = desk.now()
    closing_hour = office_settings.get(desk, settings.NIGHT_START_HOUR)
    where: list[Any] = []
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise ValidationError("开始日期不能晚于结束日期", field="日期")
    if f.date_from:
        where.append(Visit.arrived_at >= datetime.combine(f.date_from, time()))
    if f.date_to:
        where.append(Visit.arrived_at < datetime.combine(f.date_to + timedelta(days=1), time()))
    if f.status:
        where.append(Visit.status == VisitStatus.parse(f.status).value)
    if squeeze(f.host_unit):
        where.append(Visit.host_unit_code == units.parse_unit(f.host_unit, field="被访房号").code)
    words = []
    for word in (f.text or "").split():
        word = halfwidth(word).upper()
        if word.startswith(VISIT_PREFIX) and word[2:].isdigit():
            where.append(Visit.serial == word)          # a slip's number: exact
        else:
            words.append(word)
    if words:
        where.append(search_index.matches(Visit.id, Visit.search_text, "visit", " ".join(words),
                                          sqlite=desk.db.is_sqlite,
                                          probe=desk.db.read_engine))

    def to_row(r: Row[Any]) -> ListRow:
        stay = "" if r.status == VisitStatus.REFUSED.value else stay_text(
            _minutes(r.arrived_at, r.left_at or now))
        number = r.id_number if r.id_purged else mask_id(r.id_number)
        return ListRow(r.id, (
            r.serial or "—", f"{r.arrived_at:%Y-%m-%d %H:%M}", r.visitor_name, number,
            r.people, r.plate, _host_place(r), r.host_name, r.status,
            f"{r.left_at:%m-%d %H:%M}" if r.left_at else "", stay),
            _tone(r, now, closing_hour), _tip(r))

    return ListQuery(desk, LIST_HEADERS, select(*_LIST_COLUMNS), [Visit.arrived_at, Visit.id],
                     to_row, descending=True, where=where)


def inside_query(desk: Desk) -> ListQuery:
    """Who is still inside, longest first (rule V3: the slip has not come back)."""
    now = desk.now()
    closing_hour = office_settings.get(desk, settings.NIGHT_START_HOUR)

    def to_row(r: Row[Any]) -> ListRow:
        return ListRow(r.id, (
            r.serial, f"{r.arrived_at:%m-%d %H:%M}", stay_text(_minutes(r.arrived_at, now)),
            r.visitor_name, r.people, _host_place(r), r.host_name, mask_phone(r.phone),
            r.duty_manager_name), _tone(r, now, closing_hour), _tip(r))

    return ListQuery(desk, INSIDE_HEADERS, select(*_LIST_COLUMNS), [Visit.arrived_at, Visit.id],
                     to_row, where=[Visit.status == VisitStatus.INSIDE.value])


@dataclass(frozen=True)
class InsideVisitor:
    id: int
    serial: str
    arrived_at: datetime
    stay_minutes: int
    visitor_name: str
    people: int
    host_place: str
    host_name: str
    phone: str          # masked (rule G3)
    after_closing: bool


def still_inside(desk: Desk, limit: int = 500) -> list[InsideVisitor]:
    """Visitors without an exit, longest first (for closing time, the CLI, the overview)."""
    now = desk.now()
    closing_hour = office_settings.get(desk, settings.NIGHT_START_HOUR)
    stmt = (select(*_LIST_COLUMNS).where(Visit.status == VisitStatus.INSIDE.value)
            .order_by(Visit.arrived_at, Visit.id).limit(limit))
    with desk.read() as session:
        rows = session.execute(stmt).all()
    return [InsideVisitor(r.id, r.serial, r.arrived_at, _minutes(r.arrived_at, now),
                          r.visitor_name, r.people, _host_place(r), r.host_name,
                          mask_phone(r.phone), _after_closing(r.arrived_at, now, closing_hour))
            for r in rows]


def count_inside(desk: Desk) -> int:
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(Visit)
                                  .where(Visit.status == VisitStatus.INSIDE.value)) or 0)


# --- the retention purge (rule G3) -------------------------------------------------------------

@dataclass(frozen=True)
class PurgeResult:
    masked: int
    cutoff: datetime
    file_clean: bool  # SQLite: the old pages were overwritten and the WAL emptied

    @property
    def text(self) -> str:
        if not self.masked:
            return f"没有需要遮挡的访客证件号（保留期从{self.cutoff:%Y-%m-%d}起）"
        return (f"已遮挡{self.masked}条{self.cutoff:%Y-%m-%d}以前的访客证件号"
                + ("" if self.file_clean else "（数据库正被其他程序读取，旧数据页稍后才会清除）"))


PURGE_BATCH = 5000
_VISIT = cast(Table, Visit.__table__)


def purge_expired_ids(desk: Desk) -> PurgeResult:
    """Mask the ID numbers of visits older than the retention period, in the database itself.

    On SQLite the purge runs with `secure_delete` on, so the freed space in every page
    is overwritten with zeros, and the write-ahead log is then checkpointed and
    truncated: the full numbers are gone from the database file, not just hidden.
    The audit trail never held them (Visit.__audit_redact__).
    """
    days = max(1, office_settings.get(desk, settings.VISITOR_ID_RETENTION_DAYS))
    cutoff = datetime.combine(desk.now().date() - timedelta(days=days), time())
    masked = 0
    sqlite = desk.db.is_sqlite
    with desk.write("访客证件号过保留期遮挡") as session:
        conn = session.connection()
        if sqlite:  # freed space in every page touched is overwritten with zeros
            was = conn.exec_driver_sql("PRAGMA secure_delete").scalar()
            conn.exec_driver_sql("PRAGMA secure_delete = ON")
        try:
            while True:  # each batch drops out of the next query (index ix_visit_purge)
                rows = conn.execute(
                    select(Visit.id, Visit.id_number)
                    .where(Visit.id_purged.is_(False), Visit.arrived_at < cutoff)
                    .limit(PURGE_BATCH)).all()
                if not rows:
                    break
                conn.execute(
                    update(_VISIT).where(_VISIT.c.id == bindparam("vid"))
                    .values(id_number=bindparam("masked"), id_purged=True),
                    [{"vid": r.id, "masked": mask_id(r.id_number)} for r in rows])
                masked += len(rows)
            if masked:
                write_entries(session, [("visit", "", "update", None, {
                    "遮挡证件号": masked, "到访早于": cutoff.isoformat(), "保留天数": days})])
        finally:
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA secure_delete = {int(was or 0)}")
    file_clean = _checkpoint(desk) if sqlite and masked else True
    if masked:
        log.info("purged %d visitor ID numbers older than %s", masked, cutoff)
    return PurgeResult(masked, cutoff, file_clean)


def _checkpoint(desk: Desk) -> bool:
    """Copy the WAL into the database file and truncate it (old page images go with it).

    Runs on the single writer connection outside any transaction (a checkpoint cannot
    run inside one); False if a reader still holds an old snapshot.
    """
    raw = desk.db.write_engine.raw_connection()
    try:
        cursor = raw.cursor()
        busy, _log, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.close()
    finally:
        raw.close()
    return not busy


# --- the overview ---------------------------------------------------------------------------

OVERVIEW_LIMIT = 30


def overview_lines(desk: Desk) -> list[OverviewLine]:
    """Visitors still inside after closing time (the duty manager's round, rule G5)."""
    now = desk.now()
    closing = closing_time(desk, now.date())
    boundary = now if now >= closing else datetime.combine(now.date(), time())
    stmt = (select(*_LIST_COLUMNS)
            .where(Visit.status == VisitStatus.INSIDE.value, Visit.arrived_at <= boundary)
            .order_by(Visit.arrived_at, Visit.id).limit(OVERVIEW_LIMIT + 1))
    with desk.read() as session:
        rows = session.execute(stmt).all()
    lines = [OverviewLine(
        "访客", Tone.OVERDUE, closing_time(desk, r.arrived_at.date()),
        f"{r.visitor_name}（{r.people}人）{r.arrived_at:%m-%d %H:%M} 来访 {_host_place(r)} "
        f"{r.host_name}，已过下班时间仍未登记离开（单号{r.serial}）",
        tab="visitors", record_id=r.id) for r in rows[:OVERVIEW_LIMIT]]
    if len(rows) > OVERVIEW_LIMIT:
        lines.append(OverviewLine("访客", Tone.OVERDUE, None,
                                  "……还有更多访客过下班时间未离开，请看访客登记的在访名单",
                                  tab="visitors"))
    return lines


def purge_job(desk: Desk) -> str:
    """The retention purge as a daily job (at start-up and each new day): a line for the
    status bar when numbers were masked."""
    result = purge_expired_ids(desk)
    return result.text if result.masked else ""
