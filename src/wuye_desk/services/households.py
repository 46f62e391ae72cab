"""The household archive (rules G1, G2, G3): create, change, find, list.

Every register links to a household. A household is one unit with its
occupancy, the owner or tenant and the members, phones and emergency contacts.
ID numbers are shown masked unless an operator with the right asks to see one,
and that look is recorded (rule G3).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.engine import Row

from wuye_desk.domain import ids, phones, search_text, units
from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.households import MemberRole, Occupancy, Segment, Tenure
from wuye_desk.domain.operators import Permission
from wuye_desk.domain.privacy import mask_id, mask_phone
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import ListQuery, ListRow, Tone
from wuye_desk.store import search_index
from wuye_desk.store.audit import record_view
from wuye_desk.store.models import EmergencyContact, Household, Member

MAX_NAME = 40
MAX_NOTE = 2000


@dataclass
class MemberInput:
    name: str
    role: str = "业主"
    phone: str = ""
    id_type: str = ""
    id_number: str = ""


@dataclass
class ContactInput:
    name: str
    phone: str
    relation: str = ""


@dataclass
class HouseholdInput:
    unit: str
    occupancy: str = "已入伙"
    tenure: str = "业主"
    move_in_date: date | None = None
    segment: str | None = None
    note: str = ""
    members: list[MemberInput] = field(default_factory=list)
    contacts: list[ContactInput] = field(default_factory=list)


@dataclass(frozen=True)
class MemberView:
    name: str
    role: str
    phone: str
    id_type: str
    id_number: str  # masked unless revealed


@dataclass(frozen=True)
class HouseholdView:
    id: int
    version: int
    unit_code: str
    unit_display: str
    building: str
    occupancy: str
    tenure: str
    move_in_date: date | None
    segment: str | None
    note: str
    members: tuple[MemberView, ...]
    contacts: tuple[ContactInput, ...]

    @property
    def primary_name(self) -> str:
        return self.members[0].name if self.members else ""

    @property
    def primary_phone(self) -> str:
        return self.members[0].phone if self.members else ""


@dataclass(frozen=True)
class SearchHit:
    id: int
    unit_display: str
    name: str
    label: str


# --- validation ---------------------------------------------------------------

def _name(value: str, field_name: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError(f"{field_name}不能为空", field=field_name)
    if len(value) > MAX_NAME:
        raise ValidationError(f"{field_name}太长（最多{MAX_NAME}个字）", field=field_name)
    if any(ord(ch) < 32 for ch in value):
        raise ValidationError(f"{field_name}含有不可见的控制字符", field=field_name)
    return value


@dataclass(frozen=True)
class CleanMember:
    name: str
    role: str
    phone: str
    id_type: str
    id_number: str


@dataclass(frozen=True)
class CleanHousehold:
    unit: units.Unit
    occupancy: str
    tenure: str
    move_in_date: date | None
    segment: str | None
    note: str
    members: tuple[CleanMember, ...]
    contacts: tuple[ContactInput, ...]


def clean(data: HouseholdInput, today: date, keep_ids: dict[str, str] | None = None) -> CleanHousehold:
    """Check a household entry against rules G1 and G2; raise ValidationError naming the field.

    `keep_ids` maps a masked ID number shown to the clerk to the stored full
    number, so saving a form that still shows the mask keeps the number.
    """
    unit = units.parse_unit(data.unit, field="房号")                       # rule G1
    occupancy = Occupancy.parse(data.occupancy, field="入伙状态").value    # rule G1
    tenure = Tenure.parse(data.tenure, field="业主/租户").value
    segment = Segment.parse(data.segment, field="家庭结构").value if data.segment else None
    if data.move_in_date is not None:
        if data.move_in_date > today:
            raise ValidationError("入伙日期不能晚于今天", field="入伙日期")
        if occupancy == Occupancy.NOT_HANDED_OVER.value:
            raise ValidationError("未入伙的房屋不应有入伙日期", field="入伙日期", rule="G1")
    note = (data.note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(f"备注太长（最多{MAX_NOTE}字）", field="备注")
    members: list[CleanMember] = []
    for i, m in enumerate(data.members, start=1):
        label = f"第{i}位成员"
        name = _name(m.name, "姓名")
        role = MemberRole.parse(m.role or ("业主" if i == 1 else "家属"), field="身份").value
        phone = phones.normalize_phone(m.phone, field="手机") if (m.phone or "").strip() else ""
        id_type = id_number = ""
        raw_number = (m.id_number or "").strip()
        if raw_number and keep_ids and raw_number in keep_ids:
            raw_number = keep_ids[raw_number]
        if raw_number:
            id_type = ids.id_type_of_label(m.id_type or "居民身份证").value
            try:
                id_number = ids.validate_id(id_type, raw_number, field="证件号码", today=today)
            except ValidationError as exc:
                raise ValidationError(f"{label}（{name}）：{exc.message}", field="证件号码") from exc
        members.append(CleanMember(name, role, phone, id_type, id_number))
    if not members and occupancy in (Occupancy.MOVED_IN.value, Occupancy.LET.value):
        raise ValidationError("已入伙或出租的房屋至少要登记一位业主或租户", field="姓名", rule="G2")
    contacts: list[ContactInput] = []
    for c in data.contacts:
        contacts.append(ContactInput(
            _name(c.name, "紧急联系人"),
            phones.normalize_phone(c.phone, field="紧急联系电话"),
            (c.relation or "").strip()[:20],
        ))
    return CleanHousehold(unit, occupancy, tenure, data.move_in_date, segment, note,
                          tuple(members), tuple(contacts))


def _search_text(h: CleanHousehold) -> str:
    """Unit, names, phones and pinyin initials, indexed for search of any part."""
    parts = [h.unit.display, h.unit.code]
    for m in h.members:
        parts += [m.name, m.phone]
    for c in h.contacts:
        parts += [c.name, c.phone]
    return search_text.build(*parts, names=tuple(m.name for m in h.members))


def _apply(row: Household, h: CleanHousehold) -> None:
    row.unit_code = h.unit.code
    row.unit_sort = h.unit.sort_key
    row.building = h.unit.building
    row.occupancy = h.occupancy
    row.tenure = h.tenure
    row.move_in_date = h.move_in_date
    row.segment = h.segment
    row.note = h.note
    row.primary_name = h.members[0].name if h.members else ""
    row.primary_phone = h.members[0].phone if h.members else ""
    row.search_text = _search_text(h)
    # members and contacts keep their rows where they still exist (a readable audit trail)
    for i, m in enumerate(h.members):
        if i < len(row.members):
            target = row.members[i]
        else:
            target = Member(position=i, name=m.name, role=m.role)
            row.members.append(target)
        target.position, target.name, target.role = i, m.name, m.role
        target.phone, target.id_type, target.id_number = m.phone, m.id_type, m.id_number
        target.is_primary = i == 0
    del row.members[len(h.members):]
    for i, c in enumerate(h.contacts):
        if i < len(row.contacts):
            ct = row.contacts[i]
        else:
            ct = EmergencyContact(position=i, name=c.name, phone=c.phone)
            row.contacts.append(ct)
        ct.position, ct.name, ct.phone, ct.relation = i, c.name, c.phone, c.relation
    del row.contacts[len(h.contacts):]


# --- writing --------------------------------------------------------------------

def create_household(desk: Desk, data: HouseholdInput) -> int:
    desk.require(Permission.REGISTER)
    h = clean(data, desk.now().date())
    with desk.write(f"新建业户档案 {h.unit.display}") as session:
        if session.scalar(select(Household.id).where(Household.unit_code == h.unit.code)):
            raise ValidationError(f"{h.unit.display} 已有档案，请打开它修改", field="房号")
        row = Household()
        _apply(row, h)
        session.add(row)
        session.flush()
        return row.id


def update_household(desk: Desk, household_id: int, version: int, data: HouseholdInput) -> None:
    """Save changes made on a copy read at `version`; refused if another desk saved first."""
    desk.require(Permission.REGISTER)
    with desk.write("修改业户档案") as session:
        row = session.get(Household, household_id)
        if row is None:
            raise NotFound("找不到这户档案（可能已被删除）")
        keep = {mask_id(m.id_number): m.id_number for m in row.members if m.id_number}
        h = clean(data, desk.now().date(), keep_ids=keep)
        if h.unit.code != row.unit_code and session.scalar(
                select(Household.id).where(Household.unit_code == h.unit.code)):
            raise ValidationError(f"{h.unit.display} 已有档案", field="房号")
        if row.version != version:
            from wuye_desk.domain.errors import ConflictError

            raise ConflictError("这户档案已被其他工作站修改，请刷新后再保存。")
        session.info["action"] = f"修改业户档案 {h.unit.display}"
        _apply(row, h)


# --- reading --------------------------------------------------------------------

def _view(row: Household, reveal: bool) -> HouseholdView:
    unit = units.parse_unit(row.unit_code)
    members = tuple(
        MemberView(m.name, m.role, m.phone, m.id_type,
                   m.id_number if reveal else mask_id(m.id_number) if m.id_number else "")
        for m in row.members)
    contacts = tuple(ContactInput(c.name, c.phone, c.relation) for c in row.contacts)
    return HouseholdView(row.id, row.version, row.unit_code, unit.display, row.building,
                         row.occupancy, row.tenure, row.move_in_date, row.segment, row.note,
                         members, contacts)


def get_household(desk: Desk, household_id: int, *, reveal_ids: bool = False) -> HouseholdView:
    """One household; full ID numbers only with the permission, and the look is recorded (G3)."""
    if reveal_ids:
        desk.require(Permission.REVEAL_ID)
    with desk.read() as session:
        row = session.get(Household, household_id)
        if row is None:
            raise NotFound("找不到这户档案")
        view = _view(row, reveal_ids)
    if reveal_ids:
        with desk.write("查看完整证件号") as session:
            record_view(session, "household", household_id, "完整证件号")  # rule G3
    return view


def find_by_unit(desk: Desk, unit_text: str) -> HouseholdView | None:
    unit = units.parse_unit(unit_text, field="房号")
    with desk.read() as session:
        row = session.scalar(select(Household).where(Household.unit_code == unit.code))
        return _view(row, False) if row else None


def _text_condition(desk: Desk, text: str) -> list[ColumnElement[bool]]:
    """Any part of unit, name, phone or pinyin initials; a typed unit also matches its code."""
    found = search_index.matches(Household.id, Household.search_text, "household", text,
                                 sqlite=desk.db.is_sqlite, probe=desk.db.read_engine)
    try:
        unit = units.parse_unit(text)
    except ValidationError:
        return [found]
    return [or_(found, Household.unit_code == unit.code)]


def search(desk: Desk, text: str, limit: int = 20) -> list[SearchHit]:
    """Households matching every word typed (global search box)."""
    text = (text or "").strip()
    if not text:
        return []
    stmt = (select(Household.id, Household.unit_code, Household.primary_name,
                   Household.primary_phone)
            .where(*_text_condition(desk, text)).order_by(Household.unit_sort).limit(limit))
    with desk.read() as session:
        rows = session.execute(stmt).all()
    hits = []
    for r in rows:
        display = units.display_of(r.unit_code)
        label = " ".join(p for p in (display, r.primary_name, mask_phone(r.primary_phone)) if p)
        hits.append(SearchHit(r.id, display, r.primary_name, label))
    return hits


LIST_HEADERS = ("房号", "户主/租户", "电话", "身份", "入伙状态", "入伙日期", "家庭结构")


def _list_row(r: Row) -> ListRow:  # type: ignore[type-arg]
    tone = Tone.DONE if r.occupancy == Occupancy.VACANT.value else Tone.NORMAL
    return ListRow(r.id, (units.display_of(r.unit_code), r.primary_name,
                          mask_phone(r.primary_phone), r.tenure, r.occupancy,
                          r.move_in_date.isoformat() if r.move_in_date else "",
                          r.segment or ""), tone)


def list_query(desk: Desk, text: str = "", building: str | None = None,
               occupancy: str | None = None) -> ListQuery:
    stmt = select(Household.id, Household.unit_code, Household.primary_name,
                  Household.primary_phone, Household.tenure, Household.occupancy,
                  Household.move_in_date, Household.segment)
    where = _text_condition(desk, text) if text.strip() else []
    if building:
        where.append(Household.building == building)
    if occupancy:
        where.append(Household.occupancy == occupancy)
    return ListQuery(desk, LIST_HEADERS, stmt, [Household.unit_sort, Household.id], _list_row,
                     where=where)


def buildings(desk: Desk) -> list[str]:
    with desk.read() as session:
        rows = session.execute(select(Household.building, func.min(Household.unit_sort))
                               .group_by(Household.building)
                               .order_by(func.min(Household.unit_sort))).all()
    return [r[0] for r in rows]


def to_input(view: HouseholdView) -> HouseholdInput:
    """The form's starting values for editing a household."""
    return HouseholdInput(
        unit=view.unit_display, occupancy=view.occupancy, tenure=view.tenure,
        move_in_date=view.move_in_date, segment=view.segment, note=view.note,
        members=[MemberInput(m.name, m.role, m.phone, m.id_type, m.id_number)
                 for m in view.members],
        contacts=[replace(c) for c in view.contacts],
    )
