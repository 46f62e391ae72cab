"""The 报表 menu: the month's registers, the monthly report and the weekly summary.

Each runs in the background (ui/runner.py) with a progress bar and 取消, and
opens the folder or the file when done. The dialogs that ask for the period
and the place only gather input; `export_registers`, `monthly` and `weekly`
do the work and are what the tests drive.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMessageBox

from wuye_desk.domain import periods
from wuye_desk.domain.errors import DeskError
from wuye_desk.services.desk import Desk
from wuye_desk.services.progress import Progress
from wuye_desk.ui.runner import BackgroundTask, run_in_background


def open_path(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReportsMenu(QObject):
    # replaced in tests, so that nothing opens a viewer
    opener: Callable[[Path], None] = staticmethod(open_path)

    def __init__(self, window: QMainWindow, desk: Desk) -> None:
        super().__init__(window)
        self.window = window
        self._desk = desk
        self.task: BackgroundTask | None = None
        self.last_result: Any = None
        menu = window.menuBar().addMenu(self.tr("报表(&R)"))
        self.registers_action = QAction(self.tr("导出本月登记表…"), window)
        self.registers_action.triggered.connect(self._ask_registers)
        self.monthly_action = QAction(self.tr("月报…"), window)
        self.monthly_action.triggered.connect(self._ask_monthly)
        self.weekly_action = QAction(self.tr("周报…"), window)
        self.weekly_action.triggered.connect(self._ask_weekly)
        for action in (self.registers_action, self.monthly_action, self.weekly_action):
            menu.addAction(action)
        self.menu = menu

    @property
    def desk(self) -> Desk:
        """The window's desk: after a change of operator, the new one."""
        desk = getattr(self.window, "desk", None)
        return desk if isinstance(desk, Desk) else self._desk

    # --- what the clerk is asked -------------------------------------------------
    def _default_month(self) -> str:
        today = self.desk.now().date()
        # in the first ten days the report is the last month's (rule R1: by the 10th)
        day = today.replace(day=1) - timedelta(days=1) if today.day <= 10 else today
        return f"{day:%Y-%m}"

    def _ask_text(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self.window, title, label, text=default)
        return text if ok else None

    def _ask_registers(self) -> None:
        month = self._ask_text(self.tr("导出本月登记表"), self.tr("月份（如 2026-10）："),
                               self._default_month())
        if month is None:
            return
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("保存到文件夹"))
        if folder:
            self.export_registers(month, Path(folder))

    def _ask_monthly(self) -> None:
        month = self._ask_text(self.tr("月报"), self.tr("月份（如 2026-10）："),
                               self._default_month())
        if month is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("保存月报"),
                                              f"{month}_月度工作报告.pdf", "PDF (*.pdf)")
        if path:
            self.monthly(month, Path(path))

    def _ask_weekly(self) -> None:
        week = periods.last_complete_week(self.desk.now().date()).code
        text = self._ask_text(self.tr("周报"), self.tr("周（如 2026-W44）："), week)
        if text is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("保存周报"),
                                              f"{text}_投诉周报.pdf", "PDF (*.pdf)")
        if path:
            self.weekly(text, Path(path))

    # --- the work ------------------------------------------------------------------
    def _refuse(self, exc: DeskError) -> None:
        QMessageBox.warning(self.window, self.tr("报表"), str(exc))

    def _run(self, title: str, fn: Callable[[Progress], Any], opens: Callable[[Any], Path]) -> None:
        def done(result: Any) -> None:
            self.last_result = result
            type(self).opener(opens(result))

        self.task = run_in_background(self.window, title, fn, on_done=done)

    def export_registers(self, month: str, folder: Path) -> None:
        try:
            period = periods.parse_month(month, self.desk.now().date())
        except DeskError as exc:
            self._refuse(exc)
            return
        from wuye_desk.services import registers  # openpyxl: loaded on first use, not at start

        self._run(self.tr("导出登记表"),
                  lambda progress: registers.export_month(self.desk, period, folder,
                                                          progress=progress),
                  lambda result: folder)

    def monthly(self, month: str, out: Path) -> None:
        try:
            period = periods.parse_month(month, self.desk.now().date())
        except DeskError as exc:
            self._refuse(exc)
            return
        from wuye_desk.services import period_reports  # reportlab: not at start-up

        self._run(self.tr("生成月报"),
                  lambda progress: period_reports.build_monthly(self.desk, period, out,
                                                                progress=progress),
                  lambda result: Path(result))

    def weekly(self, week: str, out: Path) -> None:
        try:
            period = periods.parse_week(week, self.desk.now().date())
        except DeskError as exc:
            self._refuse(exc)
            return
        from wuye_desk.services import period_reports

        self._run(self.tr("生成周报"),
                  lambda progress: period_reports.build_weekly(self.desk, period, out,
                                                               progress=progress),
                  lambda result: Path(result))
