"""The VIP registers (rules R2, P2–P6): the cards (VIP卡发放登记表) with every card
issued, ended or reaching its date in the period, and the services given (VIP服务登记表).

Both come back from their workbooks, all or nothing. Import the cards first, then the
services: a service row finds its card by the 卡号 the sheet shows, and a card not in
the desk is a bad row ("卡号JK2001不在系统中，请先导入VIP卡发放登记表").

Cards. Each row's holder must be a household of the archive (rule P1: import the 业户名册
first). The holder's VIP archive is found by household and name, or opened for them:
the written application and its approval (P3) stay on paper — the archive says so in
its note, with the earliest card's date as the application and approval dates and no
approver's name. A card number is taken as the sheet shows it and must be new: not twice
in the file, not already in the desk (P2). Numbers are never reused: the desk's next
number of a level is one past the highest ever issued under the prefix, imported cards
included. A 换发/补发 card points at the holder's card before it. The shown status
已过期 is stored as 有效 (it is worked out from 有效期至, P4); an ended card keeps its
time, reason and note.

Services. The name and unit must be the card holder's; the service falls within the
card's validity (P4, P5); emergency cash aid carries its amount (the limit of the
settings is the desk's rule for new aid, not for the past), other services none (P6).
The audit trail records each import (rule G4).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, or_, select

from wuye_desk.domain import phones, units
from wuye_desk.domain.errors import RowProblem, ValidationError
from wuye_desk.domain.vip import (
    EXPIRED,
    CardStatus,
    RevokeReason,
    ServiceKind,
    VipLevel,
    check_aid_amount,
    read_card_number,
    shown_status,
)
from wuye_desk.exports.xlsx import SheetRow, cell_text
from wuye_desk.services import vip
from wuye_desk.services.desk import Desk
from wuye_desk.services.register_cells import (
    CHUNK,
    masked_or,
    read_date,
    read_datetime,
    read_past_datetime,
    read_text,
    reject,
    unit_display,
)
from wuye_desk.services.registers import Importer, Register, RegisterColumn, bounds, counted_by
from wuye_desk.store.audit import write_entries
from wuye_desk.store.models import Household, VipCard, VipCustomer, VipService

BATCH = 1000

_LEVELS = {level.digit: level.value for level in VipLevel}

CARD_COLUMNS = (
    RegisterColumn("卡号", 9), RegisterColumn("级别", 8), RegisterColumn("持卡人", 8),
    RegisterColumn("房号", 12), RegisterColumn("电话", 13, "masked_phone"),
    RegisterColumn("发卡原因", 6), RegisterColumn("发卡日期", 11, "date"),
    RegisterColumn("有效期至", 11, "date"), RegisterColumn("核对人", 8),
    RegisterColumn("卡状态", 8), RegisterColumn("作废/撤销时间", 16, "datetime"),
    RegisterColumn("作废/撤销原因", 14), RegisterColumn("说明", 14),
)


def _card_where(start: date, end: date) -> Any:
    lo, hi = bounds(start, end)
    return or_((VipCard.issued_on >= start) & (VipCard.issued_on <= end),
               (VipCard.ended_at >= lo) & (VipCard.ended_at < hi),
               # the day after 有效期至 falls in the period: the card ran out then (P4)
               (VipCard.valid_to >= start - timedelta(days=1)) & (VipCard.valid_to < end))


def card_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    """Cards issued, ended (replaced, voided, revoked) or running out in the period, in
    order of issue."""
    today = desk.now().date()
    offset = 0
    while True:
        query = (select(VipCard, VipCustomer.name, VipCustomer.phone, Household.unit_code)
                 .join(VipCustomer, VipCustomer.id == VipCard.vip_id)
                 .join(Household, Household.id == VipCustomer.household_id)
                 .where(_card_where(start, end))
                 .order_by(VipCard.issued_on, VipCard.id).offset(offset).limit(BATCH))
        with desk.read() as session:
            batch = session.execute(query).all()
            rows = [(c.number, _LEVELS.get(c.level, str(c.level)), name, unit_display(unit),
                     phone, c.reason, c.issued_on, c.valid_to, c.checked_by,
                     shown_status(c.status, c.valid_to, today), c.ended_at, c.end_reason,
                     c.end_note) for c, name, phone, unit in batch]
        yield from rows
        if len(batch) < BATCH:
            return
        offset += BATCH


def card_count(desk: Desk, start: date, end: date) -> int:
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(VipCard).where(
            _card_where(start, end))) or 0)


def parse_card(desk: Desk, v: dict[str, Any]) -> dict[str, Any]:
    """One row of the VIP卡发放登记表 → a card's columns and its holder, checked (P2–P5)."""
    now = desk.now()
    number = read_card_number(cell_text(v.get("卡号")), field="卡号")          # rule P2
    level = VipLevel.parse(cell_text(v.get("级别")), field="级别")
    if int(number[2]) != level.digit:
        raise ValidationError(f"卡号{number}的级别数字是{number[2]}，与级别“{level.value}”"
                              f"（{level.digit}）不符（规则P2）", field="级别", rule="P2")
    name = read_text(v.get("持卡人"), "持卡人", required=True, max_length=40, rule="P1")
    unit_text = cell_text(v.get("房号"))
    if not unit_text:
        raise ValidationError("请填写房号：VIP须是档案中的业户（规则P1）", field="房号", rule="P1")
    unit = units.parse_unit(unit_text, field="房号")
    phone_text = cell_text(v.get("电话"))
    phone = "" if not phone_text else masked_or(
        phone_text, "电话", lambda t: phones.normalize_phone(t, field="电话"))[0]
    reason = cell_text(v.get("发卡原因"))
    if reason not in (vip.NEW, vip.RENEWAL, vip.REPLACEMENT):
        raise ValidationError(f"发卡原因应为{vip.NEW}、{vip.RENEWAL}或{vip.REPLACEMENT}，"
                              f"您填的是“{reason}”", field="发卡原因")
    issued = read_date(v.get("发卡日期"), "发卡日期", required=True)
    valid_to = read_date(v.get("有效期至"), "有效期至", required=True)
    assert issued is not None and valid_to is not None
    if issued > now.date():
        raise ValidationError("发卡日期在将来", field="发卡日期")
    if valid_to < issued:
        raise ValidationError("有效期至早于发卡日期（规则P4）", field="有效期至", rule="P4")
    status_text = cell_text(v.get("卡状态"))
    status = (CardStatus.VALID if status_text == EXPIRED           # worked out from the date
              else CardStatus.parse(status_text, field="卡状态"))
    ended = read_datetime(v.get("作废/撤销时间"), "作废/撤销时间", required=False)
    end_reason = read_text(v.get("作废/撤销原因"), "作废/撤销原因", max_length=40)
    if status is CardStatus.VALID and (ended or end_reason):
        raise ValidationError(f"卡状态为{status_text}，不应有作废/撤销时间或原因",
                              field="作废/撤销时间")
    if status is not CardStatus.VALID:
        if ended is None:
            raise ValidationError(f"卡状态为{status.value}，请填写作废/撤销时间",
                                  field="作废/撤销时间")
        if not issued <= ended.date() <= now.date():
            raise ValidationError("作废/撤销时间应在发卡日期之后、现在之前", field="作废/撤销时间")
    if status is CardStatus.REVOKED:                                         # rule P5
        end_reason = RevokeReason.parse(end_reason, field="作废/撤销原因").value
    return {
        "number": number, "prefix": number[:2], "level": level.digit,
        "sequence": int(number[3:]), "issued_on": issued, "valid_to": valid_to,
        "reason": reason, "checked_by": read_text(v.get("核对人"), "核对人", max_length=40),
        "status": status.value, "ended_at": ended, "end_reason": end_reason,
        "end_note": read_text(v.get("说明"), "说明", max_length=200),
        "holder": name, "unit": unit, "phone": phone,
    }


