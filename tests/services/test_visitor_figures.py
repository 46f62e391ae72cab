"""Figures of the visitor desk for the monthly report (rule R1), and the demo data."""

from datetime import date, datetime

import pytest

from tests.services.visitor_helpers import host_household, visitor
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import goods_passes, visitor_figures, visitors
from wuye_desk.services.goods_passes import GoodsInput, GoodsLine, GoodsRefused


def test_figures_count_visits_by_day_and_hour_refusals_stay_night_and_passes(
        desk, desk_as, clock):
    host_household(desk)
    duty = desk_as(Role.DUTY_MANAGER)
    for day, hour, answer, stay in [(16, 9, "同意", 30), (16, 9, "同意", 90), (16, 15, "拒绝", 0),
                                    (17, 21, "同意", 60)]:
        clock.set(datetime(2026, 11, day, hour, 10))
        done = visitors.register_visit(duty if hour >= 20 else desk,
                                       visitor(host_answer=answer))
        if done.admitted:
            clock.set(datetime(2026, 11, day, hour, 10 + stay) if stay < 50
                      else datetime(2026, 11, day, hour + stay // 60, 10 + stay % 60))
            visitors.record_exit(desk, done.serial, host_signed=True, slip_returned=True)
    clock.set(datetime(2026, 11, 17, 10, 0))
    goods = GoodsInput(unit="3栋2单元1502", carrier_name="老周", sealed=True,
                       items=[GoodsLine("旧沙发", 1)])
    goods_passes.issue_goods_pass(desk, goods)
    with pytest.raises(GoodsRefused):
        goods_passes.issue_goods_pass(desk, GoodsInput(unit="3栋2单元1502", carrier_name="老周",
                                                       sealed=True, items=[GoodsLine("汽油", 1)]))
    clock.set(datetime(2026, 11, 18, 10, 0))
    f = visitor_figures.visit_figures(desk, date(2026, 11, 16), date(2026, 11, 17))
    assert f.per_day == [(date(2026, 11, 16), 3), (date(2026, 11, 17), 1)]
    assert f.per_hour[9] == 2 and f.per_hour[15] == 1 and f.per_hour[21] == 1
    assert (f.registrations, f.admitted, f.refusals, f.night_registrations) == (4, 3, 1, 1)
    assert f.average_stay_minutes == pytest.approx(60)
    assert (f.goods_passes, f.goods_refused) == (1, 1)
    assert "未准入 1" in f.lines()[0]
    empty = visitor_figures.visit_figures(desk, date(2025, 1, 1), date(2025, 1, 31))
    assert empty.registrations == 0 and empty.average_stay_minutes is None
    with pytest.raises(ValidationError, match="开始日期"):
        visitor_figures.visit_figures(desk, date(2026, 2, 1), date(2026, 1, 1))


def test_demo_data_gives_months_of_realistic_visits(desk):
    from wuye_desk.services import demo

    assert "wuye_desk.services.visitor_demo:demo_visits" in demo.DEMO_STEPS
    demo.fill(desk, households=40, seed=4)
    f = visitor_figures.visit_figures(desk, date(2026, 7, 1), date(2026, 11, 18))
    assert f.registrations > 1000 and 0 < f.refusals < f.registrations / 5
    assert f.night_registrations > 0 and f.goods_passes > 0
    assert f.per_hour[10] > f.per_hour[3]
    page = visitors.list_query(desk).page(None, 50)
    assert len(page.rows) == 50 and page.after is not None
    assert visitors.purge_expired_ids(desk).masked == 0    # demo stays within retention
