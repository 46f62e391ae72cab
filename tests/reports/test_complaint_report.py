"""The complaint sections of the monthly report and the weekly summary (rules R1, C6, C7,
C10, S2): every figure a recount of the month's complaint and return-visit registers."""

from __future__ import annotations

import re
from collections import Counter

from tests.exports.month_helpers import OCTOBER, data_rows, fill
from tests.reports.pdf_helpers import page_texts, squeezed
from wuye_desk.domain.complaints import ContentType, ResponsibilityClass, Severity, State
from wuye_desk.domain.periods import week_period
from wuye_desk.domain.satisfaction import satisfaction
from wuye_desk.services import complaint_figures, period_reports, registers
from wuye_desk.services.complaint_report import severity_label, state_label, type_label


def _first_number(text: str, label: str) -> str:
    """The first cell after a row label in the page text (the label may wrap)."""
    pattern = r"\s*".join(re.escape(ch) for ch in squeezed(label))
    section = text.index("客户投诉")           # after the cover (the office's name has 物业管理)
    match = re.compile(pattern).search(text, section)
    assert match, label
    return re.findall(r"\d+(?:\.\d)?|—", text[match.end():match.end() + 60])[0]


def test_R1_every_complaint_count_is_a_recount_of_the_register(desk, tmp_path):
    fill(desk)
    registers.export_register(desk, "complaints", OCTOBER, tmp_path / "c.xlsx")
    rows = data_rows(tmp_path / "c.xlsx")
    assert rows
    text = "\n".join(page_texts(period_reports.build_monthly(desk, OCTOBER, tmp_path / "m.pdf")))
    assert _first_number(text, "投诉总量（宗）") == str(len(rows))
    for column, label, values in (
            ("投诉类型", type_label, [t.value for t in ContentType]),
            ("责任类别", str, [c.value for c in ResponsibilityClass]),
            ("等级", severity_label, [s.value for s in Severity]),
            ("状态", state_label, [s.value for s in State])):
        counted = Counter(r[column] for r in rows)
        for value in values:
            assert _first_number(text, label(value)) == str(counted[value]), (column, value)


def test_S2_satisfaction_is_a_recount_of_the_return_visit_register(desk, tmp_path):
    fill(desk)
    registers.export_register(desk, "complaint-visits", OCTOBER, tmp_path / "v.xlsx")
    ratings = [r["满意度"] for r in data_rows(tmp_path / "v.xlsx")]
    assert ratings
    text = "\n".join(page_texts(period_reports.build_monthly(desk, OCTOBER, tmp_path / "m.pdf")))
    counted = Counter(ratings)
    assert _first_number(text, "回访（次）") == str(len(ratings))
    assert _first_number(text, "满意 A（次）") == str(counted["满意"])
    assert _first_number(text, "较满意 B（次）") == str(counted["较满意"])
    assert _first_number(text, "不满意 C（次）") == str(counted["不满意"])
    rate = satisfaction(ratings).rate
    assert rate is not None
    assert _first_number(text, "回访满意率（%）") == f"{rate:.1f}"


def test_C6_C10_every_serious_complaint_is_named_with_its_record(desk, tmp_path):
    fill(desk)
    registers.export_register(desk, "complaints", OCTOBER, tmp_path / "c.xlsx")
    rows = data_rows(tmp_path / "c.xlsx")
    text = squeezed("".join(page_texts(period_reports.build_monthly(
        desk, OCTOBER, tmp_path / "m.pdf"))))
    important = [r["投诉单号"] for r in rows if r["等级"] == "重要"]
    serious = [r["投诉单号"] for r in rows if r["等级"] in ("热点", "重大")]
    recurring = [r["投诉单号"] for r in rows if r["重复投诉"] == "是"]
    assert important and serious
    assert f"重要投诉逐宗（{len(important)}宗）" in text
    assert f"通报记录（规则C6，{len(serious)}宗）" in text
    assert f"重复发生的事项（规则C10，{len(recurring)}宗）" in text
    for serial in important + serious + recurring:
        assert serial in text
    assert "处理：" in text and "3个工作日内报品质部" in text
    contacts = complaint_figures.return_visit_list(desk, OCTOBER.start)
    assert f"下月回访名单（规则C10，{len(contacts)}位）" in text
    assert all(c.phone[:3] + "****" in text for c in contacts if c.phone)   # masked (G3)
    assert not any(c.phone in text for c in contacts if c.phone)
    assert "各时限及时率（规则C7）" in text and "处理时限" in text
    assert "投诉考核（规则C11）" in text


def test_C10_the_weekly_complaint_summary_takes_one_or_two_pages(desk, tmp_path):
    fill(desk)
    out = period_reports.build_weekly(desk, week_period(2026, 46), tmp_path / "w.pdf")
    texts = [squeezed(t) for t in page_texts(out)]
    assert "一、本周投诉" in texts[0] and "尚未启用投诉受理" not in "".join(texts)
    next_section = next(i for i, t in enumerate(texts) if "二、" in t)
    assert next_section <= 2                         # the complaints fill at most two pages
    week = week_period(2026, 46)
    counts = complaint_figures.counts(desk, week.start, week.end)
    assert f"投诉总量（宗）{counts.total}" in texts[0]
    assert "重要、热点、重大投诉" in "".join(texts[:next_section + 1])


def test_C7_on_time_rates_are_a_recount_of_the_register(desk, clock, tmp_path):
    fill(desk)
    registers.export_register(desk, "complaints", OCTOBER, tmp_path / "c.xlsx")
    rows = [r for r in data_rows(tmp_path / "c.xlsx") if r["状态"] != "无效"]
    text = "\n".join(page_texts(period_reports.build_monthly(desk, OCTOBER, tmp_path / "m.pdf")))
    table = text[text.index("各时限及时率"):]
    now = clock()
    for label, due_col, done_col in (("1小时内联系主管", "联系主管时限", "联系主管"),
                                     ("处理时限", "处理时限", "处理完成"),
                                     ("回访时限", "回访时限", "最近回访")):
        met = sum(1 for r in rows if r[done_col] and r[due_col] and r[done_col] <= r[due_col])
        due = sum(1 for r in rows if r[done_col] or (r[due_col] and r[due_col] < now))
        numbers = re.findall(r"\d+(?:\.\d)?%?|—", table[table.index(label) + len(label):][:60])
        assert numbers[:2] == [str(met), str(due)], label
