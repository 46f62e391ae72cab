"""The complaint sections of the monthly report and the Monday summary (rules R1, C6, C7,
C10, C11, S2), from services/complaint_figures.py.

Counts are of complaints *received* in the period (the rows of 客户投诉登记表 of the
same period); satisfaction is of return visits *made* in the period (the rows of
投诉回访记录表), by the S2 formula of domain/satisfaction.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select

from wuye_desk.domain.complaints import (
    ContentType,
    ResponsibilityClass,
    Severity,
    State,
    Step,
)
from wuye_desk.domain.periods import Period
from wuye_desk.domain.privacy import mask_phone
from wuye_desk.reports.blocks import BarChart, Block, Heading, PieChart, Section, Table, Text
from wuye_desk.services import complaint_figures as figures
from wuye_desk.services.complaint_figures import Counts, SatisfactionFigures
from wuye_desk.services.desk import Desk
from wuye_desk.services.period_reports import (
    COMPLAINTS_AREA,
    change_text,
    comparison_table,
    names,
)
from wuye_desk.services.register_cells import unit_display
from wuye_desk.services.registers import bounds
from wuye_desk.store.models import Complaint, ComplaintDuty, ComplaintEvent

Row = tuple[str, int | float | None, int | float | None, int | float | None]
HANDLING_STEPS = (Step.HANDLE.value, Step.ESCALATE.value, Step.ANSWER.value, Step.FIX.value,
                  Step.TELL.value, Step.VISIT.value, Step.FOLLOW_UP.value, Step.CLOSE.value,
                  Step.INVALID.value)


def type_label(value: str) -> str:
    return "其他类型" if value == ContentType.OTHER.value else value


def severity_label(value: str) -> str:
    return f"{value}投诉"


def state_label(value: str) -> str:
    return f"状态：{value}"


def _counts(desk: Desk, period: Period) -> tuple[Counts, Counts, Counts]:
    prev, year = period.previous(), period.year_before()
    return (figures.counts(desk, period.start, period.end),
            figures.counts(desk, prev.start, prev.end),
            figures.counts(desk, year.start, year.end))


def _by(attr: str, label: Callable[[str], str] | None, now: Counts, before: Counts, year: Counts,
        keys: Sequence[str]) -> list[Row]:
    def get(c: Counts, k: str) -> int:
        return int(getattr(c, attr).get(k, 0))
    return [(label(k) if label else k, get(now, k), get(before, k), get(year, k))
            for k in keys]


def _count_blocks(period: Period, now: Counts, before: Counts, year: Counts,
                  *, weekly: bool) -> list[Block]:
    this, last, _ = names(period)
    types = [t.value for t in ContentType]
    classes = [c.value for c in ResponsibilityClass]
    severities = [s.value for s in Severity]
    states = [s.value for s in State]
    if weekly:
        return [Heading("投诉数量及分类（按受理时间）"), comparison_table(period, [
            ("投诉总量（宗）", now.total, before.total, year.total),
            *_by("by_type", type_label, now, before, year, types),
            *_by("by_class", None, now, before, year, classes),
            *_by("by_severity", severity_label, now, before, year, severities),
            *_by("by_state", state_label, now, before, year, states)])]
    blocks: list[Block] = [
        Heading("投诉数量（按受理时间）"),
        comparison_table(period, [("投诉总量（宗）", now.total, before.total, year.total)]),
        Heading("按内容类型（规则C2）"),
        comparison_table(period, _by("by_type", type_label, now, before, year, types)),
        comparison_table(period, _by(
            "by_subtopic", lambda k: f"物业管理·{k}", now, before, year,
            [k for k in now.by_subtopic if now.by_subtopic[k] or before.by_subtopic.get(k)])),
        Heading("按责任类别（规则C3）"),
        comparison_table(period, _by("by_class", None, now, before, year, classes)),
        Heading("按严重程度（规则C4）"),
        comparison_table(period, _by("by_severity", severity_label, now, before, year,
                                     severities)),
        Heading("按处理状态（规则C8）"),
        comparison_table(period, _by("by_state", state_label, now, before, year, states)),
    ]
    blocks += [
            BarChart(f"投诉内容类型（{this}、{last}）", types,
                     [(this, [float(now.by_type[t]) for t in types]),
                      (last, [float(before.by_type[t]) for t in types])], "宗"),
            PieChart(f"责任类别（{period.label}）",
                     [(c, float(now.by_class[c])) for c in classes if now.by_class[c]]),
            PieChart(f"严重程度（{period.label}）",
                     [(s, float(now.by_severity[s])) for s in severities
                      if now.by_severity[s]]),
        ]
    return blocks


def _important(desk: Desk, period: Period, severities: Sequence[str]) -> list[Complaint]:
    lo, hi = bounds(period.start, period.end)
    with desk.read() as session:
        rows = list(session.scalars(select(Complaint).where(
            Complaint.received_at >= lo, Complaint.received_at < hi,
            Complaint.severity.in_(list(severities)))
            .order_by(Complaint.received_at, Complaint.id)))
        session.expunge_all()
    return rows


def handling_summary(desk: Desk, complaint_ids: Sequence[int]) -> dict[int, str]:
    """Each complaint's steps after receipt, in order: "处理：已联系工程部；处理完毕：…"."""
    out: dict[int, list[str]] = {}
    with desk.read() as session:
        for cid, step, at, note in session.execute(
                select(ComplaintEvent.complaint_id, ComplaintEvent.step, ComplaintEvent.at,
                       ComplaintEvent.note)
                .where(ComplaintEvent.complaint_id.in_(list(complaint_ids)),
                       ComplaintEvent.step.in_(HANDLING_STEPS))
                .order_by(ComplaintEvent.complaint_id, ComplaintEvent.id)):
            out.setdefault(cid, []).append(f"{at:%m-%d %H:%M} {step}：{note}" if note
                                           else f"{at:%m-%d %H:%M} {step}")
    return {cid: "；".join(parts) for cid, parts in out.items()}


