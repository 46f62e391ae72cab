"""The office's settings, one form built from the declarations in wuye_desk.settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wuye_desk import language
from wuye_desk.domain.errors import DeskError
from wuye_desk.services import office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.settings import REGISTRY, Setting
from wuye_desk.ui.form_fields import FieldForm


def _editor(setting: Setting[Any], value: Any, parent: QWidget) -> QWidget:
    if isinstance(setting.default, bool):
        box = QCheckBox(parent)
        box.setChecked(bool(value))
        return box
    if isinstance(setting.default, int):
        spin = QSpinBox(parent)
        spin.setRange(0, 1_000_000)
        spin.setValue(int(value))
        return spin
    edit = QLineEdit(parent)
    edit.setText("、".join(value) if isinstance(value, list) else str(value))
    if isinstance(setting.default, list):
        edit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", "多个值用顿号或逗号分隔"))
    return edit


def _read(setting: Setting[Any], widget: QWidget) -> Any:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    assert isinstance(widget, QLineEdit)
    text = widget.text().strip()
    if isinstance(setting.default, list):
        return [p.strip() for p in text.replace(",", "、").replace("，", "、").split("、") if p.strip()]
    return text


class SettingsDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("管理处设置"))
        self.resize(620, 640)
        values = office_settings.get_all(desk)
        layout = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        self.form = FieldForm(scroll)
        self.editors: dict[str, QWidget] = {}
        for key, setting in REGISTRY.items():
            self.editors[key] = self.form.add(key, setting.label,
                                              _editor(setting, values[key], self.form))
        # this PC only (local_config), not the office's database
        self.language = QComboBox(self.form)
        for code, name in language.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language.saved_for_this_pc())))
        self.form.add("language", self.tr("界面语言（本机，重新启动后生效）"), self.language)
        scroll.setWidget(self.form)
        layout.addWidget(scroll)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            office_settings.put_many(self.desk, {
                key: _read(REGISTRY[key], widget) for key, widget in self.editors.items()})
        except DeskError as exc:
            if not self.form.show_error(exc):
                self.message.setText(str(exc))
            return
        language.save_for_this_pc(str(self.language.currentData()))
        self.accept()
