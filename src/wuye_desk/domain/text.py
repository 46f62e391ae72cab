"""What every typed-in value goes through before a rule looks at it.

Clerks type on Chinese input methods: full-width digits, letters, dashes and
spaces arrive mixed with half-width ones. NFKC folds them all to half-width.
Choice lists (enums the clerk picks or types) share one forgiving parser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from typing import Self

from wuye_desk.domain.errors import ValidationError

_WHITESPACE = re.compile(r"\s+")


def halfwidth(text: str) -> str:
    """Full-width forms folded to half-width (NFKC), surrounding whitespace removed."""
    return unicodedata.normalize("NFKC", text).strip()


def squeeze(text: str) -> str:
    """`halfwidth` with every inner whitespace removed too."""
    return _WHITESPACE.sub("", halfwidth(text))


def shown(text: str, limit: int = 30) -> str:
    """The typed value as a message quotes it back: trimmed, cut when very long."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


class ChoiceEnum(StrEnum):
    """A closed list of Chinese values that also accepts the office's synonyms.

    Subclasses override `synonyms` (synonym → member value) and `default_field`
    (the field a refusal names).
    """

    @classmethod
    def synonyms(cls) -> Mapping[str, str]:
        return {}

    @classmethod
    def default_field(cls) -> str:
        return "选项"

    @classmethod
    def allowed(cls) -> str:
        return "、".join(member.value for member in cls)

    @classmethod
    def parse(cls, text: str, field: str | None = None) -> Self:
        """The member `text` names (its value or a synonym), else ValidationError."""
        field = field or cls.default_field()
        key = _choice_key(text)
        if not key:
            raise ValidationError(f"请填写{field}，可选：{cls.allowed()}", field=field)
        for member in cls:
            if _choice_key(member.value) == key:
                return member
        for synonym, value in cls.synonyms().items():
            if _choice_key(synonym) == key:
                return cls(value)
        raise ValidationError(
            f"{field}“{shown(text)}”无法识别，可选：{cls.allowed()}", field=field
        )


def _choice_key(text: str) -> str:
    return squeeze(text).casefold()
