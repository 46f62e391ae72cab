"""Forms a clerk fills by keyboard alone.

`FieldForm` lays out labelled fields, each with a place for its error message
right below it. Enter moves to the next field (in a multi-line box Ctrl+Enter
does); a ValidationError from a service is shown beside the field it names (by
key or by its Chinese label), and focus goes there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.errors import DeskError

W = TypeVar("W", bound=QWidget)

ERROR_STYLE = "color: #b00020;"
ERROR_FIELD_STYLE = "border: 1px solid #b00020;"


@dataclass
class Field:
    key: str
    label: str
    widget: QWidget
    error: QLabel


class EnterMovesOn(QObject):
    """Enter / Return moves focus to the next field, as on a paper form."""

    def __init__(self, form: QWidget, on_last: Callable[[], None] | None = None) -> None:
        super().__init__(form)
        self._form = form
        self._on_last = on_last

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            return False
        mods = event.modifiers()
        if isinstance(obj, QPlainTextEdit) and not (mods & Qt.KeyboardModifier.ControlModifier):
            return False
        if isinstance(obj, QComboBox) and obj.view().isVisible():
            return False
        self._form.focusNextChild()
        return True


class FieldForm(QWidget):
    """A vertical form of labelled fields with per-field error messages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fields: dict[str, Field] = {}
        self._enter = EnterMovesOn(self)

    def add(self, key: str, label: str, widget: W) -> W:
        box = QWidget(self)
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(1)
        col.addWidget(widget)
        error = QLabel(box)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        col.addWidget(error)
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self._layout.addRow(caption, box)
        widget.setAccessibleName(label)
        widget.installEventFilter(self._enter)
        self._fields[key] = Field(key, label, widget, error)
        return widget

    def widget(self, key: str) -> QWidget:
        return self._fields[key].widget

    def field_for(self, name: str | None) -> Field | None:
        if not name:
            return None
        if name in self._fields:
            return self._fields[name]
        for f in self._fields.values():
            if f.label == name:
                return f
        return None

    def clear_errors(self) -> None:
        for f in self._fields.values():
            f.error.hide()
            f.error.clear()
            f.widget.setStyleSheet("")

    def show_error(self, error: DeskError) -> bool:
        """Show the error beside its field; False if no field of this form is named."""
        self.clear_errors()
        target = self.field_for(error.field)
        if target is None:
            return False
        target.error.setText(error.message)
        target.error.show()
        target.widget.setStyleSheet(ERROR_FIELD_STYLE)
        target.widget.setFocus()
        return True

    def error_text(self, key: str) -> str:
        f = self._fields[key]
        return f.error.text() if f.error.isVisible() or f.error.text() else ""


# --- small typed readers, so tabs do not repeat widget plumbing --------------

def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QComboBox):
        return widget.currentText().strip()
    if isinstance(widget, QDateEdit):
        return widget.date().toString("yyyy-MM-dd")
    if isinstance(widget, QAbstractSpinBox):
        return widget.text().strip()
    if isinstance(widget, QCheckBox):
        return "1" if widget.isChecked() else ""
    raise TypeError(type(widget))


def combo(items: list[str], editable: bool = False, parent: QWidget | None = None) -> QComboBox:
    box = QComboBox(parent)
    box.addItems(items)
    box.setEditable(editable)
    return box


def date_edit(parent: QWidget | None = None, allow_empty: bool = True) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if allow_empty:
        edit.setSpecialValueText(" ")
        edit.setMinimumDate(QDate(1900, 1, 1))
        edit.setDate(edit.minimumDate())
    return edit
