"""Online backup copies and restoring them: checked first, never half-copied."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.trust_helpers import add_households, corrupt, unit_codes
from wuye_desk.store import migrate
from wuye_desk.store.audit import verify_chain
from wuye_desk.store.backup import BackupError, check_backup, copy_database, restore_database
from wuye_desk.store.database import Database, open_database
from wuye_desk.store.models import Household


def test_online_copy_while_the_database_is_open(db: Database, tmp_path: Path) -> None:
    add_households(db, "1-1-101", "1-1-102")
    assert db.file is not None
    target = tmp_path / "copy.sqlite3"
    copy_database(db.file, target)  # the database stays open; its WAL content is included
    add_households(db, "1-1-103")  # and it keeps working
    assert unit_codes(target) == ["1-1-101", "1-1-102"]
    assert not Path(f"{target}-wal").exists()  # self-contained: one file to carry away
    assert check_backup(target).revisions == set(migrate.script().get_heads())
    assert not list(tmp_path.glob("*.partial"))


def test_copy_into_a_missing_folder_fails_clearly_and_leaves_nothing(db: Database,
                                                                    tmp_path: Path) -> None:
    assert db.file is not None
    with pytest.raises(BackupError, match="备份没有完成"):
        copy_database(db.file, tmp_path / "no-such-dir" / "copy.sqlite3")


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "不是 SQLite 文件"),
    (b"hello, this is a text file" * 10, "不是 SQLite 文件"),
])
def test_check_refuses_what_is_not_a_database(tmp_path: Path, content: bytes,
                                              reason: str) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    with pytest.raises(BackupError, match=reason):
        check_backup(bad)
    with pytest.raises(BackupError, match="找不到备份文件"):
        check_backup(tmp_path / "missing.sqlite3")


def test_check_refuses_another_programs_database(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(BackupError, match="缺少表"):
        check_backup(other)


def test_check_refuses_a_backup_from_a_newer_program(db: Database, tmp_path: Path) -> None:
    assert db.file is not None
    newer = tmp_path / "newer.sqlite3"
    copy_database(db.file, newer)
    with sqlite3.connect(newer) as conn:
        # one of the schema's heads (each area has its own) is one this program does not know
        conn.execute("UPDATE alembic_version SET version_num = '0099_future' "
                     "WHERE version_num = (SELECT MIN(version_num) FROM alembic_version)")
    conn.close()
    with pytest.raises(BackupError, match=r"更新版本的 wuye-desk.*0099_future"):
        check_backup(newer)


def test_check_refuses_a_damaged_backup(db: Database, tmp_path: Path) -> None:
    add_households(db, *[f"2-1-{n}" for n in range(100, 300)])
    assert db.file is not None
    damaged = tmp_path / "damaged.sqlite3"
    copy_database(db.file, damaged)
    corrupt(damaged)
    with pytest.raises(BackupError, match=r"已损坏|无法读取"):
        check_backup(damaged)


def test_restore_replaces_the_database_and_keeps_the_old_one(db: Database,
                                                             tmp_path: Path) -> None:
    add_households(db, "1-1-101")
    assert db.file is not None
    backup = tmp_path / "backup.sqlite3"
    copy_database(db.file, backup)
    add_households(db, "1-1-102")  # written after the backup: lives on only in the kept file
    database = db.file
    db.dispose()

    result = restore_database(database, backup, now=datetime(2026, 11, 18, 10, 30))
    assert result.kept_as == database.with_name("desk.replaced-20261118-103000.sqlite3")
    assert unit_codes(database) == ["1-1-101"]
    assert unit_codes(result.kept_as) == ["1-1-101", "1-1-102"]
    assert not list(tmp_path.glob(".*restoring*"))
    assert not Path(f"{database}-wal").exists() or Path(f"{database}-wal").stat().st_size == 0
    reopened = open_database(database)
    with reopened.read() as session:
        assert verify_chain(session) == []
    reopened.dispose()


def test_refused_restore_changes_nothing(db: Database, tmp_path: Path) -> None:
    add_households(db, "1-1-101")
    assert db.file is not None
    database = db.file
    db.dispose()
    before = database.read_bytes()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all")
    with pytest.raises(BackupError):
        restore_database(database, bad)
    assert database.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == [
        "bad.sqlite3", "desk.sqlite3"]


def test_restore_refused_while_the_database_is_in_use(db: Database, tmp_path: Path) -> None:
    add_households(db, "1-1-101")
    assert db.file is not None
    backup = tmp_path / "backup.sqlite3"
    copy_database(db.file, backup)
    with db.read() as session:  # another desk window keeps reading it
        session.execute(text("SELECT 1"))
        with pytest.raises(BackupError, match="正在被使用"):
            restore_database(db.file, backup)
    assert unit_codes(db.file) == ["1-1-101"]


def test_restore_over_a_damaged_database(db: Database, tmp_path: Path) -> None:
    add_households(db, *[f"3-1-{n}" for n in range(100, 300)])
    assert db.file is not None
    backup = tmp_path / "backup.sqlite3"
    copy_database(db.file, backup)
    database = db.file
    db.dispose()
    corrupt(database)
    result = restore_database(database, backup)
    assert result.kept_as is not None and result.kept_as.exists()
    reopened = open_database(database)
    with reopened.read() as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 200
    reopened.dispose()


def test_restore_where_no_database_exists_yet(tmp_path: Path, db: Database) -> None:
    assert db.file is not None
    backup = tmp_path / "backup.sqlite3"
    copy_database(db.file, backup)
    fresh = tmp_path / "new-pc" / "wuye-desk.sqlite3"
    fresh.parent.mkdir()
    result = restore_database(fresh, backup)
    assert result.kept_as is None and check_backup(fresh)