def _important_block(desk: Desk, period: Period) -> list[Block]:
    rows = _important(desk, period, [Severity.IMPORTANT.value])
    summary = handling_summary(desk, [r.id for r in rows])
    return [Heading(f"重要投诉逐宗（{len(rows)}宗）"), Table(
        ("投诉单号", "受理时间", "房号", "投诉内容", "状态", "处理经过"),
        [(r.serial or "", f"{r.received_at:%m-%d %H:%M}", unit_display(r.unit_code),
          r.description, r.state, summary.get(r.id, "尚未处理")) for r in rows],
        widths=(2.2, 1.1, 1.4, 2.6, 0.8, 4.0),
        align=("left", "centre", "left", "left", "centre", "left"), empty="本期无重要投诉。")]


def _notified_block(desk: Desk, period: Period) -> list[Block]:
    rows = _important(desk, period, [Severity.HOT.value, Severity.MAJOR.value])
    by_id = {r.id: r for r in rows}
    with desk.read() as session:
        duties = session.execute(
            select(ComplaintDuty.complaint_id, ComplaintDuty.what, ComplaintDuty.due_at,
                   ComplaintDuty.done_at, ComplaintDuty.done_by, ComplaintDuty.note)
            .where(ComplaintDuty.complaint_id.in_(list(by_id)))
            .order_by(ComplaintDuty.complaint_id, ComplaintDuty.id)).all()
    record: dict[int, list[str]] = {}
    for cid, what, due, done, by, note in duties:
        done_text = f"{_moment(done)}完成" if done else "未完成"
        extra = "；".join(x for x in (by, note) if x)
        record.setdefault(cid, []).append(
            f"{what}（时限{_moment(due) or '无'}）：{done_text}" + (f"（{extra}）" if extra else ""))
    return [Heading(f"热点及重大投诉的通报记录（规则C6，{len(rows)}宗）"), Table(
        ("投诉单号", "等级", "投诉内容", "状态", "通报记录"),
        [(r.serial or "", r.severity, r.description, r.state,
          "\n".join(record.get(r.id, ["（无通报记录）"]))) for r in rows],
        widths=(1.7, 0.7, 2.6, 0.8, 5.2), align=("left", "centre", "left", "centre", "left"),
        empty="本期无热点、重大投诉。")]


