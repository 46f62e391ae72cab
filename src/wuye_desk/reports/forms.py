"""Printable forms: a TOML template from forms/ + a record dict -> an A4 PDF to sign.

    render_form("household", record, Path("客户资料登记表.pdf"), office)

The template (see forms/README.md) says what is printed where; the record
gives the values by key; the office dict gives the letterhead (name, company,
address, phone). A value the record lacks prints as a blank to fill by hand.
A template with two or three `parts` prints as a slip cut along dashed lines
(上联 / 下联), each part with its own label such as "第一联 访客携带".
"""

from __future__ import annotations

import io
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    FrameBreak,
    Image,
    KeepInFrame,
    PageTemplate,
    Spacer,
    Table,
)
from reportlab.platypus.tables import TableStyle

from wuye_desk.domain.errors import ValidationError
from wuye_desk.reports import fonts
from wuye_desk.reports.document import (
    CONTENT_WIDTH,
    LIGHT_SHADE,
    LINE_WIDTH,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SHADE,
    build_document,
    format_value,
    grid_style,
    para,
    relative_widths,
    styles,
)
from wuye_desk.reports.form_template import (
    Block,
    FieldsBlock,
    FormTemplate,
    Part,
    Serial,
    SignaturesBlock,
    TableBlock,
    TextBlock,
    load_template,
)

__all__ = ["FormTemplate", "load_template", "render_form", "render_template"]

BLANK = "＿" * 6  # a placeholder the record has no value for: a line to write on
TICKED, UNTICKED = "☑", "☐"
CHOICE_GAP = "\u00a0" * 5  # no-break spaces: a Paragraph keeps them
ROW_HEIGHT = 10 * mm  # a one-line field: room to write by hand
EXTRA_LINE = 7 * mm  # each further line of a multi-line field
TABLE_ROW_HEIGHT = 8.5 * mm


# ---------------------------------------------------------------- values


def _lookup(name: str, record: Mapping[str, Any], office: Mapping[str, Any]) -> object:
    if name.startswith("office."):
        return office.get(name.removeprefix("office."))
    return record.get(name)


def fill_wording(text: str, record: Mapping[str, Any], office: Mapping[str, Any]) -> str:
    """Replace {key} and {office.key} by their values; a missing value becomes a blank line."""
    out: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(text):
        out.append(literal)
        if name is not None:
            out.append(format_value(_lookup(name, record, office)) or BLANK)
    return "".join(out)


def _choice_text(choices: Sequence[str], value: str, width: float, size: float) -> str:
    """☑ the chosen one, ☐ the others; lines break between choices, never inside one."""
    marks = [f"{TICKED if choice == value else UNTICKED}{choice}" for choice in choices]
    if value and value not in choices:
        marks.append(f"{TICKED}{value}")
    gap = CHOICE_GAP
    lines: list[str] = []
    for mark in marks:
        joined = f"{lines[-1]}{gap}{mark}" if lines else mark
        if lines and fonts.string_width(joined, size) <= width:
            lines[-1] = joined
        else:
            lines.append(mark)
    return "\n".join(lines)


