"""Goods carried in or out on a two-part pass (rule V5); hazardous goods are refused."""

from datetime import datetime

import pytest
from sqlalchemy import select

from tests.services.visitor_helpers import count, host_household, snapshot
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import goods_passes, visitor_forms
from wuye_desk.services.goods_passes import GoodsInput, GoodsLine, GoodsRefused
from wuye_desk.store.models import GoodsItem, GoodsPass


@pytest.fixture
def host(desk) -> int:
    return host_household(desk)


def goods(**kw) -> GoodsInput:
    data = GoodsInput(direction="带出", unit="3栋2单元1502", carrier_name="搬家师傅老周",
                      carrier_phone="13600002222", sealed=True,
                      items=[GoodsLine("旧沙发", 1, "张", "家具家电"),
                             GoodsLine("纸箱杂物", "3", "箱")])
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def refused(desk, data, *, field=None, words="", rule=None) -> ValidationError:
    before = snapshot(desk)
    with pytest.raises(ValidationError) as err:
        goods_passes.issue_goods_pass(desk, data)
    assert words in err.value.message
    if field:
        assert err.value.field == field
    if rule:
        assert err.value.rule == rule
    assert snapshot(desk) == before
    return err.value


def test_a_pass_names_unit_carrier_time_items_and_quantities(desk, host):
    issued = goods_passes.issue_goods_pass(desk, goods())
    assert issued.serial == f"WP261118{issued.pass_id:06d}"
    view = goods_passes.get_goods_pass(desk, issued.pass_id)
    assert (view.status, view.direction, view.unit, view.carrier_name) == (
        "放行", "带出", "3栋2单元1502", "搬家师傅老周")
    assert view.carried_at == datetime(2026, 11, 18, 10, 0)
    assert [(i.description, i.quantity, i.measure) for i in view.items] == [
        ("旧沙发", 1, "张"), ("纸箱杂物", 3, "箱")]
    assert view.carrier_phone == "136****2222"
    record = visitor_forms.goods_pass_record(view)
    assert record["seal"] == "已盖业户公章" and record["items"][1]["quantity"] == 3
    assert goods_passes.find_by_serial(desk, issued.serial.lower()) == issued.pass_id
    row = goods_passes.list_query(desk).page().rows[0]
    assert row.values[0] == issued.serial and row.values[5] == "旧沙发"


def test_rule_V5_goods_carried_out_need_the_tenants_seal_or_authorised_signature(desk, host):
    refused(desk, goods(sealed=False), field="盖章", rule="V5", words="加盖业户公章")
    signed = goods_passes.issue_goods_pass(desk, goods(sealed=False, signed_by="王经理"))
    assert goods_passes.get_goods_pass(desk, signed.pass_id).signed_by == "王经理"
    carried_in = goods_passes.issue_goods_pass(desk, goods(direction="带入", sealed=False))
    assert goods_passes.get_goods_pass(desk, carried_in.pass_id).direction == "带入"


def test_rule_V5_hazardous_goods_are_refused_and_the_refusal_recorded(desk, host, tmp_path):
    for line, words in [(GoodsLine("一桶汽油", 1, "桶"), "汽油"),
                        (GoodsLine("煤 气 罐", 2, "个"), "煤气罐"),
                        (GoodsLine("春节烟花", 5, "箱"), "烟花"),
                        (GoodsLine("工业炸药", 1), "炸药"),
                        (GoodsLine("果树农药", 2, "瓶"), "农药"),
                        (GoodsLine("清洗剂", 1, "瓶", "腐蚀性物品"), "腐蚀性物品")]:
        passes = count(desk, GoodsPass)
        with pytest.raises(GoodsRefused) as err:
            goods_passes.issue_goods_pass(desk, goods(items=[GoodsLine("旧沙发", 1), line]))
        assert words in err.value.message and "规则V5" in err.value.message
        assert err.value.rule == "V5" and err.value.field == "物品名称"
        assert count(desk, GoodsPass) == passes + 1
        view = goods_passes.get_goods_pass(desk, err.value.pass_id)
        assert view.status == "拒绝" and view.serial is None and words in view.refusal
    out = tmp_path / "pass.pdf"
    with pytest.raises(ValidationError, match="不能开具携物出入门证"):
        visitor_forms.print_goods_pass(desk, err.value.pass_id, out)
    assert not out.exists()
    rows = goods_passes.list_query(desk, status="拒绝").page().rows
    assert len(rows) == 6 and all(r.tone.value == "warning" for r in rows)


def test_a_tired_clerks_nonsense_on_a_pass_is_refused_and_nothing_written(desk, host):
    refused(desk, goods(unit="", company=""), field="房号", rule="V5")
    refused(desk, goods(unit="9栋9单元909"), field="房号", words="档案中没有")
    refused(desk, goods(carrier_name=""), field="携物人")
    refused(desk, goods(carrier_phone="123"), field="携物人电话")
    refused(desk, goods(items=[]), field="物品名称", rule="V5")
    refused(desk, goods(items=[GoodsLine("  ", 1)]), field="物品名称")
    refused(desk, goods(items=[GoodsLine("桌子", 0)]), field="数量", words="第1项物品")
    refused(desk, goods(items=[GoodsLine("桌子", "三")]), field="数量", words="整数")
    refused(desk, goods(items=[GoodsLine("桌子", 1, "件", "武器")]), field="物品类别")
    refused(desk, goods(direction="飞出"), field="出入方向")
    with desk.read() as s:
        assert s.scalar(select(GoodsItem.id)) is None


def test_rule_G5_a_pass_at_night_names_the_duty_manager(desk, desk_as, host, clock):
    front = desk_as(Role.FRONT_DESK)
    duty = desk_as(Role.DUTY_MANAGER)
    clock.set(datetime(2026, 11, 18, 22, 0))
    refused(front, goods(), field="值班总值", rule="G5")
    issued = goods_passes.issue_goods_pass(front, goods(duty_manager_id=duty.operator.id))
    assert issued.night and issued.duty_manager == duty.operator.name


def test_a_company_in_an_office_tower_may_carry_goods_without_a_unit(desk):
    issued = goods_passes.issue_goods_pass(desk, goods(unit="", company="华信科技有限公司",
                                                       items=[GoodsLine("办公电脑", 4, "台")]))
    view = goods_passes.get_goods_pass(desk, issued.pass_id)
    assert view.company == "华信科技有限公司" and view.unit == ""
