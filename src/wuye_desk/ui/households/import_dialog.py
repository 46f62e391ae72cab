"""Import a roster from Excel: check the whole file first, show what would come in, then import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.domain.errors import DeskError, FileRejected
from wuye_desk.services import roster
from wuye_desk.services.desk import Desk
from wuye_desk.ui.runner import BackgroundTask, run_in_background

PREVIEW_ROWS = 300


class RosterImportDialog(QDialog):
    def __init__(self, desk: Desk, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.path = Path(path)
        self.imported = False
        self.setWindowTitle(self.tr("导入业户名册 — {name}").format(name=self.path.name))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("正在检查文件……"), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr(t) for t in ("房号", "户主", "人数", "入伙状态")])
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.problems = QPlainTextEdit(self)
        self.problems.setReadOnly(True)
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.hide()
        layout.addWidget(self.problems)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("导入"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.task: BackgroundTask = run_in_background(
            self, self.tr("检查名册"), lambda _p: roster.preview_import(desk, self.path),
            on_done=self._show_preview, on_error=self._show_problem)

    def _show_preview(self, preview: roster.RosterPreview) -> None:
        self.preview = preview
        shown = preview.households[:PREVIEW_ROWS]
        self.table.setRowCount(len(shown))
        for row, h in enumerate(shown):
            values = (h.unit.display, h.members[0].name if h.members else "",
                      str(len(h.members)), h.occupancy)
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        text = self.tr("检查通过：{s}。").format(s=roster.summary(preview))
        if preview.existing:
            text += self.tr("但其中 {n} 户已有档案（如 {u}），不能导入。").format(
                n=len(preview.existing), u="、".join(preview.existing[:5]))
            self.summary.setStyleSheet("color: #b00020;")
        self.summary.setText(text)
        self.import_button.setEnabled(not preview.existing)
        self.import_button.setFocus()

    def _show_problem(self, exc: BaseException) -> None:
        if isinstance(exc, FileRejected):
            self.summary.setText(exc.message)
            self.problems.setPlainText("\n".join(f"第{p.row}行：{p.reason}" for p in exc.problems))
        else:
            self.summary.setText(str(exc) if isinstance(exc, DeskError) else f"出错了：{exc}")
        self.summary.setStyleSheet("color: #b00020;")
        self.problems.setVisible(isinstance(exc, FileRejected))
        self.table.hide()
        self.import_button.setEnabled(False)

    def _import(self) -> None:
        self.import_button.setEnabled(False)
        self.task = run_in_background(
            self, self.tr("导入名册"), lambda _p: roster.import_roster(self.desk, self.path),
            on_done=self._imported, on_error=self._show_problem)

    def _imported(self, preview: roster.RosterPreview) -> None:
        self.imported = True
        self.summary.setText(self.tr("已导入 {s}。").format(s=roster.summary(preview)))
        self.accept()
