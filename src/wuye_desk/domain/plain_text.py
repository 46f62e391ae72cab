"""One line of text as a clerk types it: checked before it reaches the database.

Whatever a form or an import hands over, the result is either a clean string
that every backend stores and gives back unchanged, or a ValidationError naming
the field. Control characters (a stray Tab, NUL from a pasted file) and lone
surrogates (text broken in transit) cannot be stored by every database and
are refused rather than silently altered.
"""

from __future__ import annotations

import unicodedata

from wuye_desk.domain.errors import ValidationError


def has_control_chars(value: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value)


def clean_line(value: object, *, field: str, max_length: int, required: bool = True,
               strip: bool = True) -> str:
    """The text with outer spaces removed; refused if empty (when required), too long,
    or holding control characters."""
    if not isinstance(value, str):
        raise ValidationError(f"{field}必须是文字", field=field)
    text = value.strip() if strip else value
    if required and not text:
        raise ValidationError(f"请填写{field}", field=field)
    if has_control_chars(text):
        raise ValidationError(f"{field}含有不能保存的控制字符（如换行、制表符），请重新输入",
                              field=field)
    if len(text) > max_length:
        raise ValidationError(f"{field}太长：最多{max_length}个字，现在有{len(text)}个字",
                              field=field)
    return text
