"""业户档案: browse, search and edit the household archive (rules G1, G2, G3)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
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
from wuye_desk.services import households
from wuye_desk.services.desk import Desk
from wuye_desk.ui.households.editor import HouseholdEditor
from wuye_desk.ui.list_panel import Filter, ListPanel


class HouseholdsTab(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        outer = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建 (Ctrl+N)"), self)
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"), self)
        self.reveal_button = QPushButton(self.tr("显示完整证件号"), self)
        for b in (self.new_button, self.save_button, self.reveal_button):
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
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_household)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        self._update_permissions()

    def _query(self, text: str, filters: dict[str, str]) -> households.ListQuery:
        return households.list_query(self.desk, text, filters.get("building") or None,
                                     filters.get("occupancy") or None)

    def _update_permissions(self) -> None:
        self.reveal_button.setEnabled(self.desk.can(Permission.REVEAL_ID))

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
