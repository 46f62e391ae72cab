"""The key cabinet's registers (rules R2, K2, K3, K8): the custody list (顾客钥匙清单 /
委托登记) and the lendings (借用钥匙登记表).

Both are export-only: a key's history (its slot, every loan, emergency and lock
change, rule G4) is written by the cabinet's own steps, and a loan means nothing
without the key and the approving manager it points at. An import is refused
with a message saying so (`EXPORT_ONLY`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select

from wuye_desk.domain.errors import ValidationError
from wuye_desk.exports.xlsx import SheetRow
from wuye_desk.services.desk import Desk
from wuye_desk.services.registers import Importer, Register, RegisterColumn, bounds
from wuye_desk.services.visitor_register import _unit_display, _yes
from wuye_desk.store.models import CabinetKey, KeyLoan

BATCH = 1000


def export_only(title: str, why: str) -> Importer[None]:
    """An importer that refuses every file with a Chinese reason (nothing is written)."""

    def check(desk: Desk, rows: list[SheetRow]) -> None:
        raise ValidationError(f"{title}只能导出，不能从 Excel 导入：{why}", field="登记表")

    def save(desk: Desk, value: None, action: str) -> int:
        return 0

    return Importer(check, save)


# --- custody: every key held at some time in the period -------------------------------

CUSTODY_COLUMNS = (
    RegisterColumn("柜位", 7), RegisterColumn("房号/标签", 14), RegisterColumn("钥匙类别", 11),
    RegisterColumn("把数", 5, "int"), RegisterColumn("状态", 8),
    RegisterColumn("委托时间", 16, "datetime"), RegisterColumn("委托人", 8),
    RegisterColumn("证件类型", 10), RegisterColumn("证件号码", 20, "masked_id"),
    RegisterColumn("委托人电话", 13, "masked_phone"), RegisterColumn("验证人", 8),
    RegisterColumn("保管人", 8), RegisterColumn("钥匙状况", 12),
    RegisterColumn("业主同意（返修钥匙使用）", 16), RegisterColumn("复制许可", 12),
    RegisterColumn("保管结束", 16, "datetime"),
)


def _custody_where(start: date, end: date) -> tuple[Any, ...]:
    lo, hi = bounds(start, end)
    return (CabinetKey.entrusted_at < hi,
            or_(CabinetKey.ended_at.is_(None), CabinetKey.ended_at >= lo))


def custody_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    """Keys entrusted by the end of the period and not given back before it began,
    in the order they were taken in."""
    after: tuple[datetime, int] | None = None
    while True:
        query = select(CabinetKey).where(*_custody_where(start, end))
        if after is not None:
            query = query.where((CabinetKey.entrusted_at > after[0])
                                | ((CabinetKey.entrusted_at == after[0])
                                   & (CabinetKey.id > after[1])))
        query = query.order_by(CabinetKey.entrusted_at, CabinetKey.id).limit(BATCH)
        with desk.read() as session:
            batch = list(session.scalars(query))
            rows = [(k.slot, _unit_display(k.unit_code) or k.tag, k.kind, k.key_count, k.status,
                     k.entrusted_at, k.depositor_name, k.depositor_id_type,
                     k.depositor_id_number, k.depositor_phone, k.id_checked_by, k.keeper,
                     k.condition, k.owner_consent, k.copy_permission, k.ended_at)
                    for k in batch]
        if not batch:
            return
        yield from rows
        after = (batch[-1].entrusted_at, batch[-1].id)
        if len(batch) < BATCH:
            return


def custody_count(desk: Desk, start: date, end: date) -> int:
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(CabinetKey).where(
            *_custody_where(start, end))) or 0)


CUSTODY = Register(
    name="key-custody", title="顾客钥匙清单", columns=CUSTODY_COLUMNS, rows=custody_rows,
    count=custody_count, area="钥匙柜",
    importer=export_only("顾客钥匙清单", "钥匙须在钥匙柜逐把收存（定柜位、核验委托人证件，规则K2）"))


# --- lendings (rule K3) -----------------------------------------------------------------

LOAN_COLUMNS = (
    RegisterColumn("借出时间", 16, "datetime"), RegisterColumn("柜位", 7),
    RegisterColumn("房号/标签", 14), RegisterColumn("钥匙类别", 11),
    RegisterColumn("借用人", 8), RegisterColumn("借用人类别", 8), RegisterColumn("单位", 12),
    RegisterColumn("证件类型", 10), RegisterColumn("证件号码", 20, "masked_id"),
    RegisterColumn("借用人电话", 13, "masked_phone"), RegisterColumn("借用事由", 14),
    RegisterColumn("批准人", 8), RegisterColumn("应还时间", 16, "datetime"),
    RegisterColumn("归还时间", 16, "datetime"), RegisterColumn("接收人", 8),
    RegisterColumn("归还状况", 10), RegisterColumn("逾期", 5),
)


def loan_overdue(returned_late: bool, returned_at: datetime | None, deadline: datetime,
                 now: datetime) -> bool:
    """Returned late, or still out past its deadline (rules K3, K8)."""
    return bool(returned_late) or (returned_at is None and deadline < now)


def loan_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    lo, hi = bounds(start, end)
    now = desk.now()
    after: tuple[datetime, int] | None = None
    while True:
        query = (select(KeyLoan, CabinetKey.slot, CabinetKey.unit_code, CabinetKey.tag,
                        CabinetKey.kind)
                 .join(CabinetKey, CabinetKey.id == KeyLoan.key_id)
                 .where(KeyLoan.out_at >= lo, KeyLoan.out_at < hi))
        if after is not None:
            query = query.where((KeyLoan.out_at > after[0])
                                | ((KeyLoan.out_at == after[0]) & (KeyLoan.id > after[1])))
        query = query.order_by(KeyLoan.out_at, KeyLoan.id).limit(BATCH)
        with desk.read() as session:
            batch = session.execute(query).all()
            rows = [(loan.out_at, slot, _unit_display(unit) or tag, kind, loan.borrower_name,
                     loan.borrower_kind, loan.borrower_company, loan.borrower_id_type,
                     loan.borrower_id_number, loan.borrower_phone, loan.purpose,
                     loan.approver_name, loan.due_at, loan.returned_at, loan.received_by,
                     loan.return_condition,
                     _yes(loan_overdue(loan.returned_late, loan.returned_at, loan.deadline, now)))
                    for loan, slot, unit, tag, kind in batch]
            last = (batch[-1][0].out_at, batch[-1][0].id) if batch else None
        if last is None:
            return
        yield from rows
        after = last
        if len(batch) < BATCH:
            return


def loan_count(desk: Desk, start: date, end: date) -> int:
    lo, hi = bounds(start, end)
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(KeyLoan).where(
            KeyLoan.out_at >= lo, KeyLoan.out_at < hi)) or 0)


LENDINGS = Register(
    name="key-lendings", title="借用钥匙登记表", columns=LOAN_COLUMNS, rows=loan_rows,
    count=loan_count, area="钥匙柜",
    importer=export_only("借用钥匙登记表",
                         "每次借用都指向柜中的一把钥匙和批准的管理处经理（规则K3），请在钥匙柜办理"))
