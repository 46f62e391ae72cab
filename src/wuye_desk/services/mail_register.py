"""The mail desk's register (rules R2, M1–M5): the 邮件签收表, one line per item signed
in during the period, with its notice, public notice, pickup (who collected it, their
ID masked as it was kept, rule G3) or return.

It comes back from its workbook, all or nothing, storing what the sheet carries:
- an item's unit must be in the household archive (import the 业户名册 first); an item
  without a unit needs its written address (an undeliverable one, rule M5);
- a tracking number is signed in once (in the file and in the desk, rule M2);
- a pickup is the set of items the sheet shows collected at the same time by the same
  collector with the same document for the same household: one MailPickup for them,
  signed on paper (no screen signature comes back). The collector's ID number is kept
  masked only (rule G3): a whole number is checked, then masked; a masked one must have
  the shape the desk masks with. Older sheets without a collector keep the item 已领取
  with its time only;
- a return is the set of items sent back at the same time for the same reason to the
  same postal clerk: one MailReturn for them (rule M5);
- the notice (method, time) and the public notice are kept on the item; no notice slip
  (and so no pickup code) is made again.
The audit trail records the import (rule G4); a corrected entry (已更正) is not in the
register and cannot come back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select

from wuye_desk.domain import ids, units
from wuye_desk.domain.errors import RowProblem, ValidationError
from wuye_desk.domain.mail import (
    Carrier,
    CollectorKind,
    MailKind,
    MailStatus,
    NoticeMethod,
    ReturnReason,
    clean_position,
    clean_tracking,
)
from wuye_desk.domain.privacy import mask_id
from wuye_desk.exports.xlsx import SheetRow, cell_text
from wuye_desk.services.desk import Desk
from wuye_desk.services.mail import item_search_text
from wuye_desk.services.register_cells import (
    CHUNK,
    read_datetime,
    read_id,
    read_past_datetime,
    read_text,
    read_yes,
    reject,
    unit_display,
    yes,
)
from wuye_desk.services.registers import Importer, Register, RegisterColumn, bounds, counted_by
from wuye_desk.store.audit import write_entries
from wuye_desk.store.models import Household, MailItem, MailPickup, MailReturn

BATCH = 1000

COLUMNS = (
    RegisterColumn("收件时间", 16, "datetime"), RegisterColumn("单号", 16),
    RegisterColumn("类别", 7), RegisterColumn("快递/邮政", 8), RegisterColumn("房号", 12),
    RegisterColumn("收件人", 8), RegisterColumn("地址（原文）", 14),
    RegisterColumn("存放位置", 8), RegisterColumn("破损情况", 12),
    RegisterColumn("无法投递", 6), RegisterColumn("通知方式", 8),
    RegisterColumn("通知时间", 16, "datetime"), RegisterColumn("公示时间", 16, "datetime"),
    RegisterColumn("状态", 7), RegisterColumn("领取时间", 16, "datetime"),
    RegisterColumn("领取人", 8), RegisterColumn("本人/代领", 6),
    RegisterColumn("领取人证件类型", 10), RegisterColumn("领取人证件号码", 20),
    RegisterColumn("退回时间", 16, "datetime"), RegisterColumn("退回原因", 8),
    RegisterColumn("接收退件人", 8), RegisterColumn("备注", 14),
)

_LIVE = MailItem.status != MailStatus.VOID.value


def mail_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    """Items signed in during [start, end] (corrected entries left out: their corrections
    stand in their place, rule G4), oldest first."""
    lo, hi = bounds(start, end)
    after: tuple[datetime, int] | None = None
    while True:
        query = (select(MailItem, MailPickup.collector_name, MailPickup.collector_kind,
                        MailPickup.id_type, MailPickup.id_masked, MailReturn.reason,
                        MailReturn.postal_clerk)
                 .outerjoin(MailPickup, MailPickup.id == MailItem.pickup_id)
                 .outerjoin(MailReturn, MailReturn.id == MailItem.return_id)
                 .where(_LIVE, MailItem.received_at >= lo, MailItem.received_at < hi))
        if after is not None:
            query = query.where((MailItem.received_at > after[0])
                                | ((MailItem.received_at == after[0]) & (MailItem.id > after[1])))
        query = query.order_by(MailItem.received_at, MailItem.id).limit(BATCH)
        with desk.read() as session:
            batch = session.execute(query).all()
            rows = [(m.received_at, m.tracking_no, m.kind, m.carrier, unit_display(m.unit_code),
                     m.addressee, m.address_text, m.position, m.damage, yes(m.undeliverable),
                     m.notice_method, m.notified_at, m.public_notice_at, m.status,
                     m.picked_up_at, collector or "", collector_kind or "", id_type or "",
                     id_masked or "", m.returned_at, reason or "", clerk or "", m.remark)
                    for m, collector, collector_kind, id_type, id_masked, reason, clerk in batch]
            last = (batch[-1][0].received_at, batch[-1][0].id) if batch else None
        if last is None:
            return
        yield from rows
        after = last
        if len(batch) < BATCH:
            return


mail_count = counted_by(MailItem.received_at, _LIVE)


# --- import ---------------------------------------------------------------------------------

def _after(v: dict[str, Any], header: str, received: datetime, now: datetime, *,
           required: bool = False) -> datetime | None:
    moment = read_datetime(v.get(header), header, required=required)
    if moment is not None and not received <= moment <= now:
        raise ValidationError(f"{header}应在收件时间之后、现在之前", field=header)
    return moment


def parse_item(desk: Desk, v: dict[str, Any]) -> dict[str, Any]:
    """One row of the 邮件签收表 → an item's columns and its pickup or return, checked."""
    now = desk.now()
    received = read_past_datetime(v.get("收件时间"), "收件时间", now)
    number = clean_tracking(cell_text(v.get("单号")), field="单号")
    status = MailStatus.parse(cell_text(v.get("状态")), field="状态")
    if status is MailStatus.VOID:                                            # rule G4
        raise ValidationError("已更正的登记不导入：导入更正后的那一行", field="状态")
    unit_text = cell_text(v.get("房号"))
    unit = units.parse_unit(unit_text, field="房号") if unit_text else None
    address = read_text(v.get("地址（原文）"), "地址（原文）")
    undeliverable = bool(read_yes(v.get("无法投递"), "无法投递"))
    if unit is None and not address:
        raise ValidationError("没有房号，也没有地址（原文）", field="房号")
    method_text = cell_text(v.get("通知方式"))
    method = NoticeMethod.parse(method_text, field="通知方式").value if method_text else ""
    notified = _after(v, "通知时间", received, now)
    if bool(method) != (notified is not None):                               # rule M2
        raise ValidationError("通知方式和通知时间应同时填写", field="通知时间")
    picked = _after(v, "领取时间", received, now)
    returned = _after(v, "退回时间", received, now)
    pickup: tuple[Any, ...] | None = None
    back: tuple[Any, ...] | None = None
    collector = read_text(v.get("领取人"), "领取人", max_length=40)
    reason_text = cell_text(v.get("退回原因"))
    clerk = read_text(v.get("接收退件人"), "接收退件人", max_length=40)
    if status is MailStatus.PICKED_UP:
        if picked is None:
            raise ValidationError("状态为已领取，但没有领取时间", field="领取时间")
        if returned is not None:
            raise ValidationError("已领取的邮件不应有退回时间", field="退回时间")
        if unit is None or undeliverable:
            raise ValidationError("无法投递的邮件只能退回，不能领取（规则M5）", field="状态",
                                  rule="M5")
        if collector:                                                        # rules M4, G3
            id_type = ids.id_type_of_label(cell_text(v.get("领取人证件类型")) or "居民身份证").value
            number_text = read_id(v.get("领取人证件号码"), id_type, "领取人证件号码",
                                  today=picked.date())
            masked = number_text if "*" in number_text else mask_id(number_text)
            kind = CollectorKind.parse(cell_text(v.get("本人/代领")) or "本人",
                                       field="本人/代领").value
            pickup = (picked, collector, kind, id_type, masked, unit.code)
        elif any(cell_text(v.get(h)) for h in ("本人/代领", "领取人证件类型", "领取人证件号码")):
            raise ValidationError("有领取人证件，但没有领取人", field="领取人")
    elif picked is not None or collector:
        raise ValidationError(f"状态为{status.value}，不应有领取时间或领取人", field="领取时间")
    if status is MailStatus.RETURNED:
        if returned is None:
            raise ValidationError("状态为已退回，但没有退回时间", field="退回时间")
        if reason_text or clerk:                                             # rule M5
            reasons = [ReturnReason.parse(r, field="退回原因").value
                       for r in reason_text.replace("，", "、").split("、") if r.strip()]
            if not reasons or not clerk:
                raise ValidationError("退回须有退回原因和签收的接收退件人（规则M5）",
                                      field="接收退件人", rule="M5")
            back = (returned, "、".join(r.value for r in ReturnReason if r.value in reasons),
                    clerk)
    elif returned is not None or reason_text or clerk:
        raise ValidationError(f"状态为{status.value}，不应有退回时间或退回原因", field="退回时间")
    return {
        "tracking_no": number, "kind": MailKind.parse(cell_text(v.get("类别")), field="类别").value,
        "carrier": Carrier.parse(cell_text(v.get("快递/邮政")), field="快递/邮政").value,
        "status": status.value, "received_at": received,
        "unit_code": unit.code if unit else None,
        "addressee": read_text(v.get("收件人"), "收件人", max_length=40),
        "address_text": address, "position": clean_position(cell_text(v.get("存放位置"))),
        "damage": read_text(v.get("破损情况"), "破损情况", max_length=200),
        "undeliverable": undeliverable, "remark": read_text(v.get("备注"), "备注", max_length=200),
        "notified_at": notified, "notice_method": method,
        "public_notice_at": _after(v, "公示时间", received, now),
        "picked_up_at": picked, "returned_at": returned, "pickup": pickup, "return": back,
    }


