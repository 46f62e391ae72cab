"""The visitor desk's sections of the monthly report and the weekly summary (rules R1, V4,
V5, G5): the figures of services/visitor_figures.py for the period, the period before and
a year earlier, visits per day, and why people came."""

from __future__ import annotations

from sqlalchemy import func, select

from wuye_desk.domain.periods import Period
from wuye_desk.reports.blocks import BarChart, Heading, PieChart, Section, Table
from wuye_desk.services.desk import Desk
from wuye_desk.services.period_reports import comparison_table, names
from wuye_desk.services.registers import bounds
from wuye_desk.services.visitor_figures import VisitFigures, visit_figures
from wuye_desk.store.models import Visit

TOP_PURPOSES = 6


def _rows(now: VisitFigures, before: VisitFigures,
          year: VisitFigures) -> list[tuple[str, int | float | None, int | float | None,
                                            int | float | None]]:
    def row(label: str, attr: str) -> tuple[str, int | float | None, int | float | None,
                                            int | float | None]:
        return label, getattr(now, attr), getattr(before, attr), getattr(year, attr)

    return [
        row("访客登记（次）", "registrations"),
        row("准入（次）", "admitted"),
        row("未准入（次，规则V4）", "refusals"),
        row("夜间登记（次，规则G5）", "night_registrations"),
        row("平均停留（分钟）", "average_stay_minutes"),
        row("携物出入门证放行（张）", "goods_passes"),
        row("拒绝危险物品（次，规则V5）", "goods_refused"),
    ]


def purposes(desk: Desk, period: Period) -> list[tuple[str, float]]:
    lo, hi = bounds(period.start, period.end)
    with desk.read() as session:
        counts = [(str(p or "未填"), int(n)) for p, n in session.execute(
            select(Visit.purpose, func.count()).where(Visit.arrived_at >= lo, Visit.arrived_at < hi)
            .group_by(Visit.purpose).order_by(func.count().desc()))]
    top = [(p, float(n)) for p, n in counts[:TOP_PURPOSES]]
    rest = sum(n for _, n in counts[TOP_PURPOSES:])
    return top + ([("其他", float(rest))] if rest else [])


def _per_day_chart(period: Period, now: VisitFigures) -> BarChart:
    per_day = dict(now.per_day)
    days = [period.start.fromordinal(period.start.toordinal() + i) for i in range(period.days)]
    labels = [str(d.day) if period.kind == "month" else f"{d.month}/{d.day}" for d in days]
    return BarChart(f"每日访客登记（{period.label}）", labels,
                    [("登记次数", [float(per_day.get(d, 0)) for d in days])])


def _section(desk: Desk, period: Period, *, weekly: bool) -> Section:
    now = visit_figures(desk, period.start, period.end)
    prev = period.previous()
    before = visit_figures(desk, prev.start, prev.end)
    last_year = period.year_before()
    year = visit_figures(desk, last_year.start, last_year.end)
    this, _, _ = names(period)
    blocks: list[Heading | Table | BarChart | PieChart] = [
        comparison_table(period, _rows(now, before, year)),
        _per_day_chart(period, now),
    ]
    if not weekly:
        blocks += [
            BarChart(f"各时段访客登记（{this}与{names(period)[1]}）",
                     [str(h) for h in range(24)],
                     [(this, [float(n) for n in now.per_hour]),
                      (names(period)[1], [float(n) for n in before.per_hour])]),
            PieChart(f"来访事由（{period.label}）", purposes(desk, period)),
        ]
    return Section("访客登记", blocks, area="访客", order=50)


def monthly_section(desk: Desk, period: Period) -> Section:
    return _section(desk, period, weekly=False)


def weekly_section(desk: Desk, period: Period) -> Section:
    return _section(desk, period, weekly=True)
