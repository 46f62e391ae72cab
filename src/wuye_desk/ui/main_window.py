"""The desk's main window: a tab per job, a household search from anywhere, a status bar."""

from __future__ import annotations

import importlib
import logging
import threading
from datetime import date
from typing import Any, cast

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from wuye_desk import __version__, settings
from wuye_desk.domain.operators import Permission
from wuye_desk.services import office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.ui.household_picker import HouseholdPicker
from wuye_desk.ui.tabs import TABS, TabSpec
from wuye_desk.ui.terms import term

log = logging.getLogger(__name__)


def warm_up() -> None:
    from wuye_desk.domain import search_text

    search_text.initials("张三")
    importlib.import_module("wuye_desk.services.visitor_forms")
    importlib.import_module("wuye_desk.services.roster")


def daily_work(desk: Desk) -> list[str]:
    """The day's backup (SQLite) and every area's daily job; lines for the status bar."""
    from wuye_desk.services import backups, daily

    # the jobs first: the day's backup must not keep what the retention purge removes (G3)
    lines = daily.run_all(desk)
    if desk.db.is_sqlite:
        try:
            result = backups.backup_now(desk.db)
            lines.append(f"已备份到 {result.path.parent}")
        except Exception as exc:
            lines.append(f"备份失败：{exc}")
    return lines


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        office = office_settings.get(desk, settings.OFFICE_NAME)
        self.setWindowTitle(self.tr("物业前台 wuye-desk — {office}").format(office=office))
        self.resize(1280, 800)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._tab_widgets: dict[str, QWidget] = {}
        for spec in TABS:
            self._add_tab(spec)
        self._build_tab(TABS[0])
        self.tabs.currentChanged.connect(self._build_current_tab)

        self._build_search()
        self._build_menu()
        self._build_status(office)
        QTimer.singleShot(300, self._warm_up)

    def _warm_up(self) -> None:
        """Load in the background what the first registration, print or export needs
        (pinyin dictionaries, reportlab, openpyxl), so the window need not wait for it
        at start-up, nor the clerk at the first save."""
        threading.Thread(target=warm_up, name="warm-up", daemon=True).start()

    # --- tabs ---------------------------------------------------------------
    # A tab is built the first time it is shown (or asked for): the window is up
    # with the overview while the other tabs' modules and first queries wait.
    def _add_tab(self, spec: TabSpec) -> None:
        index = self.tabs.addTab(QWidget(self.tabs), term(spec.title))
        self.tabs.setTabToolTip(index, self.tr("{title}（{shortcut}）").format(
            title=term(spec.title), shortcut=spec.shortcut))
        shortcut = QShortcut(QKeySequence(spec.shortcut), self)
        shortcut.activated.connect(lambda key=spec.key: self.show_tab(key))

    def _build_tab(self, spec: TabSpec) -> QWidget:
        widget = self._tab_widgets.get(spec.key)
        if widget is not None:
            return widget
        widget = cast(QWidget, spec.create(self.desk, self))
        self._tab_widgets[spec.key] = widget
        index = TABS.index(spec)
        placeholder = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        try:
            self.tabs.insertTab(index, widget, self.tabs.tabText(index))
            self.tabs.setTabToolTip(index, self.tabs.tabToolTip(index + 1))
            self.tabs.removeTab(index + 1)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        if placeholder is not None:
            placeholder.deleteLater()
        return widget

    def _build_current_tab(self, index: int) -> None:
        if 0 <= index < len(TABS):
            self._build_tab(TABS[index])

    def tab(self, key: str) -> Any:
        """The tab's widget, built now if it has not been shown yet."""
        spec = next((s for s in TABS if s.key == key), None)
        return self._build_tab(spec) if spec is not None else None

    def show_tab(self, key: str, record_id: int | None = None) -> None:
        widget = self.tab(key)
        if widget is None:
            return
        self.tabs.setCurrentWidget(widget)
        if record_id is not None and hasattr(widget, "open_record"):
            widget.open_record(record_id)
        elif hasattr(widget, "focus_first"):
            widget.focus_first()

    # --- search from anywhere ----------------------------------------------
    def _build_search(self) -> None:
        bar = QToolBar(self.tr("查找"), self)
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(self.tr(" 查找业户 "), bar))
        self.search_box = HouseholdPicker(self.desk, bar)
        self.search_box.setPlaceholderText(
            self.tr("房号、姓名、电话或拼音首字母，回车打开（Ctrl+F）"))
        self.search_box.setMinimumWidth(360)
        bar.addWidget(self.search_box)
        self.search_box.chosen.connect(lambda household_id, _unit: self.show_tab("households", household_id))
        QShortcut(QKeySequence("Ctrl+F"), self).activated.connect(self._focus_search)

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def finish_background_work(self) -> None:
        """Before the database closes: let the lists' background counts finish, so that the
        last connection closes with the file complete and stamped as closed cleanly (the
        next start then skips the full check of the file)."""
        for pool in self.findChildren(QThreadPool):
            pool.waitForDone()

    # --- work the desk does by itself ------------------------------------------
    def start_daily_work(self) -> None:
        """A backup and the daily jobs now, and again whenever the date changes."""
        self._daily_date: date | None = None
        self._daily_timer = QTimer(self)
        self._daily_timer.setInterval(10 * 60 * 1000)
        self._daily_timer.timeout.connect(self._daily_if_due)
        self._daily_timer.start()
        self._daily_if_due()

    def _daily_if_due(self) -> None:
        today = self.desk.now().date()
        if self._daily_date == today:
            return
        self._daily_date = today
        from wuye_desk.ui.runner import run_in_background

        run_in_background(self, self.tr("每日备份和检查"), lambda _p: daily_work(self.desk),
                          on_done=self._daily_done,
                          on_error=lambda exc: self.statusBar().showMessage(
                              self.tr("每日备份或检查未完成：{e}").format(e=exc)))

    def _daily_done(self, lines: list[str]) -> None:
        self.statusBar().showMessage("；".join(lines), 30_000)
        overview = self.tab("overview")
        if overview is not None:
            overview.refresh()

    # --- menu and status ----------------------------------------------------
    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.settings_action = QAction(self.tr("管理处设置…"), self)
        self.settings_action.triggered.connect(self.open_settings)
        self.settings_action.setEnabled(self.desk.can(Permission.EDIT_SETTINGS))
        file_menu.addAction(self.settings_action)
        self.audit_action = QAction(self.tr("操作日志…"), self)
        self.audit_action.triggered.connect(self.open_audit)
        self.audit_action.setEnabled(self.desk.can(Permission.VIEW_AUDIT))
        file_menu.addAction(self.audit_action)
        self.official_action = QAction(self.tr("公务查询登记…"), self)
        self.official_action.triggered.connect(self.open_official_access)
        file_menu.addAction(self.official_action)
        self.switch_action = QAction(self.tr("交接班：切换操作员…"), self)
        self.switch_action.setShortcut(QKeySequence("Ctrl+L"))
        self.switch_action.triggered.connect(self.switch_operator)
        file_menu.addAction(self.switch_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("退出"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.file_menu = file_menu
        from wuye_desk.ui.reports_menu import ReportsMenu

        self.reports_menu = ReportsMenu(self, self.desk)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def open_settings(self) -> None:
        from wuye_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.desk, self)
        if dialog.exec():
            office = office_settings.get(self.desk, settings.OFFICE_NAME)
            self.office_label.setText(office)
            self.setWindowTitle(self.tr("物业前台 wuye-desk — {office}").format(office=office))

    def switch_operator(self) -> None:
        from wuye_desk.app import sign_in

        operator = sign_in(self.desk.db, self, shift_change=True)
        if operator is not None:
            self.set_operator(self.desk.as_operator(operator))

    def open_audit(self) -> None:
        from wuye_desk.ui.audit_viewer import AuditViewer

        AuditViewer(self.desk, self).open()

    def open_official_access(self) -> None:
        from wuye_desk.ui.official_access_dialog import OfficialAccessDialog

        OfficialAccessDialog(self.desk, self).open()

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("关于"),
                          self.tr("wuye-desk {v}\n物业管理处前台软件").format(v=__version__))

    def _build_status(self, office: str) -> None:
        op = self.desk.operator
        self.operator_label = QLabel(self.tr("操作员：{name}（{role}）").format(
            name=op.name, role=op.role.value))
        self.office_label = QLabel(office)
        self.db_label = QLabel(self.tr("数据库：{db}").format(db=self.desk.db.describe()))
        status = self.statusBar()
        status.addWidget(self.operator_label)
        status.addWidget(self.office_label)
        status.addPermanentWidget(self.db_label)

    def set_operator(self, desk: Desk) -> None:
        """A shift change: the same window, another operator at the desk."""
        self.desk = desk
        op = desk.operator
        self.operator_label.setText(self.tr("操作员：{name}（{role}）").format(
            name=op.name, role=op.role.value))
        self.settings_action.setEnabled(desk.can(Permission.EDIT_SETTINGS))
        self.audit_action.setEnabled(desk.can(Permission.VIEW_AUDIT))
        for widget in self._tab_widgets.values():
            if hasattr(widget, "set_desk"):
                widget.set_desk(desk)

