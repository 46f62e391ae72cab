"""Import and export of the office's household roster (Excel).

Import is all or nothing: every row is checked first; a file with any bad row
is refused whole, each bad row named with its number and reason, and nothing
is written. Several rows of one unit are its members, in the order given.
Export writes the same layout, so a roster round-trips.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from wuye_desk import settings
from wuye_desk.domain import units
from wuye_desk.domain.errors import FileRejected, RowProblem, ValidationError
from wuye_desk.domain.operators import Permission
from wuye_desk.domain.privacy import mask_id, mask_phone
from wuye_desk.exports import roster as roster_sheet
from wuye_desk.exports.xlsx import SheetRow, cell_date, cell_text
from wuye_desk.services import office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.services.households import (
    CleanHousehold,
    ContactInput,
    HouseholdInput,
    MemberInput,
    _search_text,
    clean,
)
from wuye_desk.store.audit import write_entries
from wuye_desk.store.models import EmergencyContact, Household, Member


@dataclass(frozen=True)
class RosterPreview:
    households: tuple[CleanHousehold, ...]
    people: int
    existing: tuple[str, ...]   # units already in the archive (refused unless replacing)


def _unit_text(row: SheetRow) -> str:
    v = row.values
    whole = cell_text(v.get("房屋"))
    if whole:
        return whole
    building, entrance, room = (cell_text(v.get(k)) for k in ("楼栋", "单元", "房号"))
    if not room:
        raise ValidationError("没有房号", field="房号")
    return units.unit_from_parts(building, entrance, room).display


def _group(rows: list[SheetRow], problems: list[RowProblem]) -> dict[str, list[SheetRow]]:
    groups: dict[str, list[SheetRow]] = {}
    for row in rows:
        try:
            code = units.parse_unit(_unit_text(row), field="房号").code
        except ValidationError as exc:
            problems.append(RowProblem(row.number, f"房号无法识别：{exc.message}"))
            continue
        groups.setdefault(code, []).append(row)
    return groups


def _household_input(code: str, rows: list[SheetRow]) -> HouseholdInput:
    first = rows[0].values

    def household_value(key: str) -> str:
        for r in rows:
            text = cell_text(r.values.get(key))
            if text:
                return text
        return ""

    members: list[MemberInput] = []
    contacts: list[ContactInput] = []
    for r in rows:
        v = r.values
        name = cell_text(v.get("姓名"))
        if name:
            number = cell_text(v.get("证件号码"))
            if "*" in number:
                raise ValidationError("证件号码是打码后的（含*），无法导入；请用完整号码",
                                      field="证件号码")
            members.append(MemberInput(
                name=name, role=cell_text(v.get("业主/租户")) or ("业主" if not members else "家属"),
                phone=cell_text(v.get("手机")), id_type=cell_text(v.get("证件类型")),
                id_number=number))
        contact_name, contact_phone = cell_text(v.get("紧急联系人")), cell_text(v.get("紧急联系电话"))
        if contact_name or contact_phone:
            if "*" in contact_phone:
                raise ValidationError("紧急联系电话是打码后的，无法导入", field="紧急联系电话")
            contact = ContactInput(contact_name, contact_phone)
            if contact not in contacts:
                contacts.append(contact)
    move_in = None
    for r in rows:
        move_in = cell_date(r.values.get("入伙日期"), "入伙日期")
        if move_in:
            break
    tenure = "租户" if members and members[0].role.startswith("租") else "业主"
    del first
    return HouseholdInput(
        unit=code, occupancy=household_value("入伙状态") or "已入伙", tenure=tenure,
        move_in_date=move_in, segment=household_value("家庭结构") or None,
        note=household_value("备注"), members=members, contacts=contacts)


def preview_import(desk: Desk, path: Path) -> RosterPreview:
    """Read and check the whole file; FileRejected lists every bad row."""
    return preview_rows(desk, roster_sheet.read_roster(Path(path)), Path(path).name)


def preview_rows(desk: Desk, rows: list[SheetRow], name: str) -> RosterPreview:
    """Check roster rows already read from a sheet (see preview_import)."""
    problems: list[RowProblem] = []
    groups = _group(rows, problems)
    today = desk.now().date()
    cleaned: list[CleanHousehold] = []
    for code, group in groups.items():
        try:
            cleaned.append(clean(_household_input(code, group), today))
        except ValidationError as exc:
            problems.append(RowProblem(group[0].number if len(group) == 1 else
                                       _row_of_member(group, exc), exc.message))
    if not rows:
        raise ValidationError(f"{name} 没有数据行", field="文件")
    if problems:
        problems.sort(key=lambda p: p.row)
        raise FileRejected(f"名册有 {len(problems)} 行有问题，整个文件未导入：", problems)
    with desk.read() as session:
        existing = set(session.scalars(
            select(Household.unit_code).where(Household.unit_code.in_([h.unit.code for h in cleaned]))
        )) if len(cleaned) < 30000 else set(session.scalars(select(Household.unit_code)))
    people = sum(len(h.members) for h in cleaned)
    return RosterPreview(tuple(cleaned), people,
                         tuple(h.unit.display for h in cleaned if h.unit.code in existing))


def _row_of_member(group: list[SheetRow], exc: ValidationError) -> int:
    """The row a member-level problem came from ("第2位成员" → the group's 2nd named row)."""
    import re

    match = re.match(r"第(\d+)位成员", exc.message)
    named = [r for r in group if cell_text(r.values.get("姓名"))]
    if match and int(match.group(1)) <= len(named):
        return named[int(match.group(1)) - 1].number
    return group[0].number


def import_roster(desk: Desk, path: Path) -> RosterPreview:
    """Import a roster file in one transaction; units already in the archive refuse the file."""
    desk.require(Permission.IMPORT)
    preview = preview_import(desk, path)
    if preview.existing:
        shown = "、".join(preview.existing[:10]) + ("……" if len(preview.existing) > 10 else "")
        raise ValidationError(f"以下房屋已有档案，名册未导入：{shown}", field="房号")
    insert_households(desk, preview.households, f"导入名册 {Path(path).name}")
    return preview


def insert_households(desk: Desk, households: tuple[CleanHousehold, ...] | list[CleanHousehold],
                      action: str) -> None:
    """Bulk insert checked households in one transaction, with one audit entry for the batch."""
    now = desk.now()
    with desk.write(action) as session:
        conn = session.connection()
        ids = []
        for start in range(0, len(households), 2000):
            batch = households[start:start + 2000]
            rows = [{
                "unit_code": h.unit.code, "unit_sort": h.unit.sort_key, "building": h.unit.building,
                "occupancy": h.occupancy, "tenure": h.tenure, "move_in_date": h.move_in_date,
                "segment": h.segment, "note": h.note,
                "primary_name": h.members[0].name if h.members else "",
                "primary_phone": h.members[0].phone if h.members else "",
                "search_text": _search_text(h), "created_at": now,
                "created_by": desk.operator.id, "version": 1,
            } for h in batch]
            new_ids = list(conn.execute(insert(Household).returning(Household.id,
                                                                    sort_by_parameter_order=True),
                                        rows).scalars())
            ids.extend(new_ids)
            members = [{"household_id": hid, "position": i, "name": m.name, "role": m.role,
                        "phone": m.phone, "id_type": m.id_type, "id_number": m.id_number,
                        "is_primary": i == 0}
                       for hid, h in zip(new_ids, batch, strict=True)
                       for i, m in enumerate(h.members)]
            if members:
                conn.execute(insert(Member), members)
            contacts = [{"household_id": hid, "position": i, "name": c.name, "phone": c.phone,
                         "relation": c.relation}
                        for hid, h in zip(new_ids, batch, strict=True)
                        for i, c in enumerate(h.contacts)]
            if contacts:
                conn.execute(insert(EmergencyContact), contacts)
        write_entries(session, [("household", f"{ids[0]}-{ids[-1]}" if ids else "", "insert", None, {
            "count": len(ids), "units": [h.unit.code for h in households[:200]],
            "more": max(0, len(households) - 200)})])


def export_roster(desk: Desk, path: Path, *, full: bool = False) -> int:
    """Write every household, one row per person; IDs and phones masked unless `full` (G3)."""
    if full:
        desk.require(Permission.EXPORT_FULL_ID)
    office = office_settings.get(desk, settings.OFFICE_NAME)
    title = f"{office} 业户名册（{desk.now():%Y-%m-%d} 导出）"
    with desk.read() as session:
        count = roster_sheet.write_roster(Path(path), title, _rows(session, full))
    if full:
        with desk.write("导出名册（含完整证件号）") as session:
            write_entries(session, [("household", "export", "view", None,
                                     {"file": Path(path).name, "rows": count, "full": True})])
    return count


def _rows(session, full: bool):  # type: ignore[no-untyped-def]
    last = ""
    while True:
        # members and contacts of the whole batch in one query each, not two per household
        batch = session.scalars(select(Household).where(Household.unit_sort > last)
                                .options(selectinload(Household.members),
                                         selectinload(Household.contacts))
                                .order_by(Household.unit_sort).limit(500)).all()
        if not batch:
            return
        for h in batch:
            yield from _household_rows(h, full)
        last = batch[-1].unit_sort
        session.expunge_all()


def _household_rows(h: Household, full: bool):  # type: ignore[no-untyped-def]
    unit = units.parse_unit(h.unit_code)
    lines = max(len(h.members), len(h.contacts), 1)
    for i in range(lines):
        m = h.members[i] if i < len(h.members) else None
        c = h.contacts[i] if i < len(h.contacts) else None
        phone = (m.phone if full else mask_phone(m.phone)) if m and m.phone else ""
        number = (m.id_number if full else mask_id(m.id_number)) if m and m.id_number else ""
        cphone = (c.phone if full else mask_phone(c.phone)) if c else ""
        yield (unit.building, unit.entrance or "", unit.room,
               m.name if m else "", m.role if m else "", phone,
               m.id_type if m else "", number,
               h.occupancy, h.move_in_date, h.segment or "",
               c.name if c else "", cphone, h.note)


def problems_text(exc: FileRejected) -> str:
    return str(exc)


def summary(preview: RosterPreview) -> str:
    return f"{len(preview.households)} 户，{preview.people} 人"


def dump(preview: RosterPreview) -> str:  # for the CLI's --dry-run
    return json.dumps({"households": len(preview.households), "people": preview.people},
                      ensure_ascii=False)


