"""ID documents the desk checks: visitors (rule V1), key owners and borrowers
(rules K2, K3), parcel collectors (rule M4), household members (rule G2).

`validate_id` returns the number in one normal form (half-width, upper case,
no spaces) or refuses with the precise reason, so a clerk copying a number off a
card sees which digit to look at again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from stdnum import numdb
from stdnum.cn import ric

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.text import ChoiceEnum, halfwidth, shown, squeeze

ID_TYPE_FIELD = "证件类型"
_PERMIT_REGIONS = ("810000", "820000", "830000")  # 香港, 澳门, 台湾
OTHER_MAX_LENGTH = 40  # the width of the id_number columns


class IdType(ChoiceEnum):
    RESIDENT_ID = "居民身份证"
    PASSPORT = "护照"
    HK_MACAO_PERMIT = "港澳居民来往内地通行证"  # 回乡证
    TAIWAN_PERMIT = "台湾居民来往大陆通行证"  # 台胞证
    RESIDENCE_PERMIT = "港澳台居民居住证"
    FOREIGN_PERMANENT = "外国人永久居留身份证"
    OTHER = "其他"

    @classmethod
    def default_field(cls) -> str:
        return ID_TYPE_FIELD

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return _ID_TYPE_SYNONYMS


_ID_TYPE_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        ["身份证", "身份证号", "身份证号码", "居民身份证号码", "二代身份证", "第二代居民身份证",
         "临时身份证", "临时居民身份证", "大陆身份证", "中国身份证", "身份證", "ID", "ID card"],
        IdType.RESIDENT_ID),
    **dict.fromkeys(
        ["护照号", "护照号码", "中国护照", "外国护照", "普通护照", "護照", "passport"],
        IdType.PASSPORT),
    **dict.fromkeys(
        ["回乡证", "港澳回乡证", "港澳通行证", "来往内地通行证", "港澳居民通行证", "回鄉證",
         "香港回乡证", "澳门回乡证"],
        IdType.HK_MACAO_PERMIT),
    **dict.fromkeys(
        ["台胞证", "台湾通行证", "台胞通行证", "台湾居民通行证", "台胞證"],
        IdType.TAIWAN_PERMIT),
    **dict.fromkeys(
        ["居住证", "港澳台居住证", "港澳居民居住证", "台湾居民居住证", "香港居民居住证",
         "澳门居民居住证"],
        IdType.RESIDENCE_PERMIT),
    **dict.fromkeys(
        ["永居证", "外国人永久居留证", "永久居留证", "永久居留身份证", "外国人永居证", "中国绿卡",
         "绿卡"],
        IdType.FOREIGN_PERMANENT),
    **dict.fromkeys(["其它", "other"], IdType.OTHER),
}


def id_type_of_label(text: str) -> IdType:
    """The document type a clerk or a roster column names ("身份证", "回乡证", ...)."""
    return IdType.parse(text, ID_TYPE_FIELD)


def validate_id(
    id_type: str, number: str, *, field: str = "证件号码", today: date | None = None
) -> str:
    """The normalised number, or ValidationError naming `field` and the reason.

    `id_type` is an IdType or any label `id_type_of_label` accepts; `today`
    (the desk's date) bounds birth dates.
    """
    kind = id_type_of_label(id_type)
    if kind is IdType.OTHER:
        return _other(number, field)
    text = _compact(number)
    if not text:
        raise ValidationError(f"请填写{field}", field=field)
    return _CHECKS[kind](text, field, today or date.today())


def birth_date_of(number: str) -> date | None:
    """The birth date inside an 18-digit (or legacy 15-digit) resident-style number.

    Works for 居民身份证, 港澳台居民居住证 and the new 外国人永久居留身份证; None for
    any other shape or an impossible date.
    """
    text = _compact(number)
    if re.fullmatch(r"\d{17}[\dX]", text):
        return _date_or_none(text[6:14])
    if re.fullmatch(r"\d{15}", text):
        return _date_or_none("19" + text[6:12])
    return None


# --- the checks, one per document ------------------------------------------------


def _resident_id(text: str, field: str, today: date) -> str:
    name = "居民身份证号码"
    _only_digits_and_final_x(text, field, name)
    if len(text) == 15:
        return _legacy_resident_id(text, field, name, today)
    if len(text) != 18:
        raise ValidationError(
            f"{field}：{name}应为18位（旧版15位），您填了{len(text)}位", field=field
        )
    if text[:6] in _PERMIT_REGIONS:
        raise ValidationError(
            f"{field}：这是港澳台居民居住证的号码，请把证件类型选为“{IdType.RESIDENCE_PERMIT}”",
            field=field,
        )
    _check_digit(text, field)
    _birth_date(text[6:14], field, today, "第7到14位")
    _region(text[:6], field)
    return text


def _legacy_resident_id(text: str, field: str, name: str, today: date) -> str:
    # The first-generation card: 6-digit region, YYMMDD of a 19xx birth, 3-digit sequence.
    if not text.isdigit():
        raise ValidationError(f"{field}：15位的旧版{name}只能是数字", field=field)
    _birth_date("19" + text[6:12], field, today, "第7到12位")
    _region(text[:6], field)
    return text


def _residence_permit(text: str, field: str, today: date) -> str:
    # 港澳台居民居住证: a resident-ID style number whose region is 810000/820000/830000.
    name = "港澳台居民居住证号码"
    _only_digits_and_final_x(text, field, name)
    if len(text) != 18:
        raise ValidationError(f"{field}：{name}应为18位，您填了{len(text)}位", field=field)
    if text[:6] not in _PERMIT_REGIONS:
        raise ValidationError(
            f"{field}：{name}应以810000（香港）、820000（澳门）或830000（台湾）开头，"
            f"您填的是{text[:6]}",
            field=field,
        )
    _check_digit(text, field)
    _birth_date(text[6:14], field, today, "第7到14位")
    return text


def _foreign_permanent(text: str, field: str, today: date) -> str:
    # Old card (2004-2023): 3-letter nationality, 2-digit office, YYMMDD, 3 more digits.
    # New card (2023-): 18 digits starting with 9, laid out and checked like a resident ID.
    if re.fullmatch(r"[A-Z]{3}\d{12}", text):
        if not (_date_or_none("19" + text[5:11]) or _date_or_none("20" + text[5:11])):
            raise ValidationError(
                f"{field}：出生日期“{text[5:11]}”不存在，请核对第6到11位", field=field
            )
        return text
    if not re.fullmatch(r"9\d{16}[\dX]", text):
        raise ValidationError(
            f"{field}：外国人永久居留身份证号码应为以9开头的18位数字（新版），"
            f"或3个字母加12位数字（旧版），您填的是“{shown(text)}”",
            field=field,
        )
    _check_digit(text, field)
    _birth_date(text[6:14], field, today, "第7到14位")
    return text


def _passport(text: str, field: str, today: date) -> str:
    # Chinese passports (E12345678, EA1234567, G12345678) and foreign ones: letters
    # and digits. A foreign passport may look like a Chinese one, so the Chinese
    # pattern is not enforced separately.
    if not re.fullmatch(r"[A-Z0-9]{5,20}", text) or not re.search(r"\d", text):
        raise ValidationError(
            f"{field}：护照号码应为5到20位字母和数字，例如E12345678，您填的是“{shown(text)}”",
            field=field,
        )
    return text


def _hk_macao_permit(text: str, field: str, today: date) -> str:
    # 回乡证: H (Hong Kong) or M (Macao) + 8 digits; older cards + 10 digits.
    if not re.fullmatch(r"[HM](\d{8}|\d{10})", text):
        raise ValidationError(
            f"{field}：港澳居民来往内地通行证号码应为H或M加8位数字（旧版加10位），"
            f"例如H12345678，您填的是“{shown(text)}”",
            field=field,
        )
    return text


def _taiwan_permit(text: str, field: str, today: date) -> str:
    # 台胞证: 8 digits since 2015; older booklets 10 characters (8 digits + 2).
    text = re.sub(r"[()]", "", text)
    if not re.fullmatch(r"\d{8}([0-9A-Z]{2})?", text):
        raise ValidationError(
            f"{field}：台湾居民来往大陆通行证号码应为8位数字（旧版10位），"
            f"例如12345678，您填的是“{shown(text)}”",
            field=field,
        )
    return text


def _other(number: str, field: str) -> str:
    text = re.sub(r"\s+", " ", halfwidth(number))
    if not text:
        raise ValidationError(f"请填写{field}", field=field)
    if len(text) > OTHER_MAX_LENGTH:
        raise ValidationError(
            f"{field}太长：最多{OTHER_MAX_LENGTH}个字，您填了{len(text)}个", field=field
        )
    if not text.isprintable():
        raise ValidationError(f"{field}里有无法显示的字符，请重新输入", field=field)
    return text


_CHECKS: dict[IdType, Callable[[str, str, date], str]] = {
    IdType.RESIDENT_ID: _resident_id,
    IdType.RESIDENCE_PERMIT: _residence_permit,
    IdType.FOREIGN_PERMANENT: _foreign_permanent,
    IdType.PASSPORT: _passport,
    IdType.HK_MACAO_PERMIT: _hk_macao_permit,
    IdType.TAIWAN_PERMIT: _taiwan_permit,
}


# --- pieces shared by the resident-style numbers -------------------------------------


def _compact(number: str) -> str:
    return squeeze(number).replace("-", "").upper()


def _only_digits_and_final_x(text: str, field: str, name: str) -> None:
    for position, char in enumerate(text, start=1):
        # X is the check character: last, or 18th when the length is off too.
        if char in "0123456789" or (char == "X" and position in (len(text), 18)):
            continue
        raise ValidationError(
            f"{field}：{name}只能是数字，最后一位可以是X；第{position}位“{char}”不对",
            field=field,
        )


def _check_digit(text: str, field: str) -> None:
    # ISO 7064 MOD 11-2, as GB 11643 prescribes for the 18th character.
    if ric.calc_check_digit(text) != text[-1]:
        raise ValidationError(
            f"{field}：校验位不对，请核对最后一位（也可能是前面某位抄错了）", field=field
        )


def _birth_date(digits: str, field: str, today: date, where: str) -> date:
    born = _date_or_none(digits)
    if born is None or born.year < 1900:
        raise ValidationError(
            f"{field}：出生日期“{digits}”不存在，请核对{where}", field=field
        )
    if born > today:
        raise ValidationError(
            f"{field}：出生日期{born:%Y年%m月%d日}晚于今天，请核对{where}", field=field
        )
    return born


def _region(code: str, field: str) -> None:
    # python-stdnum's table of administrative codes (past and present). Its own
    # validate() also requires the county to have existed in the birth year, which
    # refuses real cards issued after a re-districting, so only existence is checked.
    parts = numdb.get("cn/loc").info(code)
    if not any("county" in props for _, props in parts):
        raise ValidationError(
            f"{field}：前6位地区码“{code}”不存在，请核对", field=field
        )


def _date_or_none(digits: str) -> date | None:
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
