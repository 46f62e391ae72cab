"""Figures of the visitor desk for reports (rule R1): visits by day and hour, refusals,
average stay, night registrations, goods passes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import extract, func, select

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.visitors import GoodsStatus, VisitStatus
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import GoodsPass, Visit


@dataclass(frozen=True)
class VisitFigures:
    start: date
    end: date                        # inclusive
    per_day: list[tuple[date, int]]  # registrations per day (days without any left out)
    per_hour: list[int]              # registrations per hour of the day, 0–23
    registrations: int
    admitted: int
    refusals: int                    # rule V4
    average_stay_minutes: float | None
    night_registrations: int         # rule G5
    goods_passes: int                # rule V5
    goods_refused: int

    def lines(self) -> list[str]:
        stay = (f"{self.average_stay_minutes:.0f}分钟" if self.average_stay_minutes is not None
                else "—")
        busiest = max(range(24), key=lambda h: self.per_hour[h]) if self.registrations else None
        return [
            f"访客登记 {self.registrations} 次（准入 {self.admitted}，未准入 {self.refusals}）",
            f"平均停留 {stay}",
            f"夜间登记（物业总值负责） {self.night_registrations} 次",
            f"携物出入门证 {self.goods_passes} 张，拒绝危险物品 {self.goods_refused} 次",
            f"来访最多的时段 {busiest}:00–{busiest + 1}:00" if busiest is not None else "",
        ]


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def visit_figures(desk: Desk, start: date, end: date) -> VisitFigures:
    """The figures for visits that arrived from `start` to `end` inclusive."""
    if start > end:
        raise ValidationError("开始日期不能晚于结束日期", field="日期")
    lo = datetime.combine(start, time())
    hi = datetime.combine(end + timedelta(days=1), time())
    in_range = (Visit.arrived_at >= lo, Visit.arrived_at < hi)
    sqlite = desk.db.is_sqlite
    day = func.date(Visit.arrived_at)
    if sqlite:
        minutes = (func.julianday(Visit.left_at) - func.julianday(Visit.arrived_at)) * 1440
    else:
        minutes = extract("epoch", Visit.left_at - Visit.arrived_at) / 60
    with desk.read() as session:
        per_day = [(_as_date(d), int(n)) for d, n in session.execute(
            select(day, func.count()).where(*in_range).group_by(day).order_by(day))]
        hours = [0] * 24
        hour = extract("hour", Visit.arrived_at)
        for h, n in session.execute(select(hour, func.count()).where(*in_range).group_by(hour)):
            hours[int(h)] = int(n)
        by_status = dict(session.execute(
            select(Visit.status, func.count()).where(*in_range).group_by(Visit.status)).all())
        night = session.scalar(select(func.count()).where(*in_range, Visit.night.is_(True)))
        average = session.scalar(select(func.avg(minutes)).where(
            *in_range, Visit.status == VisitStatus.LEFT.value))
        goods = dict(session.execute(
            select(GoodsPass.status, func.count())
            .where(GoodsPass.created_at >= lo, GoodsPass.created_at < hi)
            .group_by(GoodsPass.status)).all())
    refusals = int(by_status.get(VisitStatus.REFUSED.value, 0))
    total = sum(int(n) for n in by_status.values())
    return VisitFigures(
        start, end, per_day, hours, total, total - refusals, refusals,
        float(average) if average is not None else None, int(night or 0),
        int(goods.get(GoodsStatus.ISSUED.value, 0)), int(goods.get(GoodsStatus.REFUSED.value, 0)))
