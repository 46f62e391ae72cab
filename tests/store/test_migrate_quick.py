"""The everyday start: a database already at this build's heads is opened without importing
Alembic; anything else (behind, newer, unreadable version files) is left to Alembic."""

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wuye_desk import paths
from wuye_desk.store import migrate
from wuye_desk.store.database import open_database
from wuye_desk.store.migrate import NewerDatabase

SRC = Path(__file__).resolve().parents[2] / "src"


def test_heads_read_from_the_files_are_alembics_heads():
    heads = migrate.quick_heads()
    assert heads and heads == set(migrate.script().get_heads())
    assert set(migrate.script_revisions() or {}) == migrate.known_revisions()


def test_a_database_at_its_heads_opens_without_importing_alembic(db_path):
    open_database(db_path).dispose()
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(SRC)!r})
        from wuye_desk.store.database import open_database
        open_database({str(db_path)!r}).dispose()
        print(sorted(m for m in sys.modules if m.split(".")[0] == "alembic"))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_database_behind_is_still_upgraded(db_path):
    from alembic import command
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db_path}")
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_foundation")
    assert not migrate.at_heads(engine)
    engine.dispose()
    db = open_database(db_path)
    try:
        assert migrate.at_heads(db.write_engine)
        assert migrate.current_revisions(db.write_engine) == set(migrate.script().get_heads())
    finally:
        db.dispose()


def test_a_newer_database_is_still_refused(db_path):
    open_database(db_path).dispose()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '0099_future' "
                "WHERE version_num = '0007_vip'")
    con.commit()
    con.close()
    with pytest.raises(NewerDatabase):
        open_database(db_path)


def test_a_fresh_file_has_no_version_table_and_is_created(tmp_path):
    db = open_database(tmp_path / "new.sqlite3")
    try:
        assert migrate.at_heads(db.write_engine)
    finally:
        db.dispose()


@pytest.mark.parametrize("body", [
    "revision = make_name()\ndown_revision = None\n",          # not a plain literal
    "down_revision = '0001_foundation'\n",                      # no revision
    "revision = 'x'\ndown_revision = 42\n",                     # not a revision name
    "revision = 'x'\ndown_revision = '0000_missing'\n",         # comes after nothing known
    "revision = 'x'\ndown_revision = (\n",                      # broken file
    "revision = '0001_foundation'\ndown_revision = None\n",     # the same revision twice
])
def test_version_files_not_plain_enough_leave_it_to_alembic(tmp_path, monkeypatch, body):
    versions = tmp_path / "migrations" / "versions"
    versions.mkdir(parents=True)
    for f in (paths.migrations_dir() / "versions").glob("*.py"):
        (versions / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (versions / "0099_odd.py").write_text(body, encoding="utf-8")
    monkeypatch.setattr(paths, "migrations_dir", lambda: tmp_path / "migrations")
    assert migrate.script_revisions() is None
    assert migrate.quick_heads() is None


def test_annotated_revision_lines_are_read(tmp_path, monkeypatch):
    versions = tmp_path / "migrations" / "versions"
    versions.mkdir(parents=True)
    (versions / "a.py").write_text('revision: str = "a"\ndown_revision: str | None = None\n')
    (versions / "b.py").write_text('revision: str = "b"\ndown_revision = ("a",)\n')
    (versions / "c.py").write_text('revision = "c"\ndown_revision = "a"\n')
    monkeypatch.setattr(paths, "migrations_dir", lambda: tmp_path / "migrations")
    assert migrate.quick_heads() == {"b", "c"}
