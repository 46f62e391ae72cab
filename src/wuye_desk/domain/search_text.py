"""Search text that finds any part of a name, unit, phone or number, at any length.

Every character becomes its own token ("张三 138" → "张 三 1 3 8"), so a
substring of any length — one Chinese character, a two-character name, four
digits of a phone — is a phrase of consecutive tokens. SQLite's FTS5 index
answers such phrase queries in about a millisecond on a million rows (its
trigram tokenizer finds nothing for one- and two-character queries, the usual
length of a Chinese name). Pinyin initials are added as their own word, so
"zs" finds 张三.

Digits and Latin letters are few (36 characters), so every row holds each of
them and a phrase of them ("1 3 8 1") walks the whole index. Runs of them are
therefore also indexed as overlapping three-character grams ("13812" → "138
381 812"), ending with the run's last two characters ("12") which also keep
the grams of two runs apart: a typed "5678" is the phrase "567 678" of two
selective tokens, and a typed "zs" the prefix query "zs"*. Grams are separated
by word gaps, so the LIKE used on PostgreSQL (phrases of single characters)
never matches across them.
"""

from __future__ import annotations

import unicodedata

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


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _runs(chars: list[str]) -> list[str]:
    """Maximal runs of ASCII letters and digits: ['张','1','2','3'] → ['123']."""
    runs, current = [], ""
    for ch in chars:
        if _is_ascii_alnum(ch):
            current += ch
        else:
            if current:
                runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return runs


def _grams(run: str) -> list[str]:
    """'13812' → ['138', '381', '812', '12']: trigrams, then the run's last two characters."""
    if len(run) < 2:
        return []
    return [run[i:i + 3] for i in range(len(run) - 2)] + [run[-2:]]


def with_grams(spaced_text: str) -> str:
    """Spaced text with the grams of its letter and digit runs appended (see above).
    Grams already there are dropped first (spaced words hold one character per token)."""
    words = without_grams(spaced_text).split(WORD_GAP)
    grams = [g for word in words for run in _runs(word.split()) for g in _grams(run)]
    return WORD_GAP.join(words + grams)


def without_grams(text: str) -> str:
    """The spaced text alone (the grams dropped)."""
    return WORD_GAP.join(w for w in text.split(WORD_GAP)
                         if w and all(len(t) == 1 for t in w.split()))


def initials(name: str) -> str:
    """Pinyin initials of a Chinese name: 张三 → zs."""
    # imported on first use: loading pypinyin's dictionaries takes a large part of a second,
    # which the window's start-up should not wait for (the main window warms it up)
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()


def build(*parts: str, names: tuple[str, ...] = ()) -> str:
    """The indexed text of a record: its parts, plus the pinyin initials of its names."""
    words = [p for p in parts if p]
    words += [initials(n) for n in names if n]
    return with_grams(spaced(" ".join(words)))


def phrases(query: str) -> list[str]:
    """The typed query as phrases, one per word typed: every phrase must match."""
    out = []
    for word in _fold(query).split():
        chars = [ch for ch in word if ch.isalnum()]
        if chars:
            out.append(" ".join(chars))
    return out


def _word_match(phrase: str) -> str:
    """One typed word's FTS5 expression (the word's characters are spaced)."""
    chars = phrase.split()
    runs = _runs(chars)
    if len(runs) == 1 and len(runs[0]) == len(chars) and len(chars) >= 3:
        run = runs[0]   # letters and digits only: a phrase of its grams
        return '"' + " ".join(run[i:i + 3] for i in range(len(run) - 2)) + '"'
    # mixed with Chinese (or short): the characters' phrase, narrowed by the grams
    # of any long run in it
    parts = [f'"{phrase}"'] + ['"' + " ".join(r[i:i + 3] for i in range(len(r) - 2)) + '"'
                               for r in runs if len(r) >= 3]
    return " AND ".join(parts)


def fts_match(query: str) -> str:
    """An FTS5 MATCH expression: '"张 三" AND "138"'; empty when nothing searchable was typed."""
    return " AND ".join(_word_match(p) for p in phrases(query))
