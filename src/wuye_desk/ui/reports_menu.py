"""The 报表 menu: the month's registers, the monthly report and the weekly summary, and
bringing an Excel register back in.

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
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMessageBox, QWidget

from wuye_desk.domain import periods
from wuye_desk.domain.errors import DeskError, FileRejected
from wuye_desk.domain.operators import Permission
from wuye_desk.services.desk import Desk
from wuye_desk.services.progress import Progress
from wuye_desk.ui.runner import BackgroundTask, run_in_background, show_error


def open_path(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


SHOWN_PROBLEMS = 30   # bad rows listed in the message; the command line lists them all


def inform(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


class ReportsMenu(QObject):
    # replaced in tests, so that nothing opens a viewer or waits for a click
    opener: Callable[[Path], None] = staticmethod(open_path)
    informer: Callable[[QWidget, str, str], None] = staticmethod(inform)

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
        menu.addSeparator()
        self.import_action = QAction(self.tr("从 Excel 导入登记表…"), window)
        self.import_action.triggered.connect(self._ask_import)
        menu.addAction(self.import_action)
        menu.aboutToShow.connect(
            lambda: self.import_action.setEnabled(self.desk.can(Permission.IMPORT)))
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

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("选择要导入的登记表"), "",
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        from wuye_desk.services import registers

        found = registers.all_registers()
        titles = [r.title for r in found]
        guessed = registers.guess_register(Path(path))
        guess = titles.index(guessed.title) if guessed is not None else 0
        title, ok = QInputDialog.getItem(self.window, self.tr("导入登记表"),
                                         self.tr("这是哪一种登记表："), titles, guess, False)
        if ok:
            self.import_register(found[titles.index(title)].name, Path(path))

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

    def import_register(self, name: str, path: Path) -> None:
        """Every row checked first; a file with a bad row is refused whole, its bad rows
        listed (the first of them when there are many), and nothing is written."""
        from wuye_desk.services import registers

        def done(result: Any) -> None:
            self.last_result = result
            lines = [self.tr("{title}：读到 {rows} 行，写入 {written} 条记录").format(
                title=result.register.title, rows=result.rows, written=result.written),
                *result.notes]
            type(self).informer(self.window, self.tr("导入登记表"), "\n".join(lines))

        self.task = run_in_background(
            self.window, self.tr("导入登记表"),
            lambda progress: registers.import_register(self.desk, name, path),
            on_done=done, on_error=self._import_refused)

    def _import_refused(self, exc: BaseException) -> None:
        self.last_result = exc
        if not isinstance(exc, FileRejected):
            show_error(self.window, self.tr("导入登记表"), exc)
            return
        shown = [self.tr("第{row}行：{reason}").format(row=p.row, reason=p.reason)
                 for p in exc.problems[:SHOWN_PROBLEMS]]
        more = len(exc.problems) - len(shown)
        if more > 0:
            shown.append(self.tr("……另有 {n} 行有问题").format(n=more))
        QMessageBox.warning(self.window, self.tr("导入登记表"),
                            "\n".join([exc.message, *shown, self.tr("没有写入任何记录。")]))

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
