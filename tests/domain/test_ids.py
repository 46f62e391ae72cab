"""ID documents checked at the desk (rules V1, K2, K3, M4, G2)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.ids import IdType, birth_date_of, id_type_of_label, validate_id

TODAY = date(2026, 11, 18)

# Real region codes (six-digit administrative codes) of several provinces.
REGIONS = ["110105", "310115", "440305", "330106", "510104", "420106", "610113", "230102"]

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def check_char(first17: str) -> str:
    """GB 11643 check character, computed here independently of the code under test."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def resident_id(region: str = "110105", born: str = "19491231", seq: str = "002") -> str:
    first17 = region + born + seq
    return first17 + check_char(first17)


def refusal(id_type: str, number: str, **kwargs: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_id(id_type, number, today=TODAY, **kwargs)  # type: ignore[arg-type]
    return caught.value


# --- 居民身份证 ---------------------------------------------------------------------


def test_known_valid_resident_id_is_accepted():
    assert resident_id() == "11010519491231002X"  # the helper agrees with a published example
    assert validate_id(IdType.RESIDENT_ID, "11010519491231002X", today=TODAY) == (
        "11010519491231002X"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",  # lower-case x
        " 11010519491231002X ",  # spaces around
        "110105 19491231 002X",  # grouped
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width from a Chinese input method
        "110105-19491231-002X",
    ],
)
def test_resident_id_is_normalised(typed: str):
    assert validate_id("居民身份证", typed, today=TODAY) == "11010519491231002X"


def test_resident_id_born_before_re_districting_is_accepted():
    # 330106 (西湖区) dates from 1983; people born earlier hold such numbers too.
    number = resident_id("330106", "19600101", "001")
    assert validate_id("身份证", number, today=TODAY) == number


def test_resident_id_born_today_is_accepted():
    number = resident_id(born=TODAY.strftime("%Y%m%d"))
    assert validate_id("身份证", number, today=TODAY) == number


def test_wrong_length_says_how_many_digits():
    error = refusal("身份证", "11010519491231002")
    assert error.message == "证件号码：居民身份证号码应为18位（旧版15位），您填了17位"
    assert error.field == "证件号码"
    assert "19位" in refusal("身份证", "11010519491231002X1").message


def test_bad_character_names_its_position():
    error = refusal("身份证", "1101O519491231002X")  # letter O for zero
    assert error.message == (
        "证件号码：居民身份证号码只能是数字，最后一位可以是X；第5位“O”不对"
    )
    assert "第17位“X”" in refusal("身份证", "1101051949123100X2").message


def test_bad_checksum_points_at_last_digit():
    error = refusal("身份证", "110105194912310021")
    assert "校验位不对，请核对最后一位" in error.message
    assert error.field == "证件号码"


def test_impossible_birth_date_is_refused():
    error = refusal("身份证", resident_id(born="19490231"))
    assert error.message == "证件号码：出生日期“19490231”不存在，请核对第7到14位"
    assert "19491301" in refusal("身份证", resident_id(born="19491301")).message
    assert "不存在" in refusal("身份证", resident_id(born="18991231")).message


def test_birth_date_in_the_future_is_refused():
    tomorrow = TODAY + timedelta(days=1)
    error = refusal("身份证", resident_id(born=tomorrow.strftime("%Y%m%d")))
    assert error.message == "证件号码：出生日期2026年11月19日晚于今天，请核对第7到14位"


def test_unknown_region_code_is_refused():
    error = refusal("身份证", resident_id(region="110199"))
    assert error.message == "证件号码：前6位地区码“110199”不存在，请核对"
    assert "990101" in refusal("身份证", resident_id(region="990101")).message


def test_residence_permit_number_under_resident_id_says_which_type_to_pick():
    error = refusal("身份证", resident_id(region="810000", born="19900101"))
    assert "港澳台居民居住证" in error.message


def test_message_names_the_given_field():
    error = refusal("身份证", "123", field="借用人证件号")
    assert error.field == "借用人证件号"
    assert error.message.startswith("借用人证件号：")


def test_empty_number_is_refused():
    assert refusal("身份证", "  ").message == "请填写证件号码"


# --- 15-digit legacy cards -------------------------------------------------------


def test_legacy_15_digit_resident_id_is_accepted():
    assert validate_id("身份证", "110105491231002", today=TODAY) == "110105491231002"


