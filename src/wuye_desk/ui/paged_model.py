"""The one table model every list uses: rows arrive a page at a time.

Qt asks for more rows as the view scrolls (`canFetchMore` / `fetchMore`) and
each page is appended with a ranged insert signal. The model keeps the display
rows (ids and values prepared by the service) of the last KEEP_PAGES pages
used, and for every page only the key it starts after: a page scrolled out of
memory is fetched again by that key (keyset paging, one indexed query) when
the view shows it again. Scrolling through a million rows thus holds a few
thousand rows, not a million.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from wuye_desk.services.paging import PAGE_SIZE, ListRow, Page, Tone
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
HEADER_KEY_ROLE = Qt.ItemDataRole.UserRole + 2   # headerData: the header as the service wrote it


class PageSource(Protocol):
    headers: tuple[str, ...]

    def page(self, after: tuple[Any, ...] | None = None, limit: int = PAGE_SIZE) -> Page: ...

    def count(self) -> int: ...


class PagedTableModel(QAbstractTableModel):
    KEEP_PAGES = 40   # pages of display rows kept in memory (4,000 rows at 100 a page)

    def __init__(self, source: PageSource | None = None, page_size: int = PAGE_SIZE,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._page_size = page_size
        self._pages: OrderedDict[int, list[ListRow]] = OrderedDict()  # most recent last
        self._starts: list[tuple[Any, ...] | None] = []  # the key each loaded page starts after
        self._count = 0
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
        self._pages.clear()
        self._starts = []
        self._count = 0
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
        start = self._after
        page = source.page(start, self._page_size)
        # move the cursor first: views may ask for more while the rows are being inserted
        self._after = page.after
        self._at_end = page.after is None
        if page.rows:
            first = self._count
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._starts.append(start)
            self._keep(len(self._starts) - 1, page.rows)
            self._count += len(page.rows)
            self.endInsertRows()

    def _keep(self, number: int, rows: list[ListRow]) -> None:
        self._pages[number] = rows
        self._pages.move_to_end(number)
        while len(self._pages) > self.KEEP_PAGES:
            self._pages.popitem(last=False)

    def _page_rows(self, number: int) -> list[ListRow]:
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        if self._source is None or not 0 <= number < len(self._starts):
            return []
        rows = self._source.page(self._starts[number], self._page_size).rows  # again, by key
        self._keep(number, rows)
        return rows

    def _row(self, row: int) -> ListRow | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self._page_size)
        rows = self._page_rows(number)
        return rows[offset] if offset < len(rows) else None

    def fetch_all_loaded(self) -> int:
        return self._count

    def _kept_rows(self) -> list[tuple[int, ListRow]]:
        return [(number * self._page_size + i, r)
                for number, rows in sorted(self._pages.items()) for i, r in enumerate(rows)]

    def replace_row(self, row: ListRow) -> bool:
        """Show a changed record in place (a ranged signal, not a reset). Pages not in
        memory need nothing: they are fetched afresh when shown."""
        for number, rows in self._pages.items():
            for i, old in enumerate(rows):
                if old.id == row.id:
                    rows[i] = row
                    at = number * self._page_size + i
                    self.dataChanged.emit(self.index(at, 0),
                                          self.index(at, self.columnCount() - 1))
                    return True
        return False

    # --- reading ------------------------------------------------------------
    def row_id(self, row: int) -> int | None:
        r = self._row(row)
        return r.id if r is not None else None

    def row_of(self, record_id: int) -> int | None:
        """The row of a record among the rows in memory (the pages seen last)."""
        for at, r in self._kept_rows():
            if r.id == record_id:
                return at
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._source is None:
            return 0
        return len(self._source.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
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
        if (orientation == Qt.Orientation.Horizontal
                and self._source is not None and 0 <= section < len(self._source.headers)):
            if role == Qt.ItemDataRole.DisplayRole:
                return term(self._source.headers[section])
            if role == HEADER_KEY_ROLE:     # the header as the service wrote it, in any language
                return self._source.headers[section]
        return None
