"""The visitor log with 1,000,000 visits over ten years: its list, filters and search, the
whole log scrolled in the view (time and memory, 1,000 rows against 1,000,000), and a
visitor registered through the real widgets.

    python tests/benchmarks/run.py visitors
"""

from __future__ import annotations

import os
import random
from datetime import date, datetime, timedelta
from typing import Any

from data import SMALL, TODAY, database_path, ten_years
from harness import bench, child
from sqlalchemy import text

from wuye_desk.domain import search_text
from wuye_desk.services import visitor_demo, visitors
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import PAGE_SIZE
from wuye_desk.services.visitors import VisitFilter
from wuye_desk.store import search_index

VISITS = 1_000_000
YEARS = 10
COLUMNS = ("id, serial, status, arrived_at, left_at, visitor_name, id_number, id_purged, phone, "
           "people, plate, host_unit_code, host_department, host_name, watch_note, night, "
           "duty_manager_name, slip_returned")


def generate(desk: Desk, scale: float) -> None:
    """data.py step: ten years of visits (bulk insert, one transaction)."""
    rng = random.Random(7)
    if scale < 1:   # the small twin holds exactly its share (not the demo's visits)
        with desk.db.write_engine.begin() as conn:
            conn.execute(text("DELETE FROM visit"))
    with desk.read() as session:
        ids = [r[0] for r in session.execute(text("SELECT id FROM household"))]
    hosts = visitor_demo.hosts(desk, ids)
    persons = visitor_demo.people(rng, max(50, int(200_000 * scale)), TODAY.date())
    duty = visitor_demo.duty_manager(desk)
    start = TODAY - timedelta(days=YEARS * 365)
    fast = desk.db.is_sqlite and os.environ.get("WUYE_BENCH_SLOW_INSERT") is None
    if fast:   # the full-text index is filled once at the end, not row by row
        with desk.db.write_engine.begin() as conn:
            for stmt in search_index.drop_statements("visit"):
                conn.exec_driver_sql(stmt)
    visitor_demo.bulk_insert_visits(desk, visitor_demo.visit_rows(
        rng, max(1000, int(VISITS * scale)), start, TODAY, hosts, persons, duty, None, TODAY),
        "基准测试访客", batch=20_000)
    if fast:
        with desk.db.write_engine.begin() as conn:
            for stmt in search_index.create_statements("visit"):
                conn.exec_driver_sql(stmt)


def _bare(desk: Desk, sql: str, **params: Any):  # type: ignore[no-untyped-def]
    def run() -> object:
        with desk.db.read_engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    return run


@bench("visitors: first page of the log", "< 50 ms", limit_ms=50)
def first_page():  # type: ignore[no-untyped-def]
    desk = ten_years()
    q = visitors.list_query(desk)
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM visit ORDER BY arrived_at DESC, id DESC "
                        "LIMIT 101"))


@bench("visitors: the log at row 5,000 (keyset)", "< 50 ms", limit_ms=50)
def deep_page():  # type: ignore[no-untyped-def]
    desk = ten_years()
    q = visitors.list_query(desk)
    after = None
    for _ in range(50):
        after = q.page(after, PAGE_SIZE).after
    assert after is not None
    return (lambda: q.page(after, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM visit WHERE (arrived_at, id) < (:a, :b) "
                        "ORDER BY arrived_at DESC, id DESC LIMIT 101", a=after[0], b=after[1]))


@bench("visitors: refused last month", "< 50 ms", limit_ms=50)
def filtered_page():  # type: ignore[no-untyped-def]
    desk = ten_years()
    last = TODAY.date().replace(day=1) - timedelta(days=1)
    q = visitors.list_query(desk, VisitFilter(last.replace(day=1), last, status="未准入"))
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM visit WHERE status='未准入' AND arrived_at >= :a "
                        "AND arrived_at < :b ORDER BY arrived_at DESC, id DESC LIMIT 101",
                  a=datetime.combine(last.replace(day=1), datetime.min.time()),
                  b=datetime.combine(last + timedelta(days=1), datetime.min.time())))


@bench("visitors: one host unit", "< 50 ms", limit_ms=50)
def host_page():  # type: ignore[no-untyped-def]
    desk = ten_years()
    with desk.read() as session:
        code = session.execute(text("SELECT host_unit_code FROM visit WHERE host_unit_code "
                                    "IS NOT NULL ORDER BY id DESC LIMIT 1")).scalar_one()
    q = visitors.list_query(desk, VisitFilter(host_unit=code))
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM visit WHERE host_unit_code = :c "
                        "ORDER BY arrived_at DESC, id DESC LIMIT 101", c=code))


@bench("visitors: who is still inside", "< 50 ms", limit_ms=50)
def inside():  # type: ignore[no-untyped-def]
    desk = ten_years()
    q = visitors.inside_query(desk)
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM visit WHERE status='在访' "
                        "ORDER BY arrived_at, id LIMIT 101"))


def _search(query: str, f: VisitFilter | None = None):  # type: ignore[no-untyped-def]
    desk = ten_years()
    q = visitors.list_query(desk, f or VisitFilter(text=query))
    match = search_text.fts_match(query).replace("'", "''")
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM visit WHERE id IN (SELECT rowid FROM visit_fts "
                        f"WHERE visit_fts MATCH '{match}') ORDER BY arrived_at DESC, id DESC "
                        "LIMIT 101"))


