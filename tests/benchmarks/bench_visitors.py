"""The visitor log with 1,000,000 visits: the first page, a filtered page, the inside list.

    python tests/benchmarks/run.py visitors
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from data import TODAY, desk_with
from harness import bench
from sqlalchemy import text

from wuye_desk.services import demo, visitor_demo, visitors
from wuye_desk.services.desk import Desk
from wuye_desk.services.visitors import VisitFilter

VISITS = 1_000_000


def _build(desk: Desk) -> None:
    demo.fill(desk, households=2000, seed=7)
    rng = random.Random(7)
    with desk.read() as session:
        ids = [r[0] for r in session.execute(text("SELECT id FROM household"))]
    hosts = visitor_demo.hosts(desk, ids)
    persons = visitor_demo.people(rng, 20_000, TODAY.date())
    duty = visitor_demo.duty_manager(desk)
    start = TODAY - timedelta(days=3 * 365)
    visitor_demo.bulk_insert_visits(desk, visitor_demo.visit_rows(
        rng, VISITS, start, TODAY, hosts, persons, duty, None, TODAY), "基准测试访客", batch=10_000)
    with desk.db.write_engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def visits_1m() -> Desk:
    return desk_with("visitors-1m", _build)


def _bare(desk: Desk, sql: str, **params):  # type: ignore[no-untyped-def]
    def run() -> object:
        with desk.db.read_engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    return run


@bench("visitors: first page of the log", "< 50 ms", limit_ms=50)
def first_page():  # type: ignore[no-untyped-def]
    desk = visits_1m()
    q = visitors.list_query(desk)
    return (lambda: q.page(None, 200),
            _bare(desk, "SELECT id, serial, visitor_name FROM visit "
                        "ORDER BY arrived_at DESC, id DESC LIMIT 201"))


@bench("visitors: page 50 of the log (keyset)", "< 50 ms", limit_ms=50)
def deep_page():  # type: ignore[no-untyped-def]
    desk = visits_1m()
    q = visitors.list_query(desk)
    after = None
    for _ in range(50):
        after = q.page(after, 200).after
    return (lambda: q.page(after, 200), None)


@bench("visitors: refused last month", "< 50 ms", limit_ms=50)
def filtered_page():  # type: ignore[no-untyped-def]
    desk = visits_1m()
    last = TODAY.date().replace(day=1) - timedelta(days=1)
    f = VisitFilter(last.replace(day=1), last, status="未准入")
    q = visitors.list_query(desk, f)
    return (lambda: q.page(None, 200),
            _bare(desk, "SELECT id FROM visit WHERE status='未准入' AND arrived_at >= :a "
                        "AND arrived_at < :b ORDER BY arrived_at DESC, id DESC LIMIT 201",
                  a=datetime.combine(last.replace(day=1), datetime.min.time()),
                  b=datetime.combine(last + timedelta(days=1), datetime.min.time())))


@bench("visitors: one host unit", "< 50 ms", limit_ms=50)
def host_page():  # type: ignore[no-untyped-def]
    desk = visits_1m()
    with desk.read() as session:
        code = session.execute(text("SELECT host_unit_code FROM visit WHERE host_unit_code "
                                    "IS NOT NULL LIMIT 1")).scalar_one()
    q = visitors.list_query(desk, VisitFilter(host_unit=code))
    return (lambda: q.page(None, 200), None)


@bench("visitors: text (a surname) in a date range", "< 100 ms", limit_ms=100)
def text_page():  # type: ignore[no-untyped-def]
    desk = visits_1m()
    q = visitors.list_query(desk, VisitFilter(date(2026, 1, 1), date(2026, 6, 30), text="王"))
    return (lambda: q.page(None, 200), None)


@bench("visitors: who is still inside", "< 50 ms", limit_ms=50)
def inside():  # type: ignore[no-untyped-def]
    desk = visits_1m()
    q = visitors.inside_query(desk)
    return (lambda: q.page(None, 200),
            _bare(desk, "SELECT id FROM visit WHERE status='在访' "
                        "ORDER BY arrived_at, id LIMIT 201"))


@bench("visitors: returning visitor by ID number", "< 20 ms", limit_ms=20)
def returning():  # type: ignore[no-untyped-def]
    desk = visits_1m()
    with desk.read() as session:
        number = session.execute(text("SELECT id_number FROM visit WHERE id_purged = 0 "
                                      "ORDER BY id DESC LIMIT 1")).scalar_one()
    return (lambda: visitors.returning_visitor(desk, "居民身份证", number), None)


@bench("visitors: overview (inside after closing)", "< 50 ms", limit_ms=50)
def overview():  # type: ignore[no-untyped-def]
    desk = visits_1m()
    return (lambda: visitors.overview_lines(desk), None)


@bench("visitors: text (a rare phone tail), all dates", "≤ 1.5 × bare FTS", limit_ratio=1.5)
def text_rare():  # type: ignore[no-untyped-def]
    # digits are single-character tokens present in every phone: the FTS phrase query
    # itself is the cost (the floor), not the list around it
    desk = visits_1m()
    q = visitors.list_query(desk, VisitFilter(text="99999"))
    return (lambda: q.page(None, 200),
            _bare(desk, "SELECT rowid FROM visit_fts WHERE visit_fts MATCH '\"9 9 9 9 9\"'"))