def _moment(at: datetime | None) -> str:
    return "" if at is None else f"{at:%m-%d %H:%M}"


def _on_time_block(desk: Desk, period: Period) -> list[Block]:
    this, last, _ = names(period)
    prev = period.previous()
    now = figures.on_time_rates(desk, period.start, period.end)
    before = figures.on_time_rates(desk, prev.start, prev.end)

    def rate(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f}%"

    return [Heading("各时限及时率（规则C7）"), Table(
        ("时限", f"{this}按时", f"{this}应计", f"{this}及时率", f"{last}及时率"),
        [(n.clock, n.on_time, n.due, rate(n.rate), rate(b.rate))
         for n, b in zip(now, before, strict=True)],
        widths=(2.4, 1.2, 1.2, 1.4, 1.4),
        align=("left", "centre", "centre", "centre", "centre")),
        Text("应计：时限已到或已完成的投诉（无效投诉不计）；仍在时限内未完成的不计入。", small=True)]


def _satisfaction_rows(now: SatisfactionFigures, before: SatisfactionFigures,
                       year: SatisfactionFigures) -> list[Row]:
    return [("回访（次）", now.rated, before.rated, year.rated),
            ("满意 A（次）", now.a, before.a, year.a),
            ("较满意 B（次）", now.b, before.b, year.b),
            ("不满意 C（次）", now.c, before.c, year.c),
            ("回访满意率（%）", now.rate, before.rate, year.rate)]


def _in_points(table: Table, rate: Row) -> Table:
    """The last row is a rate: its changes in percentage points, not percent of a percent."""
    rows = [list(r) for r in table.rows]
    rows[-1][4] = change_text(rate[1], rate[2], percent_points=True)
    rows[-1][5] = change_text(rate[1], rate[3], percent_points=True)
    return replace(table, rows=rows)


def _satisfaction_block(desk: Desk, period: Period, *, weekly: bool) -> list[Block]:
    prev, last_year = period.previous(), period.year_before()
    now = figures.satisfaction(desk, period.start, period.end)
    before = figures.satisfaction(desk, prev.start, prev.end)
    year = figures.satisfaction(desk, last_year.start, last_year.end)
    rows = _satisfaction_rows(now, before, year)
    blocks: list[Block] = [
        Heading("回访满意率（规则S2，按回访时间）"),
        _in_points(comparison_table(period, rows), rows[-1]),
        Text("满意率 =（满意 + 较满意）÷（满意 + 较满意 + 不满意）× 100%，未评价的不计。",
             small=True)]
    if not weekly and now.rated:
        blocks.append(PieChart(f"回访评价（{period.label}）",
                               [(k, float(n)) for k, n in
                                (("满意", now.a), ("较满意", now.b), ("不满意", now.c)) if n]))
    return blocks


