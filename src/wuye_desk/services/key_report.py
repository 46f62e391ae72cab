"""The key cabinet's section of the monthly report (rules R1, K8): the keeper's monthly
key report — lendings, overdue returns, emergencies, lock changes, missing and damaged
keys — beside last month and the same month a year earlier.

The figures come from services/key_figures.py; lendings and overdue returns can be
recounted from the 借用钥匙登记表 rows, emergencies from the 钥匙紧急使用登记表, lock
changes and late new keys from the 换锁登记表 (services/key_register.py). Copies,
missing and damaged keys are events of the keys' histories (rule G4).
"""

from __future__ import annotations

from wuye_desk.domain.periods import Period
from wuye_desk.reports.blocks import BarChart, Block, Section, Text
from wuye_desk.services.desk import Desk
from wuye_desk.services.key_figures import KeyFigures, month_figures
from wuye_desk.services.period_reports import Number, comparison_table, names

ROWS: tuple[tuple[str, str], ...] = (
    ("借出钥匙（次，规则K3）", "lendings"),
    ("逾期归还或超时未还（次）", "overdue_returns"),
    ("尚未归还（次）", "still_out"),
    ("紧急使用（次，规则K4）", "emergencies"),
    ("换锁（次，规则K6）", "lock_changes"),
    ("新钥匙超24小时未交（次）", "lock_changes_late"),
    ("复制钥匙（次，规则K5）", "copies"),
    ("遗失（次，规则K8）", "missing"),
    ("损坏（次，规则K8）", "damaged"),
    ("收存钥匙（次）", "taken_in"),
    ("退还业主（次）", "returned_to_owner"),
)

CHARTED = {"lendings": "借出", "overdue_returns": "逾期", "emergencies": "紧急使用",
           "lock_changes": "换锁", "missing": "遗失", "damaged": "损坏"}


def figures(desk: Desk, period: Period) -> KeyFigures:
    return month_figures(desk, period.start.year, period.start.month)


def monthly_section(desk: Desk, period: Period) -> Section:
    now = figures(desk, period)
    before = figures(desk, period.previous())
    year = figures(desk, period.year_before())
    rows: list[tuple[str, Number, Number, Number]] = [
        (label, getattr(now, attr), getattr(before, attr), getattr(year, attr))
        for label, attr in ROWS]
    this, last, _ = names(period)
    blocks: list[Block] = [
        comparison_table(period, rows),
        Text(f"现保管钥匙 {now.in_custody} 户；目前遗失："
             + ("、".join(now.missing_keys) if now.missing_keys else "无")),
    ]
    if any(getattr(now, a) or getattr(before, a) for a in CHARTED):
        blocks.append(BarChart(f"钥匙使用情况（{this}与{last}）",
                               list(CHARTED.values()),
                               [(this, [float(getattr(now, a)) for a in CHARTED]),
                                (last, [float(getattr(before, a)) for a in CHARTED])]))
    return Section("钥匙管理", blocks, area="钥匙", order=30)
