"""Search text that finds any part of a name, unit, phone or number, at any length.

Every character becomes its own token ("张三 138" → "张 三 1 3 8"), so a
substring of any length — one Chinese character, a two-character name, four
digits of a phone — is a phrase of consecutive tokens. SQLite's FTS5 index
answers such phrase queries in about a millisecond on a million rows (its
trigram tokenizer finds nothing for one- and two-character queries, the usual
length of a Chinese name). Pinyin initials are added as their own word, so
"zs" finds 张三.
"""

from __future__ import annotations

import unicodedata

from pypinyin import Style, lazy_pinyin

WORD_GAP = " | "  # between words; FTS ignores it, LIKE sees it


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def spaced(text: str) -> str:
    """'张三 138' → '张 三 | 1 3 8' (letters and digits kept, punctuation as gaps)."""
    words = []
    for word in _fold(text).split():
        chars = [ch for ch in word if ch.isalnum()]
        if chars:
            words.append(" ".join(chars))
    return WORD_GAP.join(words)


def initials(name: str) -> str:
    """Pinyin initials of a Chinese name: 张三 → zs."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()


def build(*parts: str, names: tuple[str, ...] = ()) -> str:
    """The indexed text of a record: its parts, plus the pinyin initials of its names."""
    words = [p for p in parts if p]
    words += [initials(n) for n in names if n]
    return spaced(" ".join(words))


def phrases(query: str) -> list[str]:
    """The typed query as phrases, one per word typed: every phrase must match."""
    out = []
    for word in _fold(query).split():
        chars = [ch for ch in word if ch.isalnum()]
        if chars:
            out.append(" ".join(chars))
    return out


def fts_match(query: str) -> str:
    """An FTS5 MATCH expression: '"张 三" AND "1 3 8"'; empty when nothing searchable was typed."""
    return " AND ".join(f'"{p}"' for p in phrases(query))
