"""The key cabinet with 500 slots and ten years of lendings: the grid, the list, the alarms,
the month's figures.

    python tests/benchmarks/run.py keys
"""

from __future__ import annotations

import random
from datetime import timedelta

from data import TODAY, household_ids, ten_years
from harness import bench
from sqlalchemy import insert, select, text

from wuye_desk import settings
from wuye_desk.domain import search_text
from wuye_desk.services import key_demo, key_figures, keys, office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import PAGE_SIZE
from wuye_desk.store.models import CabinetKey, KeyEvent, KeyLoan

SLOTS = 500
LOANS = 50_000   # about 14 a day for ten years


def generate(desk: Desk, scale: float) -> None:
    """data.py step: a 500-slot cabinet filled by the area's demo (keys taken in, a month of
    use, today's alarms), then ten years of lendings behind it (bulk insert)."""
    office_settings.put(desk, settings.KEY_SLOT_COUNT, SLOTS)
    rng = random.Random(5)
    ids = household_ids(desk)
    key_demo.demo_keys(desk, rng, rng.sample(ids, min(len(ids), 2 * SLOTS)))
    approver = key_demo._manager(desk)
    with desk.read() as session:
        key_ids = list(session.scalars(select(CabinetKey.id)
                                       .where(CabinetKey.held_slot.is_not(None))))
    start = TODAY - timedelta(days=3650)
    count = max(50, int(LOANS * scale))
    loans, events = [], []
    for n in range(count):
        out = start + timedelta(minutes=n * (3650 - 40) * 1440 // count)
        out = out.replace(hour=9 + out.hour % 8)
        back = out + timedelta(minutes=rng.randrange(20, 400))
        key_id = rng.choice(key_ids)
        loans.append(dict(key_id=key_id, borrower_kind="员工", borrower_name="赵工",
                          borrower_company="", borrower_id_type="居民身份证",
                          borrower_id_number="11010519491231002X", borrower_phone="13600001111",
                          purpose="检查漏水", repair_works=False, unhanded=False,
                          approved_by=approver, approver_name="陈志远", out_at=out,
                          due_at=out.replace(hour=18), deadline=out.replace(hour=18),
                          returned_at=back, received_by="李小梅", return_condition="完好",
                          returned_late=back > out.replace(hour=18), created_at=out, version=1))
        events.append(dict(key_id=key_id, at=out, kind="借出", text="借给赵工（基准数据）",
                           operator_name="李小梅"))
    with desk.db.write_engine.begin() as conn:
        for i in range(0, count, 10_000):
            conn.execute(insert(KeyLoan), loans[i:i + 10_000])
            conn.execute(insert(KeyEvent), events[i:i + 10_000])


def cabinet_10y() -> Desk:
    return ten_years()


def _bare(desk: Desk, sql: str):  # type: ignore[no-untyped-def]
    def run() -> object:
        with desk.db.read_engine.connect() as conn:
            return conn.execute(text(sql)).all()
    return run


@bench("keys: the grid of 500 slots (records → cells)", "< 50 ms", limit_ms=50)
def grid():  # type: ignore[no-untyped-def]
    desk = cabinet_10y()
    return (lambda: keys.cabinet(desk),
            _bare(desk, "SELECT id, held_slot, status FROM cabinet_key WHERE held_slot IS NOT NULL"))


_COLUMNS = ("id, slot, unit_code, tag, kind, key_count, condition, status, depositor_name, "
            "entrusted_at")


@bench("keys: first page of the list", "< 50 ms", limit_ms=50)
def first_page():  # type: ignore[no-untyped-def]
    desk = cabinet_10y()
    q = keys.list_query(desk)
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {_COLUMNS} FROM cabinet_key WHERE held_slot IS NOT NULL "
                        "ORDER BY length(slot), slot, id LIMIT 101"))


@bench("keys: the lent-out view", "< 50 ms", limit_ms=50)
def lent():  # type: ignore[no-untyped-def]
    desk = cabinet_10y()
    q = keys.list_query(desk, view="借出")
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {_COLUMNS} FROM cabinet_key WHERE status = '借出' "
                        "ORDER BY length(slot), slot, id LIMIT 101"))


@bench("keys: search a surname '王'", "< 50 ms", limit_ms=50)
def search_name():  # type: ignore[no-untyped-def]
    desk = cabinet_10y()
    q = keys.list_query(desk, text="王")
    match = search_text.fts_match("王")
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {_COLUMNS} FROM cabinet_key WHERE held_slot IS NOT NULL AND "
                        "id IN (SELECT rowid FROM cabinet_key_fts WHERE cabinet_key_fts MATCH "
                        f"'{match}') ORDER BY length(slot), slot, id LIMIT 101"))


@bench("keys: overdue alarms (overview)", "< 50 ms", limit_ms=50)
def alarms():  # type: ignore[no-untyped-def]
    desk = cabinet_10y()
    return lambda: keys.alarms(desk), None


@bench("keys: one month's figures (rule K8)", "< 100 ms", limit_ms=100)
def figures():  # type: ignore[no-untyped-def]
    desk = cabinet_10y()
    return lambda: key_figures.month_figures(desk, 2026, 10), None


@bench("keys: one key's history", "< 50 ms", limit_ms=50)
def history():  # type: ignore[no-untyped-def]
    desk = cabinet_10y()
    with desk.read() as session:
        key_id = session.scalar(select(KeyLoan.key_id).limit(1))
    assert key_id is not None
    return lambda: keys.get_key(desk, key_id), None
