"""Backing up into this PC's backup folder, rotation, the pre-upgrade hook, restoring."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.trust_helpers import add_households, corrupt, unit_codes
from wuye_desk import paths, settings
from wuye_desk.domain.backups import BEFORE_UPGRADE, parse_backup_name
from wuye_desk.domain.errors import PermissionDenied
from wuye_desk.domain.operators import Role
from wuye_desk.services import backups, office_settings
from wuye_desk.services.desk import Desk, OperatorInfo
from wuye_desk.store import migrate
from wuye_desk.store.backup import check_backup
from wuye_desk.store.database import Database, open_database
from wuye_desk.store.models import AuditEntry


def test_backup_now_goes_to_the_default_folder_verified(db: Database) -> None:
    add_households(db, "1-1-101")
    result = backups.backup_now(db, now=datetime(2026, 11, 18, 10, 0))
    assert result.path.parent == paths.default_backup_dir().resolve()
    parsed = parse_backup_name(result.path.name)
    assert parsed is not None and parsed.taken_at == datetime(2026, 11, 18, 10, 0)
    assert parsed.prefix == backups.prefix_for(db.file)  # type: ignore[arg-type]
    assert result.size == result.path.stat().st_size > 0
    assert unit_codes(result.path) == ["1-1-101"]
    # a second backup in the same second gets its own name
    again = backups.backup_now(db, now=datetime(2026, 11, 18, 10, 0))
    assert again.path != result.path and again.path.exists() and result.path.exists()


def test_rotation_follows_the_office_settings(desk: Desk) -> None:
    folder = paths.default_backup_dir()
    start = datetime(2026, 1, 1, 18, 0)
    made = [backups.backup_now(desk.db, now=start + timedelta(days=i)).path for i in range(40)]
    kept = sorted(p.name for p in folder.iterdir())
    # 7 daily (Feb 3..9, a Monday); the weeks of Feb 9 and Feb 8 are covered by those,
    # the two weeks before by their Sundays Feb 1 and Jan 25; January by Jan 31
    assert kept == sorted(made[i].name for i in (24, 30, 31, *range(33, 40)))
    assert made[-1].name in kept and made[0].name not in kept
    office_settings.put(desk, settings.BACKUP_DAILY_KEEP, 2)
    office_settings.put(desk, settings.BACKUP_WEEKLY_KEEP, 0)
    office_settings.put(desk, settings.BACKUP_MONTHLY_KEEP, 0)
    result = backups.backup_now(desk.db, now=start + timedelta(days=40))
    assert sorted(p.name for p in folder.iterdir()) == [made[-1].name, result.path.name]
    assert len(result.removed) == 9


def test_rotation_leaves_other_files_and_other_desks_alone(db: Database) -> None:
    folder = paths.default_backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    mine = backups.backup_now(db, now=datetime(2025, 1, 1)).path
    foreign = folder / mine.name.replace(backups.prefix_for(db.file), "wuye-desk_other-pc")  # type: ignore[arg-type]
    shutil.copy(mine, foreign)
    (folder / "说明.txt").write_text("U盘里的其他文件", encoding="utf-8")
    for day in range(1, 30):
        backups.backup_now(db, now=datetime(2025, 3, day))
    names = {p.name for p in folder.iterdir()}
    assert foreign.name in names and "说明.txt" in names
    assert mine.name in names  # the newest of January 2025: a monthly backup
    march_first = mine.name.replace("20250101", "20250301")
    # 7 daily (Mar 23..29), Sundays Mar 16 and 9, January: 10 of mine, 2 other files
    assert march_first not in names and len(names) == 10 + 2


def test_backup_to_a_missing_usb_disk_says_so(db: Database, tmp_path: Path) -> None:
    usb = tmp_path / "media" / "usb" / "备份"
    with pytest.raises(backups.BackupError, match=r"备份文件夹不存在.*U盘"):
        backups.backup_now(db, folder=usb)
    assert not usb.exists()


def test_backup_location_that_is_a_file(db: Database, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "backup.txt"
    not_a_folder.write_text("x")
    with pytest.raises(backups.BackupError, match="不是文件夹"):
        backups.backup_now(db, folder=not_a_folder)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs a user the file permissions apply to")
def test_read_only_backup_folder_says_so(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(backups.BackupError, match="不能写入"):
            backups.backup_now(db, folder=folder)
    finally:
        folder.chmod(0o700)


def test_backup_folder_is_a_setting_of_this_pc(db: Database, tmp_path: Path) -> None:
    assert backups.backup_folder() == paths.default_backup_dir()
    share = tmp_path / "share"
    share.mkdir()
    assert backups.set_backup_folder(share / "wuye") == (share / "wuye").resolve()
    assert backups.backup_now(db).path.parent == (share / "wuye").resolve()
    with pytest.raises(backups.BackupError, match="不存在"):
        backups.set_backup_folder(tmp_path / "gone" / "away")
    assert backups.backup_folder() == (share / "wuye").resolve()
    backups.set_backup_folder(None)
    assert backups.backup_folder() == paths.default_backup_dir()


@pytest.mark.postgres
def test_postgres_backups_are_the_servers_job(pg_db: Database) -> None:
    with pytest.raises(backups.BackupError, match=r"PostgreSQL.*服务器负责"):
        backups.backup_now(pg_db)
    with pytest.raises(backups.BackupError, match="PostgreSQL"):
        backups.restore_backup(pg_db.url, "whatever.sqlite3")


def test_latest_good_backup_skips_damaged_ones(db: Database, tmp_path: Path) -> None:
    folder = paths.default_backup_dir()
    assert backups.latest_good_backup(folder) is None
    assert backups.latest_good_backup(tmp_path / "nowhere") is None
    add_households(db, *[f"5-1-{n}" for n in range(100, 300)])
    good = backups.backup_now(db, now=datetime(2026, 11, 16)).path
    newest = backups.backup_now(db, now=datetime(2026, 11, 17)).path
    assert backups.latest_good_backup() == newest
    corrupt(newest)
    assert backups.latest_good_backup(folder) == good
    assert backups.latest_good_backup(folder, prefix="someone-else_pc") is None


# --- the hook before a schema upgrade ----------------------------------------
@pytest.fixture
def newer_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This build with one more migration than the database has."""
    scripts = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0099_test.py").write_text(
        '"""a later migration"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        'revision = "0099_test"\ndown_revision = "0001_foundation"\n'
        'branch_labels = ("test",)\ndepends_on = None\n\n\n'
        "def upgrade() -> None:\n"
        '    op.create_table("later", sa.Column("id", sa.Integer(), primary_key=True))\n\n\n'
        "def downgrade() -> None:\n"
        '    op.drop_table("later")\n', encoding="utf-8")
    monkeypatch.setattr(paths, "migrations_dir", lambda: scripts)


