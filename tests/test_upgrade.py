"""Upgrades through the command line, as an office meets them.

A newer build opens a database an older build left (here: one at the foundation
revision only, with a household in it), backs it up first, migrates it, and the
household is still there. An older build meets a database a newer build has
migrated: it refuses with a clear message and changes nothing — on the command
line and in the window's start-up.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from pypdf import PdfReader

from tests.trust_helpers import add_households, unit_codes
from wuye_desk import paths
from wuye_desk.cli import main
from wuye_desk.domain.backups import BEFORE_UPGRADE
from wuye_desk.services import backups
from wuye_desk.store import migrate
from wuye_desk.store.backup import check_backup
from wuye_desk.store.database import open_database


def _older_database(path: Path) -> None:
    """The database as an older build left it: the foundation revision only, one household."""
    fresh = open_database(path, upgrade=False)
    cfg = migrate._config()
    with fresh.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_foundation")
    fresh.dispose()   # both engines: no connection left for the garbage collector to close
    old = open_database(path, upgrade=False)
    add_households(old, "2-2-202")
    old.dispose()


def _revisions(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        return {row[0] for row in con.execute("SELECT version_num FROM alembic_version")}


def _newer_build_migrations(tmp_path: Path) -> Path:
    """The migrations of a later wuye-desk: this build's, plus one more area."""
    scripts = tmp_path / "newer-migrations"
    shutil.copytree(paths.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0099_later_area.py").write_text(
        '"""an area a later build adds"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        'revision = "0099_later_area"\ndown_revision = "0001_foundation"\n'
        'branch_labels = ("later",)\ndepends_on = None\n\n\n'
        "def upgrade() -> None:\n"
        '    op.create_table("later_area", sa.Column("id", sa.Integer(), primary_key=True))\n\n\n'
        "def downgrade() -> None:\n"
        '    op.drop_table("later_area")\n', encoding="utf-8")
    return scripts


def test_a_newer_build_backs_up_then_migrates_an_older_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite3"
    _older_database(db)
    assert _revisions(db) == {"0001_foundation"}

    assert main(["check", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "（最新）" in out and "完整性检查：通过" in out and "操作日志链：完整" in out
    assert _revisions(db) == set(migrate.script().get_heads())

    made = [b for b in backups.list_backups() if b.name.kind == BEFORE_UPGRADE]
    assert len(made) == 1, "one backup, taken before the upgrade"
    assert check_backup(made[0].path).revisions == {"0001_foundation"}
    assert unit_codes(made[0].path) == ["2-2-202"]

    # the household the older build kept is found and printed by the newer one
    pdf = tmp_path / "form.pdf"
    assert main(["form", "household", "--unit", "2-2-202", "--out", str(pdf), "--db", str(db)]) == 0
    assert "2栋2单元202" in PdfReader(pdf).pages[0].extract_text()

    # opening it again migrates nothing and backs up nothing more
    assert main(["check", "--db", str(db)]) == 0
    assert len([b for b in backups.list_backups() if b.name.kind == BEFORE_UPGRADE]) == 1


def test_an_older_build_refuses_a_database_a_newer_build_migrated(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite3"
    _older_database(db)
    newer = _newer_build_migrations(tmp_path)
    with monkeypatch.context() as later:
        later.setattr(paths, "migrations_dir", lambda: newer)
        assert main(["check", "--db", str(db)]) == 0  # the newer build migrates it
    assert "0099_later_area" in _revisions(db)
    capsys.readouterr()
    before = db.read_bytes()
    backups_before = backups.list_backups()

    for argv in (["check"], ["demo", "--households", "5"], ["backup"],
                 ["form", "household", "--unit", "2-2-202", "--out", str(tmp_path / "x.pdf")]):
        assert main([*argv, "--db", str(db)]) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("错误：这个数据库由更新版本的 wuye-desk 创建"), err
        assert "0099_later_area" in err and "请升级 wuye-desk" in err
    assert db.read_bytes() == before, "the newer database is left exactly as it was"
    assert backups.list_backups() == backups_before
    assert not (tmp_path / "x.pdf").exists()


def test_the_window_of_an_older_build_says_why_it_does_not_open(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from wuye_desk import app

    db = tmp_path / "office.sqlite3"
    _older_database(db)
    newer = _newer_build_migrations(tmp_path)
    with monkeypatch.context() as later:
        later.setattr(paths, "migrations_dir", lambda: newer)
        open_database(db).dispose()
    before = db.read_bytes()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("no restore is offered for a newer database"))

    app.create_application()
    assert app.open_or_recover(str(db)) is None
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "无法打开数据库"
    assert "更新版本的 wuye-desk" in text and "请升级" in text
    assert db.read_bytes() == before
