"""The household archive's section of the monthly report (rule R1).

The archive is shown as it stands when the report is made (the same snapshot
as the 业户名册 register), with move-ins of the period (入伙日期, a column of
that register) beside the month before and the same month a year earlier.
"""

from __future__ import annotations

from sqlalchemy import func, select

from wuye_desk.domain.periods import Period
from wuye_desk.reports.blocks import PieChart, Section, Table
from wuye_desk.services.desk import Desk
from wuye_desk.services.period_reports import comparison_table
from wuye_desk.store.models import Household, Member


def archive_counts(desk: Desk) -> tuple[int, int]:
    """(households, people) on record now."""
    with desk.read() as session:
        households = session.scalar(select(func.count()).select_from(Household)) or 0
        people = session.scalar(select(func.count()).select_from(Member)) or 0
    return int(households), int(people)


def move_ins(desk: Desk, period: Period) -> int:
    """Households whose 入伙日期 falls in the period."""
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(Household).where(
            Household.move_in_date >= period.start, Household.move_in_date <= period.end)) or 0)


def occupancy(desk: Desk) -> list[tuple[str, float]]:
    with desk.read() as session:
        return [(str(k), float(n)) for k, n in session.execute(
            select(Household.occupancy, func.count()).group_by(Household.occupancy)
            .order_by(func.count().desc(), Household.occupancy))]


def monthly_section(desk: Desk, period: Period) -> Section:
    households, people = archive_counts(desk)
    return Section("业户档案", [
        Table(("项目", "户数/人数"), [("在册业户（户）", households), ("在册住户（人）", people)],
              widths=(3, 2), align=("left", "centre")),
        comparison_table(period, [("入伙（户，按入伙日期）", move_ins(desk, period),
                                   move_ins(desk, period.previous()),
                                   move_ins(desk, period.year_before()))]),
        PieChart("业户入住状态（在册）", occupancy(desk)),
    ], area="业户", order=10)
