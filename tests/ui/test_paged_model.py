"""The paged model holds a window of pages, not the whole list: a page scrolled out of
memory is fetched again by its key when shown, and ids, values and selection stay right."""

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from wuye_desk.services.paging import PAGE_SIZE, ListRow, Page
from wuye_desk.ui.paged_model import ID_ROLE, PagedTableModel


class Numbers:
    """A keyset source of `n` rows (id = the row's number + 1), counting its queries."""

    headers = ("编号", "名称")

    def __init__(self, n: int) -> None:
        self.n = n
        self.queries: list[tuple[Any, ...] | None] = []

    def page(self, after: tuple[Any, ...] | None = None, limit: int = 200) -> Page:
        self.queries.append(after)
        start = after[0] if after else 0
        ids = range(start + 1, min(start + limit, self.n) + 1)
        rows = [ListRow(i, (i, f"第{i}行")) for i in ids]
        return Page(rows, (ids[-1],) if ids and ids[-1] < self.n else None)

    def count(self) -> int:
        return self.n


def _scroll_to_end(model: PagedTableModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def test_a_long_list_keeps_only_a_few_pages_in_memory():
    source = Numbers(10_000)
    model = PagedTableModel(source, page_size=100)
    _scroll_to_end(model)
    assert model.rowCount() == 10_000
    assert len(source.queries) == 100                       # one query per page, in order
    assert len(model._pages) == PagedTableModel.KEEP_PAGES  # the rest are keys only
    assert model.data(model.index(9_999, 1)) == "第10000行"


def test_a_page_out_of_memory_is_fetched_again_by_its_key():
    source = Numbers(10_000)
    model = PagedTableModel(source, page_size=100)
    _scroll_to_end(model)
    asked = len(source.queries)
    assert model.data(model.index(0, 1)) == "第1行"          # page 0: fetched again
    assert model.data(model.index(250, 0)) == "251"
    assert model.index(250, 0).data(ID_ROLE) == 251
    assert model.row_id(5_432) == 5_433
    assert source.queries[asked:] == [None, (200,), (5_400,)]
    assert model.data(model.index(1, 1)) == "第2行"          # now in memory: no query
    assert len(source.queries) == asked + 3


def test_row_of_and_replace_row_work_on_the_pages_in_memory():
    source = Numbers(1_000)
    model = PagedTableModel(source, page_size=10)
    _scroll_to_end(model)
    assert model.row_of(995) == 994
    seen = []
    model.dataChanged.connect(lambda a, b: seen.append((a.row(), b.row())))
    assert model.replace_row(ListRow(995, (995, "改过"))) is True
    assert model.data(model.index(994, 1)) == "改过" and seen == [(994, 994)]
    assert model.row_of(3) is None            # scrolled out of memory: not searched
    assert model.replace_row(ListRow(3, (3, "x"))) is False


def test_outside_the_rows_there_is_nothing():
    model = PagedTableModel(Numbers(5), page_size=10)
    assert model.rowCount() == 5
    assert model.data(model.index(7, 0)) is None
    assert model.row_id(-1) is None and model.row_id(5) is None
    assert model.data(model.index(4, 0), Qt.ItemDataRole.ToolTipRole) is None


def test_the_model_tester_accepts_the_window(qtmodeltester):
    model = PagedTableModel(Numbers(500), page_size=7)
    _scroll_to_end(model)
    qtmodeltester.check(model)


def test_the_list_counts_its_rows_off_the_ui_thread(qtbot):
    from wuye_desk.ui.list_panel import ListPanel

    sizes = iter([1_234, 56])
    panel = ListPanel(lambda _text, _filters: Numbers(next(sizes)))
    qtbot.addWidget(panel)
    assert panel.model.rowCount() == PAGE_SIZE    # the first page is there at once
    panel.wait_for_count()
    assert panel.count_label.text() == "共 1234 条"
    panel.refresh()
    panel.wait_for_count()
    assert panel.count_label.text() == "共 56 条"


def test_a_failed_count_leaves_the_list_and_no_number(qtbot):
    from wuye_desk.ui.list_panel import ListPanel

    class Broken(Numbers):
        def count(self) -> int:
            raise RuntimeError("database is locked")

    panel = ListPanel(lambda _text, _filters: Broken(10))
    qtbot.addWidget(panel)
    panel.wait_for_count()
    assert panel.count_label.text() == "" and panel.model.rowCount() == 10
