"""The shared report base: footer with page numbers and time, tables repeating their header."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from wuye_desk.reports.document import bordered_table, build_document, para, styles

from .pdf_helpers import embedded_font_file, fonts_used, page_texts


def test_a_long_report_numbers_its_pages_and_repeats_the_table_header(tmp_path: Path) -> None:
    s = styles()
    rows = [[f"{i}", f"投诉{i:03d}", "3栋2单元1502", "已办结"] for i in range(1, 81)]
    story = [
        para("月度报告", s.title),
        para("一、投诉", s.heading),
        bordered_table(["序号", "编号", "房号", "状态"], rows, [0.6, 1, 1.5, 1]),
    ]
    out = build_document(tmp_path / "月报.pdf", story, title="月度报告",
                         generated_at=datetime(2026, 11, 18, 10, 0))
    pages = page_texts(out)
    assert len(pages) >= 3
    total = len(pages)
    for number, text in enumerate(pages, 1):
        assert f"第 {number} 页 / 共 {total} 页" in text
        assert "生成时间：2026-11-18 10:00" in text
        assert "房号" in text and "状态" in text  # the header on every page
    assert "投诉080" in pages[-1]
    assert all(embedded_font_file(font) == "/FontFile2" for font in fonts_used(out))
