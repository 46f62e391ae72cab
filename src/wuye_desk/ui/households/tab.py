"""业户档案: browse, search and edit the household archive (rules G1, G2, G3)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.errors import DeskError
from wuye_desk.domain.households import Occupancy
from wuye_desk.domain.operators import Permission
from wuye_desk.services import household_forms, households
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import ListQuery
from wuye_desk.ui.households.editor import HouseholdEditor
from wuye_desk.ui.list_panel import Filter, ListPanel
from wuye_desk.ui.print_preview import print_form
from wuye_desk.ui.runner import run_in_background

if TYPE_CHECKING:
    from wuye_desk.ui.households.import_dialog import RosterImportDialog


class HouseholdsTab(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        outer = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建 (Ctrl+N)"), self)
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"), self)
        self.reveal_button = QPushButton(self.tr("显示完整证件号"), self)
        self.print_button = QPushButton(self.tr("打印登记表 (Ctrl+P)"), self)
        self.import_button = QPushButton(self.tr("导入名册…"), self)
        self.export_button = QPushButton(self.tr("导出名册…"), self)
        for b in (self.new_button, self.save_button, self.reveal_button, self.print_button,
                  self.import_button, self.export_button):
            buttons.addWidget(b)
        self.extra_buttons = buttons
        buttons.addStretch(1)
        outer.addLayout(buttons)

        split = QSplitter(self)
        self.list = ListPanel(
            self._query,
            [Filter("building", self.tr("全部楼栋"), lambda: households.buildings(self.desk)),
             Filter("occupancy", self.tr("全部状态"), [o.value for o in Occupancy])],
            placeholder=self.tr("房号、姓名、电话、拼音首字母"),
            parent=split,
        )
        self.editor = HouseholdEditor(split)
        scroll = QScrollArea(split)
        scroll.setWidget(self.editor)
        scroll.setWidgetResizable(True)
        split.addWidget(self.list)
        split.addWidget(scroll)
        split.setSizes([640, 560])
        outer.addWidget(split)

        self.list.current_changed.connect(self._show)
        self.list.activated.connect(lambda _id: self.editor.unit.setFocus())
        self.new_button.clicked.connect(self.new_household)
        self.save_button.clicked.connect(self.save)
        self.reveal_button.clicked.connect(self.reveal_ids)
        self.print_button.clicked.connect(self.print_form)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self.print_form)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_household)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        self._update_permissions()

    def _query(self, text: str, filters: dict[str, str]) -> ListQuery:
        return households.list_query(self.desk, text, filters.get("building") or None,
                                     filters.get("occupancy") or None)

    def _update_permissions(self) -> None:
        self.reveal_button.setEnabled(self.desk.can(Permission.REVEAL_ID))
        self.import_button.setEnabled(self.desk.can(Permission.IMPORT))

    def set_desk(self, desk: Desk) -> None:
        self.desk = desk
        self._update_permissions()
        self.list.refresh()

    # --- actions ----------------------------------------------------------------
    def _show(self, household_id: int | None) -> None:
        if household_id is None:
            return
        try:
            self.editor.show_record(households.get_household(self.desk, household_id))
        except DeskError as exc:
            self.editor.show_error(exc)

    def open_record(self, household_id: int) -> None:
        self.list.search.clear()
        self.list.refresh()
        if not self.list.select_id(household_id):
            self._show(household_id)
        self.editor.unit.setFocus()

    def focus_first(self) -> None:
        self.list.search.setFocus()

    def new_household(self) -> None:
        self.list.view.clearSelection()
        self.editor.clear()
        self.editor.unit.setFocus()

    def save(self) -> bool:
        data = self.editor.value()
        record = self.editor.record
        try:
            if record is None:
                new_id = households.create_household(self.desk, data)
            else:
                households.update_household(self.desk, record.id, record.version, data)
                new_id = record.id
        except DeskError as exc:
            self.editor.show_error(exc)
            return False
        self.list.reload_filters()
        self.list.refresh()
        if not self.list.select_id(new_id):
            self._show(new_id)
        self.editor.message.setStyleSheet("color: #1b5e20;")
        self.editor.message.setText(self.tr("已保存"))
        return True

    def reveal_ids(self) -> None:
        record = self.editor.record
        if record is None:
            return
        try:
            view = households.get_household(self.desk, record.id, reveal_ids=True)
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("不能显示"), str(exc))
            return
        self.editor.show_record(view)

    def print_form(self) -> Path | None:
        record = self.editor.record
        if record is None:
            self.editor.message.setText(self.tr("请先选择或保存一户档案，再打印登记表"))
            return None
        return print_form(self, self.tr("打印客户资料登记表"),
                          lambda out: household_forms.print_household_form(
                              self.desk, record.unit_code, out),
                          f"客户资料登记表-{record.unit_code}")

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择业户名册"), "",
                                              self.tr("Excel 文件 (*.xlsx)"))
        if name:
            self.import_roster(Path(name))

    def import_roster(self, path: Path) -> RosterImportDialog:
        from wuye_desk.ui.households.import_dialog import RosterImportDialog

        dialog = RosterImportDialog(self.desk, path, self)
        dialog.accepted.connect(self._after_import)
        dialog.open()
        return dialog

    def _after_import(self) -> None:
        self.list.reload_filters()
        self.list.refresh()

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("导出业户名册"), "业户名册.xlsx",
                                              self.tr("Excel 文件 (*.xlsx)"))
        if name:
            run_in_background(self, self.tr("导出名册"),
                              lambda _p: _roster().export_roster(self.desk, Path(name)),
                              on_done=lambda n: self._exported(n, name))

    def _exported(self, rows: int, name: str) -> None:
        QMessageBox.information(self, self.tr("导出名册"),
                                self.tr("已导出 {n} 行到 {f}").format(n=rows, f=name))


def _roster() -> ModuleType:
    """The roster service, imported when first used (openpyxl is slow to import: start-up)."""
    from wuye_desk.services import roster

    return roster
