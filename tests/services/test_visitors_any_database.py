"""The visitor log on SQLite and on PostgreSQL (several desks share one server)."""

from datetime import date, datetime

import pytest

from tests.services.visitor_helpers import ZHAO_ID, host_household, visitor
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import visitor_figures, visitors
from wuye_desk.services.visitors import VisitFilter


def test_register_exit_list_figures_and_purge_on_every_database(any_desk, clock):
    desk = any_desk
    host_household(desk)
    clock.set(datetime(2026, 1, 5, 9, 0))
    old = visitors.register_visit(desk, visitor())
    clock.set(datetime(2026, 1, 5, 10, 30))
    visitors.record_exit(desk, old.serial, host_signed=True, slip_returned=True)
    clock.set(datetime(2026, 11, 18, 9, 0))
    visitors.register_visit(desk, visitor(visitor_name="钱多", host_answer="拒绝"))
    inside = visitors.register_visit(desk, visitor(visitor_name="孙悟")).serial
    clock.set(datetime(2026, 11, 18, 10, 0))
    assert [v.serial for v in visitors.still_inside(desk)] == [inside]
    with pytest.raises(ValidationError, match="不能重复登记"):
        visitors.record_exit(desk, old.serial, host_signed=True, slip_returned=True)
    rows = visitors.list_query(desk, VisitFilter(text="sw")).page().rows
    assert [r.values[2] for r in rows] == ["孙悟"]
    f = visitor_figures.visit_figures(desk, date(2026, 1, 1), date(2026, 11, 30))
    assert f.per_day == [(date(2026, 1, 5), 1), (date(2026, 11, 18), 2)]
    assert f.per_hour[9] == 3 and f.refusals == 1
    assert f.average_stay_minutes == pytest.approx(90)
    assert visitors.purge_expired_ids(desk).masked == 1
    assert visitors.get_visit(desk, old.visit_id, reveal_id=True).id_number != ZHAO_ID
