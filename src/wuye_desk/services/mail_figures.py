"""Figures of the mail desk for the month-end report (rule R1): received, handed out,
average days to pickup, unclaimed, returned — in all, by kind and by building."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import extract, func, select

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.mail import MailStatus
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import Household, MailItem, NewspaperDelivery

NO_BUILDING = "（查无此户）"


@dataclass(frozen=True)
class MailCounts:
    received: int = 0
    handed_out: int = 0
    returned: int = 0
    unclaimed: int = 0          # still waiting at the end of the period
    damaged: int = 0            # rule M2
    average_days: float | None = None   # days from sign-in to pickup


@dataclass(frozen=True)
class MailFigures:
    start: date
    end: date                          # inclusive
    total: MailCounts
    by_kind: dict[str, MailCounts]
    by_building: dict[str, MailCounts]
    public_notices: int                # put on the public notice in the period (M5)
    newspapers: int                    # copies received (M6)

    def lines(self) -> list[str]:
        t = self.total
        avg = f"{t.average_days:.1f}天" if t.average_days is not None else "—"
        return [f"收到邮件 {t.received} 件，领取 {t.handed_out} 件，退回邮局 {t.returned} 件，"
                f"期末待领 {t.unclaimed} 件",
                f"平均领取用时 {avg}；收件时破损 {t.damaged} 件；列入公示 {self.public_notices} 件",
                f"报纸杂志 {self.newspapers} 份"]


def _range(start: date, end: date) -> tuple[datetime, datetime]:
    if start > end:
        raise ValidationError("开始日期不能晚于结束日期", field="日期")
    return datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())


def mail_figures(desk: Desk, start: date, end: date) -> MailFigures:
    """The figures for items signed in from `start` to `end` inclusive (pickups and returns
    counted in the period they happened; unclaimed = received by the end, still waiting)."""
    lo, hi = _range(start, end)
    live = MailItem.status != MailStatus.VOID.value
    if desk.db.is_sqlite:
        days = func.julianday(MailItem.picked_up_at) - func.julianday(MailItem.received_at)
    else:
        days = extract("epoch", MailItem.picked_up_at - MailItem.received_at) / 86400
    building = func.coalesce(Household.building, NO_BUILDING)

    def counts(group: Any | None) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}

        def run(name: str, stmt: Any) -> None:
            cols = [group] if group is not None else []
            stmt = stmt.add_columns(*cols)
            if group is not None:
                stmt = stmt.group_by(group)
            with desk.read() as session:
                for row in session.execute(stmt).all():
                    key = str(row[-1]) if group is not None else ""
                    out.setdefault(key, {})[name] = row[0]

        base = select().select_from(MailItem).outerjoin(
            Household, Household.id == MailItem.household_id)
        run("received", base.add_columns(func.count()).where(
            live, MailItem.received_at >= lo, MailItem.received_at < hi))
        run("damaged", base.add_columns(func.count()).where(
            live, MailItem.received_at >= lo, MailItem.received_at < hi, MailItem.damage != ""))
        run("handed_out", base.add_columns(func.count()).where(
            MailItem.picked_up_at >= lo, MailItem.picked_up_at < hi))
        run("average_days", base.add_columns(func.avg(days)).where(
            MailItem.picked_up_at >= lo, MailItem.picked_up_at < hi))
        run("returned", base.add_columns(func.count()).where(
            MailItem.returned_at >= lo, MailItem.returned_at < hi))
        # still waiting at the end: received before `hi`, not yet out by then
        run("unclaimed", base.add_columns(func.count()).where(
            live, MailItem.received_at < hi,
            (MailItem.picked_up_at.is_(None)) | (MailItem.picked_up_at >= hi),
            (MailItem.returned_at.is_(None)) | (MailItem.returned_at >= hi)))
        return out

    def make(values: dict[str, Any]) -> MailCounts:
        avg = values.get("average_days")
        return MailCounts(int(values.get("received") or 0), int(values.get("handed_out") or 0),
                          int(values.get("returned") or 0), int(values.get("unclaimed") or 0),
                          int(values.get("damaged") or 0),
                          round(float(avg), 2) if avg is not None else None)

    total = make(counts(None).get("", {}))
    by_kind = {k: make(v) for k, v in sorted(counts(MailItem.kind).items())}
    by_building = {k: make(v) for k, v in sorted(counts(building).items())}
    with desk.read() as session:
        notices = session.scalar(select(func.count()).select_from(MailItem).where(
            MailItem.public_notice_at >= lo, MailItem.public_notice_at < hi)) or 0
        papers = session.scalar(select(func.coalesce(func.sum(NewspaperDelivery.count), 0))
                                .where(NewspaperDelivery.day >= start,
                                       NewspaperDelivery.day <= end)) or 0
    return MailFigures(start, end, total, by_kind, by_building, int(notices), int(papers))
