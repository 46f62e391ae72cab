"""The VIP register on SQLite and on PostgreSQL."""

from datetime import date, datetime

import pytest

from tests.services.vip_helpers import application, apply_and_issue, host_household
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import vip, vip_figures
from wuye_desk.services.vip import VipFilter


def test_cards_services_list_and_figures_on_every_database(any_desk, clock):
    desk = any_desk
    a, b = host_household(desk, "1栋1单元101"), host_household(desk, "1栋1单元102")
    va, n1 = apply_and_issue(desk, a)
    vip.replace_lost_card(desk, va)
    vb, n3 = apply_and_issue(desk, b, level="政府官员级")
    assert (n1, n3) == ("JK2001", "JK1001")
    vip.log_service(desk, va, "紧急现金援助", "被盗", amount="300")
    vip.revoke_card(desk, vb, "损害集团利益", "x")
    assert vip.card_badges(desk, [a, b]) == {a: "VIP JK2002 有效", b: "VIP JK1001 已撤销"}
    rows = vip.list_query(desk, VipFilter(text="jk2002")).page().rows
    assert [r.values[0] for r in rows] == ["JK2002"]
    assert vip.list_query(desk, VipFilter(status="有效")).count() == 1
    f = vip_figures.vip_figures(desk, date(2026, 11, 1), date(2026, 11, 30))
    assert (f.issued["补发"], f.revoked, f.cash_aid_fen) == (1, 1, 30000)
    assert vip_figures.segments(desk).vips_per_level["其他级"] == 1
    clock.set(datetime(2029, 11, 18, 9))
    assert vip.card_status_for_household(desk, a) == "VIP JK2002 已过期"


def test_a_refusal_writes_nothing_on_every_database(any_desk):
    desk = any_desk
    hid = host_household(desk)
    with pytest.raises(ValidationError):
        vip.apply(desk, application(hid, name="不在档案"))
    assert vip.list_query(desk).count() == 0
