"""The monthly report (rule R1) and the weekly complaint summary (rule C10).

Each area contributes a section through one function, named here as
"module:function" and imported only when a report is built:

    def monthly_section(desk: Desk, period: Period) -> Section   # SECTIONS
    def weekly_section(desk: Desk, period: Period) -> Section    # WEEKLY_SECTIONS

A section is plain data (reports/blocks.py: Heading, Text, Table, BarChart,
PieChart). `comparison_table` gives the usual table of a figure this period,
the period before and the same period a year earlier. Every figure must be
countable from the rows of the registers of the same period (services/registers.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path

from wuye_desk import settings
from wuye_desk.domain.periods import Period
from wuye_desk.reports.blocks import Section, Table, Text
from wuye_desk.reports.period_report import write_period_report
from wuye_desk.services import office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.services.progress import NO_PROGRESS, Progress

SectionFunction = Callable[[Desk, Period], Section]

# Each area adds one line: "module:function" returning its Section of the monthly report.
SECTIONS: list[str] = [
    "wuye_desk.services.household_report:monthly_section",
    "wuye_desk.services.complaint_report:monthly_section",
    "wuye_desk.services.visitor_report:monthly_section",
    "wuye_desk.services.key_report:monthly_section",
    "wuye_desk.services.mail_report:monthly_section",
    "wuye_desk.services.vip_report:monthly_section",
]

# Each area adds one line: "module:function" returning its Section of the weekly summary.
WEEKLY_SECTIONS: list[str] = [
    "wuye_desk.services.visitor_report:weekly_section",
    "wuye_desk.services.complaint_report:weekly_section",
]

COMPLAINTS_AREA = "投诉"


def _load(spec: str) -> SectionFunction:
    module, _, name = spec.partition(":")
    fn: SectionFunction = getattr(importlib.import_module(module), name)
    return fn


def names(period: Period) -> tuple[str, str, str]:
    """What a comparison table calls the period, the one before and the year-earlier one."""
    if period.kind == "month":
        return "本月", "上月", "去年同月"
    if period.kind == "week":
        return "本周", "上周", "去年同周"
    return "本期", "上期", "去年同期"


Number = int | float | None


def change_text(now: Number, before: Number, *, percent_points: bool = False) -> str:
    """"+12（+8.3%）", "-3（-20.0%）", "持平", or "—" when there is nothing to compare."""
    if now is None or before is None:
        return "—"
    diff = now - before
    if abs(diff) < 1e-9:
        return "持平"
    sign = "+" if diff > 0 else "-"
    amount = f"{abs(diff):.1f}" if isinstance(diff, float) else f"{abs(diff)}"
    if percent_points:
        return f"{sign}{amount}个百分点"
    if not before:
        return f"{sign}{amount}"
    return f"{sign}{amount}（{sign}{abs(diff) * 100 / before:.1f}%）"


def shown_number(value: Number, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}{unit}"
    return f"{value}{unit}"


def comparison_table(period: Period, rows: Sequence[tuple[str, Number, Number, Number]],
                     *, unit: str = "") -> Table:
    """项目 | 本月 | 上月 | 去年同月 | 环比 | 同比 — one row per figure."""
    this, before, year = names(period)
    return Table(
        header=("项目", f"{this}\n{period.short}", f"{before}\n{period.previous().short}",
                f"{year}\n{period.year_before().short}", "环比", "同比"),
        rows=[(label, shown_number(a, unit), shown_number(b, unit), shown_number(c, unit),
               change_text(a, b), change_text(a, c)) for label, a, b, c in rows],
        widths=(2.6, 1.5, 1.5, 1.5, 1.7, 1.7),
        align=("left", "centre", "centre", "centre", "centre", "centre"))


def gather(desk: Desk, specs: Sequence[str], period: Period,
           progress: Progress = NO_PROGRESS) -> list[Section]:
    sections: list[Section] = []
    for i, spec in enumerate(specs):
        progress.update(i, len(specs) + 1, "正在统计…")
        sections.append(_load(spec)(desk, period))
    return sorted(sections, key=lambda s: s.order)


def _facts(desk: Desk, period: Period) -> list[tuple[str, str]]:
    _, before, year = names(period)
    return [
        ("报告期间", f"{period.short}（{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}）"),
        ("对比期间", f"{before} {period.previous().label}；{year} {period.year_before().label}"),
        ("生成时间", f"{desk.now():%Y-%m-%d %H:%M}"),
        ("制表", desk.operator.name),
    ]


def build_monthly(desk: Desk, period: Period, out: Path, *,
                  progress: Progress = NO_PROGRESS) -> Path:
    """The monthly report of `period` as a PDF at `out` (atomically)."""
    office = office_settings.get(desk, settings.OFFICE_NAME)
    sections = gather(desk, SECTIONS, period, progress)
    progress.update(len(SECTIONS), len(SECTIONS) + 1, "正在生成 PDF…")
    path = write_period_report(Path(out), office=office, title=f"{period.label} 月度工作报告",
                               facts=_facts(desk, period), sections=sections,
                               generated_at=desk.now(), author=desk.operator.name)
    progress.update(len(SECTIONS) + 1, len(SECTIONS) + 1, "完成")
    return path


def build_weekly(desk: Desk, period: Period, out: Path, *,
                 progress: Progress = NO_PROGRESS) -> Path:
    """The Monday summary of last week (rule C10): the complaints section first, then the
    week's figures of the other areas."""
    office = office_settings.get(desk, settings.OFFICE_NAME)
    sections = gather(desk, WEEKLY_SECTIONS, period, progress)
    if not any(s.area == COMPLAINTS_AREA for s in sections):
        sections.insert(0, Section("本周投诉", [Text(
            "本系统尚未启用投诉受理，没有可汇总的投诉记录。以下为本周其他登记的数据。")],
            area=COMPLAINTS_AREA, order=0))
    path = write_period_report(Path(out), office=office, title=f"{period.label} 投诉及工作周报",
                               facts=_facts(desk, period), sections=sections,
                               generated_at=desk.now(), author=desk.operator.name)
    progress.update(1, 1, "完成")
    return path
