"""What the month-end tests share: a desk with demo data (households, about four months of
visits and goods passes before 18 November 2026), and reading workbooks back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from wuye_desk.domain.periods import Period, month_period
from wuye_desk.services import demo
from wuye_desk.services.desk import Desk

OCTOBER: Period = month_period(2026, 10)


def fill(desk: Desk, households: int = 60) -> None:
    demo.fill(desk, households=households, seed=7)


def cells(path: Path) -> list[list[Any]]:
    wb = load_workbook(path)
    try:
        return [[c.value for c in row] for row in wb.worksheets[0].iter_rows()]
    finally:
        wb.close()


def data_rows(path: Path, header_row: int = 3) -> list[dict[str, Any]]:
    """The rows under the header, keyed by header."""
    rows = cells(path)
    header = rows[header_row - 1]
    return [dict(zip(header, r, strict=True)) for r in rows[header_row:]]
