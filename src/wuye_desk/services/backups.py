"""Backing up and restoring the desk's database.

`backup_now` copies the SQLite database while the desk keeps working into the
backup folder of this PC (a local setting: the data folder by default; a USB
disk or a share if the office sets one), verifies the copy and then rotates
old backups (7 daily, 4 weekly, 12 monthly by default; office settings
backup.keep_*). `backup_before_migrate` is the hook open_database calls before
a schema upgrade changes an existing database. `restore_backup` puts a checked
backup in place of the database and records the restore in the audit trail.

A PostgreSQL database (several desks on one server) is backed up by the server
(pg_dump, the server's own schedule); these functions say so instead of
pretending to have made a copy.
"""

from __future__ import annotations

import contextlib
import logging
import os
import platform
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from wuye_desk import local_config, paths, settings
from wuye_desk.domain.backups import (
    BEFORE_UPGRADE,
    BackupName,
    backup_name,
    backup_prefix,
    parse_backup_name,
    rotation,
)
from wuye_desk.domain.errors import DeskError, PermissionDenied
from wuye_desk.domain.operators import Permission, allows
from wuye_desk.services import office_settings
from wuye_desk.services.desk import Desk, OperatorInfo
from wuye_desk.store.audit import Actor, record_event
from wuye_desk.store.backup import (
    BackupCheck,
    BackupError,
    RestoreResult,
    check_backup,
    copy_database,
    restore_database,
)
from wuye_desk.store.database import Database, open_database

__all__ = [
    "BackupError",
    "BackupFile",
    "BackupResult",
    "RestoreResult",
    "backup_before_migrate",
    "backup_folder",
    "backup_now",
    "check_backup",
    "latest_good_backup",
    "list_backups",
    "restore_backup",
    "set_backup_folder",
]

log = logging.getLogger(__name__)

FOLDER_KEY = "backup.folder"
POSTGRES_MESSAGE = (
    "这个数据库在 PostgreSQL 服务器上（多台前台共用），备份由服务器负责"
    "（例如服务器上每天运行 pg_dump），本程序不做也不恢复这类备份。请联系管理服务器的同事。"
)
_STALE_PARTIAL_SECONDS = 3600


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    removed: list[Path]  # old backups rotation removed


@dataclass(frozen=True)
class BackupFile:
    path: Path
    name: BackupName
    size: int


# --- the folder -------------------------------------------------------------
def backup_folder() -> Path:
    """This PC's backup folder (a local setting; the data folder's backups/ by default)."""
    configured = local_config.get(FOLDER_KEY)
    return Path(configured) if isinstance(configured, str) and configured else \
        paths.default_backup_dir()


def set_backup_folder(folder: str | os.PathLike[str] | None) -> Path:
    """Use `folder` for this PC's backups from now on (None: back to the default).
    The folder must exist or be creatable, and be writable."""
    if folder is None or not str(folder).strip():
        local_config.put(FOLDER_KEY, None)
        return backup_folder()
    path = usable_folder(Path(folder).expanduser(), create=True)
    local_config.put(FOLDER_KEY, str(path))
    return path


def usable_folder(folder: Path, *, create: bool = False) -> Path:
    """The folder if a backup can be written there; BackupError if not (disconnected USB
    disk or share, read-only, not a folder). The default folder is created when missing;
    another folder only with `create` (when it is being chosen) and if its parent exists:
    a missing folder on a USB disk means the disk is not plugged in."""
    folder = folder.expanduser()
    try:
        if not folder.exists():
            default = paths.default_backup_dir()
            if folder == default:
                folder.mkdir(parents=True, exist_ok=True)
            elif create and folder.parent.is_dir():
                folder.mkdir()
            else:
                raise BackupError(f"备份文件夹不存在：{folder}（U盘或网络共享没有连接？）")
        if not folder.is_dir():
            raise BackupError(f"备份位置 {folder} 不是文件夹")
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except BackupError:
        raise
    except OSError as exc:
        raise BackupError(f"备份文件夹 {folder} 不能写入（只读、U盘写保护或没有权限）："
                          f"{exc.strerror or exc}") from exc
    return folder.resolve()


# --- making backups ---------------------------------------------------------
def _database_file(db: Database) -> Path:
    if not db.is_sqlite:
        raise BackupError(POSTGRES_MESSAGE)
    if db.file is None:
        raise BackupError("内存中的数据库无法备份")
    return db.file


def prefix_for(database: Path) -> str:
    return backup_prefix(database.name.removesuffix(".sqlite3"), platform.node() or "desk")


def _free_name(folder: Path, prefix: str, now: datetime, kind: str) -> Path:
    number = 1
    while True:
        candidate = folder / backup_name(prefix, now, number=number, kind=kind).file_name
        if not candidate.exists() and not candidate.with_name(candidate.name + ".partial").exists():
            return candidate
        number += 1


def _clear_stale_partials(folder: Path, prefix: str) -> None:
    cutoff = time.time() - _STALE_PARTIAL_SECONDS
    for partial in folder.glob(f"{prefix}_*.partial"):
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < cutoff:
                partial.unlink()


