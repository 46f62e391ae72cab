"""Workbooks that look like the office's paper registers, and reading them back.

Writing streams (openpyxl write-only mode), so a year of rows does not grow
memory. Text typed by people is always written as text: a name or remark that
starts with "=" never becomes a live formula.
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wuye_desk.atomic_file import atomic_output
from wuye_desk.domain.errors import ValidationError

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_FONT = Font(name="宋体", size=14, bold=True)
HEADER_FONT = Font(name="宋体", size=11, bold=True)
BODY_FONT = Font(name="宋体", size=10)
SUBTITLE_FONT = Font(name="宋体", size=10)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
TITLE_ALIGN = Alignment(horizontal="centerContinuous", vertical="center")
WIDE_TITLE_ALIGN = Alignment(horizontal="left", vertical="center")  # on the first printed page
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=False)


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 12          # in Excel character units
    kind: str = "text"         # text / date / datetime / int


SAMPLE_ROWS = 500   # rows looked at to fit the column widths before streaming
MAX_WIDTH = 60


def text_width(value: Any) -> float:
    """Width of a value in Excel character units: a Chinese character counts two."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _width_for(title: str, width: float) -> float:
    return max(width, len(title) * 2 + 2)


# An A4 landscape page holds about 141 column-width units at 100 % (261 mm between the
# margins); below about 65 % a 10-point register is hard to read on paper.
A4_LANDSCAPE_UNITS = 141
SMALLEST_PRINT_SCALE = 0.65


def pages_across(widths: Sequence[float]) -> int:
    """How many A4 landscape pages side by side a register prints on: one when it fits
    at a readable scale, more (never shrunk below that scale) for a wide register."""
    return max(1, math.ceil(sum(widths) / (A4_LANDSCAPE_UNITS / SMALLEST_PRINT_SCALE)))


def fitted_widths(columns: Sequence[Column], sample: Sequence[Sequence[Any]]) -> list[float]:
    """Each column as wide as its header and the widest of the sampled values (capped)."""
    widths = [_width_for(col.title, col.width) if not sample else max(text_width(col.title) + 2, 4)
              for col in columns]
    for row in sample:
        for i, value in enumerate(row[:len(columns)]):
            widths[i] = max(widths[i], min(text_width(value) + 2, MAX_WIDTH))
    return widths


_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "int": "0"}


