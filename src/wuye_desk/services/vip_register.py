"""The VIP registers (rules R2, P2–P6): the cards (VIP卡发放登记表) with every card
issued, ended or reaching its date in the period, and the services given (VIP服务登记表).

Both are export-only: a card number is issued once by the register's own numbering
(rule P2, never twice) after an approved application (P3), and a service belongs to
a card holder; a spreadsheet cannot stand in for either, so an import is refused
with a message saying so.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select

from wuye_desk.domain.vip import VipLevel, shown_status
from wuye_desk.services.desk import Desk
from wuye_desk.services.register_cells import unit_display
from wuye_desk.services.registers import Register, RegisterColumn, bounds, export_only
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


CARDS = Register(
    name="vip-cards", title="VIP卡发放登记表", columns=CARD_COLUMNS, rows=card_rows,
    count=card_count, area="VIP客户",
    importer=export_only("VIP卡发放登记表", "卡号由系统按级别顺序编号、永不重号，发卡须经书面申请和批准"
                                            "（规则P2、P3），请在VIP客户中办理"))


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


def service_count(desk: Desk, start: date, end: date) -> int:
    lo, hi = bounds(start, end)
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(VipService).where(
            VipService.given_at >= lo, VipService.given_at < hi)) or 0)


SERVICES = Register(
    name="vip-services", title="VIP服务登记表", columns=SERVICE_COLUMNS, rows=service_rows,
    count=service_count, area="VIP客户",
    importer=export_only("VIP服务登记表", "每次服务都记在一张有效的VIP卡名下（规则P6），请在VIP客户中登记"))
