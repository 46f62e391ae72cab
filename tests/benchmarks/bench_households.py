"""The household archive with 100,000 households: the list, its filters, search, scrolling."""

from __future__ import annotations

from data import ten_years
from harness import bench
from sqlalchemy import text

from wuye_desk.domain import search_text
from wuye_desk.services import demo, households
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import PAGE_SIZE

HOUSEHOLDS = 100_000


def generate(desk: Desk, scale: float) -> None:
    """data.py step: the archive (members, contacts); each register has its own step."""
    steps = list(demo.DEMO_STEPS)
    demo.DEMO_STEPS.clear()
    try:
        demo.fill(desk, households=max(100, int(HOUSEHOLDS * scale)), seed=1)
    finally:
        demo.DEMO_STEPS[:] = steps


def _bare(desk, sql: str, **params):  # type: ignore[no-untyped-def]
    def run() -> object:
        with desk.db.read_engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    return run


@bench("households: first page of the list", "< 50 ms", limit_ms=50)
def first_page():  # type: ignore[no-untyped-def]
    desk = ten_years()
    q = households.list_query(desk)
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, "SELECT id, unit_code, primary_name, primary_phone, tenure, occupancy, "
                        "move_in_date, segment FROM household ORDER BY unit_sort, id LIMIT 101"))


@bench("households: filtered by building and state", "< 50 ms", limit_ms=50)
def filtered():  # type: ignore[no-untyped-def]
    desk = ten_years()
    q = households.list_query(desk, building="120", occupancy="出租")
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, "SELECT id, unit_code, primary_name, primary_phone, tenure, occupancy, "
                        "move_in_date, segment FROM household WHERE building='120' "
                        "AND occupancy='出租' ORDER BY unit_sort, id LIMIT 101"))


def _search(query: str):  # type: ignore[no-untyped-def]
    desk = ten_years()
    match = search_text.fts_match(query).replace("'", "''")
    return (lambda: households.search(desk, query, limit=20),
            _bare(desk, "SELECT id, unit_code, primary_name, primary_phone FROM household "
                        "WHERE id IN (SELECT rowid FROM household_fts WHERE household_fts "
                        f"MATCH '{match}') ORDER BY unit_sort LIMIT 20"))


@bench("households: search 1 Chinese character '芳'", "< 50 ms", limit_ms=50)
def search_one_char():  # type: ignore[no-untyped-def]
    return _search("芳")


@bench("households: search a 2-character name '王芳'", "< 50 ms", limit_ms=50)
def search_name():  # type: ignore[no-untyped-def]
    return _search("王芳")


@bench("households: search pinyin initials 'zs'", "< 50 ms", limit_ms=50)
def search_initials():  # type: ignore[no-untyped-def]
    return _search("zs")


@bench("households: search 4 digits of a phone '5678'", "< 50 ms", limit_ms=50)
def search_digits():  # type: ignore[no-untyped-def]
    return _search("5678")


@bench("households: search a phone tail '99999' (rare)", "< 50 ms", limit_ms=50)
def search_rare():  # type: ignore[no-untyped-def]
    return _search("99999")


@bench("households: page 400 (row 80,000) by keyset", "< 50 ms", limit_ms=50)
def deep_page():  # type: ignore[no-untyped-def]
    desk = ten_years()
    q = households.list_query(desk)
    with desk.db.read_engine.connect() as conn:
        key = tuple(conn.execute(text(
            "SELECT unit_sort, id FROM household ORDER BY unit_sort, id LIMIT 1 OFFSET 80000")).one())
    return (lambda: q.page(key, PAGE_SIZE),
            _bare(desk, "SELECT id, unit_code, primary_name, primary_phone, tenure, occupancy, "
                        "move_in_date, segment FROM household WHERE (unit_sort, id) > (:a, :b) "
                        "ORDER BY unit_sort, id LIMIT 101", a=key[0], b=key[1]))