def _recurring_block(desk: Desk, period: Period) -> list[Block]:
    recurring = figures.recurring(desk, period.start, period.end)
    lo, hi = bounds(period.start, period.end)
    with desk.read() as session:
        cases = session.execute(
            select(Complaint.serial, Complaint.content_type, Complaint.subtopic,
                   Complaint.description, Complaint.closed_at)
            .where(Complaint.case_library.is_(True), Complaint.closed_at >= lo,
                   Complaint.closed_at < hi)
            .order_by(Complaint.closed_at, Complaint.id)).all()
    return [
        Heading(f"重复发生的事项（规则C10，{len(recurring)}宗）"),
        Table(("投诉单号", "受理时间", "房号", "类型", "投诉内容", "状态"),
              [(c.serial, f"{c.received_at:%m-%d %H:%M}", c.unit,
                c.content_type + (f"/{c.subtopic}" if c.subtopic else ""), c.description,
                c.state) for c in recurring],
              widths=(2.2, 1.1, 1.4, 1.6, 3.6, 0.9),
              align=("left", "centre", "left", "left", "left", "centre"),
              empty="本期没有重复发生的事项。"),
        Heading(f"本期收入案例库（规则C10，{len(cases)}宗）"),
        Table(("投诉单号", "类型", "投诉内容", "结案时间"),
              [(r.serial or "", r.content_type + (f"/{r.subtopic}" if r.subtopic else ""),
                r.description, _moment(r.closed_at)) for r in cases],
              widths=(2.2, 1.8, 5.0, 1.2), align=("left", "left", "left", "centre"),
              empty="本期没有收入案例库的投诉。"),
    ]


def _score_block(desk: Desk, period: Period) -> list[Block]:
    lines, points, yuan = figures.office_score(desk, period.start, period.end)
    text = "；".join(lines) if lines else "本期无扣分项"
    return [Heading("投诉考核（规则C11）"),
            Text(f"{text}。合计 {points:+d} 分（{yuan:+d} 元）。")]


def _revisit_block(desk: Desk, period: Period) -> list[Block]:
    contacts = figures.return_visit_list(desk, period.start)
    return [Heading(f"下月回访名单（规则C10，{len(contacts)}位）"), Table(
        ("房号", "客户", "联系电话", "本月反映次数"),
        [(c.unit, c.name, mask_phone(c.phone) if c.phone else "", c.complaints)
         for c in contacts],
        widths=(2.0, 1.6, 1.8, 1.4), align=("left", "left", "centre", "centre"),
        empty="本月没有需要回访的客户。")]


def monthly_section(desk: Desk, period: Period) -> Section:
    now, before, year = _counts(desk, period)
    blocks: list[Block] = [
        *_count_blocks(period, now, before, year, weekly=False),
        *_important_block(desk, period),
        *_notified_block(desk, period),
        *_on_time_block(desk, period),
        *_satisfaction_block(desk, period, weekly=False),
        *_recurring_block(desk, period),
        *_score_block(desk, period),
    ]
    if period.kind == "month":
        blocks += _revisit_block(desk, period)
    return Section("客户投诉", blocks, area=COMPLAINTS_AREA, order=0)


def weekly_section(desk: Desk, period: Period) -> Section:
    """Last week in a page or two (rule C10): counts against the week before, the clocks,
    satisfaction, and the 重要/热点/重大 complaints one line each."""
    now, before, year = _counts(desk, period)
    serious = _important(desk, period, [Severity.IMPORTANT.value, Severity.HOT.value,
                                        Severity.MAJOR.value])
    summary = handling_summary(desk, [r.id for r in serious])
    blocks: list[Block] = [
        *_count_blocks(period, now, before, year, weekly=True),
        *_on_time_block(desk, period),
        *_satisfaction_block(desk, period, weekly=True),
        Heading(f"重要、热点、重大投诉（{len(serious)}宗）"),
        Table(("投诉单号", "等级", "房号", "投诉内容", "状态", "处理经过"),
              [(r.serial or "", r.severity, unit_display(r.unit_code), r.description, r.state,
                summary.get(r.id, "尚未处理")) for r in serious],
              widths=(2.2, 0.7, 1.4, 2.6, 0.8, 4.0),
              align=("left", "centre", "left", "left", "centre", "left"),
              empty="本周没有重要、热点、重大投诉。"),
    ]
    return Section("本周投诉", blocks, area=COMPLAINTS_AREA, order=0)
