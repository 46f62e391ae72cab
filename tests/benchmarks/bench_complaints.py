"""Complaints with 50,000 in the database (about ten years of a busy office):
the open list by nearest deadline, the overdue view, a year's figures.

    python tests/benchmarks/run.py complaints
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from data import TODAY, ten_years, without_fts
from harness import bench
from sqlalchemy import insert, select, text

from wuye_desk.domain import search_text, units
from wuye_desk.domain.calendar import WorkCalendar
from wuye_desk.domain.complaints import (
    ContentType,
    ResponsibilityClass,
    Severity,
    State,
    Subtopic,
    clocks,
    visit_due,
)
from wuye_desk.services import complaint_figures, complaints
from wuye_desk.services.complaints import NO_DUE, ComplaintFilter
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import PAGE_SIZE
from wuye_desk.store.models import Complaint, ReturnVisit

COMPLAINTS = 50_000


DESCRIPTIONS = ("楼上漏水渗到卧室天花板", "电梯经常停在半层", "夜间装修噪音扰民", "地下车库照明损坏",
                "小区门禁卡失灵无法进门", "垃圾清运不及时有异味", "物业费账单金额有误",
                "宠物狗在楼道随地便溺", "消防通道被车辆堵塞", "绿化带杂草无人修剪")


def _rows(rng: random.Random, households: list[tuple[int, str, str, str]],
          count: int) -> list[dict[str, Any]]:
    cal = WorkCalendar()
    start = TODAY - timedelta(days=10 * 365)
    span = int((TODAY - start).total_seconds())
    out = []
    for i in range(count):
        at = start + timedelta(seconds=rng.randrange(span))
        hid, unit, name, phone = rng.choice(households)
        description = rng.choice(DESCRIPTIONS)
        content = rng.choice(list(ContentType))
        sub = rng.choice(list(Subtopic)).value if content is ContentType.PROPERTY else ""
        sev = rng.choices(list(Severity), (80, 12, 6, 2))[0]
        k = clocks(at, sev, ResponsibilityClass.OFFICE, cal)
        old = (TODAY - at).days > 40
        state = State.CLOSED if old and rng.random() < 0.97 else rng.choice(list(State))
        fixed = at + timedelta(hours=rng.randrange(2, 100)) if state not in (
            State.RECEIVED, State.HANDLING, State.INVALID) else None
        vdue = visit_due(fixed, sev) if fixed else None
        visited = fixed + timedelta(days=rng.randrange(1, 15)) if fixed and state in (
            State.VISITED, State.CLOSED) else None
        nxt = (min(k.fix_due, k.contact_due) if state.unresolved
               else vdue if state is State.FIXED else NO_DUE)
        out.append(dict(
            serial=f"TS{at:%Y%m}{i + 1:05d}", received_at=at, channel="电话",
            complainant_kind="业户", household_id=hid, unit_code=unit,
            building=units.parse_unit(unit).building, complainant_name=name,
            complainant_phone=phone,
            content_type=content.value, subtopic=sub, resp_class="一类",
            description=description, people=1, litigation=False, media=False, risk=False,
            compensation=False, needs_help=False, office_fault=True, severity=sev.value,
            proposed_severity=sev.value, severity_reason="", handler="客户主管",
            matter_id=None, repeat_of_id=None, state=state.value, is_open=state.open,
            next_due=nxt, contact_due=k.contact_due, contacted_at=at + timedelta(minutes=30),
            escalate_due=None, escalated_at=None, fix_due=k.fix_due, fixed_at=fixed,
            told_at=fixed, visit_due=vdue, visited_at=visited,
            satisfaction=rng.choice("AAABC") if visited else "", closed_at=visited,
            invalid_reason="", follow_ups=0, case_library=False, recurring=False,
            search_text=search_text.build(name, phone, units.parse_unit(unit).display, unit,
                                          content.value, sub, description, names=(name,)),
            created_at=at, created_by=None, version=1))
    return out


def generate(desk: Desk, scale: float) -> None:
    """data.py step: ten years of complaints and their return visits (bulk insert)."""
    rng = random.Random(5)
    with desk.read() as session:
        households = [(r[0], r[1], r[2] or "业主", r[3] or "") for r in session.execute(
            text("SELECT id, unit_code, primary_name, primary_phone FROM household"))]
    rows = _rows(rng, households, max(50, int(COMPLAINTS * scale)))
    with without_fts(desk, "complaint"), desk.db.write_engine.begin() as conn:
        for i in range(0, len(rows), 5000):
            conn.execute(insert(Complaint), rows[i:i + 5000])
        ids = conn.execute(select(Complaint.id, Complaint.visited_at, Complaint.satisfaction)
                           .where(Complaint.visited_at.is_not(None))).all()
        conn.execute(insert(ReturnVisit), [dict(
            complaint_id=r[0], visited_at=r[1], method="电话", visitor_name="客服",
            content="回访", result="满意", satisfaction=r[2], created_at=r[1],
            created_by=None) for r in ids])


def complaints_50k() -> Desk:
    return ten_years()


COLUMNS = ("id, serial, received_at, complainant_name, complainant_kind, unit_code, building, "
           "content_type, subtopic, severity, state, handler, next_due, description, "
           "severity_reason")


def _bare(desk: Desk, sql: str, **params: Any):  # type: ignore[no-untyped-def]
    def run() -> object:
        with desk.db.read_engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    return run


@bench("complaints: open list by nearest deadline", "< 50 ms", limit_ms=50)
def open_list():  # type: ignore[no-untyped-def]
    desk = complaints_50k()
    q = complaints.list_query(desk)
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM complaint WHERE is_open = 1 "
                        "ORDER BY next_due, id LIMIT 101"))


@bench("complaints: overdue view", "< 50 ms", limit_ms=50)
def overdue():  # type: ignore[no-untyped-def]
    desk = complaints_50k()
    q = complaints.list_query(desk, ComplaintFilter(overdue=True))
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM complaint WHERE is_open = 1 AND next_due < :n "
                        "ORDER BY next_due, id LIMIT 101", n=TODAY))


@bench("complaints: all, newest first, 重大 only", "< 50 ms", limit_ms=50)
def all_major():  # type: ignore[no-untyped-def]
    desk = complaints_50k()
    q = complaints.list_query(desk, ComplaintFilter(open_only=False, severity="重大"))
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM complaint WHERE severity = '重大' "
                        "ORDER BY received_at DESC, id DESC LIMIT 101"))


@bench("complaints: all of one building in one month", "< 50 ms", limit_ms=50)
def building_month():  # type: ignore[no-untyped-def]
    desk = complaints_50k()
    q = complaints.list_query(desk, ComplaintFilter(open_only=False, building="3",
                                                    month=date(2026, 10, 1)))
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM complaint WHERE building = '3' AND "
                        "received_at >= '2026-10-01' AND received_at < '2026-11-01' "
                        "ORDER BY received_at DESC, id DESC LIMIT 101"))


def _search(query: str, open_only: bool = False):  # type: ignore[no-untyped-def]
    desk = complaints_50k()
    q = complaints.list_query(desk, ComplaintFilter(open_only=open_only, text=query))
    match = search_text.fts_match(query).replace("'", "''")
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM complaint WHERE id IN (SELECT rowid FROM "
                        f"complaint_fts WHERE complaint_fts MATCH '{match}') "
                        "ORDER BY received_at DESC, id DESC LIMIT 101"))


@bench("complaints: search a 2-character name '王芳'", "< 50 ms", limit_ms=50)
def search_name():  # type: ignore[no-untyped-def]
    return _search("王芳")


@bench("complaints: search a word of the text '漏水'", "< 50 ms", limit_ms=50)
def search_word():  # type: ignore[no-untyped-def]
    return _search("漏水")


@bench("complaints: search pinyin initials 'zs'", "< 50 ms", limit_ms=50)
def search_initials():  # type: ignore[no-untyped-def]
    return _search("zs")


@bench("complaints: a year's figures (counts, on time, S2, score)", "< 500 ms", limit_ms=500)
def year_figures():  # type: ignore[no-untyped-def]
    desk = complaints_50k()
    start, end = date(2025, 11, 1), date(2026, 10, 31)

    def run() -> object:
        return (complaint_figures.counts(desk, start, end),
                complaint_figures.on_time_rates(desk, start, end),
                complaint_figures.satisfaction(desk, start, end),
                complaint_figures.office_score(desk, start, end))
    return (run, None)


@bench("complaints: the overview lines", "< 50 ms", limit_ms=50)
def overview_lines():  # type: ignore[no-untyped-def]
    desk = complaints_50k()
    return (lambda: complaints.overview_lines(desk), None)


@bench("complaints: the daily check", "< 200 ms", limit_ms=200)
def daily_check():  # type: ignore[no-untyped-def]
    desk = complaints_50k()
    return (lambda: complaints.daily_check(desk), None)
