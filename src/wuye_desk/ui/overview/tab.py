"""总览: what is due and overdue today, from every area, overdue first."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.services import overview
from wuye_desk.services.desk import Desk
from wuye_desk.services.overview import OverviewLine
from wuye_desk.ui.paged_model import TONE_COLOURS
from wuye_desk.ui.terms import term

HEADERS = ("类别", "时限", "事项")


class OverviewTab(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.lines: list[OverviewLine] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel(self)
        top.addWidget(self.summary, 1)
        self.refresh_button = QPushButton(self.tr("刷新 (F5)"), self)
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([term(h) for h in HEADERS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self._open(index.row()))
        layout.addWidget(self.table)
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def set_desk(self, desk: Desk) -> None:
        self.desk = desk
        self.refresh()

    def refresh(self) -> None:
        self.lines = overview.gather(self.desk)
        self.table.setRowCount(len(self.lines))
        overdue = 0
        for row, line in enumerate(self.lines):
            bg, fg = TONE_COLOURS[line.tone]
            due = line.due.strftime("%m-%d %H:%M") if line.due else ""
            for col, text in enumerate((term(line.area), due, line.text)):
                item = QTableWidgetItem(text)
                if bg:
                    item.setBackground(QBrush(QColor(bg)))
                if fg:
                    item.setForeground(QBrush(QColor(fg)))
                self.table.setItem(row, col, item)
            overdue += line.tone.value == "overdue"
        now = self.desk.now().strftime("%Y-%m-%d %H:%M")
        if self.lines:
            self.summary.setText(self.tr("{now}　待办 {n} 项，其中超时 {o} 项").format(
                now=now, n=len(self.lines), o=overdue))
        else:
            self.summary.setText(self.tr("{now}　今天没有到期或超时的事项").format(now=now))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _open(self, row: int) -> None:
        line = self.lines[row]
        window = self.window()
        if line.tab and hasattr(window, "show_tab"):
            window.show_tab(line.tab, line.record_id)

    def focus_first(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
