"""The household archive as a register (业户名册): the roster's layout, one row per person.

It is a snapshot of the archive at export time (the period is not used); its
import is the roster import (services/roster.py), all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select

from wuye_desk.domain import units
from wuye_desk.domain.errors import FileRejected, RowProblem, ValidationError
from wuye_desk.exports.xlsx import SheetRow
from wuye_desk.services import roster
from wuye_desk.services.desk import Desk
from wuye_desk.services.registers import Importer, Register, RegisterColumn
from wuye_desk.store.models import Household, Member

COLUMNS = (
    RegisterColumn("楼栋", 6), RegisterColumn("单元", 6), RegisterColumn("房号", 8),
    RegisterColumn("姓名", 10), RegisterColumn("业主/租户", 10),
    RegisterColumn("手机", 14, "masked_phone"), RegisterColumn("证件类型", 12),
    RegisterColumn("证件号码", 22, "masked_id"), RegisterColumn("入伙状态", 9),
    RegisterColumn("入伙日期", 12, "date"), RegisterColumn("家庭结构", 14),
    RegisterColumn("紧急联系人", 10), RegisterColumn("紧急联系电话", 14, "masked_phone"),
    RegisterColumn("备注", 24),
)


def rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    """Every household by unit, one row per person (full values; the register masks)."""
    del start, end  # a snapshot of the archive
    with desk.read() as session:
        yield from roster._rows(session, True)


def count(desk: Desk, start: date, end: date) -> int:
    del start, end
    with desk.read() as session:
        households = session.scalar(select(func.count()).select_from(Household)) or 0
        people = session.scalar(select(func.count()).select_from(Member)) or 0
    return max(int(households), int(people))  # about one row per person


def check(desk: Desk, sheet_rows: list[SheetRow]) -> roster.RosterPreview:
    preview = roster.preview_rows(desk, sheet_rows, "业户名册")
    if preview.existing:
        problems = []
        wanted = set(preview.existing)
        for row in sheet_rows:
            try:
                unit = units.parse_unit(roster._unit_text(row)).display
            except ValidationError:
                continue
            if unit in wanted:
                problems.append(RowProblem(row.number, f"{unit}已有档案"))
                wanted.discard(unit)
        raise FileRejected(f"有 {len(problems)} 户已有档案，整个文件未导入：", problems)
    return preview


def save(desk: Desk, preview: roster.RosterPreview, action: str) -> int:
    roster.insert_households(desk, preview.households, action)
    return len(preview.households)


HOUSEHOLDS = Register(
    name="households", title="业户名册", columns=COLUMNS, rows=rows, count=count,
    importer=Importer(check, save, required=("姓名", "房号")), snapshot=True, area="业户档案")
