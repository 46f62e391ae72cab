"""The household archive service (rules G1, G2, G3)."""

from datetime import date

import pytest
from sqlalchemy import func, select, text

from wuye_desk.domain.errors import ConflictError, PermissionDenied, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import households
from wuye_desk.services.households import ContactInput, HouseholdInput, MemberInput
from wuye_desk.store.models import Household, Member

ZHANG_ID = "11010519491231002X"


def zhang(unit: str = "3栋2单元1502", **kw) -> HouseholdInput:
    data = HouseholdInput(
        unit=unit, occupancy="已入伙", tenure="业主", move_in_date=date(2020, 5, 1),
        segment="有小孩的夫妇",
        members=[MemberInput("张三", "业主", "13812345678", "居民身份证", ZHANG_ID),
                 MemberInput("李梅", "家属", "139 1234 5678")],
        contacts=[ContactInput("张大山", "010-62345678", "父亲")])
    for k, v in kw.items():
        setattr(data, k, v)
    return data


def count(desk, model=Household) -> int:
    with desk.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_rule_G1_units_are_stored_normalised_and_shown_in_chinese(desk):
    hid = households.create_household(desk, zhang("3-2-1502"))
    view = households.get_household(desk, hid)
    assert view.unit_code == "3-2-1502"
    assert view.unit_display == "3栋2单元1502"
    with pytest.raises(ValidationError, match="已有档案"):
        households.create_household(desk, zhang("03栋02单元1502"))


def test_rule_G2_members_phones_and_emergency_contacts_are_kept(desk):
    hid = households.create_household(desk, zhang())
    view = households.get_household(desk, hid)
    assert [m.name for m in view.members] == ["张三", "李梅"]
    assert view.members[1].phone == "13912345678"
    assert view.contacts[0].phone == "010-62345678"
    assert view.segment == "有小孩的夫妇"


def test_rule_G3_id_numbers_are_masked_unless_revealed_with_permission(desk, desk_as):
    hid = households.create_household(desk, zhang())
    view = households.get_household(desk, hid)
    assert view.members[0].id_number != ZHANG_ID and "*" in view.members[0].id_number
    with pytest.raises(PermissionDenied):
        households.get_household(desk_as(Role.FRONT_DESK), hid, reveal_ids=True)
    full = households.get_household(desk, hid, reveal_ids=True)
    assert full.members[0].id_number == ZHANG_ID
    with desk.read() as s:
        views = s.execute(text("SELECT count(*) FROM audit_entry WHERE change='view'")).scalar()
    assert views == 1


def test_saving_a_form_that_still_shows_the_mask_keeps_the_full_number(desk):
    hid = households.create_household(desk, zhang())
    view = households.get_household(desk, hid)
    data = households.to_input(view)
    data.note = "改了备注"
    households.update_household(desk, hid, view.version, data)
    assert households.get_household(desk, hid, reveal_ids=True).members[0].id_number == ZHANG_ID


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"unit": "火星基地"}, "房号", "房号"),
    ({"occupancy": "拆迁"}, "入伙状态", "入伙状态"),
    ({"segment": "外星家庭"}, "家庭结构", "家庭结构"),
    ({"move_in_date": date(2030, 1, 1)}, "入伙日期", "晚于今天"),
    ({"members": [MemberInput("张三", "业主", "12345")]}, "手机", "手机"),
    ({"members": [MemberInput("张三", "业主", "", "居民身份证", "110105194912310021")]},
     "证件号码", "校验"),
    ({"members": []}, "姓名", "至少"),
    ({"members": [MemberInput("  ", "业主")]}, "姓名", "不能为空"),
    ({"contacts": [ContactInput("张大山", "abc")]}, "紧急联系电话", "紧急联系电话"),
])
def test_bad_input_is_refused_with_the_field_named_and_nothing_written(desk, change, field, words):
    with pytest.raises(ValidationError) as err:
        households.create_household(desk, zhang(**change))
    assert err.value.field == field
    assert words in err.value.message
    assert count(desk) == 0 and count(desk, Member) == 0


def test_a_second_desk_saving_a_stale_copy_is_refused(desk):
    hid = households.create_household(desk, zhang())
    first = households.get_household(desk, hid)
    second = households.get_household(desk, hid)
    a = households.to_input(first)
    a.note = "甲改的"
    households.update_household(desk, hid, first.version, a)
    b = households.to_input(second)
    b.note = "乙改的"
    with pytest.raises(ConflictError, match="其他工作站"):
        households.update_household(desk, hid, second.version, b)
    assert households.get_household(desk, hid).note == "甲改的"


def test_search_finds_by_unit_name_phone_and_pinyin_initials(desk):
    households.create_household(desk, zhang())
    households.create_household(desk, HouseholdInput(
        unit="A座1203", members=[MemberInput("王五", "业主", "13700001111")]))
    assert [h.name for h in households.search(desk, "zs")] == ["张三"]
    assert [h.name for h in households.search(desk, "张")] == ["张三"]
    assert [h.name for h in households.search(desk, "1111")] == ["王五"]
    assert [h.name for h in households.search(desk, "3-2-1502")] == ["张三"]
    assert [h.name for h in households.search(desk, "A座")] == ["王五"]
    assert households.search(desk, "%") == []


def test_the_list_pages_in_unit_order_with_filters(desk):
    for room in range(101, 131):
        households.create_household(desk, HouseholdInput(
            unit=f"2栋1单元{room}", members=[MemberInput(f"住户{room}", "业主")]))
    households.create_household(desk, zhang("10栋1单元101"))
    q = households.list_query(desk)
    first = q.page(limit=10)
    assert [r.values[0] for r in first.rows][:2] == ["2栋1单元101", "2栋1单元102"]
    second = q.page(first.after, limit=100)
    assert second.rows[-1].values[0] == "10栋1单元101"  # building 2 sorts before 10
    assert second.after is None
    assert q.count() == 31
    assert households.list_query(desk, building="10").count() == 1
    assert households.buildings(desk) == ["2", "10"]


def test_front_desk_may_register_households(desk_as):
    front = desk_as(Role.FRONT_DESK)
    hid = households.create_household(front, zhang())
    assert households.get_household(front, hid).primary_name == "张三"
