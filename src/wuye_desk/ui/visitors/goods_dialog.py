"""携物出入门证: goods carried in or out, on a two-part pass (rules V5, G5)."""

from __future__ import annotations

from types import ModuleType

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.errors import DeskError
from wuye_desk.domain.operators import Role
from wuye_desk.domain.visitors import GoodsCategory, GoodsDirection
from wuye_desk.services import goods_passes, visitors
from wuye_desk.services.desk import Desk
from wuye_desk.services.goods_passes import GoodsInput, GoodsLine, GoodsRefused
from wuye_desk.ui.form_fields import FieldForm, combo
from wuye_desk.ui.households.editor import RowsTable
from wuye_desk.ui.print_preview import print_form

ITEM_HEADERS = ("物品名称", "数量", "单位", "类别")


class GoodsPassDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.issued: goods_passes.IssuedPass | None = None
        self.setWindowTitle(self.tr("携物出入门证"))
        layout = QVBoxLayout(self)
        self.form = f = FieldForm(self)
        # the keys are the field names the services' messages use
        self.direction = combo([d.value for d in reversed(GoodsDirection)], parent=self)
        self.unit, self.company = QLineEdit(self), QLineEdit(self)
        self.carrier, self.carrier_phone = QLineEdit(self), QLineEdit(self)
        self.sealed, self.signed_by = QCheckBox(self), QLineEdit(self)
        self.duty = QComboBox(self)
        for key, label, widget in (
                ("出入方向", self.tr("出入方向"), self.direction),
                ("房号", self.tr("房号"), self.unit),
                ("单位名称", self.tr("单位名称"), self.company),
                ("携物人", self.tr("携物人"), self.carrier),
                ("携物人电话", self.tr("携物人电话"), self.carrier_phone),
                ("盖章", self.tr("已加盖业户公章"), self.sealed),
                ("授权签字人", self.tr("授权签字人"), self.signed_by),
                ("值班总值", self.tr("值班总值"), self.duty)):
            f.add(key, label, widget)
        self.signed_by.setPlaceholderText(self.tr("业户没有公章时：备案的负责人签字"))
        layout.addWidget(f)
        layout.addWidget(QLabel(self.tr("物品（易燃、易爆、有毒、腐蚀性物品不予放行）"), self))
        self.items = RowsTable(ITEM_HEADERS, self)
        self.items.setAccessibleName(self.tr("物品名称"))
        layout.addWidget(self.items)
        row = QHBoxLayout()
        add = QPushButton(self.tr("添加物品"), self)
        add.clicked.connect(self._add_item)
        self.save_button = QPushButton(self.tr("开具并打印 (Ctrl+S)"), self)
        self.save_button.clicked.connect(self.issue)
        row.addWidget(add)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.issue)
        self._add_item()
        self._night_duty()
        self.resize(560, 620)

    def _add_item(self) -> None:
        self.items.add_row(("", "1", "件", GoodsCategory.ORDINARY.value))

    def _night_duty(self) -> None:
        box = self.duty
        op = self.desk.operator
        if not visitors.night_now(self.desk):
            box.addItem(self.tr("（白天无需）"), None)
            box.setEnabled(False)
        elif op.role is Role.DUTY_MANAGER:
            box.addItem(op.name, op.id)
            box.setEnabled(False)
        else:
            box.addItem("", None)
            for manager in visitors.duty_managers(self.desk):
                box.addItem(manager.name, manager.id)

    def value(self) -> GoodsInput:
        return GoodsInput(
            direction=self.direction.currentText(), unit=self.unit.text(),
            company=self.company.text(), carrier_name=self.carrier.text(),
            carrier_phone=self.carrier_phone.text(),
            items=[GoodsLine(*row) for row in self.items.rows()],
            sealed=self.sealed.isChecked(), signed_by=self.signed_by.text(),
            duty_manager_id=self.duty.currentData() if self.duty.isEnabled() else None)

    def issue(self) -> bool:
        self.form.clear_errors()
        try:
            issued = goods_passes.issue_goods_pass(self.desk, self.value())
        except GoodsRefused as exc:
            self.message.setStyleSheet("color: #b00020; font-weight: bold;")
            self.message.setText(self.tr("已拒绝并记录：{reason}").format(reason=exc.message))
            return False
        except DeskError as exc:
            if not self.form.show_error(exc):
                self.message.setStyleSheet("color: #b00020;")
                self.message.setText(str(exc))
            return False
        self.issued = issued
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(self.tr("已开具，单号 {serial}").format(serial=issued.serial))
        print_form(self, self.tr("打印携物出入门证"),
                   lambda out: _forms().print_goods_pass(self.desk, issued.pass_id, out),
                   f"携物出入门证-{issued.serial}")
        return True


def _forms() -> ModuleType:
    """The printable forms, imported when first printed (reportlab is slow to import: start-up)."""
    from wuye_desk.services import visitor_forms

    return visitor_forms
