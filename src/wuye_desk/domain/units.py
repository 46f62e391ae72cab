"""Units of the compound (rule G1): written `3栋2单元1502`, office towers `A座1203`.

The archive stores the code ("3-2-1502", "A-1203") and shows the Chinese form.
`parse_unit` reads the spellings found on real registers; `unit_from_parts`
reads a roster that keeps building, entrance and room in three columns.

Decisions:
- a building named by letters (A, B, AB, A1) with no entrance is a tower (座),
  so "A栋1203" reads as "A座1203";
- a numbered building with no entrance is a 栋 ("5栋1502", code "5-1502"); a
  numbered "座" reads the same, since the code could not tell the two apart;
- leading zeros of building and entrance are dropped ("03栋02单元" → 3栋2单元);
  the room keeps its digits as written ("0101" stays "0101").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.text import shown, squeeze

EXAMPLES = "3栋2单元1502、3-2-1502或A座1203"

_BUILDING = re.compile(r"[1-9][0-9]{0,2}|[A-Z]{1,2}(?:[1-9][0-9]?)?")
_ENTRANCE = re.compile(r"[1-9][0-9]?|[A-Z]")
_ROOM = re.compile(r"[0-9]{2,4}")

_NUMERAL = r"[0-9]+|[一二三四五六七八九十]{1,3}"
_BUILDING_MARK = r"号楼|#楼|栋|幢|座|楼|号|#"
_ENTRANCE_MARK = r"单元|门"
_ROOM_MARK = r"号房|室|号|房"
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−_/"})

_UNIT = re.compile(
    rf"(?P<b>{_NUMERAL}|[A-Z]{{1,2}}[0-9]{{0,2}})(?:{_BUILDING_MARK}|-)"
    rf"(?:(?P<e>{_NUMERAL}|[A-Z])(?:{_ENTRANCE_MARK}|-))?"
    rf"(?P<r>[0-9]+)(?:{_ROOM_MARK})?"
)


@dataclass(frozen=True)
class Unit:
    """One unit, in normal form (build it with `parse_unit` or `unit_from_parts`)."""

    building: str  # "3", "A"
    entrance: str | None  # "2"; None for towers and single-entrance buildings
    room: str  # "1502"

    def __post_init__(self) -> None:
        if not _BUILDING.fullmatch(self.building):
            raise ValueError(f"building {self.building!r} is not in normal form")
        if self.entrance is not None and not _ENTRANCE.fullmatch(self.entrance):
            raise ValueError(f"entrance {self.entrance!r} is not in normal form")
        if not _ROOM.fullmatch(self.room):
            raise ValueError(f"room {self.room!r} is not in normal form")

    @property
    def tower(self) -> bool:
        """An office tower (座): a lettered building without entrances."""
        return self.entrance is None and self.building[0].isalpha()

    @property
    def code(self) -> str:
        """Stored form (rule G1): "3-2-1502", "5-1502", "A-1203"."""
        parts = [self.building, self.entrance, self.room]
        return "-".join(part for part in parts if part is not None)

    @property
    def display(self) -> str:
        """Shown form (rule G1): "3栋2单元1502", "5栋1502", "A座1203"."""
        if self.tower:
            return f"{self.building}座{self.room}"
        entrance = f"{self.entrance}单元" if self.entrance else ""
        return f"{self.building}栋{entrance}{self.room}"

    @property
    def sort_key(self) -> str:
        """A string that sorts units naturally (building 2 before 10, room 502 before
        1502), made of fixed-width digits and letters only, so SQL sorts it the
        same under any collation."""
        letters = re.match(r"[A-Z]*", self.building)
        assert letters is not None
        head, number = letters.group(), self.building[letters.end():]
        building = ("1" if head else "0") + head.ljust(2, "0") + number.zfill(3)
        if self.entrance is None:
            entrance = "000"
        elif self.entrance[0].isdigit():
            entrance = "0" + self.entrance.zfill(2)
        else:
            entrance = "1" + self.entrance + "0"
        room = str(int(self.room)).zfill(4) + str(len(self.room))
        return building + entrance + room

    def __str__(self) -> str:
        return self.display


@lru_cache(maxsize=16384)
def display_of(code: str) -> str:
    """The display form of a stored unit code ("3-2-1502" → "3栋2单元1502"), remembered:
    lists show thousands of rows over a few thousand units."""
    return parse_unit(code).display


def parse_unit(text: str, *, field: str = "房号") -> Unit:
    """Read a unit as clerks write it; ValidationError naming `field` otherwise."""
    typed = text.strip()
    compact = squeeze(text).upper().translate(_DASHES)
    if not compact:
        raise ValidationError(f"请填写{field}，例如{EXAMPLES}", field=field)
    match = _UNIT.fullmatch(compact)
    if match is None:
        raise _refused(field, typed, "看不懂")
    return Unit(
        _building(match["b"], field, typed),
        _entrance(match["e"], field, typed),
        _room(match["r"], field, typed),
    )


def unit_from_parts(
    building: str | None, entrance: str | None, room: str | None
) -> Unit:
    """Read a roster's three columns ("3栋"/"3", "2单元"/"2"/empty, "1502室"/"1502")."""
    b = _strip_mark(building, _BUILDING_MARK)
    e = _strip_mark(entrance, _ENTRANCE_MARK)
    r = _strip_mark(room, _ROOM_MARK)
    for value, field in ((b, "楼栋"), (r, "房号")):
        if not value:
            raise ValidationError(f"请填写{field}", field=field)
    if not re.fullmatch(rf"{_NUMERAL}|[A-Z]{{1,2}}[0-9]{{0,2}}", b):
        raise _refused("楼栋", building or "", "看不懂", _PART_EXAMPLES["楼栋"])
    if e and not re.fullmatch(rf"{_NUMERAL}|[A-Z]", e):
        raise _refused("单元", entrance or "", "看不懂", _PART_EXAMPLES["单元"])
    if not re.fullmatch("[0-9]+", r):
        raise _refused("房号", room or "", "看不懂", _PART_EXAMPLES["房号"])
    return Unit(
        _building(b, "楼栋", building or "", _PART_EXAMPLES["楼栋"]),
        _entrance(e or None, "单元", entrance or "", _PART_EXAMPLES["单元"]),
        _room(r, "房号", room or "", _PART_EXAMPLES["房号"]),
    )


