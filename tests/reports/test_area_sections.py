"""The key cabinet's, the mail desk's and the VIP archive's sections of the monthly report
(rules R1, K8, M1–M5, P2–P6): every figure in the PDF is a recount of the same period's
register rows, read back from the exported workbooks."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.exports.area_month import copy_filled, filled_template  # noqa: F401
from tests.exports.month_helpers import OCTOBER, data_rows
from tests.exports.test_area_registers import NOVEMBER, vip_month
from tests.reports.pdf_helpers import page_texts, squeezed
from wuye_desk.domain.periods import Period
from wuye_desk.services import period_reports, registers


@pytest.fixture
def db_path(filled_template: Path, tmp_path: Path) -> Path:  # noqa: F811
    return copy_filled(filled_template, tmp_path)


def numbers(text: str, label: str) -> list[str]:
    """The cells after a row label in the page text (本月, 上月, 去年同月)."""
    pattern = r"\s*".join(re.escape(ch) for ch in squeezed(label))
    match = re.search(pattern, text)
    assert match, label
    return re.findall(r"\d+(?:\.\d)?|—", text[match.end():match.end() + 60])[:3]


def rows_of(desk, name: str, period: Period, tmp_path: Path) -> list[dict]:
    out = tmp_path / f"{name}-{period.code}.xlsx"
    return data_rows(registers.export_register(desk, name, period, out).path)


@pytest.fixture
def report(desk, tmp_path: Path) -> str:
    vip_month(desk)
    return "\n".join(page_texts(period_reports.build_monthly(desk, NOVEMBER,
                                                              tmp_path / "m.pdf")))


def test_K8_key_figures_are_a_recount_of_the_lendings_register(desk, report, tmp_path):
    for column, period in ((0, NOVEMBER), (1, OCTOBER)):
        loans = rows_of(desk, "key-lendings", period, tmp_path)
        assert numbers(report, "借出钥匙（次，规则K3）")[column] == str(len(loans))
        assert numbers(report, "逾期归还或超时未还（次）")[column] == str(
            sum(1 for r in loans if r["逾期"] == "是"))
        assert numbers(report, "尚未归还（次）")[column] == str(
            sum(1 for r in loans if r["归还时间"] is None))
        emergencies = rows_of(desk, "key-emergencies", period, tmp_path)
        assert numbers(report, "紧急使用（次，规则K4）")[column] == str(len(emergencies))
        changes = rows_of(desk, "key-lock-changes", period, tmp_path)
        assert numbers(report, "换锁（次，规则K6）")[column] == str(len(changes))
        assert numbers(report, "新钥匙超24小时未交（次）")[column] == str(
            sum(1 for r in changes if r["超24小时"] == "是"))
    assert numbers(report, "紧急使用（次，规则K4）")[0] != "0"    # the demo has one in November
    assert "钥匙管理" in report and "目前遗失" in report


def test_M_mail_figures_are_a_recount_of_the_mail_register(desk, report, tmp_path):
    for column, period in ((0, NOVEMBER), (1, OCTOBER)):
        items = rows_of(desk, "mail", period, tmp_path)
        assert numbers(report, "收件登记（件，规则M1）")[column] == str(len(items))
        for label, status in (("已领取（件）", "已领取"), ("待领取（件）", "待领取"),
                              ("退回邮局/快递（件）", "已退回")):
            assert numbers(report, label)[column] == str(
                sum(1 for r in items if r["状态"] == status)), label
        assert numbers(report, "列入公示（件，规则M5）")[column] == str(
            sum(1 for r in items if r["公示时间"]))
        assert numbers(report, "收件时破损（件，规则M2）")[column] == str(
            sum(1 for r in items if r["破损情况"]))
        days = [(r["领取时间"] - r["收件时间"]).total_seconds() / 86400 for r in items
                if r["状态"] == "已领取"]
        assert numbers(report, "平均领取用时（天）")[column] == f"{sum(days) / len(days):.1f}"


def test_P_vip_figures_are_a_recount_of_the_card_and_service_registers(desk, report, tmp_path):
    cards = rows_of(desk, "vip-cards", NOVEMBER, tmp_path)
    services = rows_of(desk, "vip-services", NOVEMBER, tmp_path)
    start, end = datetime(2026, 11, 1), datetime(2026, 11, 30)
    issued = [r for r in cards if start <= r["发卡日期"] <= end]
    for label, reason in (("新发卡（张，规则P2）", "新发"), ("换发卡（张，规则P4）", "换发"),
                          ("补发卡（张，规则P4）", "补发")):
        assert numbers(report, label)[0] == str(sum(1 for r in issued
                                                    if r["发卡原因"] == reason)), label
    ended_in = [r for r in cards if r["作废/撤销时间"] and start <= r["作废/撤销时间"]
                < end + timedelta(days=1)]
    assert numbers(report, "撤销（张，规则P5）")[0] == str(
        sum(1 for r in ended_in if r["卡状态"] == "已撤销")) == "1"
    expired = [r for r in cards if start - timedelta(days=1) <= r["有效期至"] < end
               and (r["作废/撤销时间"] is None or r["卡状态"] == "已换发")]
    assert numbers(report, "到期（张，规则P4）")[0] == str(len(expired))
    for kind in ("优先服务", "优惠服务", "紧急现金援助"):
        assert numbers(report, f"{kind}（次）")[0] == str(
            sum(1 for r in services if r["服务项目"] == kind)), kind
    total = sum(r["金额（元）"] or 0 for r in services)
    assert total == 312.5
    assert numbers(report, "现金援助金额（元，规则P6）")[0] == "312.5"
    assert "紧急现金援助2次，共312.50元" in squeezed(report)


def test_R1_sections_come_in_order_with_their_charts(desk, report):
    text = squeezed(report)
    assert text.index("钥匙管理") < text.index("邮件登记") < text.index("访客登记") \
        < text.index("VIP客户")
    assert "钥匙使用情况（本月与上月）" in text
    assert "VIP服务（本月与上月，次）" in text and "本月各类邮件" in text


def test_R1_a_month_with_nothing_says_nought_not_an_error(desk, tmp_path):
    from wuye_desk.domain.periods import month_period

    text = "\n".join(page_texts(period_reports.build_monthly(
        desk, month_period(2020, 3), tmp_path / "e.pdf")))
    assert numbers(text, "借出钥匙（次，规则K3）")[0] == "0"
    assert numbers(text, "收件登记（件，规则M1）")[0] == "0"
    assert numbers(text, "平均领取用时（天）")[0] == "—"
    assert numbers(text, "新发卡（张，规则P2）")[0] == "0"
