"""Complaints on SQLite and on PostgreSQL (several desks share one server)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.services.complaint_helpers import lift, neighbours
from wuye_desk.services import complaint_figures as fig
from wuye_desk.services import complaints as svc
from wuye_desk.services.complaints import ComplaintFilter, VisitInput


def test_C4_same_matter_raise_daily_check_and_lists_on_every_database(any_desk, clock):
    desk = any_desk
    a, b, c = neighbours(desk, 3)
    first = svc.register_complaint(desk, lift(a)).complaint_id
    second = svc.register_complaint(desk, lift(b), link_ids=[first]).complaint_id
    third = svc.register_complaint(desk, lift(c), link_ids=[second])
    assert third.severity.value == "热点" and set(third.raised) >= {"TS20261100001"}
    lone = svc.register_complaint(desk, lift(a, subtopic="车辆管理")).complaint_id
    clock.set(datetime(2026, 11, 26, 10, 0))
    assert "1宗" in svc.daily_check(desk)
    assert svc.get_complaint(desk, lone).severity == "热点"
    rows = svc.list_query(desk, ComplaintFilter(overdue=True)).page().rows
    assert {r.id for r in rows} == {first, second, third.complaint_id, lone}
    assert svc.list_query(desk, ComplaintFilter(text="李四")).count() == 1


def test_C9_S2_figures_on_every_database(any_desk):
    desk = any_desk
    a, b = neighbours(desk, 2)
    for hid, rating in ((a, "A"), (b, "C")):
        cid = svc.register_complaint(desk, lift(hid)).complaint_id
        svc.handle(desk, cid, "联系")
        svc.fix(desk, cid, "修好")
        svc.tell(desk, cid, "告知")
        svc.return_visit(desk, cid, VisitInput("回访", "结果", rating))
    nov = (date(2026, 11, 1), date(2026, 11, 30))
    assert fig.satisfaction(desk, *nov).rate == pytest.approx(50.0)
    counts = fig.counts(desk, *nov)
    assert counts.by_state["已回访"] == 1 and counts.by_state["处理中"] == 1
    rates = {r.clock: r for r in fig.on_time_rates(desk, *nov)}
    assert rates["处理时限"].on_time == 1        # the C one is being fixed again
    assert len(list(fig.complaints_in_period(desk, *nov))) == 2
