"""Phone numbers of the customer archive (rule G2: phones, emergency contacts)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.phones import is_mobile, normalize_phone


def refusal(text: str, **kwargs: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        normalize_phone(text, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        " 138 1234 5678 ",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "8613812345678",
        "008613812345678",
        "１３８１２３４５６７８",  # full-width digits
        "＋８６　１３８－１２３４－５６７８",  # full-width plus, space and dashes
    ],
)
def test_rule_G2_mobile_numbers_are_stored_as_11_digits(typed: str):
    assert normalize_phone(typed) == "13812345678"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("010 1234 5678", "010-12345678"),
        ("(010)12345678", "010-12345678"),
        ("（０１０）１２３４５６７８", "010-12345678"),
        ("+86 10 12345678", "010-12345678"),
        ("0755-12345678", "0755-12345678"),
        ("075512345678", "0755-12345678"),
        ("020-87654321", "020-87654321"),
        ("0736-2123456", "0736-2123456"),  # a city with 7-digit numbers
        ("010/12345678", "010-12345678"),
    ],
)
def test_rule_G2_landlines_are_stored_with_area_code_and_dash(typed: str, stored: str):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["0755-12345678转801", "0755 1234 5678 转 801", "0755-12345678-801",
     "0755-12345678 分机 801", "0755-12345678#801", "0755-12345678 ext. 801"],
)
def test_landline_extension_is_kept(typed: str):
    assert normalize_phone(typed) == "0755-12345678转801"


def test_service_numbers_and_numbers_abroad():
    assert normalize_phone("4008123123") == "400-812-3123"
    assert normalize_phone("+852 6123 4567") == "+852 6123 4567"
    assert normalize_phone("0085261234567") == "+852 6123 4567"
    assert normalize_phone("+853 6612 3456") == "+853 6612 3456"


def test_local_number_takes_the_offices_area_code_when_given():
    assert normalize_phone("87654321", area_code="0755") == "0755-87654321"
    assert normalize_phone("13812345678", area_code="0755") == "13812345678"


def test_local_number_without_area_code_is_refused():
    error = refusal("87654321")
    assert error.message == "电话：固定电话请带区号，例如010-12345678"


def test_mobile_of_wrong_length_says_how_many_digits():
    assert refusal("1381234567").message == "电话：手机号码应为11位，您填了10位"
    assert refusal("138123456789").message == "电话：手机号码应为11位，您填了12位"
    assert refusal("+86 138123456789").message == "电话：手机号码应为11位，您填了12位"


@pytest.mark.parametrize("typed", ["abc", "电话13812345678", "138一二三四五六七八", "无"])
def test_letters_and_words_are_refused(typed: str):
    message = refusal(typed).message
    assert message.startswith(f"电话：“{typed}”里有数字以外的字")
    assert "13812345678" in message  # an example of what works


@pytest.mark.parametrize("typed", ["95588", "010-1234567", "12345", "0000000000", "+999 1234"])
def test_impossible_numbers_are_refused(typed: str):
    message = refusal(typed).message
    assert message.startswith("电话：")
    assert "不是有效的电话号码" in message or "手机号码应为11位" in message


@pytest.mark.parametrize(
    "typed", ["13812345678/13987654321", "13812345678，13987654321", "13812345678 或 010-12345678"]
)
def test_two_numbers_in_one_field_are_refused(typed: str):
    assert refusal(typed).message.startswith("电话只能填一个号码")


def test_empty_is_refused():
    assert refusal("   ").message == "请填写电话"


def test_message_names_the_field():
    error = refusal("abc", field="紧急联系人电话")
    assert error.field == "紧急联系人电话"
    assert error.message.startswith("紧急联系人电话：")
    assert refusal("", field="业主电话").message == "请填写业主电话"


def test_is_mobile():
    assert is_mobile("13812345678")
    assert is_mobile("+86 138 1234 5678")
    assert is_mobile("+852 6123 4567")
    assert not is_mobile("010-12345678")
    assert not is_mobile("4008123123")
    assert not is_mobile("1381234567")
    assert not is_mobile("")
    assert not is_mobile("abc")


_PREFIXES = ["130", "135", "138", "139", "150", "158", "166", "177", "186", "189", "199"]
_SEPARATORS = ["", " ", "-", "　", "－"]


@given(
    prefix=st.sampled_from(_PREFIXES),
    rest=st.text("0123456789", min_size=8, max_size=8),
    sep=st.sampled_from(_SEPARATORS),
    country=st.sampled_from(["", "+86", "+86 ", "0086", "86"]),
    fullwidth=st.booleans(),
)
def test_any_way_of_writing_a_mobile_gives_the_same_number(
    prefix: str, rest: str, sep: str, country: str, fullwidth: bool
):
    typed = country + prefix + sep + rest[:4] + sep + rest[4:]
    if fullwidth:
        typed = typed.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789+-"})
    stored = normalize_phone(typed)
    assert stored == prefix + rest
    assert normalize_phone(stored) == stored
    assert is_mobile(stored)


# Beijing numbers starting 2-7 are all assigned ranges (some 8xxx ranges are not).
@given(local=st.text("0123456789", min_size=7, max_size=7), first=st.sampled_from("234567"))
def test_normalised_landline_is_stable(local: str, first: str):
    stored = normalize_phone("010" + first + local)
    assert stored == f"010-{first}{local}"
    assert normalize_phone(stored) == stored
