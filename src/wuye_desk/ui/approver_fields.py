"""The approving manager's own login and password, typed at the desk (rules G3, K3).

Two fields added to a FieldForm under the keys a refusal from
services.operators.confirm_approval names (批准人, 批准人密码), so the refusal shows
beside the right one. The password is held by its field only until the record is
saved or refused; the form then calls `forget_password`. 公务查询登记 and the key
lending form use it alike.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit

from wuye_desk.ui.form_fields import FieldForm

LOGIN = "批准人"
PASSWORD = "批准人密码"


class ApproverFields(QObject):
    def __init__(self, form: FieldForm, placeholder: str = "") -> None:
        super().__init__(form)
        self.login = QLineEdit(form)
        self.login.setPlaceholderText(placeholder or self.tr("经理在本机输入自己的登录名"))
        self.password = QLineEdit(form)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("经理本人输入，不显示、不保存"))
        form.add(LOGIN, self.tr("批准人"), self.login)
        form.add(PASSWORD, self.tr("批准人密码"), self.password)

    def typed(self) -> tuple[str, str]:
        """(login, password) as typed."""
        return self.login.text(), self.password.text()

    def forget_password(self) -> None:
        self.password.clear()

    def clear(self) -> None:
        self.login.clear()
        self.password.clear()
