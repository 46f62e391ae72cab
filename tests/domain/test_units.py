"""Units of the compound (rule G1): `3栋2单元1502`, towers `A座1203`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.units import Unit, parse_unit, unit_from_parts

UNIT_3_2_1502 = Unit("3", "2", "1502")
TOWER_A_1203 = Unit("A", None, "1203")


def refusal(text: str, **kwargs: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_unit(text, **kwargs)
    return caught.value


def parts_refusal(building: str | None, entrance: str | None, room: str | None):
    with pytest.raises(ValidationError) as caught:
        unit_from_parts(building, entrance, room)
    return caught.value


@pytest.mark.parametrize(
    "typed",
    [
        "3栋2单元1502",
        "3-2-1502",
        "3号楼2单元1502室",
        "03栋02单元1502",
        "3幢2单元1502",
        "3栋2单元1502号",
        "3栋2单元1502房",
        "３栋２单元１５０２",
        "３－２－１５０２",
        " 3 栋 2 单元 1502 ",
        "3—2—1502",
        "3_2_1502",
        "3/2/1502",
        "3#2单元1502",
        "3#楼2单元1502",
        "3栋2-1502",
        "3楼2单元1502",
        "三栋二单元1502",
        "3栋2门1502",
    ],
)
def test_rule_G1_office_spellings_of_a_unit(typed: str):
    assert parse_unit(typed) == UNIT_3_2_1502


@pytest.mark.parametrize(
    "typed", ["A座1203", "A栋1203", "a座1203", "A-1203", "Ａ－１２０３", "A座1203室"]
)
def test_rule_G1_towers(typed: str):
    unit = parse_unit(typed)
    assert unit == TOWER_A_1203
    assert unit.tower


def test_rule_G1_code_and_display():
    assert UNIT_3_2_1502.code == "3-2-1502"
    assert UNIT_3_2_1502.display == "3栋2单元1502"
    assert str(UNIT_3_2_1502) == "3栋2单元1502"
    assert UNIT_3_2_1502.building == "3"
    assert not UNIT_3_2_1502.tower
    assert TOWER_A_1203.code == "A-1203"
    assert TOWER_A_1203.display == "A座1203"
    assert TOWER_A_1203.building == "A"


def test_numbered_building_without_entrance():
    unit = parse_unit("5栋1502")
    assert unit == Unit("5", None, "1502")
    assert (unit.code, unit.display, unit.tower) == ("5-1502", "5栋1502", False)
    assert parse_unit("5-1502") == unit
    assert parse_unit("5座1502") == unit  # a numbered 座 cannot be told apart in the code


def test_lettered_building_with_entrance_is_not_a_tower():
    unit = parse_unit("A栋2单元1502")
    assert unit == Unit("A", "2", "1502")
    assert not unit.tower
    assert unit.display == "A栋2单元1502"


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("10栋1单元101", Unit("10", "1", "101")),
        ("12栋3单元3001", Unit("12", "3", "3001")),
        ("十二栋1502", Unit("12", None, "1502")),
        ("二十一栋二单元1502", Unit("21", "2", "1502")),
        ("二十二栋1502", Unit("22", None, "1502")),
        ("3栋2单元0101", Unit("3", "2", "0101")),  # the room keeps its digits
        ("A1座203", Unit("A1", None, "203")),
        ("B02座203", Unit("B2", None, "203")),
        ("AB座88", Unit("AB", None, "88")),
        ("3栋B单元1502", Unit("3", "B", "1502")),
    ],
)
def test_more_units(typed: str, unit: Unit):
    assert parse_unit(typed) == unit


def test_unreadable_unit_shows_what_was_typed_and_an_example():
    error = refusal("1502")
    assert error.message == "房号“1502”看不懂，请写成3栋2单元1502、3-2-1502或A座1203这样"
    assert error.field == "房号"


@pytest.mark.parametrize(
    "typed",
    ["abc", "321502", "3栋", "3栋2单元", "栋2单元1502", "3栋2单元1502室1", "3,2,1502",
     "3栋2单元15楼02"],
)
def test_nonsense_is_refused(typed: str):
    message = refusal(typed).message
    assert message.startswith(f"房号“{typed}”")
    assert "3栋2单元1502" in message


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("0栋2单元1502", "的楼栋号不能是0"),
        ("1000栋1502", "的楼栋号1000太大"),
        ("A0座1203", "的楼栋号不能是A0"),
        ("三三栋1502", "的楼栋号看不懂"),
        ("3栋0单元1502", "的单元号应在1到99之间"),
        ("3栋100单元1502", "的单元号应在1到99之间"),
        ("3栋2单元1", "的房间号应为2到4位数字"),
        ("3栋2单元15020", "的房间号应为2到4位数字"),
        ("3-21502", "的房间号应为2到4位数字"),
    ],
)
def test_specific_reasons(typed: str, reason: str):
    message = refusal(typed).message
    assert message == f"房号“{typed}”{reason}，请写成3栋2单元1502、3-2-1502或A座1203这样"


def test_empty_is_refused_with_an_example():
    assert refusal("  ").message == "请填写房号，例如3栋2单元1502、3-2-1502或A座1203"


def test_message_names_the_given_field():
    error = refusal("xyz", field="被访房号")
    assert error.field == "被访房号"
    assert error.message.startswith("被访房号“xyz”看不懂")


def test_very_long_input_is_cut_in_the_message():
    error = refusal("x" * 200)
    assert "x" * 30 + "…" in error.message
    assert "x" * 31 not in error.message


def test_unit_refuses_non_normal_parts():
    for building, entrance, room in [("03", "2", "1502"), ("3", "02", "1502"),
                                     ("3", "2", "1"), ("a", None, "1203"), ("3", "0", "1502")]:
        with pytest.raises(ValueError):
            Unit(building, entrance, room)


# --- roster columns --------------------------------------------------------------


@pytest.mark.parametrize(
    ("building", "entrance", "room"),
    [("3", "2", "1502"), ("3栋", "2单元", "1502室"), ("03", "02", "1502"),
     ("3号楼", "2", "1502"), (" ３ ", "２", "１５０２"), ("三栋", "二单元", "1502")],
)
def test_rule_G1_roster_columns(building: str, entrance: str, room: str):
    assert unit_from_parts(building, entrance, room) == UNIT_3_2_1502


def test_roster_columns_tower_and_no_entrance():
    assert unit_from_parts("A座", "", "1203") == TOWER_A_1203
    assert unit_from_parts("a", None, "1203") == TOWER_A_1203
    assert unit_from_parts("5", None, "1502") == Unit("5", None, "1502")


def test_roster_columns_refusals_name_their_column():
    cases = [
        (("", "2", "1502"), "楼栋", "请填写楼栋"),
        ((None, "2", "1502"), "楼栋", "请填写楼栋"),
        (("3", "2", ""), "房号", "请填写房号"),
        (("?", "2", "1502"), "楼栋", "楼栋“?”看不懂，请写成3、3栋或A座这样"),
        (("0", "2", "1502"), "楼栋", "楼栋“0”的楼栋号不能是0，请写成3、3栋或A座这样"),
        (("3", "一百单元", "1502"), "单元", "单元“一百单元”看不懂，请写成2或2单元这样"),
        (("3", "100", "1502"), "单元", "单元“100”的单元号应在1到99之间，请写成2或2单元这样"),
        (("3", "2", "abc"), "房号", "房号“abc”看不懂，请写成1502这样"),
        (("3", "2", "1"), "房号", "房号“1”的房间号应为2到4位数字，请写成1502这样"),
    ]
    for args, field, message in cases:
        error = parts_refusal(*args)
        assert (error.field, error.message) == (field, message), args


# --- ordering --------------------------------------------------------------------


def test_sort_key_orders_naturally():
    typed = ["10-1-101", "2-1-1502", "2-1-502", "2-2-101", "A-1203", "B-101", "2-1502",
             "AB-101", "A1-101", "A10-101", "A2-101", "3栋B单元101"]
    ordered = sorted((parse_unit(t) for t in typed), key=lambda u: u.sort_key)
    assert [u.code for u in ordered] == [
        "2-1502", "2-1-502", "2-1-1502", "2-2-101", "3-B-101", "10-1-101",
        "A-1203", "A1-101", "A2-101", "A10-101", "AB-101", "B-101",
    ]


def test_sort_key_is_plain_ascii_of_fixed_width():
    keys = {parse_unit(t).sort_key for t in ["3-2-1502", "A-1203", "AB12-99", "999-99-9999"]}
    assert {len(k) for k in keys} == {14}
    assert all(k.isascii() and k.isalnum() for k in keys)


# --- properties ------------------------------------------------------------------

numbered = st.integers(1, 999).map(str)
lettered = st.builds(
    lambda letters, number: letters + (str(number) if number else ""),
    st.text("ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=1, max_size=2),
    st.one_of(st.none(), st.integers(1, 99)),
)
entrances = st.one_of(st.none(), st.integers(1, 99).map(str), st.sampled_from("ABCDE"))
rooms = st.text("0123456789", min_size=2, max_size=4)
units = st.builds(Unit, st.one_of(numbered, lettered), entrances, rooms)


@given(units)
def test_rule_G1_code_and_display_read_back_to_the_same_unit(unit: Unit):
    assert parse_unit(unit.code) == unit
    assert parse_unit(unit.display) == unit
    assert unit_from_parts(unit.building, unit.entrance, unit.room) == unit


@given(units)
def test_full_width_and_spaced_spellings_read_back(unit: Unit):
    fullwidth = unit.display.translate(
        {ord(c): ord(c) + 0xFEE0 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"}
    )
    assert parse_unit(fullwidth) == unit
    assert parse_unit(" ".join(unit.code).lower()) == unit


@given(
    st.tuples(st.integers(1, 999), st.integers(1, 99), st.integers(10, 9999)),
    st.tuples(st.integers(1, 999), st.integers(1, 99), st.integers(10, 9999)),
)
def test_sort_key_follows_numeric_order(a: tuple[int, int, int], b: tuple[int, int, int]):
    unit_a, unit_b = (Unit(str(x), str(y), str(z)) for x, y, z in (a, b))
    assert (unit_a.sort_key < unit_b.sort_key) == (a < b)
