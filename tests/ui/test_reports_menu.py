"""The 报表 menu: work in the background with progress, the result opened when done."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.exports.month_helpers import fill
from tests.reports.pdf_helpers import page_texts
from wuye_desk.services import registers
from wuye_desk.ui.main_window import MainWindow
from wuye_desk.ui.reports_menu import ReportsMenu


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    seen: list[Path] = []
    monkeypatch.setattr(ReportsMenu, "opener", staticmethod(seen.append))
    return seen


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    return said


def test_the_menu_has_the_three_month_end_jobs(qtbot, desk, shown):
    window = shown(MainWindow(desk))
    titles = [a.text() for a in window.reports_menu.menu.actions()]
    assert titles == ["导出本月登记表…", "月报…", "周报…"]
    assert window.reports_menu._default_month() == "2026-11"   # the 18th: this month


def test_registers_export_in_the_background_and_open_the_folder(qtbot, desk, shown, opened,
                                                               tmp_path):
    fill(desk, households=20)
    window = shown(MainWindow(desk))
    folder = tmp_path / "out"
    folder.mkdir()
    window.reports_menu.export_registers("2026-10", folder)
    qtbot.waitUntil(lambda: opened == [folder], timeout=60000)
    assert len(list(folder.glob("2026-10_*.xlsx"))) == len(registers.REGISTERS)


def test_monthly_and_weekly_reports_open_the_file(qtbot, desk, shown, opened, tmp_path):
    fill(desk, households=20)
    window = shown(MainWindow(desk))
    window.reports_menu.monthly("2026-10", tmp_path / "m.pdf")
    qtbot.waitUntil(lambda: opened == [tmp_path / "m.pdf"], timeout=60000)
    window.reports_menu.weekly("2026-W44", tmp_path / "w.pdf")
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=60000)
    assert "月度工作报告" in page_texts(tmp_path / "m.pdf")[0]


def test_a_future_month_is_refused_before_any_work(qtbot, desk, shown, opened, warnings,
                                                   tmp_path):
    window = shown(MainWindow(desk))
    window.reports_menu.monthly("2027-01", tmp_path / "m.pdf")
    window.reports_menu.weekly("2026W99", tmp_path / "w.pdf")
    window.reports_menu.export_registers("十月", tmp_path)
    assert len(warnings) == 3 and "还没有到" in warnings[0] and "格式不对" in warnings[2]
    assert window.reports_menu.task is None and opened == []
