"""Masked customer data (rule G3): lists and slips never show a whole ID or phone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuye_desk.domain.privacy import mask_id, mask_name, mask_phone, mask_unit
from wuye_desk.domain.units import Unit


def test_rule_G3_resident_id_keeps_four_at_each_end():
    assert mask_id("11010519491231002X") == "1101**********002X"
    assert mask_id(" 11010519491231002X ") == "1101**********002X"


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("110105491231002", "110*********002"),
        ("E12345678", "E1*****78"),
        ("H1234567", "H1****67"),
        ("1234", "1**4"),
        ("123", "***"),
        ("1", "*"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_rule_G3_short_ids_keep_less(number: str, masked: str):
    assert mask_id(number) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13812345678", "138****5678"),
        ("010-12345678", "010-****5678"),
        ("0736-2123456", "0736-***3456"),
        ("0755-12345678转801", "0755-****5678转***"),
        ("400-812-3123", "400*****3123"),
        ("+852 6123 4567", "+85*******4567"),
        ("12345678", "****5678"),
        ("1234", "***4"),
        ("123", "***"),
        ("", ""),
    ],
)
def test_rule_G3_phone_masks(number: str, masked: str):
    assert mask_phone(number) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三丰", "张**"), ("张三", "张*"), ("欧阳娜娜", "欧***"), (" 李四 ", "李*"),
     ("张", "*"), ("", ""), ("John Smith", "J*********")],
)
def test_rule_G3_name_keeps_the_surname_only(name: str, masked: str):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("unit", "masked"),
    [
        ("3栋2单元1502", "3栋2单元15**"),
        ("3-2-1502", "3-2-15**"),
        ("A座1203", "A座12**"),
        ("3栋2单元1502室", "3栋2单元15**室"),
        ("5栋1", "5栋*"),
        (Unit("3", "2", "1502"), "3栋2单元15**"),
        ("物业办公室", "物业***"),
        ("", ""),
    ],
)
def test_rule_G3_unit_hides_the_end_of_the_room(unit: str | Unit, masked: str):
    assert mask_unit(unit) == masked


@given(st.text(max_size=40))
def test_rule_G3_masks_never_crash_and_keep_the_length(text: str):
    for mask in (mask_id, mask_phone, mask_name, mask_unit):
        masked = mask(text)
        assert len(masked) == len(text.strip())


@given(st.text("0123456789X", min_size=8, max_size=20))
def test_rule_G3_mask_id_hides_at_least_half(number: str):
    masked = mask_id(number)
    assert masked.count("*") >= len(number) / 2
    assert masked != number