def _cell(ws: Worksheet, value: Any, kind: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.border = BORDER
    cell.font = BODY_FONT
    if value is None or value == "":
        cell.value = None
    elif kind == "date" and isinstance(value, date):
        cell.number_format = _FORMATS["date"]
    elif kind == "datetime" and isinstance(value, datetime):
        cell.number_format = _FORMATS["datetime"]
    elif kind == "int" and isinstance(value, int):
        cell.number_format = _FORMATS["int"]
    elif isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    cell.alignment = LEFT
    return cell


class _RegisterCell(Cell):  # type: ignore[misc]  # openpyxl ships no type hints
    """A written-once cell whose style is registered with the workbook once per kind: the
    writer asks each cell for its style's number, which openpyxl would otherwise look up
    by hashing the style on every cell. Its repr is constant, which keeps openpyxl's
    ordinary append path cheap too (it formats the repr of each cell into an error it
    then catches)."""

    __slots__ = ("_style_number",)

    @property
    def style_id(self) -> int:
        return int(self._style_number)

    @property
    def has_style(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "<cell>"


_DATA_TYPES: dict[type, str] = {int: "n", float: "n", datetime: "d", date: "d", bool: "b"}


class _CellMaker:
    """Cells of one sheet with their styles looked up once per kind, not once per cell
    (openpyxl hashes a whole Font/Border on every assignment); the style is shared by
    the cells of a kind, each written once and dropped."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.styles: dict[tuple[str, bool], tuple[Any, int]] = {}

    def __call__(self, value: Any, kind: str) -> Cell:
        if value is None or value == "":
            key, value = ("text", True), None
        elif isinstance(value, str):
            key = ("text", False)
        elif kind in _FORMATS and isinstance(value, date | int) and not isinstance(value, bool):
            key = (kind, False)
        else:
            key = ("plain", False)
        known = self.styles.get(key)
        if known is None:
            probe = _cell(self.ws, value if key[0] != "text" or value is None else "x", key[0])
            known = self.styles[key] = (probe._style, probe.style_id)
        cell = _RegisterCell(self.ws, 1, 1)
        cell._style, cell._style_number = known
        if value is not None:
            if isinstance(value, str):
                # a control character (from an old file) dropped, not the whole export lost
                cell._value = cell.check_string(ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif type(value) in _DATA_TYPES:
                cell._value = value
                cell.data_type = _DATA_TYPES[type(value)]
            else:
                cell.value = value
        return cell


def _takes_cells_as_they_are(ws: Any) -> None:
    """Every item this module appends is a cell already made: give them to the writer as
    they are. openpyxl's write-only sheet would first try each as a plain value and catch
    the error (about a third of the export's time on a year of rows). The cells written
    are the same; with an openpyxl whose sheet works otherwise, the ordinary path is kept."""
    if not callable(getattr(ws, "_values_to_row", None)):
        return

    def values_to_row(cells: Sequence[Cell], row_idx: int) -> Iterator[Cell]:
        for col_idx, cell in enumerate(cells, 1):
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    ws._values_to_row = values_to_row


def sheet_heading(path: Path) -> str:
    """The first sheet's name and title cell, as a register's workbook names itself; ""
    when the file cannot be read as a workbook."""
    try:
        wb = load_workbook(Path(path), read_only=True)
    except Exception:   # not a workbook, damaged, missing: nothing to go by
        return ""
    try:
        ws = wb.worksheets[0]
        first = next(ws.iter_rows(min_row=1, max_row=1, max_col=1, values_only=True), (None,))
        return f"{ws.title} {first[0] or ''}".strip()
    except Exception:
        return ""
    finally:
        wb.close()


def write_register(path: Path, *, sheet_title: str, title: str, columns: Sequence[Column],
                   rows: Iterable[Sequence[Any]], subtitle: str = "",
                   on_row: Callable[[int], None] | None = None) -> int:
    """Write one register sheet; returns the number of data rows written.

    A title row, an optional subtitle row (period, export time), the header row
    (frozen, repeated on each printed page, with an autofilter), then the rows.
    Column widths fit the header and the first SAMPLE_ROWS rows. `on_row(count)`
    is called every 1,000 rows (progress; it may raise to cancel, and then no
    file is left under the final name).
    """
    with atomic_output(Path(path)) as tmp:
        count = _write(tmp, sheet_title, title, columns, rows, subtitle, on_row)
    return count


def _write(tmp: Path, sheet_title: str, title: str, columns: Sequence[Column],
           rows: Iterable[Sequence[Any]], subtitle: str = "",
           on_row: Callable[[int], None] | None = None) -> int:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title[:31])
    _takes_cells_as_they_are(ws)
    iterator = iter(rows)
    sample = list(itertools.islice(iterator, SAMPLE_ROWS))
    widths = fitted_widths(columns, sample)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    last_col = get_column_letter(len(columns))
    header_row = 3 if subtitle else 2
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    across = pages_across(widths)
    ws.page_setup.fitToWidth = across
    if across > 1:   # each page's rows side by side, the first column on every page
        ws.page_setup.pageOrder = "overThenDown"
        ws.print_title_cols = "A:A"
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页 / 共 &N 页"
    ws.print_options.horizontalCentered = True
    title_align = TITLE_ALIGN if across == 1 else WIDE_TITLE_ALIGN
    title_row = []
    for i in range(len(columns)):
        c = WriteOnlyCell(ws, value=title if i == 0 else None)
        c.font = TITLE_FONT
        # centred across the register's width (no merged cells), or from the left when
        # the register prints on pages side by side, so that the first page has it
        c.alignment = title_align
        title_row.append(c)
    ws.append(title_row)
    if subtitle:
        sub_row = []
        for i in range(len(columns)):
            c = WriteOnlyCell(ws, value=subtitle if i == 0 else None)
            c.font = SUBTITLE_FONT
            c.alignment = title_align
            sub_row.append(c)
        ws.append(sub_row)
    header = []
    for col in columns:
        c = WriteOnlyCell(ws, value=col.title)
        c.font = HEADER_FONT
        c.alignment = CENTER
        c.border = BORDER
        header.append(c)
    ws.append(header)
    count = 0
    make = _CellMaker(ws)
    kinds = [col.kind for col in columns]
    try:
        for row in itertools.chain(sample, iterator):
            ws.append([make(v, k) for v, k in zip(row, kinds, strict=False)])
            count += 1
            if on_row is not None and count % 1000 == 0:
                on_row(count)
    except BaseException:
        _abandon(ws)
        raise
    ws.auto_filter.ref = f"A{header_row}:{last_col}{count + header_row}"
    wb.save(tmp)
    return count


def _abandon(ws: Any) -> None:
    """Close a half-written streamed sheet and remove its temporary file (cancel, error)."""
    with contextlib.suppress(Exception):
        ws.close()
    with contextlib.suppress(Exception):
        ws._writer.cleanup()


@dataclass(frozen=True)
class SheetRow:
    number: int                 # row number as Excel shows it
    values: dict[str, Any]      # canonical column name -> cell value


def read_register(path: Path, synonyms: dict[str, Sequence[str]], required: Sequence[str],
                  *, scan_rows: int = 10) -> list[SheetRow]:
    """Rows of the first sheet, keyed by canonical column names.

    The header row is the first of the top `scan_rows` rows that names at least
    the required columns (by any synonym); rows above it (a title) are skipped,
    blank rows are ignored.
    """
    if not path.is_file():
        raise ValidationError(f"找不到文件：{path}", field="文件")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError(f"无法读取 Excel 文件 {path.name}：{exc}", field="文件") from exc
    try:
        ws = wb.worksheets[0]
        lookup = {_norm(s): canon for canon, names in synonyms.items() for s in (canon, *names)}
        rows = ws.iter_rows(values_only=True)
        header_map: dict[int, str] | None = None
        header_number = 0
        for number, row in enumerate(rows, start=1):
            found = {i: lookup[_norm(v)] for i, v in enumerate(row)
                     if isinstance(v, str) and _norm(v) in lookup}
            if set(required) <= set(found.values()):
                header_map, header_number = found, number
                break
            if number >= scan_rows:
                break
        if header_map is None:
            raise ValidationError(
                f"{path.name} 的前{scan_rows}行里找不到表头（至少需要：{'、'.join(required)}）",
                field="文件")
        out = []
        for number, row in enumerate(rows, start=header_number + 1):
            values = {header_map[i]: v for i, v in enumerate(row) if i in header_map}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
                continue
            out.append(SheetRow(number, values))
        return out
    finally:
        wb.close()


def _norm(text: str) -> str:
    return "".join(str(text).split()).replace("（", "(").replace("）", ")").lower()


def cell_text(value: Any) -> str:
    """A cell as the text a clerk typed (numbers without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def cell_date(value: Any, field: str) -> date | None:
    """A date cell: a real Excel date, or text like 2020-05-01, 2020/5/1, 2020年5月1日."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("年", "-").replace("月", "-").replace("日", "")
    text = text.replace("/", "-").replace(".", "-")
    try:
        y, m, d = (int(p) for p in text.split("-"))
        return date(y, m, d)
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"{field}“{value}”不是有效日期", field=field) from exc


def read_back_titles(path: Path) -> list[str]:
    """Sheet titles of a workbook (tests and diagnostics)."""
    wb = load_workbook(path, read_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()
