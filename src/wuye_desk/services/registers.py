"""Month-end registers (rule R2): every register of the office as an Excel sheet, and back.

A register is ONE declaration (`Register`): its name on the command line, its
Chinese title, its columns (header, width, kind), a row query that streams the
rows of a period in date order, and optionally an importer that maps cells
back to service inputs. Each area declares its registers in its own module and
adds one line per register to REGISTERS ("module:attribute"); the export, the
import, the month's batch, the command line and the 报表 menu then cover it.

Column kinds: text, date, datetime, int, masked_id, masked_phone. Masked
columns are written masked (rule G3) unless a full export is asked for
(Permission.EXPORT_FULL_ID, recorded in the audit trail).

An import is all or nothing: every row is checked; a file with bad rows is
refused whole (FileRejected lists each row number and reason) and nothing is written.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import func, select

from wuye_desk import settings
from wuye_desk.domain.errors import FileRejected, RowProblem, ValidationError
from wuye_desk.domain.operators import Permission
from wuye_desk.domain.periods import Period
from wuye_desk.domain.privacy import mask_id, mask_phone
from wuye_desk.exports.xlsx import Column, SheetRow, read_register, sheet_heading, write_register
from wuye_desk.services import office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.services.progress import NO_PROGRESS, Progress
from wuye_desk.store.audit import write_entries

ColumnKind = Literal["text", "date", "datetime", "int", "masked_id", "masked_phone"]
T = TypeVar("T")

# Each area adds one line per register: "module:attribute" naming a Register.
REGISTERS: list[str] = [
    "wuye_desk.services.household_register:HOUSEHOLDS",
    "wuye_desk.services.visitor_register:VISITS",
    "wuye_desk.services.visitor_register:GOODS_PASSES",
    "wuye_desk.services.complaint_register:COMPLAINTS",
    "wuye_desk.services.complaint_register:COMPLAINT_VISITS",
    "wuye_desk.services.key_register:CUSTODY",
    "wuye_desk.services.key_register:LENDINGS",
    "wuye_desk.services.key_register:EMERGENCIES",
    "wuye_desk.services.key_register:LOCK_CHANGES",
    "wuye_desk.services.mail_register:MAIL",
    "wuye_desk.services.vip_register:CARDS",
    "wuye_desk.services.vip_register:SERVICES",
]


@dataclass(frozen=True)
class RegisterColumn:
    header: str                 # the Chinese header, as on the paper register
    width: float = 10           # minimum width in Excel character units
    kind: ColumnKind = "text"


RowQuery = Callable[[Desk, date, date], Iterator[Sequence[Any]]]
RowCount = Callable[[Desk, date, date], int]


@dataclass(frozen=True)
class Importer(Generic[T]):
    """How a register's workbook comes back: `check` reads the sheet's rows into checked
    service inputs (raising FileRejected listing the bad rows); `save` writes them
    in one transaction and returns how many records it wrote."""

    check: Callable[[Desk, list[SheetRow]], T]
    save: Callable[[Desk, T, str], int]
    required: tuple[str, ...] = ()     # headers that must be present (default: all)


@dataclass(frozen=True)
class Register:
    name: str                           # on the command line: `export register visitors`
    title: str                          # 访客登记表
    columns: tuple[RegisterColumn, ...]
    rows: RowQuery                      # rows (values in column order, full, unmasked) of
                                        # [start, end], oldest first, streamed
    count: RowCount | None = None       # how many rows `rows` gives, for the progress bar
    importer: Importer[Any] | None = None
    snapshot: bool = False              # the archive as it stands (the period is ignored)
    area: str = ""                      # the area's Chinese name, for the menu

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


def per_row(parse: Callable[[Desk, dict[str, Any]], T]) -> Callable[[Desk, list[SheetRow]],
                                                                     list[T]]:
    """An importer's `check` from a function reading one row (keyed by header) into one
    input; every row's ValidationError becomes a RowProblem, all rows are looked at."""

    def check(desk: Desk, rows: list[SheetRow]) -> list[T]:
        problems: list[RowProblem] = []
        out: list[T] = []
        for row in rows:
            try:
                out.append(parse(desk, row.values))
            except ValidationError as exc:
                problems.append(RowProblem(row.number, exc.message))
        if problems:
            raise FileRejected(f"有 {len(problems)} 行有问题，整个文件未导入：", problems)
        return out

    return check


# --- the registry ---------------------------------------------------------------------

def _load(spec: str) -> Register:
    module, _, attr = spec.partition(":")
    register = getattr(importlib.import_module(module), attr)
    if not isinstance(register, Register):
        raise TypeError(f"{spec} is not a Register")
    return register


def all_registers() -> list[Register]:
    return [_load(spec) for spec in REGISTERS]


def get_register(name: str) -> Register:
    registers = all_registers()
    for register in registers:
        if register.name == name.strip() or register.title == name.strip():
            return register
    known = "、".join(f"{r.name}（{r.title}）" for r in registers)
    raise ValidationError(f"没有名为“{name}”的登记表；可用的有：{known}", field="登记表")


# --- export -----------------------------------------------------------------------------

def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00): the half-open datetime range of inclusive days."""
    return datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())


def counted_by(column: Any, *where: Any) -> Callable[[Desk, date, date], int]:
    """A register's row count (for its progress bar): the rows whose `column` falls on the
    period's days, and `where`."""
    def count(desk: Desk, start: date, end: date) -> int:
        lo, hi = bounds(start, end)
        with desk.read() as session:
            return int(session.scalar(select(func.count()).select_from(column.class_).where(
                *where, column >= lo, column < hi)) or 0)
    return count


