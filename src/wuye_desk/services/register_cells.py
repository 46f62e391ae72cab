"""Cells shared by the registers (rule R2): how a value is written into a register's cell
and how a cell is read back by an import.

Every area's register module (visitor_register, complaint_register, key_register,
mail_register, vip_register) writes units, yes/no and times the same way and reads
them back the same way, so a round trip gives the same cells whatever the register.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from wuye_desk.domain import ids, units
from wuye_desk.domain.errors import FileRejected, RowProblem, ValidationError
from wuye_desk.domain.plain_text import has_control_chars
from wuye_desk.domain.privacy import mask_id
from wuye_desk.exports.xlsx import SheetRow, cell_text
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import Household

CHUNK = 500   # values per IN (...) list: well under SQLite's and PostgreSQL's limits


@lru_cache(maxsize=20000)
def unit_display(code: str | None) -> str:
    """A stored unit code as the register shows it (`3栋2单元1502`); a code that no longer
    parses is shown as it is, a missing one as an empty cell."""
    if not code:
        return ""
    try:
        return units.parse_unit(code).display
    except ValidationError:
        return code


def yes(value: bool | None) -> str:
    """A yes/no cell: 是 / 否, empty when not known."""
    return "" if value is None else ("是" if value else "否")


def read_yes(value: Any, field: str) -> bool | None:
    """A yes/no cell read back: 是/有/Y/√/1 or 否/无/N/×/0; None when empty."""
    text = cell_text(value)
    if not text:
        return None
    if text in ("是", "有", "Y", "y", "√", "1"):
        return True
    if text in ("否", "无", "N", "n", "×", "0"):
        return False
    raise ValidationError(f"{field}应填“是”或“否”，您填的是“{text}”", field=field)


def read_datetime(value: Any, field: str, *, required: bool) -> datetime | None:
    """A date-time cell read back: a real Excel date, or text `YYYY-MM-DD HH:MM`
    (seconds and microseconds dropped to the second)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"请填写{field}", field=field)
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    text = str(value).strip().replace("/", "-").replace("T", " ")
    try:
        return datetime.fromisoformat(text).replace(microsecond=0)
    except ValueError:
        raise ValidationError(f"{field}“{text}”不是有效时间，应为 YYYY-MM-DD HH:MM",
                              field=field) from None


def read_past_datetime(value: Any, field: str, now: datetime) -> datetime:
    """A required date-time cell that cannot be after `now` (a register records what
    happened)."""
    when = read_datetime(value, field, required=True)
    assert when is not None
    if when > now:
        raise ValidationError(f"{field}在将来", field=field)
    return when


def read_date(value: Any, field: str, *, required: bool) -> date | None:
    """A date cell read back: a real Excel date (its time part ignored) or `YYYY-MM-DD`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"请填写{field}", field=field)
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("/", "-")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{field}“{text}”不是有效日期，应为 YYYY-MM-DD",
                              field=field) from None


def masked_or(value: Any, field: str, check: Callable[[str], str]) -> tuple[str, bool]:
    """A masked value (with *) is kept as it is (rule G3) and reported as masked;
    otherwise `check(text)` cleans it. `field` names the cell for the caller's messages."""
    del field
    text = cell_text(value)
    if "*" in text:
        return text, True
    return check(text), False


def read_text(value: Any, field: str, *, required: bool = False, max_length: int = 100,
              rule: str | None = None) -> str:
    """Free text as the register carries it (full-width punctuation kept, so a round trip
    gives the same cell): only checked for length and characters that cannot be shown."""
    text = cell_text(value).replace("\r\n", "\n").strip()
    if not text:
        if required:
            raise ValidationError(f"请填写{field}" + (f"（规则{rule}）" if rule else ""),
                                  field=field, rule=rule)
        return ""
    if len(text) > max_length:
        raise ValidationError(f"{field}太长：最多{max_length}个字，您填了{len(text)}个",
                              field=field)
    if has_control_chars(text.replace("\n", " ")):
        raise ValidationError(f"{field}里有无法显示的字符，请重新输入", field=field)
    return text


def read_id(value: Any, id_type: str, field: str, *, today: date,
            required: bool = True) -> str:
    """An ID number cell read back: a whole number is checked as the desk checks it; a
    masked one (rule G3) is kept masked, but only in the shape the desk masks a number
    (its ends shown, the middle starred) — anything else is a bad cell."""
    text = cell_text(value).replace(" ", "")
    if not text:
        if required:
            raise ValidationError(f"请填写{field}", field=field)
        return ""
    if "*" not in text:
        return ids.validate_id(id_type, text, field=field, today=today)
    ends = text.replace("*", "")
    if (len(text) > 40 or not ends.isascii() or not ends.isalnum()
            or mask_id(text.replace("*", "0")) != text):
        raise ValidationError(f"{field}“{text}”不是有效的遮蔽证件号（应如 1101**********002X）",
                              field=field)
    return text


def household_ids(desk: Desk, codes: set[str]) -> dict[str, int]:
    """Household ids by unit code, for the codes that have an archive (batched lookups)."""
    found: dict[str, int] = {}
    wanted = sorted(codes)
    with desk.read() as session:
        for i in range(0, len(wanted), CHUNK):
            found.update(session.execute(select(Household.unit_code, Household.id).where(
                Household.unit_code.in_(wanted[i:i + CHUNK]))).all())
    return found


def reject(problems: list[RowProblem]) -> None:
    """Refuse the whole file when any row is bad, the rows listed in order."""
    if problems:
        problems.sort(key=lambda p: p.row)
        raise FileRejected(f"有 {len(problems)} 行有问题，整个文件未导入：", problems)


def unique_serials(desk: Desk, rows: list[SheetRow], values: list[dict[str, Any]],
                   model: Any) -> None:
    """Each row's `serial` (when it has one) appears once in the file and not yet in
    `model`'s table; FileRejected names the rows that break this."""
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for row, value in zip(rows, values, strict=True):
        serial = value["serial"]
        if serial is None:
            continue
        if serial in seen:
            problems.append(RowProblem(row.number, f"单号{serial}与第{seen[serial]}行重复"))
        seen.setdefault(serial, row.number)
    wanted = list(seen)
    existing: set[str] = set()
    with desk.read() as session:
        for i in range(0, len(wanted), CHUNK):
            existing.update(s for s in session.scalars(
                select(model.serial).where(model.serial.in_(wanted[i:i + CHUNK]))) if s)
    problems += [RowProblem(seen[s], f"单号{s}已在系统中") for s in wanted if s in existing]
    reject(problems)
