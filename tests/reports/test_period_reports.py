"""The monthly report (R1) and the weekly summary (C10) as PDFs: text, fonts, figures that a
recount of the registers confirms, sections plugged in by areas."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from tests.exports.month_helpers import OCTOBER, data_rows, fill
from tests.reports.pdf_helpers import page_texts, squeezed
from wuye_desk.domain.periods import Period, week_period
from wuye_desk.reports.blocks import BarChart, Heading, PieChart, Section, Table, Text
from wuye_desk.services import period_reports, registers
from wuye_desk.services.period_reports import change_text, comparison_table


def _row_numbers(text: str, label: str) -> list[str]:
    """The cells following a row label in the page text (the label may wrap)."""
    pattern = r"\s*".join(re.escape(ch) for ch in squeezed(label))
    match = re.search(pattern, text)
    assert match, label
    return re.findall(r"\d+(?:\.\d)?|—", text[match.end():match.end() + 60])[:3]


def test_R1_monthly_report_reads_in_chinese_with_embedded_fonts(desk, tmp_path):
    fill(desk)
    out = period_reports.build_monthly(desk, OCTOBER, tmp_path / "m.pdf")
    texts = page_texts(out)
    first = squeezed(texts[0])
    assert "幸福家园物业管理处" in first and "2026年10月月度工作报告" in first
    assert "上月2026年9月" in first and "去年同月2025年10月" in first
    assert "一、客户投诉" in first and "二、业户档案" in squeezed("".join(texts))
    assert "访客登记" in squeezed("".join(texts))
    assert all(f"第{i}页/共{len(texts)}页" in squeezed(t) for i, t in enumerate(texts, 1))
    assert "生成时间：2026-11-1810:00" in squeezed(texts[-1])
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
                if "/DescendantFonts" in font.get_object() else font.get_object().get("/FontDescriptor")
            if descriptor is not None:
                assert "/FontFile2" in descriptor.get_object()


def test_R1_every_visitor_figure_is_a_recount_of_the_register(desk, tmp_path):
    fill(desk)
    registers.export_register(desk, "visitors", OCTOBER, tmp_path / "v.xlsx")
    registers.export_register(desk, "goods-passes", OCTOBER, tmp_path / "g.xlsx")
    visits = data_rows(tmp_path / "v.xlsx")
    goods = data_rows(tmp_path / "g.xlsx")
    text = "\n".join(page_texts(period_reports.build_monthly(desk, OCTOBER, tmp_path / "m.pdf")))
    refused = sum(1 for r in visits if r["状态"] == "未准入")
    night = sum(1 for r in visits if r["夜间登记"] == "是")
    assert _row_numbers(text, "访客登记（次）")[0] == str(len(visits))
    assert _row_numbers(text, "准入（次）")[0] == str(len(visits) - refused)
    assert _row_numbers(text, "未准入（次，规则V4）")[0] == str(refused)
    assert _row_numbers(text, "夜间登记（次，规则G5）")[0] == str(night)
    assert _row_numbers(text, "携物出入门证放行（张）")[0] == str(
        sum(1 for r in goods if r["状态"] == "放行"))
    stays = [(r["离开时间"] - r["到访时间"]).total_seconds() / 60 for r in visits
             if r["状态"] == "已离开"]
    assert _row_numbers(text, "平均停留（分钟）")[0] == f"{sum(stays) / len(stays):.1f}"


def test_R1_household_figures_are_a_recount_of_the_register(desk, tmp_path):
    fill(desk)
    registers.export_register(desk, "households", OCTOBER, tmp_path / "h.xlsx")
    rows = data_rows(tmp_path / "h.xlsx")
    text = "\n".join(page_texts(period_reports.build_monthly(desk, OCTOBER, tmp_path / "m.pdf")))
    units = {(r["楼栋"], r["单元"], r["房号"]) for r in rows}
    people = sum(1 for r in rows if r["姓名"])
    moved = {(r["楼栋"], r["单元"], r["房号"]) for r in rows
             if r["入伙日期"] and OCTOBER.contains(r["入伙日期"].date())}
    assert _row_numbers(text, "在册业户（户）")[0] == str(len(units))
    assert _row_numbers(text, "在册住户（人）")[0] == str(people)
    assert _row_numbers(text, "入伙（户，按入伙日期）")[0] == str(len(moved))


def test_C10_weekly_summary_without_a_complaints_area_says_so_on_one_page(
        desk, tmp_path, monkeypatch):
    monkeypatch.setattr(period_reports, "WEEKLY_SECTIONS",
                        ["wuye_desk.services.visitor_report:weekly_section"])
    fill(desk)
    out = period_reports.build_weekly(desk, week_period(2026, 44), tmp_path / "w.pdf")
    texts = page_texts(out)
    assert len(texts) == 1
    text = squeezed(texts[0])
    assert "2026年第44周" in text and "尚未启用投诉受理" in text and "访客登记（次）" in text
    assert "本周" in text and "上周" in text


def complaints_section(desk, period: Period) -> Section:
    return Section("客户投诉", [
        Heading("按内容分类"),
        comparison_table(period, [("工程质量", 3, 1, 0), ("物业管理", 5, 5, 2)]),
        Text("重要投诉：3栋2单元1502 漏水，已协调开发商维修。"),
        Table(("房号", "回访"), []),
        BarChart("按严重程度", ["一般", "重要", "热点", "重大"], [("件数", [6, 1, 1, 0])]),
        PieChart("按责任类别", [("一类", 5), ("二类", 3), ("三类", 0)]),
    ], area="投诉", order=0)


def test_an_area_adds_its_section_with_one_line(desk, tmp_path, monkeypatch):
    spec = f"{__name__}:complaints_section"
    others = [s for s in period_reports.SECTIONS if "complaint" not in s]
    monkeypatch.setattr(period_reports, "SECTIONS", [*others, spec])
    monkeypatch.setattr(period_reports, "WEEKLY_SECTIONS", [spec])
    text = squeezed("".join(page_texts(period_reports.build_monthly(
        desk, OCTOBER, tmp_path / "m.pdf"))))
    assert text.index("一、客户投诉") < text.index("二、业户档案")
    assert "重要投诉：3栋2单元1502漏水" in text and "（无）" in text and "+2（+200.0%）" in text
    weekly = squeezed(page_texts(period_reports.build_weekly(
        desk, week_period(2026, 44), tmp_path / "w.pdf"))[0])
    assert "尚未启用投诉受理" not in weekly and "客户投诉" in weekly


@pytest.mark.parametrize("now,before,expected", [(12, 10, "+2（+20.0%）"), (5, 10, "-5（-50.0%）"),
                                                 (3, 3, "持平"), (4, 0, "+4"), (None, 3, "—"),
                                                 (75.5, 80.0, "-4.5（-5.6%）")])
def test_changes_are_written_as_a_manager_reads_them(now, before, expected):
    assert change_text(now, before) == expected


def test_a_report_cannot_be_written_over_a_folder_or_into_nowhere(desk, tmp_path):
    from wuye_desk.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="不存在"):
        period_reports.build_monthly(desk, OCTOBER, tmp_path / "no" / "m.pdf")
    (tmp_path / "m.pdf").mkdir()
    with pytest.raises(ValidationError, match="同名文件夹"):
        period_reports.build_monthly(desk, OCTOBER, tmp_path / "m.pdf")
    assert date(2026, 10, 1) == OCTOBER.start
