"""Signing in at the start and at a shift change; on a new database, the first administrator."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.errors import DeskError, ValidationError
from wuye_desk.services import operators
from wuye_desk.services.desk import OperatorInfo
from wuye_desk.store.database import Database
from wuye_desk.ui.form_fields import FieldForm


class LoginDialog(QDialog):
    """Returns the signed-in operator in `self.operator` when accepted."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, last_login: str = "",
                 shift_change: bool = False) -> None:
        super().__init__(parent)
        self.db = db
        self.operator: OperatorInfo | None = None
        self.first_start = operators.needs_first_admin(db)
        layout = QVBoxLayout(self)
        intro = QLabel(self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = FieldForm(self)
        self.login = self.form.add("login", self.tr("登录名"), QLineEdit(self))
        if self.first_start:
            self.setWindowTitle(self.tr("首次启动：建立管理员"))
            intro.setText(self.tr("这是一个新的数据库。请建立第一位管理员，"
                                  "之后由管理员添加其他操作员。密码忘记时只能由管理员重设。"))
            self.name = self.form.add("name", self.tr("姓名"), QLineEdit(self))
        else:
            self.setWindowTitle(self.tr("交接班：切换操作员") if shift_change else self.tr("登录"))
            intro.setText(self.tr("请输入登录名和密码。"))
        self.password = self.form.add("password", self.tr("密码"), QLineEdit(self))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if self.first_start:
            self.confirm = self.form.add("confirm", self.tr("确认密码"), QLineEdit(self))
            self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.form)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("建立并登录") if self.first_start else self.tr("登录"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.login.setText(last_login)
        (self.password if last_login else self.login).setFocus()

    def submit(self) -> None:
        self.form.clear_errors()
        self.message.clear()
        try:
            if self.first_start:
                if self.password.text() != self.confirm.text():
                    raise ValidationError("两次输入的密码不一样", field="确认密码")
                self.operator = operators.create_first_admin(
                    self.db, self.login.text(), self.name.text(), self.password.text())
            else:
                self.operator = operators.authenticate(self.db, self.login.text(),
                                                       self.password.text())
        except DeskError as exc:
            if not self.form.show_error(exc):
                self.message.setText(str(exc))
            self.password.clear()
            if self.first_start:
                self.confirm.clear()
            return
        self.accept()