_PART_EXAMPLES = {"楼栋": "3、3栋或A座", "单元": "2或2单元", "房号": "1502"}


def _refused(field: str, typed: str, reason: str, example: str = EXAMPLES) -> ValidationError:
    """A refusal that quotes what was typed and shows a form that works."""
    return ValidationError(
        f"{field}“{shown(typed)}”{reason}，请写成{example}这样", field=field
    )


def _strip_mark(value: str | None, marks: str) -> str:
    compact = squeeze(value or "").upper()
    return re.sub(rf"(?:{marks})$", "", compact)


def _building(token: str, field: str, typed: str, example: str = EXAMPLES) -> str:
    if token[0].isalpha() and token.isascii():
        return _letters_and_number(token, field, typed, example)
    number = _number(token)
    if number is None:
        raise _refused(field, typed, "的楼栋号看不懂", example)
    if number == 0:
        raise _refused(field, typed, "的楼栋号不能是0", example)
    if number > 999:
        raise _refused(field, typed, f"的楼栋号{number}太大", example)
    return str(number)


def _letters_and_number(token: str, field: str, typed: str, example: str) -> str:
    letters = token.rstrip("0123456789")
    digits = token[len(letters):]
    if not digits:
        return letters
    if int(digits) == 0:
        raise _refused(field, typed, f"的楼栋号不能是{token}", example)
    return letters + str(int(digits))


def _entrance(
    token: str | None, field: str, typed: str, example: str = EXAMPLES
) -> str | None:
    if token is None:
        return None
    if token.isascii() and token.isalpha():
        return token
    number = _number(token)
    if number is None or not 1 <= number <= 99:
        raise _refused(field, typed, "的单元号应在1到99之间", example)
    return str(number)


def _room(token: str, field: str, typed: str, example: str = EXAMPLES) -> str:
    if not _ROOM.fullmatch(token):
        raise _refused(field, typed, "的房间号应为2到4位数字", example)
    return token


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _number(token: str) -> int | None:
    """Arabic digits, or Chinese numerals from 一 to 九十九; None if neither."""
    if re.fullmatch("[0-9]+", token):
        return int(token)
    tens, mark, ones = token.partition("十")
    if not mark:
        return _DIGITS[token] if len(token) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
