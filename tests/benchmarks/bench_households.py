"""The household archive with 100,000 households: the list, its filters, search, scrolling."""

from __future__ import annotations

from data import households_100k
from harness import bench
from sqlalchemy import text

from wuye_desk.services import households


def _bare(desk, sql: str, **params):  # type: ignore[no-untyped-def]
    def run() -> object:
        with desk.db.read_engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    return run


@bench("households: first page of the list", "< 50 ms", limit_ms=50)
def first_page():  # type: ignore[no-untyped-def]
    desk = households_100k()
    q = households.list_query(desk)
    return (lambda: q.page(None, 200),
            _bare(desk, "SELECT id, unit_code, primary_name FROM household "
                        "ORDER BY unit_sort, id LIMIT 201"))


@bench("households: filtered by building and state", "< 50 ms", limit_ms=50)
def filtered():  # type: ignore[no-untyped-def]
    desk = households_100k()
    q = households.list_query(desk, building="120", occupancy="出租")
    return (lambda: q.page(None, 200),
            _bare(desk, "SELECT id FROM household WHERE building='120' AND occupancy='出租' "
                        "ORDER BY unit_sort, id LIMIT 201"))


@bench("households: search a 2-character name", "< 50 ms", limit_ms=50)
def search_name():  # type: ignore[no-untyped-def]
    desk = households_100k()
    return (lambda: households.search(desk, "王芳", limit=20),
            _bare(desk, "SELECT id FROM household WHERE id IN (SELECT rowid FROM household_fts "
                        "WHERE household_fts MATCH '\"王 芳\"') ORDER BY unit_sort LIMIT 20"))


@bench("households: search pinyin initials 'zs'", "< 50 ms", limit_ms=50)
def search_initials():  # type: ignore[no-untyped-def]
    desk = households_100k()
    return (lambda: households.search(desk, "zs", limit=20),
            _bare(desk, "SELECT id FROM household WHERE id IN (SELECT rowid FROM household_fts "
                        "WHERE household_fts MATCH '\"z s\"') ORDER BY unit_sort LIMIT 20"))


@bench("households: search a phone number tail (rare)", "< 50 ms", limit_ms=50)
def search_rare():  # type: ignore[no-untyped-def]
    desk = households_100k()
    return (lambda: households.search(desk, "99999", limit=20),
            _bare(desk, "SELECT id FROM household WHERE id IN (SELECT rowid FROM household_fts "
                        "WHERE household_fts MATCH '\"9 9 9 9 9\"') ORDER BY unit_sort LIMIT 20"))


@bench("households: page 400 (row 80,000) by keyset", "< 50 ms", limit_ms=50)
def deep_page():  # type: ignore[no-untyped-def]
    desk = households_100k()
    q = households.list_query(desk)
    with desk.db.read_engine.connect() as conn:
        key = tuple(conn.execute(text(
            "SELECT unit_sort, id FROM household ORDER BY unit_sort, id LIMIT 1 OFFSET 80000")).one())
    return (lambda: q.page(key, 200),
            _bare(desk, "SELECT id FROM household WHERE (unit_sort, id) > (:a, :b) "
                        "ORDER BY unit_sort, id LIMIT 201", a=key[0], b=key[1]))


@bench("households: scroll the whole list in the view", "whole list, 100k rows", repeat=3)
def scroll_all():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from wuye_desk.ui.households.tab import HouseholdsTab

    app = QApplication.instance() or QApplication([])
    desk = households_100k()
    tab = HouseholdsTab(desk)

    def scroll() -> None:
        tab.list.refresh()
        model = tab.list.model
        while model.canFetchMore():
            model.fetchMore()
        tab.list.view.scrollToBottom()
        app.processEvents()

    return scroll, None
