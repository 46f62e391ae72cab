"""Phone numbers as the archive keeps them (rule G2: phones and emergency contacts).

One stored form, whatever the clerk typed:
- mainland mobile: 11 digits, "13812345678";
- mainland landline: area code with its 0, a dash, the local number,
  "010-12345678", "0736-2123456"; an extension follows "转": "0755-12345678转801";
- mainland service numbers in their usual groups: "400-812-3123";
- numbers abroad (Hong Kong, Macao, Taiwan, elsewhere): "+852 6123 4567".
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.text import halfwidth, shown

_EXTENSION = re.compile(r"^(?P<main>.+?)(?:转|分机|EXT\.?|X|#)(?P<ext>\d{1,6})$", re.IGNORECASE)
_TRAILING_EXTENSION = re.compile(r"^(?P<main>.+)-(?P<ext>\d{1,6})$")
_SEPARATORS = re.compile(r"[\s\-()./]")
_LIST_MARKS = re.compile(r"[,;，；、/]|或")
_EXAMPLES = "手机填11位，固定电话带区号，例如13812345678或010-12345678"


def normalize_phone(text: str, *, field: str = "电话", area_code: str | None = None) -> str:
    """The number in its stored form, or ValidationError naming `field`.

    `area_code` (e.g. "0755", the office's own) is put in front of a local
    landline typed without one; without it such a number is refused.
    """
    raw = halfwidth(text)
    if not raw:
        raise ValidationError(f"请填写{field}", field=field)
    if _several(raw):
        raise ValidationError(f"{field}只能填一个号码，您填的是“{shown(raw)}”", field=field)
    for main, extension in _readings(re.sub(r"\s+", "", raw)):
        number = _parse(main, area_code)
        if number is not None:
            formatted = _format(number)
            return f"{formatted}转{extension}" if extension else formatted
    raise ValidationError(f"{field}：{_reason(raw)}", field=field)


def is_mobile(number: str) -> bool:
    """True for a mobile number (one a text message can reach), however it is written."""
    parsed = _parse(_SEPARATORS.sub("", halfwidth(number)), None)
    return parsed is not None and phonenumbers.number_type(parsed) == PhoneNumberType.MOBILE


def _several(raw: str) -> bool:
    """Two or more numbers in one field ("13812345678/13987654321")."""
    parts = _LIST_MARKS.split(raw)
    return sum(len(re.sub(r"\D", "", part)) >= 7 for part in parts) >= 2


def _readings(raw: str) -> list[tuple[str, str | None]]:
    """The whole text as a number, then the text with an extension split off."""
    readings: list[tuple[str, str | None]] = [(raw, None)]
    for pattern in (_EXTENSION, _TRAILING_EXTENSION):
        match = pattern.match(raw)
        if match:
            readings.append((match["main"], match["ext"]))
    return [(_SEPARATORS.sub("", main), ext) for main, ext in readings]


def _parse(digits: str, area_code: str | None) -> PhoneNumber | None:
    if not re.fullmatch(r"\+?\d+", digits):
        return None
    candidates = [digits]
    if area_code and re.fullmatch(r"[2-9]\d{6,7}", digits):
        candidates.append(area_code + digits)
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, "CN")
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def _format(number: PhoneNumber) -> str:
    if number.country_code != 86:
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.national_significant_number(number)
    if phonenumbers.number_type(number) == PhoneNumberType.MOBILE:
        return national
    area_length = phonenumbers.length_of_geographical_area_code(number)
    if area_length:
        return f"0{national[:area_length]}-{national[area_length:]}"
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL).replace(" ", "-")


def _reason(raw: str) -> str:
    """Why the text is not a number, in words a clerk can act on."""
    digits = _SEPARATORS.sub("", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    if not re.fullmatch(r"\+?\d+", digits):
        return f"“{shown(raw)}”里有数字以外的字，{_EXAMPLES}"
    if digits.startswith("1") and len(digits) != 11:
        return f"手机号码应为11位，您填了{len(digits)}位"
    if re.fullmatch(r"[2-9]\d{6,7}", digits):
        return "固定电话请带区号，例如010-12345678"
    return f"“{shown(raw)}”不是有效的电话号码，{_EXAMPLES}"
