"""Copies of the SQLite database file: made online, verified, restored safely.

A backup is taken with SQLite's online backup API while the desk keeps working,
written under a temporary name, checked with `PRAGMA integrity_check`, and only
then given its real name: a file with a backup's name is a good backup.

A restore checks the backup (a SQLite file, intact, holding this program's
tables at a schema version this build knows) before anything is replaced,
copies it next to the database under a temporary name, keeps the database it
replaces as `<name>.replaced-<time>.sqlite3`, and swaps the copy in with one
atomic rename: the database is never a half-copied file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from wuye_desk.domain.errors import DeskError
from wuye_desk.store import migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = frozenset({"alembic_version", "operator", "audit_entry"})


class BackupError(DeskError):
    """A backup cannot be made, checked or restored; the message says why."""


@dataclass(frozen=True)
class BackupCheck:
    path: Path
    size: int
    revisions: frozenset[str]


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored_from: Path
    kept_as: Path | None  # the database that was replaced, or None if there was none
    check: BackupCheck


@contextlib.contextmanager
def _connect(path: Path, *, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    mode = "ro" if read_only else "rw"
    uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _integrity_problems(conn: sqlite3.Connection) -> list[str]:
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def copy_database(source: Path, dest: Path) -> None:
    """An online, consistent copy of `source` into the new file `dest`, verified.

    The copy is self-contained (no -wal file beside it) and passes
    integrity_check, or `dest` does not exist and BackupError says why.
    """
    partial = dest.with_name(dest.name + ".partial")
    _remove_quietly(partial)
    try:
        with _connect(source, read_only=True) as src:
            target = sqlite3.connect(partial, isolation_level=None)
            try:
                src.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
                problems = _integrity_problems(target)
            finally:
                target.close()
        if problems:
            raise BackupError("备份副本未通过完整性检查，没有保存：" + "; ".join(problems[:5]))
        _fsync_file(partial)
        os.replace(partial, dest)
        _fsync_dir(dest.parent)
    except BackupError:
        _remove_quietly(partial)
        raise
    except (sqlite3.Error, OSError) as exc:
        _remove_quietly(partial)
        raise BackupError(f"备份没有完成：{_reason(exc)}") from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno == 28:
            return "磁盘空间不足"
        if isinstance(exc, PermissionError):
            return f"没有写入权限（{exc.filename or ''}）"
        return exc.strerror or str(exc)
    text = str(exc)
    if "not a database" in text:
        return "不是数据库文件"
    if "locked" in text or "busy" in text:
        return "数据库正被其他程序使用"
    if "disk is full" in text or "database or disk is full" in text:
        return "磁盘空间不足"
    return text


def check_backup(path: Path) -> BackupCheck:
    """Whether `path` is a backup this build can restore; BackupError says why not."""
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path}")
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
        size = path.stat().st_size
    except OSError as exc:
        raise BackupError(f"无法读取备份文件 {path}：{_reason(exc)}") from exc
    if header != SQLITE_MAGIC:
        raise BackupError(f"{path.name} 不是 wuye-desk 的数据库备份（不是 SQLite 文件）")
    try:
        with _connect(path, read_only=True) as conn:
            problems = _integrity_problems(conn)
            if problems:
                raise BackupError(f"备份文件 {path.name} 已损坏（完整性检查未通过），不能用来恢复")
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = REQUIRED_TABLES - tables
            if missing:
                raise BackupError(f"{path.name} 不是 wuye-desk 的数据库备份（缺少表："
                                  + "、".join(sorted(missing)) + "）")
            revisions = frozenset(row[0] for row in conn.execute(
                "SELECT version_num FROM alembic_version"))
    except sqlite3.Error as exc:
        raise BackupError(f"无法读取备份文件 {path.name}：{_reason(exc)}") from exc
    unknown = revisions - migrate.known_revisions()
    if unknown:
        raise BackupError(
            f"备份 {path.name} 由更新版本的 wuye-desk 创建（结构版本 "
            + "、".join(sorted(unknown)) + "），本程序不能使用它。请先升级 wuye-desk。")
    if not revisions:
        raise BackupError(f"{path.name} 不是 wuye-desk 的数据库备份（没有结构版本）")
    return BackupCheck(path, size, revisions)


def replaced_name(database: Path, at: datetime) -> Path:
    """Where a restore keeps the database it replaces."""
    stem = database.name.removesuffix(".sqlite3")
    candidate = database.with_name(f"{stem}.replaced-{at:%Y%m%d-%H%M%S}.sqlite3")
    number = 2
    while candidate.exists():
        candidate = database.with_name(f"{stem}.replaced-{at:%Y%m%d-%H%M%S}-{number}.sqlite3")
        number += 1
    return candidate


def _settle(database: Path) -> None:
    """Fold the database's -wal file into it, so the file alone holds everything.

    Needs the database to be unused; a damaged database that cannot be opened is
    left as it is (its -wal file is then kept beside the replaced copy).
    """
    try:
        with _connect(database) as conn:
            conn.execute("PRAGMA busy_timeout = 2000")
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()
    except sqlite3.Error as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise BackupError("数据库正在被使用（还有 wuye-desk 窗口开着？），"
                              "请关闭所有使用它的程序后再恢复。没有做任何改动。") from exc
        return
    if mode and str(mode[0]).lower() != "delete":
        raise BackupError("数据库正在被使用（还有 wuye-desk 窗口开着？），"
                          "请关闭所有使用它的程序后再恢复。没有做任何改动。")


def restore_database(database: Path, backup: Path, *, now: datetime | None = None) -> RestoreResult:
    """Replace `database` with the checked copy of `backup`; keep the old one beside it."""
    check = check_backup(backup)
    database = database.resolve()
    folder = database.parent
    if not folder.is_dir():
        raise BackupError(f"数据库所在的文件夹不存在：{folder}")
    temp = folder / f".{database.name}.restoring"
    _remove_quietly(temp)
    copy_database(backup, temp)  # verified, or not there at all
    kept: Path | None = None
    try:
        if database.exists():
            _settle(database)
            kept = replaced_name(database, now or datetime.now())
            _keep_copy(database, kept)
            wal = Path(f"{database}-wal")
            if wal.exists():
                os.replace(wal, Path(f"{kept}-wal"))
            _remove_quietly(Path(f"{database}-shm"), Path(f"{database}-journal"))
        os.replace(temp, database)
        _fsync_dir(folder)
    except BackupError:
        _remove_quietly(temp)
        raise
    except OSError as exc:
        _remove_quietly(temp)
        raise BackupError(f"恢复没有完成，原数据库未被替换：{_reason(exc)}") from exc
    return RestoreResult(database, backup, kept, check)


def _keep_copy(database: Path, kept: Path) -> None:
    """The database under a second name: a hard link where possible, else a full copy."""
    try:
        os.link(database, kept)
    except OSError:
        shutil.copy2(database, kept)
        _fsync_file(kept)
