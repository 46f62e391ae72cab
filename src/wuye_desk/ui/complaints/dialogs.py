"""The dialogs of the complaint flow: one small form per step (rules C1, C4, C6, C8, C9, G4).

Each dialog names its fields, calls one service function on Ctrl+S (or 确定), shows a
refusal beside the field it names and stays open; on success it closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.complaints import ResponsibilityClass, Satisfaction, Severity
from wuye_desk.domain.errors import DeskError
from wuye_desk.services import complaints
from wuye_desk.services.complaints import ComplaintView, VisitInput
from wuye_desk.services.desk import Desk
from wuye_desk.ui.form_fields import FieldForm, text_of
from wuye_desk.ui.terms import term

W = TypeVar("W", bound=QWidget)


@dataclass(frozen=True)
class StepSpec:
    key: str
    title: str
    shortcut: str


STEPS: tuple[StepSpec, ...] = (
    StepSpec("handle", "处理", "Alt+H"),
    StepSpec("escalate", "上报", "Alt+U"),
    StepSpec("answer", "上级答复", "Alt+A"),
    StepSpec("notify", "通报", "Alt+B"),
    StepSpec("fix", "处理完毕", "Alt+D"),
    StepSpec("tell", "告知投诉人", "Alt+T"),
    StepSpec("visit", "回访", "Alt+R"),
    StepSpec("close", "关闭", "Alt+C"),
    StepSpec("invalid", "无效投诉", "Alt+W"),
    StepSpec("raise", "提高等级", "Alt+G"),
    StepSpec("correct", "更正记录", "Alt+K"),
)


def _note(parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(80)
    return box


class StepDialog(QDialog):
    """One step of a complaint, by keyboard: Enter moves on (Ctrl+Enter in a note),
    Ctrl+S records."""

    def __init__(self, desk: Desk, view: ComplaintView, step: StepSpec,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.view = view
        self.step = step
        self.done_ok = False
        self.setWindowTitle(f"{term(step.title)} — {view.serial}")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        summary = QLabel(f"{view.serial}　{view.state}　{view.severity}　"
                         f"{view.complainant_name or view.complainant_kind} {view.unit}\n"
                         f"{view.description[:80]}", self)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.form = FieldForm(self)
        self.fields: dict[str, QWidget] = {}
        self._build()
        layout.addWidget(self.form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        save = QShortcut(QKeySequence("Ctrl+S"), self)
        save.activated.connect(self.save)
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def _add(self, key: str, widget: W) -> W:
        self.form.add(key, QCoreApplication.translate("StepDialog", key), widget)
        self.fields[key] = widget
        return widget

    def _build(self) -> None:
        k = self.step.key
        if k == "escalate":
            self._add("上报对象", QLineEdit(self)).setText(self.view.handler)
            self._add("初步意见", _note(self))
        elif k == "answer":
            self._add("答复", _note(self))
            box = self._add("责任类别", QComboBox(self))
            box.addItems([""] + [c.value for c in ResponsibilityClass])
        elif k == "notify":
            box = self._add("通报", QComboBox(self))
            for d in self.view.duties:
                if d.done_at is None:
                    due = f"{d.due:%m-%d %H:%M}" if d.due else "结案时"
                    box.addItem(f"{d.what}（{due}）", d.id)
            self._add("说明", _note(self))
        elif k == "fix":
            self._add("处理结果", _note(self))
        elif k == "tell":
            self._add("告知情况", _note(self))
        elif k == "visit":
            self._add("回访内容", _note(self))
            self._add("回访结果", _note(self))
            box = self._add("满意度", QComboBox(self))
            box.addItems([""] + [f"{s.value} {s.label}" for s in Satisfaction])
            self._add("回访人", QLineEdit(self)).setText(self.desk.operator.name)
        elif k == "close":
            self._add("说明", _note(self))
            self._add("收入案例库", QCheckBox(self.tr("值得借鉴，收入案例库（规则C10）"), self))
        elif k == "invalid":
            self._add("解释说明", _note(self))
        elif k == "raise":
            box = self._add("投诉等级", QComboBox(self))
            box.addItems([s.value for s in Severity
                          if s.rank > Severity(self.view.severity).rank])
            self._add("提高原因", _note(self))
        elif k == "correct":
            box = self._add("更正哪一条", QComboBox(self))
            for e in reversed(self.view.events):
                box.addItem(f"#{e.id} {e.at:%m-%d %H:%M} {e.step}：{e.note[:30]}", e.id)
            self._add("更正内容", _note(self))
        else:
            self._add("说明", _note(self))

    def _text(self, key: str) -> str:
        return text_of(self.fields[key])

    def action(self) -> Callable[[], object]:
        d, cid, k = self.desk, self.view.id, self.step.key
        if k == "handle":
            return lambda: complaints.handle(d, cid, self._text("说明"))
        if k == "escalate":
            return lambda: complaints.escalate(d, cid, self._text("初步意见"),
                                               self._text("上报对象"))
        if k == "answer":
            return lambda: complaints.answer(d, cid, self._text("答复"), self._text("责任类别"))
        if k == "notify":
            duties = self.fields["通报"]
            assert isinstance(duties, QComboBox)
            return lambda: complaints.notify_done(d, _duty(duties), self._text("说明"))
        if k == "fix":
            return lambda: complaints.fix(d, cid, self._text("处理结果"))
        if k == "tell":
            return lambda: complaints.tell(d, cid, self._text("告知情况"))
        if k == "visit":
            return lambda: complaints.return_visit(d, cid, VisitInput(
                self._text("回访内容"), self._text("回访结果"), self._text("满意度")[:1],
                self._text("回访人")))
        if k == "close":
            return lambda: complaints.close(d, cid, self._text("说明"),
                                            case_library=bool(self._text("收入案例库")))
        if k == "invalid":
            return lambda: complaints.mark_invalid(d, cid, self._text("解释说明"))
        if k == "raise":
            return lambda: complaints.raise_severity(d, cid, self._text("投诉等级"),
                                                     self._text("提高原因"))
        if k == "correct":
            box = self.fields["更正哪一条"]
            assert isinstance(box, QComboBox)
            return lambda: complaints.correct(d, int(box.currentData() or 0),
                                              self._text("更正内容"))
        raise ValueError(k)

    def save(self) -> bool:
        self.message.clear()
        try:
            self.action()()
        except DeskError as exc:
            if not self.form.show_error(exc):
                self.message.setText(str(exc))
            return False
        self.done_ok = True
        self.accept()
        return True


def _duty(box: QComboBox) -> int:
    data = box.currentData()
    if data is None:
        from wuye_desk.domain.errors import ValidationError

        raise ValidationError("没有待完成的通报", field="通报")
    return int(data)