def test_legacy_15_digit_with_impossible_birth_date_is_refused():
    error = refusal("身份证", "110105490231002")
    assert error.message == "证件号码：出生日期“19490231”不存在，请核对第7到12位"


def test_legacy_15_digit_with_unknown_region_is_refused():
    assert "地区码“110199”" in refusal("身份证", "110199491231002").message


def test_legacy_15_digit_ending_in_x_is_refused():
    assert "15位的旧版居民身份证号码只能是数字" in refusal("身份证", "11010549123100X").message


# --- 港澳台居民居住证 ------------------------------------------------------------------


@pytest.mark.parametrize("region", ["810000", "820000", "830000"])
def test_residence_permit_is_accepted(region: str):
    number = resident_id(region, "19900101", "001")
    assert validate_id("港澳台居民居住证", number, today=TODAY) == number


def test_residence_permit_with_mainland_prefix_is_refused():
    error = refusal("居住证", "11010519491231002X")
    assert "应以810000（香港）、820000（澳门）或830000（台湾）开头" in error.message
    assert "110105" in error.message


def test_residence_permit_checks_length_checksum_and_birth_date():
    assert "应为18位，您填了17位" in refusal("居住证", "81000019900101001").message
    good = resident_id("810000", "19900101", "001")
    bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert "校验位不对" in refusal("居住证", bad_check).message
    assert "19900230" in refusal("居住证", resident_id("810000", "19900230")).message
    assert "晚于今天" in refusal("居住证", resident_id("810000", "20300101")).message


# --- 外国人永久居留身份证 -------------------------------------------------------------


def test_new_foreign_permanent_residence_id_is_accepted():
    first17 = "9" + "11" + "840" + "19900101" + "001"  # province 11, country 840
    number = first17 + check_char(first17)
    assert validate_id("外国人永久居留身份证", number, today=TODAY) == number
    assert birth_date_of(number) == date(1990, 1, 1)


def test_old_foreign_permanent_residence_id_is_accepted():
    assert validate_id("永居证", "usa110801011234", today=TODAY) == "USA110801011234"


def test_foreign_permanent_residence_id_wrong_shape_is_refused():
    error = refusal("永居证", "11010519491231002X")  # a resident ID, not starting with 9
    assert "以9开头的18位数字" in error.message
    assert "3个字母加12位数字" in error.message


def test_foreign_permanent_residence_id_bad_checksum_and_date():
    first17 = "911840" + "19900101" + "001"
    wrong = "0" if check_char(first17) != "0" else "1"
    assert "校验位不对" in refusal("永居证", first17 + wrong).message
    first17 = "911840" + "19900230" + "001"
    assert "不存在" in refusal("永居证", first17 + check_char(first17)).message
    assert "第6到11位" in refusal("永居证", "USA119913011234").message


# --- passports and travel permits -----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("e12345678", "E12345678"), ("EA1234567", "EA1234567"), ("G12345678", "G12345678"),
     ("X 1234 5678", "X12345678"), ("123456789", "123456789"), ("AB12345", "AB12345")],
)
def test_passports_are_accepted(typed: str, stored: str):
    assert validate_id("护照", typed, today=TODAY) == stored


@pytest.mark.parametrize("typed", ["E123", "ABCDEFGH", "E1234567#", "E" + "1" * 20])
def test_bad_passports_are_refused(typed: str):
    assert "护照号码应为5到20位字母和数字" in refusal("护照", typed).message


@pytest.mark.parametrize(
    "typed", ["H12345678", "m12345678", "H1234567890", "Ｈ１２３４５６７８"]
)
def test_hk_macao_permits_are_accepted(typed: str):
    assert validate_id("回乡证", typed, today=TODAY) == halfwidth_upper(typed)


@pytest.mark.parametrize("typed", ["H1234567", "C12345678", "H123456789", "12345678"])
def test_bad_hk_macao_permits_are_refused(typed: str):
    message = refusal("港澳居民来往内地通行证", typed).message
    assert "应为H或M加8位数字（旧版加10位）" in message
    assert typed in message


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("12345678", "12345678"), ("1234567890", "1234567890"), ("12345678(B1)", "12345678B1")],
)
def test_taiwan_permits_are_accepted(typed: str, stored: str):
    assert validate_id("台胞证", typed, today=TODAY) == stored


