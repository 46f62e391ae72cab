"""The monthly report and the weekly summary as A4 PDFs (rules R1, C10).

In: a cover (office, period, generation time) and the sections the areas
contributed (reports/blocks.py). Out: a PDF with the embedded CJK font, page
numbers and the generation time in the footer, written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus.tables import TableStyle

from wuye_desk.reports import fonts
from wuye_desk.reports.blocks import BarChart, Block, Heading, PieChart, Section, Table, Text
from wuye_desk.reports.document import (
    CONTENT_WIDTH,
    bordered_table,
    build_document,
    grid_style,
    para,
    relative_widths,
    styles,
)

PALETTE = (colors.Color(0.22, 0.42, 0.69), colors.Color(0.93, 0.55, 0.19),
           colors.Color(0.55, 0.55, 0.55), colors.Color(0.30, 0.63, 0.36),
           colors.Color(0.80, 0.27, 0.27), colors.Color(0.55, 0.40, 0.70),
           colors.Color(0.35, 0.70, 0.75), colors.Color(0.85, 0.75, 0.25))


def cover(office: str, title: str, lines: Sequence[tuple[str, str]]) -> list[Flowable]:
    """The cover block: office, report title, and a small table of facts (period, compared with …)."""
    s = styles()
    facts = RLTable([[para(k, s.cell_header), para(v, s.cell)] for k, v in lines],
                    colWidths=relative_widths([1, 3], CONTENT_WIDTH * 0.8), hAlign="CENTER")
    style = grid_style(header_rows=0)
    style.append(("BACKGROUND", (0, 0), (0, -1), colors.Color(0.91, 0.91, 0.91)))
    facts.setStyle(TableStyle(style))
    return [Spacer(1, 6 * mm), para(office, s.title), para(title, s.title), Spacer(1, 3 * mm),
            facts, Spacer(1, 4 * mm)]


def _font_of(text: str) -> str:
    """A chart label is drawn in one font: the Latin one for digits and Latin letters only."""
    pieces = fonts.runs(text)
    if pieces and all(font == fonts.LATIN_FONT for font, _ in pieces):
        return fonts.LATIN_FONT
    return fonts.register_pdf_font()


def _chart_title(text: str) -> Flowable:
    return para(text, styles().cell_centre)


def _bar(chart: BarChart) -> list[Flowable]:
    width, height = CONTENT_WIDTH, 55 * mm
    d = Drawing(width, height)
    bc = VerticalBarChart()
    bc.x, bc.y, bc.width, bc.height = 12 * mm, 8 * mm, width - 20 * mm, height - 14 * mm
    bc.data = [list(values) for _, values in chart.series] or [[0]]
    bc.categoryAxis.categoryNames = list(chart.categories)
    bc.categoryAxis.labels.fontName = _font_of("".join(chart.categories))
    bc.categoryAxis.labels.fontSize = 6.5 if len(chart.categories) > 16 else 8
    bc.valueAxis.labels.fontName = fonts.LATIN_FONT
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.valueMin = 0
    peak = max((v for _, values in chart.series for v in values), default=0)
    bc.valueAxis.valueMax = max(peak * 1.1, 1)
    bc.valueAxis.visibleGrid = True
    bc.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    bc.barSpacing = 0.5
    bc.groupSpacing = 2
    for i in range(len(bc.data)):
        bc.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        bc.bars[i].strokeColor = None
    d.add(bc)
    if len(chart.series) > 1:
        legend = Legend()
        legend.fontName = _font_of("".join(name for name, _ in chart.series))
        legend.fontSize = 8
        legend.x, legend.y = width - 25 * mm, height
        legend.alignment = "right"
        legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], name)
                                 for i, (name, _) in enumerate(chart.series)]
        d.add(legend)
    return [KeepTogether([_chart_title(chart.title), d])]


def _pie(chart: PieChart) -> list[Flowable]:
    s = styles()
    slices = [(label, value) for label, value in chart.slices if value > 0]
    if not slices:
        return [_chart_title(chart.title), para("（无数据）", s.small)]
    size = 42 * mm
    d = Drawing(size + 4 * mm, size + 4 * mm)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 2 * mm, 2 * mm, size, size
    pie.data = [value for _, value in slices]
    pie.slices.strokeColor = colors.white
    for i in range(len(slices)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(pie)
    total = sum(pie.data)
    rows = [["", para(label, s.cell), para(f"{value:g}", s.cell_centre),
             para(f"{value * 100 / total:.1f}%", s.cell_centre)]
            for label, value in slices]
    key = RLTable([["", para("项目", s.cell_header), para("数量", s.cell_header),
                    para("占比", s.cell_header)], *rows],
                  colWidths=[5 * mm, 40 * mm, 20 * mm, 20 * mm])
    style = grid_style()
    style += [("BACKGROUND", (0, i + 1), (0, i + 1), PALETTE[i % len(PALETTE)])
              for i in range(len(slices))]
    key.setStyle(TableStyle(style))
    both = RLTable([[d, key]], colWidths=[size + 10 * mm, 90 * mm], hAlign="CENTER")
    both.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return [KeepTogether([_chart_title(chart.title), Spacer(1, 1 * mm), both])]


def block_flowables(block: Block) -> list[Flowable]:
    s = styles()
    if isinstance(block, Heading):
        style = s.heading if block.level <= 1 else s.body
        text = para(block.text, style)
        if block.level > 1:
            text = para(f"■ {block.text}", s.body)
        return [CondPageBreak(30 * mm), text, Spacer(1, 1 * mm)]
    if isinstance(block, Text):
        return [para(block.text, s.small if block.small else s.body), Spacer(1, 1.5 * mm)]
    if isinstance(block, Table):
        if not block.rows:
            return [para(block.empty, s.small), Spacer(1, 1.5 * mm)]
        return [bordered_table(block.header, block.rows, block.widths, align=block.align),
                Spacer(1, 2.5 * mm)]
    if isinstance(block, BarChart):
        return [*_bar(block), Spacer(1, 3 * mm)]
    return [*_pie(block), Spacer(1, 3 * mm)]


def section_flowables(section: Section, number: int) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [CondPageBreak(40 * mm),
                             para(f"{_chinese_number(number)}、{section.title}", s.heading)]
    for block in section.blocks:
        story.extend(block_flowables(block))
    return story


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")


def write_period_report(out: Path, *, office: str, title: str,
                        facts: Sequence[tuple[str, str]], sections: Sequence[Section],
                        generated_at: datetime, author: str = "") -> Path:
    story = cover(office, title, facts)
    for number, section in enumerate(sections, start=1):
        story.extend(section_flowables(section, number))
    return build_document(Path(out), story, title=f"{office} {title}", author=author,
                          generated_at=generated_at, page_numbers="always", footer_left=office)