@bench("visitors: search 1 Chinese character '芳'", "< 50 ms", limit_ms=50)
def search_one_char():  # type: ignore[no-untyped-def]
    return _search("芳")


@bench("visitors: search a 2-character name '王芳'", "< 50 ms", limit_ms=50)
def search_name():  # type: ignore[no-untyped-def]
    return _search("王芳")


@bench("visitors: search pinyin initials 'zs'", "< 50 ms", limit_ms=50)
def search_initials():  # type: ignore[no-untyped-def]
    return _search("zs")


@bench("visitors: search 3 digits '567'", "< 50 ms", limit_ms=50)
def search_3_digits():  # type: ignore[no-untyped-def]
    return _search("567")


@bench("visitors: search 4 digits of a phone '5678'", "< 50 ms", limit_ms=50)
def search_4_digits():  # type: ignore[no-untyped-def]
    return _search("5678")


@bench("visitors: search a phone tail '99999' (rare)", "< 50 ms", limit_ms=50)
def search_rare():  # type: ignore[no-untyped-def]
    return _search("99999")


@bench("visitors: search a plate fragment 'a12'", "< 50 ms", limit_ms=50)
def search_plate():  # type: ignore[no-untyped-def]
    return _search("a12")


@bench("visitors: search a surname in half a year", "< 50 ms", limit_ms=50)
def search_in_range():  # type: ignore[no-untyped-def]
    return _search("王", VisitFilter(date(2026, 1, 1), date(2026, 6, 30), text="王"))


@bench("visitors: returning visitor by ID number", "< 50 ms", limit_ms=50)
def returning():  # type: ignore[no-untyped-def]
    desk = ten_years()
    with desk.read() as session:
        number = session.execute(text("SELECT id_number FROM visit WHERE id_purged = 0 "
                                      "ORDER BY id DESC LIMIT 1")).scalar_one()
    return (lambda: visitors.returning_visitor(desk, "居民身份证", number),
            _bare(desk, f"SELECT {COLUMNS} FROM visit WHERE id_number = :n "
                        "ORDER BY arrived_at DESC LIMIT 1", n=number))


@bench("visitors: overview (inside after closing)", "< 50 ms", limit_ms=50)
def overview():  # type: ignore[no-untyped-def]
    desk = ten_years()
    return (lambda: visitors.overview_lines(desk), None)


# --- the view: the whole log scrolled, and the memory it takes -------------------------

_scrolls: dict[float, dict[str, float]] = {}


def _scroll(scale: float) -> dict[str, float]:
    """Scroll the whole log in the visitor tab, in a fresh process (once per run)."""
    if scale not in _scrolls:
        ten_years(scale)   # built before the child opens it
        _scrolls[scale] = child("scroll", str(database_path(scale)))
    return _scrolls[scale]


def _bare_scroll(scale: float) -> float:
    """The floor: the same keyset pages fetched by bare SQL (no model, no view), in ms."""
    import time

    desk = ten_years(scale)
    started = time.perf_counter()
    with desk.db.read_engine.connect() as conn:
        rows = conn.execute(text(f"SELECT {COLUMNS} FROM visit ORDER BY arrived_at DESC, "
                                 "id DESC LIMIT 101")).all()
        while len(rows) > PAGE_SIZE:
            last = rows[PAGE_SIZE - 1]
            rows = conn.execute(text(f"SELECT {COLUMNS} FROM visit WHERE (arrived_at, id) < "
                                     "(:a, :b) ORDER BY arrived_at DESC, id DESC LIMIT 101"),
                                {"a": last.arrived_at, "b": last.id}).all()
    return (time.perf_counter() - started) * 1000


@bench("visitors: scroll the whole log in the view, 1M", "— (floor: bare keyset SQL)",
       repeat=1, measures=True)
def scroll_1m():  # type: ignore[no-untyped-def]
    return (lambda: _scroll(1.0)["ms"], lambda: _bare_scroll(1.0))


@bench("visitors: memory after scrolling 1,000 rows", "(the floor below)", repeat=1,
       measures=True, unit="MB")
def memory_1k():  # type: ignore[no-untyped-def]
    return (lambda: _scroll(SMALL)["rss_mb"], None)


@bench("visitors: memory after scrolling 1,000,000 rows", "≤ 60 MB over 1,000 rows",
       repeat=1, measures=True, unit="MB", limit_over=60)
def memory_1m():  # type: ignore[no-untyped-def]
    return (lambda: _scroll(1.0)["rss_mb"], lambda: _scroll(SMALL)["rss_mb"])


# --- registering through the real widgets ------------------------------------------------

_registered: dict[str, float] = {}


def _registration() -> dict[str, float]:
    if not _registered:
        ten_years()
        _registered.update(child("register", str(database_path(1.0))))
    return _registered


@bench("visitors: register a visitor, Ctrl+S to saved", "< 50 ms", repeat=1,
       measures=True, limit_ms=50)
def register_saved():  # type: ignore[no-untyped-def]
    return (lambda: _registration()["saved_ms"], lambda: _registration()["bare_ms"])


@bench("visitors: … to the form ready for the next one", "(list refreshed, slip PDF)",
       repeat=1, measures=True)
def register_ready():  # type: ignore[no-untyped-def]
    return (lambda: _registration()["ready_ms"], None)
