"""The cells of a register sheet, as Excel reads them back: types, formats, borders, and
text that must stay text."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from wuye_desk.exports.xlsx import Column, write_register

COLUMNS = (Column("文字", 10), Column("数量", 6, "int"), Column("日期", 10, "date"),
           Column("时间", 16, "datetime"), Column("金额", 8), Column("是否", 5))


def written(tmp_path, rows):  # type: ignore[no-untyped-def]
    path = tmp_path / "cells.xlsx"
    count = write_register(path, sheet_title="格子", title="测试登记表", columns=COLUMNS, rows=rows,
                           subtitle="2026年10月")
    assert count == len(rows)
    ws = load_workbook(path).active
    return [list(r) for r in ws.iter_rows(min_row=4)]


def test_each_kind_of_value_comes_back_as_it_went_in(tmp_path):
    at = datetime(2026, 10, 3, 14, 5)
    cells = written(tmp_path, [("张三", 3, date(2026, 10, 1), at, 12.5, True),
                               ("", None, None, None, Decimal("3.25"), False)])
    first, second = cells
    assert [c.value for c in first] == ["张三", 3, datetime(2026, 10, 1), at, 12.5, True]
    assert first[2].number_format == "yyyy-mm-dd" and first[3].number_format == "yyyy-mm-dd hh:mm"
    assert first[2].is_date and first[3].is_date
    assert [c.value for c in second] == [None, None, None, None, 3.25, False]
    for cell in first + second:   # every cell of the register has its border, empty or not
        assert cell.border.left.style == "thin" and cell.font.name == "宋体"


def test_text_a_clerk_typed_stays_text_even_when_it_looks_like_a_formula(tmp_path):
    cells = written(tmp_path, [("=HYPERLINK(\"http://x\")", 1, None, None, "+86 138", None),
                               ("@SUM(A1)", 2, None, None, "#N/A", None)])
    assert cells[0][0].value == "=HYPERLINK(\"http://x\")" and cells[0][0].data_type == "s"
    assert cells[0][4].value == "+86 138" and cells[1][4].value == "#N/A"
    assert cells[1][4].data_type == "s"


def test_a_control_character_from_an_old_record_is_dropped_not_the_export(tmp_path):
    cells = written(tmp_path, [("门铃\x07坏了\x00", 1, None, None, "x" * 40_000, None)])
    assert cells[0][0].value == "门铃坏了"
    assert len(cells[0][4].value) == 32_767      # Excel's limit for a cell's text


def test_a_wide_register_prints_on_pages_side_by_side_readably_not_shrunk_to_one(tmp_path):
    narrow = [Column(f"列{i}", 10) for i in range(8)]
    wide = [Column(f"列{i}", 20) for i in range(25)]
    for columns, across in ((narrow, 1), (wide, 3)):   # 8 × 20 units; 25 × 20 = 500 units
        path = tmp_path / f"{len(columns)}.xlsx"
        write_register(path, sheet_title="宽", title="宽表", columns=columns,
                       rows=[["x" * 18] * len(columns)])
        ws = load_workbook(path).active
        assert ws.page_setup.fitToWidth == across and ws.page_setup.fitToHeight == 0
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        if across > 1:   # the first column on every page, pages of the same rows together
            assert ws.print_title_cols == "$A:$A" and ws.page_setup.pageOrder == "overThenDown"
            assert ws["A1"].alignment.horizontal == "left"     # the title on the first page
        else:
            assert ws.print_title_cols is None
            assert ws["A1"].alignment.horizontal == "centerContinuous"
