"""The archive's closed lists (rules G1, G2)."""

from __future__ import annotations

import pytest

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.households import MemberRole, Occupancy, Segment, Tenure
from wuye_desk.domain.text import ChoiceEnum


def test_rule_G1_occupancy_values():
    assert [o.value for o in Occupancy] == ["未入伙", "已入伙", "空置", "出租"]


def test_rule_G2_segments_are_the_eight_of_the_archive():
    assert [s.value for s in Segment] == [
        "单人工作丁克家庭", "双人工作丁克家庭", "有小孩的夫妇", "单亲家庭",
        "成熟家庭", "空巢家庭", "大龄单身贵族", "活跃长者",
    ]


def test_rule_G2_tenure_and_member_roles():
    assert [t.value for t in Tenure] == ["业主", "租户"]
    assert [r.value for r in MemberRole] == ["业主", "租户", "家属"]


@pytest.mark.parametrize("cls", [Occupancy, Tenure, MemberRole, Segment])
def test_every_value_parses_to_itself(cls: type[ChoiceEnum]):
    for member in cls:
        assert cls.parse(member.value) is member
        assert cls.parse(f"  {member.value} ") is member


@pytest.mark.parametrize(
    ("cls", "typed", "value"),
    [
        (Occupancy, "已入住", "已入伙"),
        (Occupancy, "入住", "已入伙"),
        (Occupancy, "已交房", "已入伙"),
        (Occupancy, "未交房", "未入伙"),
        (Occupancy, "出租中", "出租"),
        (Occupancy, "已出租", "出租"),
        (Occupancy, "空房", "空置"),
        (Tenure, "业主本人", "业主"),
        (Tenure, "房主", "业主"),
        (Tenure, "租客", "租户"),
        (MemberRole, "业主本人", "业主"),
        (MemberRole, "承租人", "租户"),
        (MemberRole, "配偶", "家属"),
        (MemberRole, "子女", "家属"),
        (Segment, "单人丁克", "单人工作丁克家庭"),
        (Segment, "双人工作丁克", "双人工作丁克家庭"),
        (Segment, "有小孩夫妇", "有小孩的夫妇"),
        (Segment, "单亲", "单亲家庭"),
        (Segment, "空巢老人", "空巢家庭"),
        (Segment, "单身贵族", "大龄单身贵族"),
        (Segment, "活跃老人", "活跃长者"),
        (Segment, "成熟", "成熟家庭"),
    ],
)
def test_rule_G2_synonyms(cls: type[ChoiceEnum], typed: str, value: str):
    assert cls.parse(typed) == value


@pytest.mark.parametrize(
    ("cls", "field", "allowed"),
    [
        (Occupancy, "入伙状态", "未入伙、已入伙、空置、出租"),
        (Tenure, "业主或租户", "业主、租户"),
        (MemberRole, "成员身份", "业主、租户、家属"),
        (Segment, "家庭结构", "单人工作丁克家庭、双人工作丁克家庭、有小孩的夫妇、单亲家庭、"
                             "成熟家庭、空巢家庭、大龄单身贵族、活跃长者"),
    ],
)
def test_unknown_values_are_refused_with_the_allowed_list(
    cls: type[ChoiceEnum], field: str, allowed: str
):
    with pytest.raises(ValidationError) as caught:
        cls.parse("不知道")
    assert caught.value.message == f"{field}“不知道”无法识别，可选：{allowed}"
    assert caught.value.field == field
    with pytest.raises(ValidationError) as caught:
        cls.parse(" ")
    assert caught.value.message == f"请填写{field}，可选：{allowed}"


def test_refusal_names_the_given_field():
    with pytest.raises(ValidationError) as caught:
        Occupancy.parse("未入住", "状态")  # ambiguous: not guessed
    assert caught.value.field == "状态"
    assert caught.value.message.startswith("状态“未入住”无法识别")


def test_parsed_values_are_plain_strings_for_the_database():
    assert Occupancy.parse("已入住") == "已入伙"
    assert isinstance(Segment.parse("空巢"), str)
