"""Shared base of every PDF: A4 pages, the embedded CJK font, styles, page footer, tables.

Reports (the monthly report, registers) and the printable forms build a list of
flowables and hand it to `build_document`, which writes the PDF through
`atomic_output` with a footer "第 N 页 / 共 M 页" and, when given, the
generation time. `bordered_table` makes the ruled tables of a paper register,
repeating the header row on each page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table
from reportlab.platypus.tables import TableStyle

from wuye_desk.atomic_file import atomic_output
from wuye_desk.reports import fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
FOOTER_SPACE = 8 * mm  # below the frame, for the page footer
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

GRID_COLOUR = colors.black
SHADE = colors.Color(0.91, 0.91, 0.91)
LIGHT_SHADE = colors.Color(0.96, 0.96, 0.96)
LINE_WIDTH = 0.6

PageNumbers = Literal["always", "several", "never"]


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_header: ParagraphStyle


@cache
def styles() -> Styles:
    font = fonts.register_pdf_font()

    def style(name: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **extra
        )

    return Styles(
        title=style("title", 18, 24, alignment=TA_CENTER, spaceAfter=2 * mm),
        subtitle=style("subtitle", 10, 14, alignment=TA_CENTER, spaceAfter=3 * mm),
        heading=style("heading", 13, 18, spaceBefore=4 * mm, spaceAfter=2 * mm),
        body=style("body", 10.5, 16),
        small=style("small", 8.5, 12),
        cell=style("cell", 10, 13.5),
        cell_centre=style("cell_centre", 10, 13.5, alignment=TA_CENTER),
        cell_header=style("cell_header", 10, 13.5, alignment=TA_CENTER),
    )


def format_value(value: object) -> str:
    """How a value from a record prints: dates in Chinese, booleans as 是/否, None as blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple | set | frozenset):
        return "、".join(format_value(item) for item in value)
    return str(value)


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text (escaped; Latin letters in the Latin font; wraps anywhere)."""
    return Paragraph(fonts.markup(format_value(text)), style)


def relative_widths(weights: Sequence[float], total: float) -> list[float]:
    whole = sum(weights)
    return [total * weight / whole for weight in weights]


def grid_style(header_rows: int = 1) -> list[tuple[Any, ...]]:
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.register_pdf_font()),  # else empty cells use Helvetica
        ("GRID", (0, 0), (-1, -1), LINE_WIDTH, GRID_COLOUR),
        ("BOX", (0, 0), (-1, -1), LINE_WIDTH * 1.6, GRID_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    return commands


def bordered_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float] | None = None,
    *,
    total_width: float = CONTENT_WIDTH,
    row_height: float = 0,
    align: Sequence[str] | None = None,
) -> Table:
    """A ruled table whose header row repeats at the top of each page it flows onto.

    `widths` are relative weights (default: equal); `align` per column is
    "left" or "centre" (default centre); `row_height` is a minimum, for handwriting.
    """
    s = styles()
    column_count = len(header)
    weights = list(widths) if widths else [1.0] * column_count
    aligns = list(align) if align else ["centre"] * column_count
    cell_style = {"left": s.cell, "centre": s.cell_centre}
    data: list[list[object]] = [[para(label, s.cell_header) for label in header]]
    for row in rows:
        data.append(
            [para(value, cell_style.get(aligns[i], s.cell_centre)) for i, value in enumerate(row)]
        )
    table = Table(
        data,
        colWidths=relative_widths(weights, total_width),
        repeatRows=1,
        minRowHeights=[0] + [row_height] * (len(data) - 1) if row_height else None,
        hAlign="CENTER",
    )
    table.setStyle(TableStyle(grid_style()))
    return table


FooterText = Callable[[int, int], str]


def _canvas_maker(
    *, page_numbers: PageNumbers, generated_at: datetime | None, footer_left: str
) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each footer knows the page count."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for state in self._held_pages:
                self.__dict__.update(state)
                self._draw_footer(self._pageNumber, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_footer(self, page: int, total: int) -> None:
            self.saveState()
            self.setFillColor(colors.Color(0.25, 0.25, 0.25))
            y = MARGIN - FOOTER_SPACE + 2 * mm
            size = 8.5
            if page_numbers == "always" or (page_numbers == "several" and total > 1):
                fonts.draw_string(self, PAGE_WIDTH / 2, y, f"第 {page} 页 / 共 {total} 页", size,
                                  align="centre")
            if generated_at is not None:
                fonts.draw_string(self, PAGE_WIDTH - MARGIN, y,
                                  f"生成时间：{generated_at:%Y-%m-%d %H:%M}", size, align="right")
            if footer_left:
                fonts.draw_string(self, MARGIN, y, footer_left, size)
            self.restoreState()

    return NumberedCanvas


def content_frame() -> Frame:
    """The frame of an ordinary page: A4 within the margins, room for the footer below."""
    return Frame(
        MARGIN, MARGIN, CONTENT_WIDTH, PAGE_HEIGHT - 2 * MARGIN,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="content",
    )


def build_document(
    out: Path,
    story: list[Flowable],
    *,
    title: str,
    author: str = "",
    generated_at: datetime | None = None,
    page_numbers: PageNumbers = "always",
    footer_left: str = "",
    page_template: PageTemplate | None = None,
) -> Path:
    """Write `story` to an A4 PDF at `out` (atomically) and return `out`.

    The footer shows "第 N 页 / 共 M 页" (always, only when there are several
    pages, or never), the generation time if given, and `footer_left`.
    `page_template` replaces the ordinary one-frame page (e.g. a slip cut in parts).
    """
    fonts.register_pdf_font()
    out = Path(out)
    template = page_template or PageTemplate(id="page", frames=[content_frame()])
    with atomic_output(out) as temp:
        doc = BaseDocTemplate(
            str(temp),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            author=author,
            creator="wuye-desk",
            initialFontName=fonts.CJK_FONT,
            pageTemplates=[template],
        )
        doc.build(
            story,
            canvasmaker=_canvas_maker(
                page_numbers=page_numbers, generated_at=generated_at, footer_left=footer_left
            ),
        )
    return out
