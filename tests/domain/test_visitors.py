"""Visitor rules as plain Python: plates, hazardous goods (V5), night hours (G5), slips."""

from datetime import datetime

import pytest

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.visitors import (
    GoodsCategory,
    Hazard,
    HostAnswer,
    admits,
    find_hazards,
    is_night,
    read_serial,
    serial_for,
    stay_text,
    validate_plate,
)


@pytest.mark.parametrize(("typed", "stored"), [
    ("京A12345", "京A12345"),
    ("粤b·12345", "粤B12345"),
    ("沪 A 1234X", "沪A1234X"),
    ("粤B·D12345", "粤BD12345"),      # new-energy small car: D/F then 5
    ("京AFA1234", "京AFA1234"),       # the first of the 5 may be a letter
    ("苏E12345D", "苏E12345D"),       # new-energy large vehicle: 5 digits then D/F
    ("鲁Ａ１２３４５", "鲁A12345"),    # full-width from a Chinese input method
    ("浙A1234学", "浙A1234学"),
])
def test_plates_are_read_in_their_usual_spellings(typed, stored):
    assert validate_plate(typed) == stored


@pytest.mark.parametrize(("typed", "words"), [
    ("A12345", "省份简称"),
    ("京112345", "第二位应是字母"),
    ("京A1234", "应为7位"),
    ("京A1I345", "字母I或O"),
    ("京AX12345", "新能源"),
    ("京A123456789", "应为7位"),
    ("   ", "请填写车牌号"),
])
def test_bad_plates_are_refused_with_the_reason(typed, words):
    with pytest.raises(ValidationError, match=words) as err:
        validate_plate(typed)
    assert err.value.field == "车牌号"


def test_rule_V5_hazards_are_found_by_declared_category_and_by_words_in_the_text():
    assert find_hazards("旧沙发", GoodsCategory.FURNITURE) == []
    assert [f.hazard for f in find_hazards("装修用品", GoodsCategory.FLAMMABLE)] == [
        Hazard.FLAMMABLE]
    for text, hazard in [("一桶 汽 油", Hazard.FLAMMABLE), ("液化气煤气罐", Hazard.FLAMMABLE),
                         ("春节烟花", Hazard.EXPLOSIVE), ("工业炸药", Hazard.EXPLOSIVE),
                         ("果园农药", Hazard.TOXIC), ("浓硫酸", Hazard.CORROSIVE)]:
        found = find_hazards(text, GoodsCategory.ORDINARY)
        assert [f.hazard for f in found] == [hazard], text
    both = find_hazards("汽油", GoodsCategory.CORROSIVE)
    assert {f.hazard for f in both} == {Hazard.FLAMMABLE, Hazard.CORROSIVE}


def test_rule_V4_only_consent_admits():
    assert admits(HostAnswer.parse("同意"))
    assert not admits(HostAnswer.parse("不同意"))
    assert not admits(HostAnswer.parse("无人接听"))


def test_rule_G5_night_hours_wrap_midnight():
    assert is_night(datetime(2026, 11, 18, 20, 0), 20, 8)
    assert is_night(datetime(2026, 11, 18, 2, 30), 20, 8)
    assert is_night(datetime(2026, 11, 18, 7, 59), 20, 8)
    assert not is_night(datetime(2026, 11, 18, 8, 0), 20, 8)
    assert not is_night(datetime(2026, 11, 18, 19, 59), 20, 8)
    assert is_night(datetime(2026, 11, 18, 1, 0), 0, 6)
    assert not is_night(datetime(2026, 11, 18, 1, 0), 6, 6)


def test_slip_numbers_are_read_back_scanned_or_typed():
    serial = serial_for("FK", datetime(2026, 11, 18, 10, 0), 123)
    assert serial == "FK261118000123"
    assert read_serial(" fk261118000123 ", "FK") == serial
    assert read_serial("261118000123", "FK") == serial
    with pytest.raises(ValidationError, match="格式不对") as err:
        read_serial("FK12", "FK")
    assert err.value.field == "登记单号"


def test_stay_is_said_in_words():
    assert stay_text(45) == "45分"
    assert stay_text(125) == "2小时5分"
    assert stay_text(120) == "2小时"
    assert stay_text(27 * 60) == "1天3小时"
