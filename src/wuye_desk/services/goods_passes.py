"""Goods carried in or out: the two-part pass 《携物出入门证》 (rules V5, G5).

The pass names the unit or company, the carrier, the time, each item and its
quantity. Goods carried out need the tenant's seal (or the signature of the
person the tenant has put on file for it). Flammable, explosive, toxic or
corrosive goods are refused — by the category the carrier declares and by
words in the item's description — and the refusal is kept on record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Row

from wuye_desk.domain import phones, units
from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.operators import Permission
from wuye_desk.domain.privacy import mask_phone
from wuye_desk.domain.text import halfwidth, shown, squeeze
from wuye_desk.domain.visitors import (
    GOODS_PREFIX,
    MAX_ITEMS,
    MAX_NAME,
    MAX_QUANTITY,
    GoodsCategory,
    GoodsDirection,
    GoodsStatus,
    HazardFinding,
    clean_text,
    find_hazards,
    hazard_message,
    read_serial,
    serial_for,
)
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import ListQuery, ListRow, Tone
from wuye_desk.services.visitors import night_duty
from wuye_desk.store.models import GoodsItem, GoodsPass, Household


@dataclass
class GoodsLine:
    description: str = ""
    quantity: int | str = 1
    measure: str = "件"
    category: str = GoodsCategory.ORDINARY.value


@dataclass
class GoodsInput:
    direction: str = GoodsDirection.OUT.value
    unit: str = ""                 # the household's unit — or
    company: str = ""              # the company (单位名称) in an office tower
    carrier_name: str = ""
    carrier_phone: str = ""
    items: list[GoodsLine] = field(default_factory=list)
    sealed: bool = False           # the tenant's seal is on the pass
    signed_by: str = ""            # or the tenant's authorised signatory on file signed it
    duty_manager_id: int | None = None  # at night, when the clerk is not the duty manager (G5)


@dataclass(frozen=True)
class CleanLine:
    description: str
    quantity: int
    measure: str
    category: GoodsCategory
    hazards: tuple[HazardFinding, ...]


@dataclass(frozen=True)
class CleanGoods:
    direction: GoodsDirection
    unit: units.Unit | None
    company: str
    carrier_name: str
    carrier_phone: str
    items: tuple[CleanLine, ...]
    sealed: bool
    signed_by: str


class GoodsRefused(ValidationError):
    """Hazardous goods (rule V5): no pass is issued; the refusal is on record as `pass_id`."""

    def __init__(self, message: str, pass_id: int):
        super().__init__(message, field="物品名称", rule="V5")
        self.pass_id = pass_id


def _quantity(value: int | str, label: str) -> int:
    text = halfwidth(str(value))
    if not text.isdigit():
        raise ValidationError(f"{label}：数量应为整数，您填的是“{shown(text)}”", field="数量")
    number = int(text)
    if not 1 <= number <= MAX_QUANTITY:
        raise ValidationError(f"{label}：数量应在1到{MAX_QUANTITY}之间", field="数量")
    return number


def clean(data: GoodsInput) -> CleanGoods:
    """Check a pass; ValidationError naming the field (hazards are found, not refused, here)."""
    direction = GoodsDirection.parse(data.direction)
    unit = units.parse_unit(data.unit, field="房号") if squeeze(data.unit) else None
    company = clean_text(data.company, "单位名称")
    if unit is None and not company:
        raise ValidationError("请填写房号或单位名称（规则V5）", field="房号", rule="V5")
    carrier = clean_text(data.carrier_name, "携物人", required=True, max_length=MAX_NAME)
    phone = (phones.normalize_phone(data.carrier_phone, field="携物人电话")
             if squeeze(data.carrier_phone or "") else "")
    lines = [line for line in data.items if squeeze(line.description or "")]
    if not lines:
        raise ValidationError("请至少填写一项物品名称和数量（规则V5）", field="物品名称",
                              rule="V5")
    if len(lines) > MAX_ITEMS:
        raise ValidationError(f"一张出入门证最多{MAX_ITEMS}项物品，请分开开具", field="物品名称")
    items = []
    for i, line in enumerate(lines, start=1):
        label = f"第{i}项物品"
        description = clean_text(line.description, f"{label}名称", required=True)
        category = GoodsCategory.parse(line.category or GoodsCategory.ORDINARY.value,
                                       field="物品类别")
        measure = clean_text(line.measure or "件", f"{label}单位", max_length=10)
        items.append(CleanLine(description, _quantity(line.quantity, label), measure, category,
                               tuple(find_hazards(description, category))))
    signed_by = clean_text(data.signed_by, "授权签字人", max_length=MAX_NAME)
    if direction is GoodsDirection.OUT and not data.sealed and not signed_by:
        raise ValidationError(
            "携物出门须在出入门证上加盖业户公章；没有公章的，须由业户备案的负责人签字（规则V5）",
            field="盖章", rule="V5")
    return CleanGoods(direction, unit, company, carrier, phone, tuple(items),
                      bool(data.sealed), signed_by)


@dataclass(frozen=True)
class IssuedPass:
    pass_id: int
    serial: str
    night: bool
    duty_manager: str


def issue_goods_pass(desk: Desk, data: GoodsInput) -> IssuedPass:
    """Issue a pass (rule V5). Hazardous goods: the refusal is recorded and GoodsRefused
    raised — no pass, nothing to print."""
    desk.require(Permission.REGISTER)
    c = clean(data)
    now = desk.now()
    hazards = [(line, list(line.hazards)) for line in c.items if line.hazards]
    refusal = "；".join(hazard_message(line.description, found) for line, found in hazards)
    status = GoodsStatus.REFUSED if hazards else GoodsStatus.ISSUED
    action = "拒绝危险物品出入" if hazards else f"开具携物出入门证（{c.direction.value}）"
    with desk.write(action) as session:
        night, duty = night_duty(desk, session, data.duty_manager_id)          # rule G5
        household_id = None
        if c.unit is not None:
            household_id = session.scalar(select(Household.id)
                                          .where(Household.unit_code == c.unit.code))
            if household_id is None:
                raise ValidationError(f"档案中没有{c.unit.display}这户，请核对房号",
                                      field="房号")
        row = GoodsPass(
            status=status.value, direction=c.direction.value, carried_at=now,
            unit_code=c.unit.code if c.unit else None, household_id=household_id,
            company=c.company, carrier_name=c.carrier_name, carrier_phone=c.carrier_phone,
            sealed=c.sealed, signed_by=c.signed_by, refusal=refusal, night=night,
            duty_manager_id=duty.id if duty else None,
            duty_manager_name=duty.name if duty else "")
        row.items = [GoodsItem(position=i, description=line.description,
                               quantity=line.quantity, measure=line.measure,
                               category=line.category.value)
                     for i, line in enumerate(c.items)]
        session.add(row)
        session.flush()
        if not hazards:
            row.serial = serial_for(GOODS_PREFIX, now, row.id)
        pass_id, serial = row.id, row.serial
    if hazards:                                                                  # rule V5
        raise GoodsRefused(refusal, pass_id)
    assert serial is not None
    return IssuedPass(pass_id, serial, night, duty.name if duty else "")


# --- reading -----------------------------------------------------------------------

@dataclass(frozen=True)
class GoodsItemView:
    description: str
    quantity: int
    measure: str
    category: str


@dataclass(frozen=True)
class GoodsPassView:
    id: int
    serial: str | None
    status: str
    direction: str
    carried_at: datetime
    unit: str
    company: str
    carrier_name: str
    carrier_phone: str   # masked (rule G3)
    sealed: bool
    signed_by: str
    refusal: str
    night: bool
    duty_manager_name: str
    items: tuple[GoodsItemView, ...]


def get_goods_pass(desk: Desk, pass_id: int) -> GoodsPassView:
    with desk.read() as session:
        row = session.get(GoodsPass, pass_id)
        if row is None:
            raise NotFound("找不到这张携物出入门证")
        return GoodsPassView(
            row.id, row.serial, row.status, row.direction, row.carried_at,
            units.parse_unit(row.unit_code).display if row.unit_code else "", row.company,
            row.carrier_name, mask_phone(row.carrier_phone), row.sealed, row.signed_by,
            row.refusal, row.night, row.duty_manager_name,
            tuple(GoodsItemView(i.description, i.quantity, i.measure, i.category)
                  for i in row.items))


def find_by_serial(desk: Desk, serial_text: str) -> int:
    """The id of the pass with this (scanned or typed) number."""
    serial = read_serial(serial_text, GOODS_PREFIX, field="出入门证单号")
    with desk.read() as session:
        pass_id = session.scalar(select(GoodsPass.id).where(GoodsPass.serial == serial))
    if pass_id is None:
        raise ValidationError(f"没有单号为{serial}的携物出入门证，请核对", field="出入门证单号")
    return pass_id


LIST_HEADERS = ("单号", "时间", "方向", "房号/单位", "携物人", "物品", "盖章", "状态")


def list_query(desk: Desk, date_from: date | None = None, date_to: date | None = None,
               status: str | None = None) -> ListQuery:
    """Goods passes, newest first, a page at a time."""
    where: list[Any] = []
    if date_from:
        where.append(GoodsPass.created_at >= datetime.combine(date_from, time()))
    if date_to:
        where.append(GoodsPass.created_at < datetime.combine(date_to + timedelta(days=1), time()))
    if status:
        where.append(GoodsPass.status == GoodsStatus.parse(status).value)
    first_item = (select(GoodsItem.description).where(GoodsItem.pass_id == GoodsPass.id)
                  .order_by(GoodsItem.position).limit(1).scalar_subquery())

    def to_row(r: Row[Any]) -> ListRow:
        place = " ".join(p for p in (
            units.parse_unit(r.unit_code).display if r.unit_code else "", r.company) if p)
        tone = Tone.WARNING if r.status == GoodsStatus.REFUSED.value else Tone.NORMAL
        return ListRow(r.id, (r.serial or "—", f"{r.created_at:%Y-%m-%d %H:%M}", r.direction,
                              place, r.carrier_name, r.first_item or "",
                              "已盖章" if r.sealed else (r.signed_by and "签字") or "",
                              r.status), tone, r.refusal)

    stmt = select(GoodsPass.id, GoodsPass.serial, GoodsPass.created_at, GoodsPass.direction,
                  GoodsPass.unit_code, GoodsPass.company, GoodsPass.carrier_name,
                  GoodsPass.sealed, GoodsPass.signed_by, GoodsPass.status, GoodsPass.refusal,
                  first_item.label("first_item"))
    return ListQuery(desk, LIST_HEADERS, stmt, [GoodsPass.created_at, GoodsPass.id], to_row,
                     descending=True, where=where)
