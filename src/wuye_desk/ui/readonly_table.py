"""A small read-only table of rows a dialog shows in full (no paging): official
accesses, the return-visit list, the case library. Long lists use ListPanel instead."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

MIN_COLUMN = 72   # pixels: a header stays readable while the table is empty


class ReadOnlyTable(QTableWidget):
    """Whole rows selected, nothing edited, columns fitted to the text, the last column
    taking the rest of the width."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setMinimumSectionSize(MIN_COLUMN)
        header.setStretchLastSection(True)
        self.resizeColumnsToContents()

    def set_rows(self, rows: Sequence[Sequence[object]]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(
            self.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