@pytest.mark.parametrize("typed", ["1234567", "A1234567", "123456789", "12345678901"])
def test_bad_taiwan_permits_are_refused(typed: str):
    assert "应为8位数字（旧版10位）" in refusal("台胞证", typed).message


def test_other_documents_keep_their_text():
    assert validate_id("其他", " 南字第123456号 ", today=TODAY) == "南字第123456号"


def test_other_documents_refuse_empty_and_too_long():
    assert refusal("其他", "").message == "请填写证件号码"
    assert refusal("其他", "1" * 41).message == "证件号码太长：最多40个字，您填了41个"
    assert "无法显示" in refusal("其他", "12\x0034").message


# --- document types --------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("身份证", IdType.RESIDENT_ID), ("居民身份证", IdType.RESIDENT_ID),
        ("二代身份证", IdType.RESIDENT_ID), ("身份证号码", IdType.RESIDENT_ID),
        (" 身份证 ", IdType.RESIDENT_ID), ("护照", IdType.PASSPORT),
        ("Passport", IdType.PASSPORT), ("回乡证", IdType.HK_MACAO_PERMIT),
        ("港澳通行证", IdType.HK_MACAO_PERMIT), ("台胞证", IdType.TAIWAN_PERMIT),
        ("居住证", IdType.RESIDENCE_PERMIT), ("港澳台居民居住证", IdType.RESIDENCE_PERMIT),
        ("永居证", IdType.FOREIGN_PERMANENT), ("外国人永久居留证", IdType.FOREIGN_PERMANENT),
        ("其它", IdType.OTHER), ("其他", IdType.OTHER),
    ],
)
def test_id_type_labels_and_synonyms(label: str, kind: IdType):
    assert id_type_of_label(label) is kind


def test_every_id_type_reads_its_own_value():
    for kind in IdType:
        assert id_type_of_label(kind.value) is kind


@pytest.mark.parametrize("label", ["驾照", "学生证", "ID号", ""])
def test_unknown_id_type_is_refused_with_the_list(label: str):
    with pytest.raises(ValidationError) as caught:
        id_type_of_label(label)
    assert caught.value.field == "证件类型"
    assert "居民身份证、护照、港澳居民来往内地通行证" in caught.value.message


def test_validate_id_with_unknown_type_names_the_type_field():
    error = refusal("驾照", "123456")
    assert error.field == "证件类型"
    assert "驾照" in error.message


# --- birth dates -----------------------------------------------------------------


def test_birth_date_of_resident_ids():
    assert birth_date_of("11010519491231002X") == date(1949, 12, 31)
    assert birth_date_of("11010519491231002x") == date(1949, 12, 31)
    assert birth_date_of("110105491231002") == date(1949, 12, 31)


@pytest.mark.parametrize(
    "number", ["", "E12345678", "110105194902310018", "USA110801011234", "11010519491231"]
)
def test_birth_date_of_other_shapes_is_none(number: str):
    assert birth_date_of(number) is None


# --- properties ------------------------------------------------------------------

births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


@given(region=st.sampled_from(REGIONS), born=births, seq=st.integers(0, 999))
def test_every_well_formed_resident_id_is_accepted(region: str, born: date, seq: int):
    number = resident_id(region, born.strftime("%Y%m%d"), f"{seq:03d}")
    assert validate_id("身份证", number.lower(), today=TODAY) == number
    assert birth_date_of(number) == born


@given(
    region=st.sampled_from(REGIONS), born=births, seq=st.integers(0, 999),
    position=st.integers(0, 16), digit=st.integers(0, 9),
)
def test_any_single_wrong_digit_is_caught(
    region: str, born: date, seq: int, position: int, digit: int
):
    number = resident_id(region, born.strftime("%Y%m%d"), f"{seq:03d}")
    typo = number[:position] + str(digit) + number[position + 1:]
    if typo == number:
        return
    with pytest.raises(ValidationError):
        validate_id("身份证", typo, today=TODAY)


@given(born=births, seq=st.integers(0, 999))
def test_every_well_formed_residence_permit_is_accepted(born: date, seq: int):
    number = resident_id("810000", born.strftime("%Y%m%d"), f"{seq:03d}")
    assert validate_id("居住证", number, today=TODAY) == number


def halfwidth_upper(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text).upper()
