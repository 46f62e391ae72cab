"""VIP customers: 1,000 in a compound of 100,000 households — the list by unit, its card
filters and search, the reminders (cards to renew, birthdays to greet).

    python tests/benchmarks/run.py vip
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from data import TODAY, ten_years
from harness import bench
from sqlalchemy import text

from wuye_desk.domain import search_text
from wuye_desk.domain.vip import VipLevel
from wuye_desk.services import demo, vip, vip_demo
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import PAGE_SIZE
from wuye_desk.services.vip import VipFilter

VIPS = 1000
COLUMNS = ("v.id, v.card_number, v.level, v.name, h.unit_code, v.card_status, v.card_valid_to, "
           "v.phone, v.assistant")


def generate(desk: Desk, scale: float) -> None:
    """data.py step: the area's demo VIPs (every card state), then more applied and issued
    through the service over the past three years (a few hundred ms each at most)."""
    rng = random.Random(9)
    vip_demo.demo_vips(desk, rng, [])
    with desk.read() as session:
        taken = {r[0] for r in session.execute(text("SELECT household_id FROM vip_customer"))}
        people = [(r[0], r[1]) for r in session.execute(text(
            "SELECT household_id, name FROM member WHERE position = 0 ORDER BY household_id"))
            if r[0] not in taken]
    chosen = rng.sample(people, min(len(people), max(3, int(VIPS * scale)) - len(taken)))
    for household_id, name in chosen:
        issued = TODAY - timedelta(days=rng.randrange(1, 3 * 365 - 1))
        born = date(rng.randrange(1945, 1990), rng.randrange(1, 13), rng.randrange(1, 29))
        at = Desk(desk.db, desk.operator, lambda issued=issued: issued)  # type: ignore[misc]
        vip_id = vip.apply(at, vip.VipInput(
            household_id=household_id, name=name,
            level=(VipLevel.OTHER if rng.random() < 0.8 else rng.choice(list(VipLevel))).value,
            birthday_kind="公历", birthday=born.isoformat(),
            preferences=rng.choice(vip_demo.PREFERENCES), assistant="周晓燕",
            qualification=rng.choice(vip_demo.QUALIFICATIONS),
            applied_on=issued.date() - timedelta(days=7), approved_by="刘建国",
            approved_on=issued.date() - timedelta(days=2),
            family=[vip.FamilyInput(demo.person_name(rng), rng.choice(vip_demo.RELATIONS),
                                    "公历", f"{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")]))
        vip.issue_card(at, vip_id)


def _bare(desk: Desk, sql: str, **params: Any):  # type: ignore[no-untyped-def]
    def run() -> object:
        with desk.db.read_engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    return run


_FROM = "FROM vip_customer v JOIN household h ON h.id = v.household_id"


@bench("vip: first page of the list", "< 50 ms", limit_ms=50)
def first_page():  # type: ignore[no-untyped-def]
    desk = ten_years()
    q = vip.list_query(desk)
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} {_FROM} ORDER BY v.unit_sort, v.id LIMIT 101"))


@bench("vip: cards expiring soon", "< 50 ms", limit_ms=50)
def expiring():  # type: ignore[no-untyped-def]
    desk = ten_years()
    q = vip.list_query(desk, VipFilter(status="即将到期"))
    today = TODAY.date()
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} {_FROM} WHERE v.card_status = '有效' AND "
                        "v.card_valid_to >= :a AND v.card_valid_to <= :b "
                        "ORDER BY v.unit_sort, v.id LIMIT 101",
                  a=today, b=today + timedelta(days=60)))


def _search(query: str):  # type: ignore[no-untyped-def]
    desk = ten_years()
    q = vip.list_query(desk, VipFilter(text=query))
    match = search_text.fts_match(query).replace("'", "''")
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} {_FROM} WHERE v.id IN (SELECT rowid FROM "
                        f"vip_customer_fts WHERE vip_customer_fts MATCH '{match}') "
                        "ORDER BY v.unit_sort, v.id LIMIT 101"))


@bench("vip: search 1 Chinese character '王'", "< 50 ms", limit_ms=50)
def search_one_char():  # type: ignore[no-untyped-def]
    return _search("王")


@bench("vip: search pinyin initials 'zs'", "< 50 ms", limit_ms=50)
def search_initials():  # type: ignore[no-untyped-def]
    return _search("zs")


@bench("vip: overview lines (cards to renew, birthdays)", "< 50 ms", limit_ms=50)
def overview():  # type: ignore[no-untyped-def]
    desk = ten_years()
    return (lambda: vip.overview_lines(desk), None)


@bench("vip: birthdays to greet this week", "< 50 ms", limit_ms=50)
def greetings():  # type: ignore[no-untyped-def]
    desk = ten_years()
    return (lambda: vip.greetings(desk), None)