def _shown(value: Any, kind: ColumnKind, full: bool) -> Any:
    if full or not value or not isinstance(value, str):
        return value
    if kind == "masked_id":
        return mask_id(value)
    if kind == "masked_phone":
        return mask_phone(value)
    return value


def _sheet_kind(kind: ColumnKind) -> str:
    return kind if kind in ("date", "datetime", "int") else "text"


def sheet_columns(register: Register) -> list[Column]:
    return [Column(c.header, c.width, _sheet_kind(c.kind)) for c in register.columns]


def shown_rows(register: Register, desk: Desk, start: date, end: date,
               full: bool = False) -> Iterator[list[Any]]:
    """The register's rows as they are written: masked columns masked unless `full`."""
    kinds = [c.kind for c in register.columns]
    for row in register.rows(desk, start, end):
        yield [_shown(v, k, full) for v, k in zip(row, kinds, strict=False)]


def file_name(register: Register, period: Period) -> str:
    return f"{period.code}_{register.title}.xlsx"


def title_of(desk: Desk, register: Register) -> str:
    office = office_settings.get(desk, settings.OFFICE_NAME)
    return f"{office} {register.title}"


def subtitle_of(desk: Desk, register: Register, period: Period) -> str:
    if register.snapshot:
        return f"截至 {desk.now():%Y-%m-%d %H:%M}"
    return f"期间：{period.label}    导出时间：{desk.now():%Y-%m-%d %H:%M}"


@dataclass
class Exported:
    register: Register
    path: Path
    rows: int


def export_register(desk: Desk, register: Register | str, period: Period, out: Path, *,
                    full: bool = False, progress: Progress = NO_PROGRESS,
                    done_before: int = 0, total: int = 0) -> Exported:
    """Write one register for `period` to `out` (atomically: a cancelled or failed export
    leaves nothing under `out`)."""
    reg = get_register(register) if isinstance(register, str) else register
    if full:
        desk.require(Permission.EXPORT_FULL_ID)
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ValidationError(f"登记表应保存为 .xlsx 文件：{out.name}", field="保存位置")
    if not total:
        total = reg.count(desk, period.start, period.end) if reg.count else 0
    label = f"正在导出{reg.title}"
    progress.update(done_before, total, label)

    def on_row(count: int) -> None:
        progress.update(done_before + count, total, label)

    count = write_register(
        out, sheet_title=reg.title, title=title_of(desk, reg),
        subtitle=subtitle_of(desk, reg, period), columns=sheet_columns(reg),
        rows=shown_rows(reg, desk, period.start, period.end, full), on_row=on_row)
    if full:
        with desk.write(f"导出{reg.title}（含完整证件号）") as session:
            write_entries(session, [(reg.name, "export", "view", None,
                                     {"file": out.name, "rows": count, "full": True})])
    return Exported(reg, out, count)


def export_month(desk: Desk, period: Period, folder: Path, *,
                 progress: Progress = NO_PROGRESS) -> list[Exported]:
    """Every register of the period into `folder`, one workbook each."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError(f"文件夹不存在：{folder}，请选择其他文件夹", field="保存位置")
    registers = all_registers()
    counts = [r.count(desk, period.start, period.end) if r.count else 0 for r in registers]
    total = sum(counts)
    done = 0
    out: list[Exported] = []
    for reg, n in zip(registers, counts, strict=True):
        out.append(export_register(desk, reg, period, folder / file_name(reg, period),
                                   progress=progress, done_before=done, total=total))
        done += n
    progress.update(total, total, "完成")
    return out


# --- import -----------------------------------------------------------------------------

@dataclass
class Imported:
    register: Register
    rows: int          # data rows read
    written: int       # records written (0 on a dry run)
    notes: list[str] = field(default_factory=list)


def guess_register(path: Path) -> Register | None:
    """The register a workbook is, by its sheet name and title row (as exported), else by
    its file name; None when neither names one. Only a suggestion: the import still checks
    the headers and every row."""
    found = sorted(all_registers(), key=lambda r: len(r.title), reverse=True)
    for text in (sheet_heading(Path(path)), Path(path).stem):
        for register in found:
            if register.title in text:
                return register
    return None


def read_rows(register: Register, path: Path) -> list[SheetRow]:
    synonyms: dict[str, Sequence[str]] = {h: () for h in register.headers}
    required = (register.importer.required if register.importer and register.importer.required
                else register.headers)
    return read_register(Path(path), synonyms, required)


def import_register(desk: Desk, register: Register | str, path: Path, *,
                    dry_run: bool = False) -> Imported:
    """Read a register's workbook and write it in one transaction; FileRejected lists the
    bad rows (nothing written)."""
    reg = get_register(register) if isinstance(register, str) else register
    if reg.importer is None:
        raise ValidationError(f"{reg.title}不能从 Excel 导入", field="登记表")
    desk.require(Permission.IMPORT)
    path = Path(path)
    rows = read_rows(reg, path)
    if not rows:
        raise ValidationError(f"{path.name} 没有数据行", field="文件")
    checked = reg.importer.check(desk, rows)
    if dry_run:
        return Imported(reg, len(rows), 0)
    written = reg.importer.save(desk, checked, f"导入{reg.title} {path.name}")
    return Imported(reg, len(rows), written)
