"""Masked forms of customer data for screens, lists and printouts (rule G3).

Customer data is used only for the work at hand: lists, exports and slips show
these masked forms; the full value needs Permission.REVEAL_ID /
Permission.EXPORT_FULL_ID. Every function accepts any string, empty or short,
and never shows more than a long value would.
"""

from __future__ import annotations

import re

from wuye_desk.domain.units import Unit


def mask_id(number: str) -> str:
    """"11010519491231002X" → "1101**********002X" (rule G3).

    Up to 4 characters are kept at each end, never more than a quarter of the
    number each, so a short passport number keeps less.
    """
    text = number.strip()
    keep = min(4, len(text) // 4)
    return _keep_ends(text, keep, keep)


def mask_phone(number: str) -> str:
    """"13812345678" → "138****5678"; "010-12345678" → "010-****5678" (rule G3).

    The area code of a landline stays (it says only the city); the subscriber
    number keeps its last 4 digits when it has at least 7.
    """
    text, mark, extension = number.strip().partition("转")
    hidden_extension = mark + "*" * len(extension)
    landline = re.fullmatch(r"(0[0-9]{2,3}-)([0-9]+)", text)
    if landline:
        area, local = landline.groups()
        return area + _keep_ends(local, 0, 4 if len(local) >= 7 else 0) + hidden_extension
    if len(text) >= 11:
        return _keep_ends(text, 3, 4) + hidden_extension
    return _keep_ends(text, 0, 4 if len(text) >= 7 else len(text) // 4) + hidden_extension


def mask_name(name: str) -> str:
    """"张三丰" → "张**", "张三" → "张*" (rule G3); a single character is hidden too."""
    text = name.strip()
    if len(text) <= 1:
        return "*" * len(text)
    return text[0] + "*" * (len(text) - 1)


def mask_unit(unit: str | Unit) -> str:
    """"3栋2单元1502" → "3栋2单元15**", "A-1203" → "A-12**" (rule G3).

    The last two digits of the room are hidden, whatever spelling was given;
    text with no digits at all keeps only its first half.
    """
    text = unit.display if isinstance(unit, Unit) else unit.strip()
    runs = list(re.finditer(r"[0-9]+", text))
    if not runs:
        return _keep_ends(text, len(text) // 2, 0)
    room = runs[-1]
    hidden = min(2, len(room.group()))
    cut = room.end() - hidden
    return text[:cut] + "*" * hidden + text[room.end():]


def _keep_ends(text: str, head: int, tail: int) -> str:
    """`text` with all but `head` leading and `tail` trailing characters starred."""
    if head + tail >= len(text):
        head, tail = 0, 0
    return text[:head] + "*" * (len(text) - head - tail) + text[len(text) - tail:]
