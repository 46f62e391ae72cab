"""The 报表 menu: work in the background with progress, the result opened when done."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from tests.exports.month_helpers import data_rows, fill
from tests.reports.pdf_helpers import page_texts
from wuye_desk.domain import periods
from wuye_desk.services import registers
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import Visit
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
    assert titles == ["导出本月登记表…", "月报…", "周报…", "", "从 Excel 导入登记表…"]
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


@pytest.fixture
def told(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(ReportsMenu, "informer",
                        staticmethod(lambda parent, title, text: said.append(text)))
    return said


def _visitors_of_october(desk, tmp_path) -> Path:
    fill(desk, households=20)
    return registers.export_register(desk, "visitors", periods.month_period(2026, 10),
                                     tmp_path / "2026-10_访客登记表.xlsx").path


def test_R2_a_register_imported_from_the_menu_in_the_background(qtbot, desk, shown, told,
                                                                 tmp_path, clock):
    from tests.conftest import make_operator
    from wuye_desk.domain.operators import Role
    from wuye_desk.store.database import open_database

    source = _visitors_of_october(desk, tmp_path)
    rows = len(data_rows(source))
    other = open_database(tmp_path / "other.sqlite3")
    try:
        target = Desk(other, make_operator(other, "admin2", "李管理", Role.ADMIN), clock)
        window = shown(MainWindow(target))
        window.reports_menu.import_register("visitors", source)
        qtbot.waitUntil(lambda: len(told) == 1, timeout=60000)
        assert f"读到 {rows} 行" in told[0] and f"写入 {rows} 条记录" in told[0]
        with target.read() as session:
            assert session.scalar(select(func.count()).select_from(Visit)) == rows
        window.close()
    finally:
        other.dispose()


def test_R2_a_bad_file_from_the_menu_lists_its_rows_and_writes_nothing(qtbot, desk, shown,
                                                                         told, warnings, tmp_path):
    from openpyxl import load_workbook

    source = _visitors_of_october(desk, tmp_path)
    wb = load_workbook(source)
    ws = wb.worksheets[0]
    col = {c.value: c.column for c in ws[3]}
    for row in range(4, 4 + 40):             # forty rows with a time that is not a time
        ws.cell(row, col["到访时间"]).value = "昨天下午"
    wb.save(source)
    with desk.read() as session:
        before = session.scalar(select(func.count()).select_from(Visit))
    window = shown(MainWindow(desk))
    window.reports_menu.import_register("visitors", source)
    qtbot.waitUntil(lambda: len(warnings) == 1, timeout=60000)
    assert "第4行" in warnings[0] and "另有 10 行有问题" in warnings[0]
    assert "没有写入任何记录" in warnings[0] and told == []
    with desk.read() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == before


def test_importing_needs_the_right_to_import(qtbot, desk, desk_as, shown, warnings, tmp_path):
    from wuye_desk.domain.operators import Role

    source = _visitors_of_october(desk, tmp_path)
    window = shown(MainWindow(desk_as(Role.FRONT_DESK)))
    window.reports_menu.menu.aboutToShow.emit()
    assert not window.reports_menu.import_action.isEnabled()
    window.reports_menu.import_register("visitors", source)     # asked for all the same
    qtbot.waitUntil(lambda: len(warnings) == 1, timeout=60000)
    assert "导入数据" in warnings[0]
