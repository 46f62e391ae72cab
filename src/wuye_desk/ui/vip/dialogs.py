"""The VIP tab's dialogs, each filled by keyboard: Enter moves on, Ctrl+S saves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
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
from wuye_desk.domain.vip import CalendarKind, VipLevel
from wuye_desk.services import vip
from wuye_desk.services.desk import Desk
from wuye_desk.ui.form_fields import FieldForm, combo
from wuye_desk.ui.household_picker import HouseholdPicker
from wuye_desk.ui.households.editor import RowsTable

ERROR_STYLE = "color: #b00020;"
FAMILY_HEADERS = ("姓名", "关系", "历法", "生日", "备注")
FAMILY_FIELDS = ("家属姓名", "与VIP关系", "家属生日", "家庭成员")


class SavingDialog(QDialog):
    """A dialog with a FieldForm, a message line and Ctrl+S (or the button) to save."""

    def __init__(self, title: str, button: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.layout_.addWidget(self.form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.save_button = QPushButton(button + " (Ctrl+S)", self)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        self.layout_.addLayout(row)

    def run(self) -> str:
        """Do the work; the text of what was done. Raises DeskError."""
        raise NotImplementedError

    def show_error(self, exc: DeskError) -> None:
        if not self.form.show_error(exc):
            self.message.setText(str(exc))
        else:
            self.message.clear()

    def save(self) -> bool:
        self.form.clear_errors()
        self.message.clear()
        try:
            self.done_text = self.run()
        except DeskError as exc:
            self.show_error(exc)
            return False
        self.accept()
        return True


class VipDialog(SavingDialog):
    """The written application (new) or the archive kept current (edit) — rules P1, P3."""

    def __init__(self, desk: Desk, parent: QWidget | None = None,
                 record: vip.VipView | None = None) -> None:
        super().__init__(self.tr("VIP申请") if record is None else self.tr("修改VIP档案"),
                         self.tr("保存"), parent)
        self.desk = desk
        self.record = record
        self.saved_id: int | None = None
        f = self.form
        self.household = f.add("房号", self.tr("房号"), HouseholdPicker(desk, self))
        self.name = f.add("姓名", self.tr("姓名"), combo([], True, self))
        self.phone = f.add("电话", self.tr("电话"), QLineEdit(self))
        self.phone.setPlaceholderText(self.tr("不填则用档案中的电话"))
        self.level = f.add("VIP级别", self.tr("VIP级别"), combo([v.value for v in VipLevel],
                                                              parent=self))
        self.level.setCurrentIndex(2)
        self.kind = f.add("历法", self.tr("生日历法"), combo([k.value for k in CalendarKind],
                                                           parent=self))
        self.birthday = f.add("生日", self.tr("生日"), QLineEdit(self))
        self.birthday.setPlaceholderText(self.tr("如 1962-08-15；农历可写 八月十五、闰四月初八"))
        self.qualification = f.add("入选理由", self.tr("入选理由"), QLineEdit(self))
        self.applied_on = f.add("申请日期", self.tr("申请日期"), QLineEdit(self))
        self.approved_by = f.add("批准人", self.tr("批准人"), QLineEdit(self))
        self.approved_on = f.add("批准日期", self.tr("批准日期"), QLineEdit(self))
        self.assistant = f.add("客户助理", self.tr("客户助理"), QLineEdit(desk.operator.name, self))
        self.preferences = f.add("喜好与习惯", self.tr("喜好与习惯"), QLineEdit(self))
        self.note = f.add("备注", self.tr("备注"), QLineEdit(self))
        today = desk.now().date().isoformat()
        self.applied_on.setText(today)
        self.approved_on.setText(today)
        self.layout_.addWidget(QLabel(self.tr("家庭成员（生日用于亲情服务的问候；历法填公历或农历）"),
                                      self))
        self.family = RowsTable(FAMILY_HEADERS, self)
        self.family.setAccessibleName(self.tr("家庭成员"))
        self.layout_.addWidget(self.family)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("添加家属"), self)
        add.setAutoDefault(False)
        add.clicked.connect(lambda: self.family.add_row(("", "", "公历", "", "")))
        remove = QPushButton(self.tr("删除所选家属"), self)
        remove.setAutoDefault(False)
        remove.clicked.connect(self.family.remove_current)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.finish_layout()
        # Enter in the picker picks the household (then moves on), rather than skipping it
        self.household.removeEventFilter(self.form._enter)
        self.household.chosen.connect(self._members)
        self.household.chosen.connect(lambda _id, _unit: self.name.setFocus())
        if record is not None:
            self._fill(record)
        self.resize(560, 700)

    def _members(self, household_id: int, _unit: str) -> None:
        current = self.name.currentText()
        self.name.clear()
        for name, _phone in vip.member_names(self.desk, household_id):
            self.name.addItem(name)
        if current:
            self.name.setCurrentText(current)

    def _fill(self, r: vip.VipView) -> None:
        data = vip.to_input(r)
        self.household.choose(r.household_id, r.unit)
        self.name.setCurrentText(r.name)
        self.phone.setText(r.phone)
        self.level.setCurrentText(r.level)
        self.kind.setCurrentText(data.birthday_kind)
        self.birthday.setText(data.birthday)
        self.qualification.setText(r.qualification)
        self.applied_on.setText(r.applied_on.isoformat())
        self.approved_by.setText(r.approved_by)
        self.approved_on.setText(r.approved_on.isoformat())
        self.assistant.setText(r.assistant)
        self.preferences.setText(r.preferences)
        self.note.setText(r.note)
        self.family.set_rows([(f.name, f.relation, f.birthday_kind, f.birthday, f.note)
                              for f in data.family])
        for w in (self.household, self.name, self.level, self.qualification, self.applied_on,
                  self.approved_by, self.approved_on):
            w.setEnabled(False)   # the application stands as approved; a renewal changes the level

    def value(self) -> vip.VipInput:
        family = [vip.FamilyInput(*(list(row) + [""] * 5)[:5]) for row in self.family.rows()]
        return vip.VipInput(
            household_id=self.household.household_id, unit=self.household.text(),
            name=self.name.currentText(), phone=self.phone.text(), level=self.level.currentText(),
            birthday_kind=self.kind.currentText(), birthday=self.birthday.text(),
            preferences=self.preferences.text(), assistant=self.assistant.text(),
            qualification=self.qualification.text(), applied_on=self.applied_on.text(),
            approved_by=self.approved_by.text(), approved_on=self.approved_on.text(),
            note=self.note.text(), family=family)

    def show_error(self, exc: DeskError) -> None:
        if exc.field in FAMILY_FIELDS:
            self.form.clear_errors()
            self.message.setText(str(exc))
            self.family.setFocus()
            return
        super().show_error(exc)

    def run(self) -> str:
        if self.record is None:
            self.saved_id = vip.apply(self.desk, self.value())
            return self.tr("已登记VIP申请：{name}；按 Ctrl+I 发卡").format(
                name=self.name.currentText())
        vip.update_archive(self.desk, self.record.id, self.record.version, self.value())
        self.saved_id = self.record.id
        return self.tr("已保存VIP档案")


class ActionDialog(SavingDialog):
    """A card action or a service: a few fields and one service call."""

    print_after = False  # print the registration form once done (a new card)

    def __init__(self, title: str, button: str, action: Callable[[ActionDialog], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(title, button, parent)
        self._action = action
        self.fields: dict[str, QWidget] = {}
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.layout_.insertWidget(0, self.heading)
        self.setMinimumWidth(460)

    def add(self, key: str, label: str, widget: QWidget) -> QWidget:
        self.fields[key] = self.form.add(key, label, widget)
        return widget

    def text(self, key: str) -> str:
        w = self.fields[key]
        return w.currentText() if isinstance(w, QComboBox) else \
            w.text() if isinstance(w, QLineEdit) else ""

    def run(self) -> str:
        return self._action(self)