def _rows_of(record: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    rows = record.get(key)
    if rows is None:
        return []
    if not isinstance(rows, list | tuple) or not all(isinstance(r, Mapping) for r in rows):
        raise ValidationError(f"打印数据有误：{key} 应为多行数据（每行一组值）", field=key)
    return list(rows)


# ---------------------------------------------------------------- the header


@dataclass(frozen=True)
class _Line:
    text: str
    size: float
    gap: float  # space above the baseline


class FormHeader(Flowable):  # type: ignore[misc]
    """Letterhead, centred title and subtitle, and the serial (Code 128 / QR) at the right."""

    def __init__(self, title: str, subtitle: str, letterhead: Sequence[_Line],
                 serial: Serial | None, serial_value: str, width: float) -> None:
        super().__init__()
        self.title = title
        self.subtitle = subtitle
        self.letterhead = list(letterhead)
        self.serial = serial
        self.serial_value = serial_value
        self.width = width
        self.letterhead_height = (sum(line.gap for line in self.letterhead) + 4 * mm
                                  if self.letterhead else 0)
        title_height = 10 * mm + (6 * mm if subtitle else 0)
        self.title_height = max(title_height, self._serial_height())
        self.height = self.letterhead_height + self.title_height + 3 * mm

    # the serial block ------------------------------------------------

    def _code128(self) -> Code128 | None:
        if not (self.serial and self.serial.code128 and self.serial_value):
            return None
        if not all(32 <= ord(c) < 127 for c in self.serial_value):
            return None  # Code 128 encodes ASCII only; the text is still printed
        bar_width = 0.3 * mm
        code = Code128(self.serial_value, barWidth=bar_width, barHeight=9 * mm,
                       humanReadable=False, quiet=False)
        if code.width > 55 * mm:
            code = Code128(self.serial_value, barWidth=bar_width * 55 * mm / code.width,
                           barHeight=9 * mm, humanReadable=False, quiet=False)
        return code

    def _qr_size(self) -> float:
        return 17 * mm if (self.serial and self.serial.qr and self.serial_value) else 0

    def _serial_height(self) -> float:
        if self.serial is None:
            return 0
        return float(max(self._qr_size(), 13.5 * mm if self._code128() else 5 * mm))

    def _draw_serial(self, canvas: Canvas, top: float) -> float:
        """Draw at the right edge, top-aligned at `top`; return the width used."""
        if self.serial is None:
            return 0
        right = self.width
        qr = self._qr_size()
        if qr:
            widget = QrCodeWidget(self.serial_value, barLevel="M")
            x0, y0, x1, y1 = widget.getBounds()
            drawing = Drawing(qr, qr, transform=[qr / (x1 - x0), 0, 0, qr / (y1 - y0), 0, 0],
                              initialFontName=fonts.CJK_FONT)  # not Helvetica: never embedded
            drawing.add(widget)
            renderPDF.draw(drawing, canvas, right - qr, top - qr)
            right -= qr + 2 * mm
        text = f"{self.serial.label}：{self.serial_value or BLANK}"
        text_width = fonts.string_width(text, 8.5)
        code = self._code128()
        if code is not None:
            block = max(code.width, text_width)
            centre = right - block / 2
            code.drawOn(canvas, centre - code.width / 2, top - 9 * mm)
            fonts.draw_string(canvas, centre, top - 9 * mm - 3.6 * mm, text, 8.5, align="centre")
            return float(self.width - right + block)
        fonts.draw_string(canvas, right, top - 4 * mm, text, 8.5 if qr else 10, align="right")
        return self.width - right + text_width

    # drawing -------------------------------------------------------------

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        if self.letterhead:
            y = top
            for line in self.letterhead:
                y -= line.gap
                fonts.draw_string(canvas, self.width / 2, y, line.text, line.size, align="centre")
            y -= 2.2 * mm
            canvas.setLineWidth(1.2)
            canvas.line(0, y, self.width, y)
            canvas.setLineWidth(0.4)
            canvas.line(0, y - 0.8 * mm, self.width, y - 0.8 * mm)
            top -= self.letterhead_height
        serial_width = self._draw_serial(canvas, top - 1 * mm)
        centre = self.width / 2
        title_half = fonts.string_width(self.title, 18) / 2
        if serial_width and centre + title_half > self.width - serial_width - 3 * mm:
            centre = (self.width - serial_width) / 2  # a long title moves left of the serial
        title_base = top - 7.5 * mm
        fonts.draw_string(canvas, centre, title_base, self.title, 18, align="centre", bold=True)
        if self.subtitle:
            fonts.draw_string(canvas, centre, title_base - 6 * mm, self.subtitle, 10,
                              align="centre")


def _letterhead(office: Mapping[str, Any]) -> list[_Line]:
    first = "　".join(str(office[k]) for k in ("company", "name") if office.get(k))
    second = "　".join(f"{label}：{office[k]}" for k, label in (("address", "地址"),
                                                              ("phone", "电话")) if office.get(k))
    lines = []
    if first:
        lines.append(_Line(first, 12, 5 * mm))
    if second:
        lines.append(_Line(second, 8.5, 4.5 * mm))
    return lines


# ---------------------------------------------------------------- the blocks


def _heading_row(heading: str, column_count: int) -> list[object]:
    return [para(heading, styles().cell)] + [""] * (column_count - 1)


def _heading_style(column_count: int) -> list[tuple[Any, ...]]:
    return [("SPAN", (0, 0), (column_count - 1, 0)), ("BACKGROUND", (0, 0), (-1, 0), SHADE)]


def _label_width(blocks: Sequence[Block]) -> float:
    """One label column width for all field blocks of a part, so their lines align."""
    labels = [f.label for b in blocks if isinstance(b, FieldsBlock) for f in b.fields]
    longest = max((fonts.string_width(label, 10) for label in labels), default=0)
    return float(max(longest + 4 * mm, 18 * mm))


def _fields_table(block: FieldsBlock, record: Mapping[str, Any], width: float,
                  label_width: float) -> Table:
    s = styles()
    n = block.columns
    label_w = block.label_width * mm if block.label_width is not None else min(label_width, 0.45 * width / n)
    value_w = (width - n * label_w) / n
    data: list[list[object]] = []
    commands: list[tuple[Any, ...]] = grid_style(header_rows=0)
    heights: list[float] = []
    if block.heading:
        data.append(_heading_row(block.heading, 2 * n))
        commands += _heading_style(2 * n)
        heights.append(0)

    row: list[object] = []
    row_lines = 1
    value_cells: list[tuple[int, int]] = []  # first and last column of each value in the row

    def close_row() -> None:
        nonlocal row, row_lines, value_cells
        r = len(data)
        if len(row) < 2 * n:  # the last value cell stretches to the end of the row
            value_cells[-1] = (value_cells[-1][0], 2 * n - 1)
            row += [""] * (2 * n - len(row))
        commands.extend(("SPAN", (first, r), (last, r))
                        for first, last in value_cells if last > first)
        data.append(row)
        heights.append(ROW_HEIGHT + (row_lines - 1) * EXTRA_LINE)
        row, row_lines, value_cells = [], 1, []

    for field in block.fields:
        if len(row) + 2 * field.span > 2 * n:
            close_row()
        r, c = len(data), len(row)
        value = format_value(record.get(field.key)) if field.key else ""
        if field.choices:
            room = value_w * field.span + label_w * (field.span - 1) - 3 * mm
            value = _choice_text(field.choices, value, room, s.cell.fontSize)
        row.append(para(field.label, s.cell_centre))
        row.append(para(value, s.cell))
        row += [""] * (2 * field.span - 2)
        commands.append(("BACKGROUND", (c, r), (c, r), LIGHT_SHADE))
        value_cells.append((c + 1, c + 2 * field.span - 1))
        if field.lines > 1:
            commands.append(("VALIGN", (c + 1, r), (c + 1, r), "TOP"))
        row_lines = max(row_lines, field.lines)
    if row:
        close_row()

    table = Table(data, colWidths=[label_w, value_w] * n, minRowHeights=heights,
                  repeatRows=1 if block.heading else 0)
    table.setStyle(TableStyle(commands))
    return table


def _data_table(block: TableBlock, record: Mapping[str, Any], width: float) -> Table:
    s = styles()
    rows = _rows_of(record, block.key)
    blank_rows = max(block.min_rows - len(rows), 0 if rows else 1)
    number_w = 11 * mm if block.numbered else 0
    widths = relative_widths([c.width for c in block.columns], width - number_w)
    header: list[object] = [para(c.label, s.cell_header) for c in block.columns]
    if block.numbered:
        widths.insert(0, number_w)
        header.insert(0, para("序号", s.cell_header))
    cell_style = {"left": s.cell, "centre": s.cell_centre}

    data: list[list[object]] = []
    commands: list[tuple[Any, ...]] = grid_style(header_rows=0)
    if block.heading:
        data.append(_heading_row(block.heading, len(widths)))
        commands += _heading_style(len(widths))
    header_row = len(data)
    data.append(header)
    commands.append(("BACKGROUND", (0, header_row), (-1, header_row), LIGHT_SHADE))
    for row in [*rows, *([{}] * blank_rows)]:
        cells: list[object] = [
            para(format_value(row.get(c.key)) if c.key else "", cell_style[c.align])
            for c in block.columns
        ]
        if block.numbered:
            cells.insert(0, para(len(data) - header_row, s.cell_centre))
        data.append(cells)
    heights = [0.0] * (header_row + 1) + [TABLE_ROW_HEIGHT] * (len(data) - header_row - 1)
    table = Table(data, colWidths=widths, minRowHeights=heights, repeatRows=header_row + 1)
    table.setStyle(TableStyle(commands))
    return table


def _text_block(block: TextBlock, record: Mapping[str, Any], office: Mapping[str, Any],
                width: float) -> list[Flowable]:
    s = styles()
    style = s.body if block.size == "body" else s.small
    body = para(fill_wording(block.text, record, office), style)
    if block.boxed:
        data: list[list[object]] = []
        commands = grid_style(header_rows=0)
        if block.heading:
            data.append(_heading_row(block.heading, 1))
            commands += _heading_style(1)
        data.append([body])
        commands += [("TOPPADDING", (0, -1), (-1, -1), 2 * mm),
                     ("BOTTOMPADDING", (0, -1), (-1, -1), 2.5 * mm),
                     ("LEFTPADDING", (0, -1), (-1, -1), 3 * mm),
                     ("RIGHTPADDING", (0, -1), (-1, -1), 3 * mm)]
        table = Table(data, colWidths=[width])
        table.setStyle(TableStyle(commands))
        return [table]
    flowables: list[Flowable] = [Spacer(1, 2.5 * mm)]
    if block.heading:
        flowables.append(para(block.heading, s.cell))
        flowables.append(Spacer(1, 1 * mm))
    flowables += [body, Spacer(1, 2.5 * mm)]
    return flowables


class DateLine(Flowable):  # type: ignore[misc]
    """"日期：      年    月    日", right-aligned, with room to write the numbers."""

    PIECES = (("日期：", 16 * mm), ("年", 10 * mm), ("月", 10 * mm), ("日", 0))
    SIZE = 10

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 5 * mm

    def draw(self) -> None:
        x = self.width
        y = 1.2 * mm
        for text, gap_after in reversed(self.PIECES):
            x -= gap_after
            x -= fonts.draw_string(self.canv, x, y, text, self.SIZE, align="right")


def _signature_image(png: Any, max_width: float, max_height: float) -> Flowable | None:
    """A signature signed on screen, scaled into its box; None when there is none (the box
    is left blank to sign on paper) or the bytes are not a readable PNG."""
    if not isinstance(png, bytes | bytearray) or not png.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    try:
        reader = ImageReader(io.BytesIO(png))
        w, h = reader.getSize()
    except Exception:   # a damaged image must not stop the form from printing
        return None
    if w <= 0 or h <= 0:
        return None
    scale = min(max_width / w, max_height / h)
    return Image(io.BytesIO(png), width=w * scale, height=h * scale, hAlign="LEFT")


def _signatures(block: SignaturesBlock, record: Mapping[str, Any], width: float) -> Table:
    s = styles()
    n = len(block.boxes)
    cells: list[object] = []
    for box in block.boxes:
        content: list[Flowable] = [para(f"{box.label}：", s.cell)]
        signed = _signature_image(record.get(box.key) if box.key else None,
                                  width / n - 8 * mm, block.height * mm)
        content.append(signed or Spacer(1, block.height * mm))
        if box.date:
            content.append(DateLine())
        cells.append(content)
    data: list[list[object]] = []
    commands = grid_style(header_rows=0)
    if block.heading:
        data.append(_heading_row(block.heading, n))
        commands += _heading_style(n)
    data.append(cells)
    commands += [("VALIGN", (0, -1), (-1, -1), "TOP"),
                 ("TOPPADDING", (0, -1), (-1, -1), 2 * mm),
                 ("BOTTOMPADDING", (0, -1), (-1, -1), 2 * mm),
                 ("LEFTPADDING", (0, -1), (-1, -1), 2.5 * mm),
                 ("RIGHTPADDING", (0, -1), (-1, -1), 4 * mm)]
    table = Table(data, colWidths=[width / n] * n)
    table.setStyle(TableStyle(commands))
    return table


def _block(block: Block, record: Mapping[str, Any], office: Mapping[str, Any],
           width: float, label_width: float) -> list[Flowable]:
    if isinstance(block, FieldsBlock):
        return [_fields_table(block, record, width, label_width)]
    if isinstance(block, TableBlock):
        return [_data_table(block, record, width)]
    if isinstance(block, TextBlock):
        return _text_block(block, record, office, width)
    return [_signatures(block, record, width)]


def _part_story(template: FormTemplate, part: Part, record: Mapping[str, Any],
                office: Mapping[str, Any], width: float) -> list[Flowable]:
    serial_value = ""
    if template.serial is not None:
        serial_value = format_value(record.get(template.serial.key))
    title = f"{template.title}（{part.name}）" if part.name else template.title
    story: list[Flowable] = [
        FormHeader(title, fill_wording(template.subtitle, record, office),
                   _letterhead(office) if template.letterhead else [],
                   template.serial, serial_value, width)
    ]
    label_width = _label_width(part.blocks)
    for block in part.blocks:
        story += _block(block, record, office, width, label_width)
    if template.footnote:
        story += [Spacer(1, 2 * mm),
                  para(fill_wording(template.footnote, record, office), styles().small)]
    return story


# ---------------------------------------------------------------- slips


PART_GAP = 6 * mm  # above and below each cut line


def _slip_page(parts: Sequence[Part]) -> PageTemplate:
    """A page cut into equal parts along dashed lines, each labelled in the right margin."""
    n = len(parts)
    part_height = (PAGE_HEIGHT - 2 * MARGIN) / n
    frames = [
        Frame(MARGIN, MARGIN + (n - 1 - i) * part_height, CONTENT_WIDTH, part_height,
              leftPadding=0, rightPadding=0,
              topPadding=PART_GAP if i else 0, bottomPadding=PART_GAP if i < n - 1 else 0,
              id=f"part{i + 1}")
        for i in range(n)
    ]

    def decorate(canvas: Canvas, _doc: object) -> None:
        canvas.saveState()
        for i, part in enumerate(parts):
            top = MARGIN + (n - i) * part_height - (PART_GAP if i else 0)
            label = part.label or part.name
            x = PAGE_WIDTH - MARGIN / 2
            y = top - 4 * mm
            for char in label:  # written top to bottom, as on a receipt book
                if char.isspace():
                    y -= 5
                    continue
                fonts.draw_string(canvas, x, y, char, 9.5, align="centre")
                y -= 11
            if i < n - 1:
                y = MARGIN + (n - 1 - i) * part_height
                canvas.setDash(4, 3)
                canvas.setLineWidth(LINE_WIDTH)
                canvas.setStrokeColor(colors.Color(0.3, 0.3, 0.3))
                caption = "沿此虚线剪开"
                half = fonts.string_width(caption, 8) / 2 + 2 * mm
                canvas.line(8 * mm, y, PAGE_WIDTH / 2 - half, y)
                canvas.line(PAGE_WIDTH / 2 + half, y, PAGE_WIDTH - 8 * mm, y)
                fonts.draw_string(canvas, 4 * mm, y - 1.2 * mm, "✂", 10)
                fonts.draw_string(canvas, PAGE_WIDTH / 2, y - 1 * mm, caption, 8, align="centre")
        canvas.restoreState()

    return PageTemplate(id="slip", frames=frames, onPage=decorate)


# ---------------------------------------------------------------- entry points


def render_template(template: FormTemplate, record: Mapping[str, Any], out: Path,
                    office: Mapping[str, Any]) -> Path:
    """Render an already loaded template to an A4 PDF at `out` (written atomically)."""
    author = str(office.get("name") or office.get("company") or "")
    if not template.is_slip:
        story = _part_story(template, template.parts[0], record, office, CONTENT_WIDTH)
        return build_document(out, story, title=template.title, author=author,
                              page_numbers="several")
    part_height = (PAGE_HEIGHT - 2 * MARGIN) / len(template.parts)
    slip_story: list[Flowable] = []
    for i, part in enumerate(template.parts):
        if i:
            slip_story.append(FrameBreak())
        room = part_height - PART_GAP * (1 if i in (0, len(template.parts) - 1) else 2)
        slip_story.append(KeepInFrame(CONTENT_WIDTH, room,
                                      _part_story(template, part, record, office, CONTENT_WIDTH),
                                      mode="shrink"))
    return build_document(out, slip_story, title=template.title, author=author,
                          page_numbers="never", page_template=_slip_page(template.parts))


def render_form(name: str, record: Mapping[str, Any], out: Path, office: Mapping[str, Any],
                *, folder: Path | None = None) -> Path:
    """Render forms/<name>.toml with `record` to an A4 PDF at `out`; return `out`.

    `office` gives the letterhead: name, company, address, phone (each optional).
    `folder` reads the template from another folder instead of forms/.
    """
    return render_template(load_template(name, folder), record, Path(out), office)