def check_cards(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    problems: list[RowProblem] = []
    parsed: list[tuple[SheetRow, dict[str, Any]]] = []
    for row in rows:
        try:
            parsed.append((row, parse_card(desk, row.values)))
        except ValidationError as exc:
            problems.append(RowProblem(row.number, exc.message))
    codes = sorted({v["unit"].code for _, v in parsed})
    numbers = sorted({v["number"] for _, v in parsed})
    homes: dict[str, int] = {}
    issued: set[str] = set()
    with desk.read() as session:
        for i in range(0, len(codes), CHUNK):
            homes.update(session.execute(select(Household.unit_code, Household.id).where(
                Household.unit_code.in_(codes[i:i + CHUNK]))).all())
        for i in range(0, len(numbers), CHUNK):
            issued.update(session.scalars(select(VipCard.number).where(
                VipCard.number.in_(numbers[i:i + CHUNK]))))
    seen: dict[str, int] = {}
    values: list[dict[str, Any]] = []
    for row, v in parsed:
        number = v["number"]
        if number in seen:                                                   # rule P2
            problems.append(RowProblem(row.number, f"卡号{number}与第{seen[number]}行重复，"
                                                   f"卡号不能重复使用（规则P2）"))
        elif number in issued:
            problems.append(RowProblem(row.number, f"卡号{number}已在系统中，卡号不能重复使用"
                                                   f"（规则P2）"))
        elif v["unit"].code not in homes:                                    # rule P1
            problems.append(RowProblem(row.number, f"档案中没有{v['unit'].display}这户，"
                                                   f"请先导入业户名册（规则P1）"))
        else:
            v["household_id"] = homes[v["unit"].code]
            values.append(v)
        seen.setdefault(number, row.number)
    reject(problems)
    return values


def save_cards(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    now = desk.now()
    order = sorted(range(len(values)), key=lambda i: (values[i]["issued_on"], i))
    with desk.write(action) as session:
        wanted = sorted({v["household_id"] for v in values})
        holders: dict[tuple[int, str], VipCustomer] = {}
        for i in range(0, len(wanted), CHUNK):
            for c in session.scalars(select(VipCustomer).where(
                    VipCustomer.household_id.in_(wanted[i:i + CHUNK]))):
                holders[c.household_id, c.name] = c
        for i in order:
            v = values[i]
            key = (v["household_id"], v["holder"])
            if key not in holders:                     # the application stays on paper (P3)
                holders[key] = VipCustomer(
                    household_id=v["household_id"], unit_sort=v["unit"].sort_key,
                    name=v["holder"], phone=v["phone"], level=v["level"],
                    applied_on=v["issued_on"], approved_by="", approved_on=v["issued_on"],
                    note=f"{action}：书面申请和批准见纸质档案（规则P3）", version=1)
                session.add(holders[key])
        session.flush()
        last: dict[int, int] = {}
        for vid, card_id in session.execute(
                select(VipCard.vip_id, func.max(VipCard.id)).where(
                    VipCard.vip_id.in_([c.id for c in holders.values()]))
                .group_by(VipCard.vip_id)):
            last[vid] = card_id
        conn = session.connection()
        touched: set[int] = set()
        for i in order:
            v = values[i]
            holder = holders[v["household_id"], v["holder"]]
            replaces = last.get(holder.id) if v["reason"] != vip.NEW else None
            last[holder.id] = conn.execute(insert(VipCard).returning(VipCard.id), {
                **{k: x for k, x in v.items()
                   if k not in ("holder", "unit", "phone", "household_id")},
                "vip_id": holder.id, "ended_by": None, "replaces_id": replaces,
                "created_at": now, "created_by": desk.operator.id}).scalar_one()
            touched.add(holder.id)
        current: dict[int, Any] = {}                   # the current card, kept in step
        numbers: dict[int, list[tuple[int, str]]] = {}
        ids = sorted(touched)
        for i in range(0, len(ids), CHUNK):
            for card in session.execute(
                    select(VipCard.id, VipCard.vip_id, VipCard.number, VipCard.level,
                           VipCard.status, VipCard.valid_to)
                    .where(VipCard.vip_id.in_(ids[i:i + CHUNK]))
                    .order_by(VipCard.issued_on, VipCard.id)):
                current[card.vip_id] = card
                numbers.setdefault(card.vip_id, []).append((card.id, card.number))
        shown = {v["household_id"]: v["unit"] for v in values}
        for holder in holders.values():
            if holder.id not in touched:
                continue
            last_card = current[holder.id]
            holder.level, holder.card_number = last_card.level, last_card.number
            holder.card_status, holder.card_valid_to = last_card.status, last_card.valid_to
            holder.search_text = vip._search(holder, shown[holder.household_id],
                                             [n for _, n in sorted(numbers[holder.id])])
        write_entries(session, [("vip_card", "import", "insert", None,             # rule G4
                                 {"count": len(values), "action": action})])
    return len(values)


CARDS = Register(
    name="vip-cards", title="VIP卡发放登记表", columns=CARD_COLUMNS, rows=card_rows,
    count=card_count, area="VIP客户", importer=Importer(check_cards, save_cards))


SERVICE_COLUMNS = (
    RegisterColumn("服务时间", 16, "datetime"), RegisterColumn("卡号", 9),
    RegisterColumn("客户姓名", 8), RegisterColumn("房号", 12), RegisterColumn("服务项目", 11),
    RegisterColumn("服务内容", 24), RegisterColumn("金额（元）", 9),
    RegisterColumn("经办人", 8),
)


def service_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    lo, hi = bounds(start, end)
    offset = 0
    while True:
        query = (select(VipService, VipCustomer.name, Household.unit_code)
                 .join(VipCustomer, VipCustomer.id == VipService.vip_id)
                 .join(Household, Household.id == VipCustomer.household_id)
                 .where(VipService.given_at >= lo, VipService.given_at < hi)
                 .order_by(VipService.given_at, VipService.id).offset(offset).limit(BATCH))
        with desk.read() as session:
            batch = session.execute(query).all()
            rows = [(s.given_at, s.card_number, name, unit_display(unit), s.kind, s.detail,
                     (s.amount_fen / 100 if s.amount_fen else None), s.given_by)
                    for s, name, unit in batch]
        yield from rows
        if len(batch) < BATCH:
            return
        offset += BATCH


service_count = counted_by(VipService.given_at)


def parse_service(desk: Desk, v: dict[str, Any]) -> dict[str, Any]:
    """One row of the VIP服务登记表 → a service's columns, checked (rule P6); its card is
    found afterwards, for the whole file at once."""
    given = read_past_datetime(v.get("服务时间"), "服务时间", desk.now())
    kind = ServiceKind.parse(cell_text(v.get("服务项目")), field="服务项目")
    amount = cell_text(v.get("金额（元）"))
    fen = 0
    if kind is ServiceKind.CASH_AID:                                         # rule P6
        fen = check_aid_amount(amount, 10 ** 7)
    elif amount:
        raise ValidationError("只有紧急现金援助填写金额（规则P6）", field="金额（元）", rule="P6")
    unit_text = cell_text(v.get("房号"))
    return {
        "given_at": given, "card_number": read_card_number(cell_text(v.get("卡号")), field="卡号"),
        "kind": kind.value, "detail": read_text(v.get("服务内容"), "服务内容", required=True,
                                                max_length=200, rule="P6"),
        "amount_fen": fen,
        "given_by": read_text(v.get("经办人"), "经办人", required=True, max_length=40),
        "holder": read_text(v.get("客户姓名"), "客户姓名", required=True, max_length=40),
        "unit_code": units.parse_unit(unit_text, field="房号").code if unit_text else None,
    }


def check_services(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    problems: list[RowProblem] = []
    parsed: list[tuple[SheetRow, dict[str, Any]]] = []
    for row in rows:
        try:
            parsed.append((row, parse_service(desk, row.values)))
        except ValidationError as exc:
            problems.append(RowProblem(row.number, exc.message))
    numbers = sorted({v["card_number"] for _, v in parsed})
    cards: dict[str, Any] = {}
    given: set[tuple[str, datetime, str, str]] = set()
    with desk.read() as session:
        for i in range(0, len(numbers), CHUNK):
            chunk = numbers[i:i + CHUNK]
            cards.update((r.number, r) for r in session.execute(
                select(VipCard.number, VipCard.vip_id, VipCard.issued_on, VipCard.valid_to,
                       VipCard.ended_at, VipCustomer.name, Household.unit_code)
                .join(VipCustomer, VipCustomer.id == VipCard.vip_id)
                .join(Household, Household.id == VipCustomer.household_id)
                .where(VipCard.number.in_(chunk))))
            given.update((n, t, k, d) for n, t, k, d in session.execute(select(
                VipService.card_number, VipService.given_at, VipService.kind, VipService.detail)
                .where(VipService.card_number.in_(chunk))))
    seen: dict[tuple[str, datetime, str, str], int] = {}
    values: list[dict[str, Any]] = []
    for row, v in parsed:
        number, at = v["card_number"], v["given_at"]
        card = cards.get(number)
        same = (number, at, v["kind"], v["detail"])
        if card is None:
            problems.append(RowProblem(row.number, f"卡号{number}不在系统中，"
                                                   f"请先导入VIP卡发放登记表"))
        elif card.name != v["holder"] or (v["unit_code"] or card.unit_code) != card.unit_code:
            problems.append(RowProblem(row.number, f"卡号{number}的持卡人是{card.name}"
                                                   f"（{unit_display(card.unit_code)}），"
                                                   f"与客户姓名或房号不符"))
        elif not (card.issued_on <= at.date() <= card.valid_to
                  and (card.ended_at is None or at <= card.ended_at)):        # rules P4, P5
            problems.append(RowProblem(row.number, f"服务时间卡{number}不是有效卡（规则P4、P5）"))
        elif same in seen:
            problems.append(RowProblem(row.number, f"与第{seen[same]}行是同一次服务"))
        elif same in given:
            problems.append(RowProblem(row.number, "这次服务已在系统中"))
        else:
            seen[same] = row.number
            v["vip_id"] = card.vip_id
            values.append(v)
    reject(problems)
    return values


def save_services(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    now = desk.now()
    records = [{**{k: x for k, x in v.items() if k not in ("holder", "unit_code")},
                "created_at": now, "created_by": desk.operator.id} for v in values]
    with desk.write(action) as session:
        conn = session.connection()
        for i in range(0, len(records), BATCH):
            conn.execute(insert(VipService), records[i:i + BATCH])
        write_entries(session, [("vip_service", "import", "insert", None,          # rule G4
                                 {"count": len(records), "action": action})])
    return len(records)


SERVICES = Register(
    name="vip-services", title="VIP服务登记表", columns=SERVICE_COLUMNS, rows=service_rows,
    count=service_count, area="VIP客户",
    importer=Importer(check_services, save_services))
