"""The one table model every list uses: rows arrive a page at a time.

The model holds only the rows fetched so far (ids and display values prepared
by the service); Qt asks for more as the view scrolls (`canFetchMore` /
`fetchMore`), and each page is appended with a ranged insert signal.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from wuye_desk.services.paging import ListRow, Page, Tone
from wuye_desk.ui.terms import term

_Index = QModelIndex | QPersistentModelIndex

TONE_COLOURS: dict[Tone, tuple[str | None, str | None]] = {
    # (background, foreground)
    Tone.NORMAL: (None, None),
    Tone.OVERDUE: ("#fde2e1", "#a40000"),
    Tone.DUE: ("#fff4d6", "#7a4d00"),
    Tone.DONE: (None, "#8a8a8a"),
    Tone.WARNING: ("#ffe9c7", "#8a3b00"),
}

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PageSource(Protocol):
    headers: tuple[str, ...]

    def page(self, after: tuple[Any, ...] | None = None, limit: int = 200) -> Page: ...

    def count(self) -> int: ...


class PagedTableModel(QAbstractTableModel):
    def __init__(self, source: PageSource | None = None, page_size: int = 200,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._page_size = page_size
        self._rows: list[ListRow] = []
        self._after: tuple[Any, ...] | None = None
        self._at_end = True
        self._fetching = False
        self._brushes = {
            tone: (QBrush(QColor(bg)) if bg else None, QBrush(QColor(fg)) if fg else None)
            for tone, (bg, fg) in TONE_COLOURS.items()
        }
        if source is not None:
            self.set_source(source)

    # --- loading ------------------------------------------------------------
    def set_source(self, source: PageSource) -> None:
        """Show another query (a new filter or sort): start again from its first page."""
        self.beginResetModel()
        self._source = source
        self._rows = []
        self._after = None
        self._at_end = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        if self._source is not None:
            self.set_source(self._source)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and self._source is not None and not self._at_end
                and not self._fetching)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._source is not None
        self._fetching = True
        try:
            self._fetch_page(self._source)
        finally:
            self._fetching = False

    def _fetch_page(self, source: PageSource) -> None:
        page = source.page(self._after, self._page_size)
        # move the cursor first: views may ask for more while the rows are being inserted
        self._after = page.after
        self._at_end = page.after is None
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()

    def fetch_all_loaded(self) -> int:
        return len(self._rows)

    def replace_row(self, row: ListRow) -> bool:
        """Show a changed record in place (a ranged signal, not a reset)."""
        for i, old in enumerate(self._rows):
            if old.id == row.id:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
                return True
        return False

    # --- reading ------------------------------------------------------------
    def row_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == record_id:
                return i
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._source is None:
            return 0
        return len(self._source.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.values[index.column()] if index.column() < len(row.values) else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes[row.tone][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._brushes[row.tone][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tip or None
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and self._source is not None and 0 <= section < len(self._source.headers)):
            return term(self._source.headers[section])
        return None