def _database_at_foundation(path: Path) -> None:
    """A database as an older build left it: at the foundation revision only."""
    from alembic import command

    engine = open_database(path, upgrade=False).write_engine
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_foundation")
    engine.dispose()


def _revisions(path: Path) -> set[str]:
    db = open_database(path, upgrade=False)
    try:
        return migrate.current_revisions(db.write_engine)
    finally:
        db.dispose()


def test_existing_database_is_backed_up_before_an_upgrade(db_path: Path,
                                                          newer_build: None) -> None:
    _database_at_foundation(db_path)
    old = open_database(db_path, upgrade=False)
    add_households(old, "2-2-202")
    old.dispose()

    open_database(db_path, before_migrate=backups.backup_before_migrate).dispose()
    made = [b for b in backups.list_backups() if b.name.kind == BEFORE_UPGRADE]
    assert len(made) == 1
    assert check_backup(made[0].path).revisions == {"0001_foundation"}
    assert unit_codes(made[0].path) == ["2-2-202"]
    assert "0099_test" in _revisions(db_path)
    # rotation never removes it
    db = open_database(db_path)
    for day in range(1, 40):
        backups.backup_now(db, now=datetime(2030, 1, 1) + timedelta(days=day))
    db.dispose()
    assert made[0].path.exists()


def test_new_database_needs_no_backup(db_path: Path) -> None:
    open_database(db_path, before_migrate=backups.backup_before_migrate).dispose()
    assert backups.list_backups() == []


def test_upgrade_waits_when_no_backup_can_be_made(db_path: Path, newer_build: None) -> None:
    _database_at_foundation(db_path)
    blocker = paths.default_backup_dir()
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the backup folder should be")
    with pytest.raises(backups.BackupError, match="升级数据库结构前无法备份，没有升级"):
        open_database(db_path, before_migrate=backups.backup_before_migrate)
    assert _revisions(db_path) == {"0001_foundation"}


def test_upgrade_backup_falls_back_to_this_pc_when_the_usb_disk_is_gone(
        db_path: Path, newer_build: None, tmp_path: Path) -> None:
    _database_at_foundation(db_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    backups.set_backup_folder(usb)
    usb.rmdir()  # unplugged
    open_database(db_path, before_migrate=backups.backup_before_migrate).dispose()
    assert not usb.exists()
    assert [b.name.kind for b in backups.list_backups(paths.default_backup_dir())] == [
        BEFORE_UPGRADE]
    assert "0099_test" in _revisions(db_path)


# --- restoring ------------------------------------------------------------------
def test_restore_is_recorded_in_the_restored_trail(db: Database, clock) -> None:  # type: ignore[no-untyped-def]
    add_households(db, "1-1-101")
    backup = backups.backup_now(db).path
    add_households(db, "1-1-102")
    assert db.file is not None
    database = db.file
    db.dispose()
    admin = OperatorInfo(7, "admin", "王管理", Role.ADMIN)
    result = backups.restore_backup(database, backup, operator=admin, now=clock())
    assert unit_codes(database) == ["1-1-101"]
    assert result.kept_as is not None and unit_codes(result.kept_as) == ["1-1-101", "1-1-102"]
    reopened = open_database(database)
    with reopened.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    reopened.dispose()
    assert last is not None and (last.change, last.action, last.operator_id) == (
        "restore", "恢复备份", 7)
    assert backup.name in (last.after_json or "")
    assert result.kept_as.name in (last.after_json or "")


def test_restore_needs_the_permission(db: Database) -> None:
    backup = backups.backup_now(db).path
    assert db.file is not None
    db.dispose()
    clerk = OperatorInfo(3, "li", "李四", Role.MANAGER)
    before = db.file.read_bytes()
    with pytest.raises(PermissionDenied, match="恢复备份"):
        backups.restore_backup(db.file, backup, operator=clerk)
    assert db.file.read_bytes() == before
