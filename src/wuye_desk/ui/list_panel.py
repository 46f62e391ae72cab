"""A register's list: a search box, filters and a lazily paged table.

Every tab's list is one of these, fed by a function that turns the search text
and the chosen filters into a service's ListQuery.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wuye_desk.ui.paged_model import HEADER_KEY_ROLE, PagedTableModel, PageSource
from wuye_desk.ui.terms import term


@dataclass(frozen=True)
class Filter:
    key: str
    label: str                      # shown as the first entry, meaning "any"
    options: Callable[[], Sequence[str]] | Sequence[str]


MakeQuery = Callable[[str, dict[str, str]], PageSource]


class _Counted(QObject):
    counted = Signal(int, object)  # the refresh it belongs to, the count (None: failed)


class _Count(QRunnable):
    """Counts a list's rows off the UI thread: on ten years of data a count reads the
    whole index (tens of ms, more under a common search word); the first page does not."""

    def __init__(self, query: PageSource, generation: int, signals: _Counted) -> None:
        super().__init__()
        self.query, self.generation, self.signals = query, generation, signals

    def run(self) -> None:
        try:
            total: int | None = self.query.count()
        except Exception:  # a count is a courtesy; the list itself matters
            total = None
        self.signals.counted.emit(self.generation, total)


class ListPanel(QWidget):
    current_changed = Signal(object)  # record id or None
    activated = Signal(int)           # Enter / double-click on a row

    def __init__(self, make_query: MakeQuery, filters: Sequence[Filter] = (),
                 placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_query = make_query
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        row.addWidget(self.search, 2)
        self.filters: dict[str, QComboBox] = {}
        self._filter_specs = {f.key: f for f in filters}
        for f in filters:
            box = QComboBox(self)
            box.setAccessibleName(f.label)
            box.setToolTip(f.label)
            self.filters[f.key] = box
            row.addWidget(box, 1)
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count_label = QLabel(self)
        row.addWidget(self.count_label)
        layout.addLayout(row)
        self.model = PagedTableModel(parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.current_changed.emit(self.model.row_id(cur.row())))
        layout.addWidget(self.view)
        self._generation = 0
        self._counted = _Counted(self)
        self._counted.counted.connect(self._show_count)
        self._pool = QThreadPool(self)    # waits for its counts when the panel goes
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.installEventFilter(self)
        self.reload_filters()
        self.refresh()

    def reload_filters(self) -> None:
        for key, box in self.filters.items():
            spec = self._filter_specs[key]
            options = spec.options() if callable(spec.options) else spec.options
            current = box.currentData() or ""
            box.blockSignals(True)
            box.clear()
            box.addItem(spec.label, "")
            for opt in options:
                box.addItem(term(opt), opt)   # shown in the window's language, kept as written
            idx = box.findData(current)
            box.setCurrentIndex(max(idx, 0))
            box.blockSignals(False)

    def set_column_widths(self, widths: Mapping[str, int], default: int = 80) -> None:
        """Column widths by the service's (Chinese) header; a translated header that is
        longer than its width widens the column so it is not cut off."""
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            key = str(self.model.headerData(column, Qt.Orientation.Horizontal, HEADER_KEY_ROLE))
            width = widths.get(key, default)
            shown = self.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if shown != key:
                width = max(width, header.sectionSizeHint(column))
            header.resizeSection(column, width)

    def filter_values(self) -> dict[str, str]:
        return {key: box.currentData() or "" for key, box in self.filters.items()}

    def refresh(self) -> None:
        self._timer.stop()
        keep = self.current_id()
        query = self._make_query(self.search.text().strip(), self.filter_values())
        self.model.set_source(query)
        self._generation += 1
        self.count_label.setText(self.tr("计数中…"))
        self._pool.start(_Count(query, self._generation, self._counted))
        if keep is not None:
            self.select_id(keep)

    def _show_count(self, generation: int, total: int | None) -> None:
        if generation != self._generation:
            return          # an earlier filter's count, come back late
        if total is None:
            self.count_label.clear()
        else:
            self.count_label.setText(self.tr("共 {n} 条").format(n=total))

    def wait_for_count(self) -> None:
        """Tests: let the background count finish and show."""
        self._pool.waitForDone()
        QCoreApplication.processEvents()

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    def _activated(self, index: object) -> None:
        record_id = self.model.row_id(self.view.currentIndex().row())
        if record_id is not None:
            self.activated.emit(record_id)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Down arrow / Enter in the search box goes to the list
        if not (obj is self.search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            return False
        if self._timer.isActive():
            self.refresh()
        self.view.setFocus()
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.selectRow(0)
        return True
