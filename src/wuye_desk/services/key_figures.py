"""The keeper's monthly key report (rule K8) as figures for the month-end report:
key use (lendings, overdue returns, emergencies, lock changes, copies) and missing
or damaged keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.keys import KeyStatus
from wuye_desk.services.desk import Desk
from wuye_desk.services.keys import EventKind, key_label
from wuye_desk.store.models import CabinetKey, KeyEmergency, KeyEvent, KeyLoan, LockChange


@dataclass(frozen=True)
class KeyFigures:
    year: int
    month: int
    lendings: int            # loans made in the month (rule K3)
    overdue_returns: int     # of those: returned late, or still out past their deadline
    still_out: int           # of those: not back yet
    emergencies: int         # rule K4
    lock_changes: int        # rule K6
    lock_changes_late: int   # new key handed over after 24 hours, or not yet and past due
    copies: int              # copy events (rule K5)
    taken_in: int
    returned_to_owner: int
    missing: int             # reported missing in the month (rule K8)
    damaged: int             # reported damaged in the month (rule K8)
    in_custody: int          # keys in custody now
    missing_keys: list[str]  # keys missing now, by label

    def lines(self) -> list[str]:
        return [
            f"{self.year}年{self.month}月 钥匙使用情况",
            f"收存钥匙 {self.taken_in} 次，退还业主 {self.returned_to_owner} 次，"
            f"现保管 {self.in_custody} 户",
            f"借出钥匙 {self.lendings} 次，其中逾期归还或超时未还 {self.overdue_returns} 次，"
            f"尚未归还 {self.still_out} 次",
            f"紧急使用 {self.emergencies} 次",
            f"换锁 {self.lock_changes} 次，新钥匙超过24小时未交物业总值 {self.lock_changes_late} 次",
            f"复制钥匙 {self.copies} 次",
            f"遗失 {self.missing} 次，损坏 {self.damaged} 次"
            + (f"；目前遗失：{'、'.join(self.missing_keys)}" if self.missing_keys else ""),
        ]


def month_range(year: int, month: int) -> tuple[datetime, datetime]:
    if not (1 <= month <= 12 and 2000 <= year <= 2200):
        raise ValidationError(f"月份不对：{year}-{month}", field="月份")
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    return start, end


def month_figures(desk: Desk, year: int, month: int) -> KeyFigures:
    """The figures of one calendar month (rule K8)."""
    start, end = month_range(year, month)
    now = desk.now()

    def count(stmt: object) -> int:
        return int(session.scalar(stmt) or 0)  # type: ignore[call-overload]

    def events(kind: EventKind, prefix: str = "") -> int:
        cond = [KeyEvent.kind == kind.value, KeyEvent.at >= start, KeyEvent.at < end]
        if prefix:
            cond.append(KeyEvent.text.like(f"{prefix}%"))
        return count(select(func.count()).select_from(KeyEvent).where(*cond))

    with desk.read() as session:
        in_month = (KeyLoan.out_at >= start, KeyLoan.out_at < end)
        lendings = count(select(func.count()).select_from(KeyLoan).where(*in_month))
        overdue = count(select(func.count()).select_from(KeyLoan).where(
            *in_month, or_(KeyLoan.returned_late.is_(True),
                           (KeyLoan.returned_at.is_(None)) & (KeyLoan.deadline < now))))
        still_out = count(select(func.count()).select_from(KeyLoan).where(
            *in_month, KeyLoan.returned_at.is_(None)))
        emergencies = count(select(func.count()).select_from(KeyEmergency).where(
            KeyEmergency.used_at >= start, KeyEmergency.used_at < end))
        changes = (LockChange.changed_at >= start, LockChange.changed_at < end)
        lock_changes = count(select(func.count()).select_from(LockChange).where(*changes))
        late_changes = count(select(func.count()).select_from(LockChange).where(
            *changes, or_(LockChange.handed_late.is_(True),
                          (LockChange.handed_at.is_(None)) & (LockChange.due_at < now))))
        in_custody = count(select(func.count()).select_from(CabinetKey)
                           .where(CabinetKey.held_slot.is_not(None)))
        missing_now = [key_label(r) for r in session.execute(
            select(CabinetKey.slot, CabinetKey.unit_code, CabinetKey.tag, CabinetKey.kind,
                   CabinetKey.key_count).where(CabinetKey.status == KeyStatus.MISSING.value)
            .order_by(func.length(CabinetKey.slot), CabinetKey.slot))]
        return KeyFigures(
            year, month, lendings, overdue, still_out, emergencies, lock_changes, late_changes,
            events(EventKind.COPIED), events(EventKind.TAKEN_IN), events(EventKind.TO_OWNER),
            events(EventKind.PROBLEM, "遗失"), events(EventKind.PROBLEM, "损坏"), in_custody,
            missing_now)


def figures_for_date(desk: Desk, day: date) -> KeyFigures:
    return month_figures(desk, day.year, day.month)