def _make(database: Path, folder: Path, now: datetime, kind: str) -> Path:
    prefix = prefix_for(database)
    _clear_stale_partials(folder, prefix)
    target = _free_name(folder, prefix, now, kind)
    copy_database(database, target)
    return target


def backup_now(db: Database, *, folder: Path | None = None,
               now: datetime | None = None) -> BackupResult:
    """Back the database up into `folder` (default: this PC's backup folder), verify the
    copy, then remove the backups rotation no longer keeps."""
    database = _database_file(db)
    target_folder = usable_folder(folder if folder is not None else backup_folder())
    made = _make(database, target_folder, now or datetime.now(), kind="")
    desk = Desk(db)
    doomed = rotation(
        (p.name for p in target_folder.iterdir()), prefix_for(database),
        daily=office_settings.get(desk, settings.BACKUP_DAILY_KEEP),
        weekly=office_settings.get(desk, settings.BACKUP_WEEKLY_KEEP),
        monthly=office_settings.get(desk, settings.BACKUP_MONTHLY_KEEP),
    )
    removed = []
    for file_name in doomed:
        old = target_folder / file_name
        if old == made:
            continue
        try:
            old.unlink()
            removed.append(old)
        except OSError as exc:  # a read-only old file is not worth failing the backup for
            log.warning("could not remove old backup %s: %s", old, exc)
    return BackupResult(made, made.stat().st_size, removed)


def backup_before_migrate(db: Database) -> None:
    """open_database's before_migrate hook: a backup of the existing database before a
    schema upgrade changes it. The upgrade does not run if no backup could be made."""
    if not db.is_sqlite:
        log.warning("PostgreSQL: no backup before the schema upgrade (%s)", POSTGRES_MESSAGE)
        return
    database = _database_file(db)
    now = datetime.now()
    try:
        _make(database, usable_folder(backup_folder()), now, BEFORE_UPGRADE)
        return
    except BackupError as exc:
        first = exc
    if backup_folder() == paths.default_backup_dir():
        raise BackupError(f"升级数据库结构前无法备份，没有升级：{first}")
    try:  # the USB disk or share is not there: keep the copy on this PC instead
        _make(database, usable_folder(paths.default_backup_dir()), now, BEFORE_UPGRADE)
    except BackupError as exc:
        raise BackupError(f"升级数据库结构前无法备份，没有升级：{first}；{exc}") from exc


# --- finding backups --------------------------------------------------------
def list_backups(folder: Path | None = None) -> list[BackupFile]:
    """Every file named like a backup in the folder, newest first (unchecked)."""
    folder = folder if folder is not None else backup_folder()
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        parsed = parse_backup_name(path.name)
        if parsed is None:
            continue
        with contextlib.suppress(OSError):
            found.append(BackupFile(path, parsed, path.stat().st_size))
    found.sort(key=lambda b: (b.name.taken_at, b.name.number, b.path.name), reverse=True)
    return found


def latest_good_backup(folder: Path | None = None, *, prefix: str | None = None) -> Path | None:
    """The newest backup in the folder that passes the restore check (optionally only
    those of one database and computer, see prefix_for)."""
    for backup in list_backups(folder):
        if prefix is not None and backup.name.prefix != prefix:
            continue
        try:
            check_backup(backup.path)
        except BackupError:
            continue
        return backup.path
    return None


# --- restoring --------------------------------------------------------------
def restore_backup(database: str | os.PathLike[str], backup_file: str | os.PathLike[str], *,
                   operator: OperatorInfo | None = None,
                   now: datetime | None = None) -> RestoreResult:
    """Replace the SQLite database file with a checked backup (nothing is replaced if the
    backup is unusable); the replaced database is kept beside it. Nothing may have the
    database open. The restore is recorded in the restored database's audit trail."""
    if operator is not None and not allows(operator.role, Permission.RESTORE_BACKUP):
        raise PermissionDenied(f"当前操作员（{operator.name}）没有“恢复备份”的权限。")
    target = _file_of(database)
    when = (now or datetime.now()).replace(microsecond=0)
    result = restore_database(target, Path(backup_file), now=when)
    _record_restore(result, operator, when)
    return result


def _file_of(database: str | os.PathLike[str]) -> Path:
    text = str(database)
    if "://" not in text:
        return Path(text)
    url = make_url(text)
    if url.get_backend_name() != "sqlite":
        raise BackupError(POSTGRES_MESSAGE)
    if not url.database or url.database == ":memory:":
        raise BackupError("内存中的数据库无法恢复")
    return Path(url.database)


def _record_restore(result: RestoreResult, operator: OperatorInfo | None, now: datetime) -> None:
    who = Actor(operator.id, operator.name) if operator else Actor(None, "系统")
    try:
        db = open_database(result.database, before_migrate=backup_before_migrate)
    except DeskError as exc:  # the restore itself is done; `wuye-desk check` will tell more
        log.warning("restored database could not be opened to record the restore: %s", exc)
        return
    try:
        with db.write(who, "恢复备份", now) as session:
            record_event(session, "database", result.database.name, "restore", {
                "backup": result.restored_from.name,
                "kept_as": result.kept_as.name if result.kept_as else None,
            })
    finally:
        db.dispose()


def describe(check: BackupCheck) -> str:
    return f"{check.path.name}（{check.size / 1024 / 1024:.1f} MB）"
