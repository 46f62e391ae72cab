"""The visitor log (访客登记表) and the goods passes (携物出入门证登记表) as registers (R2).

Rows stream in arrival (issue) order, column tuples fetched in batches, so a
year of visits exports with flat memory. Importing maps each row back to the
same cleaning the desk applies (services/visitors.py, services/goods_passes.py);
a masked ID number comes back as a purged one (rule G3), a masked phone as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select

from wuye_desk.domain import ids, phones, units
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.text import squeeze
from wuye_desk.domain.visitors import (
    MAX_NAME,
    GoodsStatus,
    HostAnswer,
    VisitStatus,
    admits,
    clean_text,
    validate_plate,
)
from wuye_desk.exports.xlsx import SheetRow, cell_text
from wuye_desk.services import goods_passes
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
from wuye_desk.services.visitors import _people, visit_search_text
from wuye_desk.store.audit import write_entries
from wuye_desk.store.models import GoodsItem, GoodsPass, Visit

BATCH = 2000


# --- the visit log ---------------------------------------------------------------------

VISIT_COLUMNS = (
    RegisterColumn("登记单号", 15), RegisterColumn("状态", 7),
    RegisterColumn("到访时间", 16, "datetime"), RegisterColumn("离开时间", 16, "datetime"),
    RegisterColumn("访客姓名", 9), RegisterColumn("证件类型", 10),
    RegisterColumn("证件号码", 20, "masked_id"), RegisterColumn("访客电话", 13, "masked_phone"),
    RegisterColumn("人数", 5, "int"), RegisterColumn("车牌号", 9),
    RegisterColumn("来访事由", 12), RegisterColumn("被访房号", 12),
    RegisterColumn("被访单位/部门", 12), RegisterColumn("被访人", 8),
    RegisterColumn("被访人职位", 8), RegisterColumn("被访人电话", 13, "masked_phone"),
    RegisterColumn("被访人答复", 8), RegisterColumn("接听人", 8),
    RegisterColumn("夜间登记", 6), RegisterColumn("值班总值", 8),
    RegisterColumn("上联签字", 6), RegisterColumn("上联交回", 6), RegisterColumn("离开备注", 16),
)

_VISIT_FIELDS = (
    Visit.id, Visit.serial, Visit.status, Visit.arrived_at, Visit.left_at, Visit.visitor_name,
    Visit.id_type, Visit.id_number, Visit.phone, Visit.people, Visit.plate, Visit.purpose,
    Visit.host_unit_code, Visit.host_department, Visit.host_name, Visit.host_position,
    Visit.host_phone, Visit.host_answer, Visit.answered_by, Visit.night,
    Visit.duty_manager_name, Visit.host_signed, Visit.slip_returned, Visit.exit_note,
)


def visit_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    """Visits that arrived in [start, end], oldest first, a batch at a time (keyset on the
    (arrived_at, id) index)."""
    lo, hi = bounds(start, end)
    after: tuple[datetime, int] | None = None
    while True:
        query = select(*_VISIT_FIELDS).where(Visit.arrived_at >= lo, Visit.arrived_at < hi)
        if after is not None:
            query = query.where((Visit.arrived_at > after[0])
                                | ((Visit.arrived_at == after[0]) & (Visit.id > after[1])))
        query = query.order_by(Visit.arrived_at, Visit.id).limit(BATCH)
        with desk.read() as session:
            batch = session.execute(query).all()
        if not batch:
            return
        for r in batch:
            yield (r.serial or "", r.status, r.arrived_at, r.left_at, r.visitor_name, r.id_type,
                   r.id_number, r.phone, r.people, r.plate, r.purpose,
                   unit_display(r.host_unit_code), r.host_department, r.host_name,
                   r.host_position, r.host_phone, r.host_answer, r.answered_by, yes(r.night),
                   r.duty_manager_name, yes(r.host_signed), yes(r.slip_returned), r.exit_note)
        after = (batch[-1].arrived_at, batch[-1].id)
        if len(batch) < BATCH:
            return


visit_count = counted_by(Visit.arrived_at)


def parse_visit(desk: Desk, v: dict[str, Any]) -> dict[str, Any]:
    """One register row → the columns of a Visit, checked as the desk checks a registration."""
    status = VisitStatus.parse(cell_text(v.get("状态")), field="状态")
    arrived = read_past_datetime(v.get("到访时间"), "到访时间", desk.now())
    left = read_datetime(v.get("离开时间"), "离开时间", required=False)
    if left is not None and left < arrived:
        raise ValidationError("离开时间早于到访时间", field="离开时间")
    if status is VisitStatus.LEFT and left is None:
        raise ValidationError("状态为已离开，但没有离开时间", field="离开时间")
    if status is not VisitStatus.LEFT and left is not None:
        raise ValidationError(f"状态为{status.value}，不应有离开时间", field="离开时间")
    name = clean_text(cell_text(v.get("访客姓名")), "访客姓名", required=True,
                      max_length=MAX_NAME, rule="V1")
    id_type = ids.id_type_of_label(cell_text(v.get("证件类型")) or "居民身份证").value
    id_number, purged = masked_or(v.get("证件号码"), "证件号码", lambda t: ids.validate_id(
        id_type, t, field="证件号码", today=arrived.date()))
    phone, _ = masked_or(v.get("访客电话"), "访客电话",
                          lambda t: phones.normalize_phone(t, field="访客电话"))
    plate_text = cell_text(v.get("车牌号"))
    plate = validate_plate(plate_text) if squeeze(plate_text) else ""
    unit_text = cell_text(v.get("被访房号"))
    unit = units.parse_unit(unit_text, field="被访房号") if unit_text else None
    department = clean_text(cell_text(v.get("被访单位/部门")), "被访单位/部门")
    if unit is None and not department:
        raise ValidationError("没有被访房号或被访单位/部门（规则V2）", field="被访房号")
    host_name = clean_text(cell_text(v.get("被访人")), "被访人", required=True,
                           max_length=MAX_NAME)
    host_phone_text = cell_text(v.get("被访人电话"))
    host_phone = ("" if not host_phone_text else masked_or(
        host_phone_text, "被访人电话",
        lambda t: phones.normalize_phone(t, field="被访人电话"))[0])
    answer = HostAnswer.parse(cell_text(v.get("被访人答复")), field="被访人答复")
    if admits(answer) == (status is VisitStatus.REFUSED):               # rules V3, V4
        raise ValidationError(f"被访人答复“{answer.value}”与状态“{status.value}”不符",
                              field="被访人答复")
    serial = cell_text(v.get("登记单号")) or None
    if status is VisitStatus.REFUSED and serial:
        raise ValidationError("未准入的登记没有登记单号", field="登记单号")
    return {
        "serial": serial, "status": status.value, "arrived_at": arrived, "left_at": left,
        "visitor_name": name, "id_type": id_type, "id_number": id_number, "id_purged": purged,
        "phone": phone, "people": _people(cell_text(v.get("人数")) or "1"), "plate": plate,
        "purpose": clean_text(cell_text(v.get("来访事由")), "来访事由"),
        "host_unit_code": unit.code if unit else None, "host_department": department,
        "host_name": host_name,
        "host_position": clean_text(cell_text(v.get("被访人职位")), "被访人职位"),
        "host_phone": host_phone, "host_answer": answer.value,
        "answered_by": clean_text(cell_text(v.get("接听人")), "接听人", max_length=MAX_NAME),
        "night": bool(read_yes(v.get("夜间登记"), "夜间登记")),
        "duty_manager_name": clean_text(cell_text(v.get("值班总值")), "值班总值",
                                        max_length=MAX_NAME),
        "host_signed": read_yes(v.get("上联签字"), "上联签字"),
        "slip_returned": read_yes(v.get("上联交回"), "上联交回"),
        "exit_note": clean_text(cell_text(v.get("离开备注")), "离开备注", max_length=200),
        "watch_note": "",
        "search_text": visit_search_text(name, phone if not phone.count("*") else "", plate,
                                         host_name, department, unit),
    }


def check_visits(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    values = per_row(parse_visit)(desk, rows)
    unique_serials(desk, rows, values, Visit)
    return values


def save_visits(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    homes = household_ids(desk, {v["host_unit_code"] for v in values if v["host_unit_code"]})
    now = desk.now()
    with desk.write(action) as session:
        conn = session.connection()
        for i in range(0, len(values), 2000):
            conn.execute(insert(Visit), [
                {**v, "host_household_id": homes.get(v["host_unit_code"] or ""),
                 "created_at": now, "created_by": desk.operator.id, "version": 1}
                for v in values[i:i + 2000]])
        write_entries(session, [("visit", "import", "insert", None,
                                 {"count": len(values), "action": action})])
    return len(values)


VISITS = Register(
    name="visitors", title="访客登记表", columns=VISIT_COLUMNS, rows=visit_rows,
    count=visit_count, importer=Importer(check_visits, save_visits), area="访客登记")


# --- goods passes --------------------------------------------------------------------------

GOODS_COLUMNS = (
    RegisterColumn("出入门证号", 15), RegisterColumn("状态", 6),
    RegisterColumn("时间", 16, "datetime"), RegisterColumn("出入方向", 7),
    RegisterColumn("房号", 12), RegisterColumn("单位名称", 12), RegisterColumn("携物人", 8),
    RegisterColumn("携物人电话", 13, "masked_phone"), RegisterColumn("物品", 30),
    RegisterColumn("盖章", 5), RegisterColumn("授权签字人", 8), RegisterColumn("拒绝原因", 20),
    RegisterColumn("夜间登记", 6), RegisterColumn("值班总值", 8),
)

_ITEM = re.compile(r"(?P<d>.+?)×(?P<q>\d+)(?P<m>[^（(]*)[（(](?P<c>[^）)]+)[）)]")


def items_text(items: Sequence[tuple[str, int, str, str]]) -> str:
    """"纸箱×3件（普通物品）；电视机×1台（家具家电）" — one cell, read back by `read_items`."""
    return "；".join(f"{d}×{q}{m}（{c}）" for d, q, m, c in items)


def read_items(text: str) -> list[goods_passes.GoodsLine]:
    lines = []
    for part in (p.strip() for p in re.split(r"[；;\n]", text or "")):
        if not part:
            continue
        match = _ITEM.fullmatch(part)
        if not match:
            raise ValidationError(f"物品“{part}”看不懂，应写成 名称×数量单位（类别），如 纸箱×3件（普通物品）",
                                  field="物品")
        lines.append(goods_passes.GoodsLine(match["d"].strip(), int(match["q"]),
                                            match["m"].strip() or "件", match["c"].strip()))
    return lines


def goods_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    lo, hi = bounds(start, end)
    after: tuple[datetime, int] | None = None
    while True:
        query = select(GoodsPass.id, GoodsPass.serial, GoodsPass.status, GoodsPass.carried_at,
                       GoodsPass.direction, GoodsPass.unit_code, GoodsPass.company,
                       GoodsPass.carrier_name, GoodsPass.carrier_phone, GoodsPass.sealed,
                       GoodsPass.signed_by, GoodsPass.refusal, GoodsPass.night,
                       GoodsPass.duty_manager_name, GoodsPass.created_at).where(
            GoodsPass.created_at >= lo, GoodsPass.created_at < hi)
        if after is not None:  # the (created_at, id) index; created_at is the issue time
            query = query.where((GoodsPass.created_at > after[0])
                                | ((GoodsPass.created_at == after[0]) & (GoodsPass.id > after[1])))
        query = query.order_by(GoodsPass.created_at, GoodsPass.id).limit(1000)
        with desk.read() as session:
            batch = session.execute(query).all()
            items: dict[int, list[tuple[str, int, str, str]]] = {}
            for pid, d, q, m, c in session.execute(
                    select(GoodsItem.pass_id, GoodsItem.description, GoodsItem.quantity,
                           GoodsItem.measure, GoodsItem.category)
                    .where(GoodsItem.pass_id.in_([r.id for r in batch]))
                    .order_by(GoodsItem.pass_id, GoodsItem.position)):
                items.setdefault(pid, []).append((d, q, m, c))
        if not batch:
            return
        for r in batch:
            yield (r.serial or "", r.status, r.carried_at, r.direction, unit_display(r.unit_code),
                   r.company, r.carrier_name, r.carrier_phone, items_text(items.get(r.id, [])),
                   yes(r.sealed), r.signed_by, r.refusal, yes(r.night), r.duty_manager_name)
        after = (batch[-1].created_at, batch[-1].id)
        if len(batch) < 1000:
            return


goods_count = counted_by(GoodsPass.created_at)


def parse_goods(desk: Desk, v: dict[str, Any]) -> dict[str, Any]:
    status = GoodsStatus.parse(cell_text(v.get("状态")), field="状态")
    carried = read_datetime(v.get("时间"), "时间", required=True)
    assert carried is not None
    if carried > desk.now():
        raise ValidationError("时间在将来", field="时间")
    phone_text = cell_text(v.get("携物人电话"))
    phone = "" if not phone_text else masked_or(
        phone_text, "携物人电话", lambda t: phones.normalize_phone(t, field="携物人电话"))[0]
    data = goods_passes.GoodsInput(
        direction=cell_text(v.get("出入方向")), unit=cell_text(v.get("房号")),
        company=cell_text(v.get("单位名称")), carrier_name=cell_text(v.get("携物人")),
        carrier_phone="", items=read_items(cell_text(v.get("物品"))),
        sealed=bool(read_yes(v.get("盖章"), "盖章")), signed_by=cell_text(v.get("授权签字人")))
    if status is GoodsStatus.REFUSED:  # a refusal needs no seal: nothing went out
        data.sealed = data.sealed or not data.signed_by
    c = goods_passes.clean(data)
    refusal = cell_text(v.get("拒绝原因"))  # the desk's own wording, kept as written
    if len(refusal) > 500 or not refusal.isprintable():
        raise ValidationError("拒绝原因太长或有无法显示的字符", field="拒绝原因")
    if status is GoodsStatus.REFUSED and not refusal:
        raise ValidationError("状态为拒绝，但没有拒绝原因", field="拒绝原因")
    serial = cell_text(v.get("出入门证号")) or None
    return {
        "serial": serial, "status": status.value, "direction": c.direction.value, "carried_at": carried,
        "unit_code": c.unit.code if c.unit else None, "company": c.company,
        "carrier_name": c.carrier_name, "carrier_phone": phone,
        "sealed": bool(read_yes(v.get("盖章"), "盖章")), "signed_by": c.signed_by,
        "refusal": refusal, "night": bool(read_yes(v.get("夜间登记"), "夜间登记")),
        "duty_manager_name": clean_text(cell_text(v.get("值班总值")), "值班总值",
                                        max_length=MAX_NAME),
        "items": [(i.description, i.quantity, i.measure, i.category.value)
                  for i in c.items],
    }


def check_goods(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    values = per_row(parse_goods)(desk, rows)
    unique_serials(desk, rows, values, GoodsPass)
    return values


def save_goods(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    homes = household_ids(desk, {v["unit_code"] for v in values if v["unit_code"]})
    with desk.write(action) as session:
        conn = session.connection()
        for start in range(0, len(values), 1000):
            batch = values[start:start + 1000]
            new_ids = list(conn.execute(
                insert(GoodsPass).returning(GoodsPass.id, sort_by_parameter_order=True),
                [{**{k: x for k, x in v.items() if k != "items"},
                  "household_id": homes.get(v["unit_code"] or ""),
                  "created_at": v["carried_at"], "created_by": desk.operator.id}
                 for v in batch]).scalars())
            items = [{"pass_id": pid, "position": i, "description": d, "quantity": q,
                      "measure": m, "category": c}
                     for pid, v in zip(new_ids, batch, strict=True)
                     for i, (d, q, m, c) in enumerate(v["items"])]
            if items:
                conn.execute(insert(GoodsItem), items)
        write_entries(session, [("goods_pass", "import", "insert", None,
                                 {"count": len(values), "action": action})])
    return len(values)


GOODS_PASSES = Register(
    name="goods-passes", title="携物出入门证登记表", columns=GOODS_COLUMNS, rows=goods_rows,
    count=goods_count, importer=Importer(check_goods, save_goods), area="访客登记")