def check_items(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    problems: list[RowProblem] = []
    parsed: list[tuple[SheetRow, dict[str, Any]]] = []
    for row in rows:
        try:
            parsed.append((row, parse_item(desk, row.values)))
        except ValidationError as exc:
            problems.append(RowProblem(row.number, exc.message))
    codes = sorted({v["unit_code"] for _, v in parsed if v["unit_code"]})
    numbers = sorted({v["tracking_no"] for _, v in parsed})
    homes: dict[str, tuple[int, str]] = {}
    signed: set[str] = set()
    with desk.read() as session:
        for i in range(0, len(codes), CHUNK):
            homes.update((c, (h, n)) for c, h, n in session.execute(
                select(Household.unit_code, Household.id, Household.primary_name)
                .where(Household.unit_code.in_(codes[i:i + CHUNK]))))
        for i in range(0, len(numbers), CHUNK):
            signed.update(session.scalars(select(MailItem.tracking_no).where(
                MailItem.tracking_no.in_(numbers[i:i + CHUNK]),
                MailItem.status != MailStatus.VOID.value)))
    seen: dict[str, int] = {}
    values: list[dict[str, Any]] = []
    for row, v in parsed:
        number, code = v["tracking_no"], v["unit_code"]
        if number in seen:                                                   # rule M2
            problems.append(RowProblem(row.number, f"单号{number}与第{seen[number]}行重复"))
        elif number in signed:
            problems.append(RowProblem(row.number, f"单号{number}已在系统中登记"))
        elif code and code not in homes:
            problems.append(RowProblem(row.number, f"档案中没有{unit_display(code)}这户，"
                                                   f"请先导入业户名册"))
        else:
            home = homes.get(code or "")
            v["household_id"], v["household_name"] = home if home else (None, "")
            values.append(v)
        seen.setdefault(number, row.number)
    reject(problems)
    return values


def save_items(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    now = desk.now()
    who = desk.operator.id
    pickups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    returns: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for v in values:
        if v["pickup"] is not None:
            pickups.setdefault(v["pickup"], []).append(v)
        if v["return"] is not None:
            returns.setdefault(v["return"], []).append(v)
    with desk.write(action) as session:
        conn = session.connection()
        for (at, name, kind, id_type, masked, code), items in pickups.items():
            pickup_id = conn.execute(insert(MailPickup).returning(MailPickup.id), {
                "household_id": items[0]["household_id"], "unit_code": code, "picked_at": at,
                "collector_name": name, "collector_kind": kind, "id_type": id_type,
                "id_masked": masked, "item_count": len(items), "signature_png": None,
                "created_at": now, "created_by": who}).scalar_one()
            for v in items:
                v["pickup_id"] = pickup_id
        for (at, reason, clerk), items in returns.items():
            return_id = conn.execute(insert(MailReturn).returning(MailReturn.id), {
                "reason": reason, "returned_at": at, "postal_clerk": clerk, "note": "",
                "item_count": len(items), "created_at": now, "created_by": who}).scalar_one()
            for v in items:
                v["return_id"] = return_id
        records = []
        for v in values:
            unit = units.parse_unit(v["unit_code"]) if v["unit_code"] else None
            records.append({
                **{k: x for k, x in v.items() if k not in ("pickup", "return", "household_name")},
                "pickup_id": v.get("pickup_id"), "return_id": v.get("return_id"),
                "notice_id": None, "correction_of": None, "corrected_by": None,
                "search_text": item_search_text(v["tracking_no"], unit, v["address_text"],
                                                v["addressee"], v["household_name"]),
                "created_at": now, "created_by": who, "version": 1})
        for i in range(0, len(records), BATCH):
            conn.execute(insert(MailItem), records[i:i + BATCH])
        write_entries(session, [("mail_item", "import", "insert", None,             # rule G4
                                 {"count": len(records), "pickups": len(pickups),
                                  "returns": len(returns), "action": action})])
    return len(records)


MAIL = Register(
    name="mail", title="邮件签收表", columns=COLUMNS, rows=mail_rows, count=mail_count,
    area="邮件登记", importer=Importer(check_items, save_items))
