"""The mail desk's section of the monthly report (rules R1, M1–M5): the items signed in
during the month and what became of them — picked up, still waiting, put on the public
notice, returned — and the average days to pickup, beside last month and the same month
a year earlier.

Every figure is a recount of the 邮件签收表 rows of the same period (the register's own
row query, services/mail_register.py), so the report and the register never disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from wuye_desk.domain.mail import MailStatus
from wuye_desk.domain.periods import Period
from wuye_desk.reports.blocks import BarChart, Block, Section
from wuye_desk.services.desk import Desk
from wuye_desk.services.mail_register import COLUMNS, mail_rows
from wuye_desk.services.period_reports import Number, comparison_table, names

_AT = {c.header: i for i, c in enumerate(COLUMNS)}


@dataclass
class MailCohort:
    """What became of the items signed in during a period (as the register shows them)."""

    signed_in: int = 0
    picked_up: int = 0
    waiting: int = 0
    public_notice: int = 0
    returned: int = 0
    damaged: int = 0
    average_days: float | None = None
    by_kind: Counter[str] = field(default_factory=Counter)
    picked_by_kind: Counter[str] = field(default_factory=Counter)


def cohort(desk: Desk, period: Period) -> MailCohort:
    out = MailCohort()
    days: list[float] = []
    for row in mail_rows(desk, period.start, period.end):
        status = row[_AT["状态"]]
        kind = str(row[_AT["类别"]])
        out.signed_in += 1
        out.by_kind[kind] += 1
        if status == MailStatus.PICKED_UP.value:
            out.picked_up += 1
            out.picked_by_kind[kind] += 1
            picked, received = row[_AT["领取时间"]], row[_AT["收件时间"]]
            if picked is not None:
                days.append((picked - received).total_seconds() / 86400)
        elif status == MailStatus.WAITING.value:
            out.waiting += 1
        elif status == MailStatus.RETURNED.value:
            out.returned += 1
        if row[_AT["公示时间"]] is not None:
            out.public_notice += 1
        if row[_AT["破损情况"]]:
            out.damaged += 1
    out.average_days = round(sum(days) / len(days), 1) if days else None
    return out


ROWS: tuple[tuple[str, str], ...] = (
    ("收件登记（件，规则M1）", "signed_in"),
    ("已领取（件）", "picked_up"),
    ("待领取（件）", "waiting"),
    ("列入公示（件，规则M5）", "public_notice"),
    ("退回邮局/快递（件）", "returned"),
    ("收件时破损（件，规则M2）", "damaged"),
    ("平均领取用时（天）", "average_days"),
)


def monthly_section(desk: Desk, period: Period) -> Section:
    now = cohort(desk, period)
    before = cohort(desk, period.previous())
    year = cohort(desk, period.year_before())
    rows: list[tuple[str, Number, Number, Number]] = [
        (label, getattr(now, attr), getattr(before, attr), getattr(year, attr))
        for label, attr in ROWS]
    this, _, _ = names(period)
    blocks: list[Block] = [comparison_table(period, rows)]
    if now.by_kind:
        kinds = sorted(now.by_kind, key=lambda k: -now.by_kind[k])
        blocks.append(BarChart(f"{this}各类邮件（{period.label}收件）", kinds,
                               [("收件", [float(now.by_kind[k]) for k in kinds]),
                                ("已领取", [float(now.picked_by_kind[k]) for k in kinds])]))
    return Section("邮件登记（本期收件的去向）", blocks, area="邮件", order=40)
