"""公务查询登记: officers who saw customer data, on what basis, approved by a manager (rule G3).

The clerk types the officers' details; the manager approves at the desk with
their own login and password (Ctrl+S records). Below, the accesses so far,
credentials masked.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.errors import DeskError
from wuye_desk.services import official_access
from wuye_desk.services.desk import Desk
from wuye_desk.services.official_access import AccessInput
from wuye_desk.ui.approver_fields import ApproverFields
from wuye_desk.ui.form_fields import FieldForm, combo
from wuye_desk.ui.readonly_table import ReadOnlyTable

W = TypeVar("W", bound=QWidget)
HEADERS = ("时间", "查询人", "单位", "证件", "法律依据", "查询内容", "批准人")


class OfficialAccessDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("公务查询登记（公安、司法等查询业户资料）"))
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("业户资料未经法律依据或业户同意不得提供。请核验查询人证件和法律文书，"
                              "由经理在本机输入登录名和密码批准后登记（Ctrl+S）。"), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.form = FieldForm(self)
        self.officer_name = self._add("查询人姓名", QLineEdit(self))
        self.officer_org = self._add("查询单位", QLineEdit(self))
        self.officer_org.setPlaceholderText(self.tr("如 某某区公安分局幸福路派出所、某某区人民法院"))
        self.id_type = self._add("证件类型", combo(list(official_access.CREDENTIALS), parent=self))
        self.id_number = self._add("证件号码", QLineEdit(self))
        self.legal_basis = self._add("法律依据", QLineEdit(self))
        self.legal_basis.setPlaceholderText(self.tr("文书名称及编号，如 调取证据通知书 〔2026〕118号"))
        self.records = self._add("查询内容", QLineEdit(self))
        self.records.setPlaceholderText(self.tr("查看或复制了哪些资料，如 3栋2单元1502 业户档案"))
        self.approval = ApproverFields(self.form)
        self.approver, self.password = self.approval.login, self.approval.password
        layout.addWidget(self.form)
        self.message = QLabel(self)
        layout.addWidget(self.message)
        self.save_button = QPushButton(self.tr("登记 (Ctrl+S)"), self)
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.save_button)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        self.table = ReadOnlyTable([QCoreApplication.translate("OfficialAccess", h)
                                    for h in HEADERS], self)
        layout.addWidget(self.table, 1)
        self.refresh()
        self.officer_name.setFocus()

    def _add(self, key: str, widget: W) -> W:
        self.form.add(key, QCoreApplication.translate("OfficialAccess", key), widget)
        return widget

    def value(self) -> AccessInput:
        return AccessInput(officer_name=self.officer_name.text(), officer_org=self.officer_org.text(),
                           id_type=self.id_type.currentText(), id_number=self.id_number.text(),
                           legal_basis=self.legal_basis.text(), records=self.records.text(),
                           approver_login=self.approval.typed()[0],
                           approver_password=self.approval.typed()[1])

    def save(self) -> None:
        try:
            official_access.record_access(self.desk, self.value())
        except DeskError as exc:
            self.approval.forget_password()
            if not self.form.show_error(exc):
                self.message.setText(exc.message)
            return
        self.form.clear_errors()
        for edit in (self.officer_name, self.officer_org, self.id_number, self.legal_basis,
                     self.records):
            edit.clear()
        self.approval.clear()
        self.message.setText(self.tr("已登记。"))
        self.refresh()
        self.officer_name.setFocus()

    def refresh(self) -> None:
        self.table.set_rows([(f"{r.accessed_at:%Y-%m-%d %H:%M}", r.officer_name, r.officer_org,
                              f"{r.id_type} {r.id_number_masked}", r.legal_basis, r.records,
                              r.approver_name) for r in official_access.recent(self.desk)])
