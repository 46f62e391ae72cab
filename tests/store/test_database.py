"""The store: pragmas, one writer, migrations, newer databases refused, the audit chain (G4)."""

import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import text

from wuye_desk.store import migrate
from wuye_desk.store.audit import Actor, verify_chain
from wuye_desk.store.database import DatabaseError, open_database, resolve_url
from wuye_desk.store.migrate import NewerDatabase
from wuye_desk.store.models import AppSetting


def test_sqlite_runs_in_wal_with_full_sync_and_foreign_keys(db):
    with db.write_engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_schema_is_at_every_head_after_open(db):
    current, heads = migrate.schema_status(db.write_engine)
    assert current == heads and heads


def test_environment_variable_and_option_choose_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("WUYE_DESK_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.sqlite3'}"
    assert resolve_url(tmp_path / "opt.sqlite3").endswith("opt.sqlite3")
    assert resolve_url("postgresql+psycopg://u@h/db").startswith("postgresql")


def test_newer_database_is_refused_and_left_untouched(db_path):
    db = open_database(db_path)
    db.dispose()
    con = sqlite3.connect(db_path)
    # one of the schema's heads (each area has its own) is one this program does not know
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future' "
                "WHERE version_num = (SELECT MIN(version_num) FROM alembic_version)")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabase) as err:
        open_database(db_path)
    assert "更新版本" in str(err.value)
    assert db_path.read_bytes() == before


def test_damaged_file_is_refused_before_any_write(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError):
        open_database(bad)
    assert bad.read_bytes() == b"this is not a database" * 100


def test_rule_G4_every_write_is_audited_with_before_and_after(db):
    actor = Actor(None, "李前台")
    with db.write(actor, "修改设置", now=datetime(2026, 11, 1, 9, 0)) as s:
        s.add(AppSetting(key="office.name", value_json='"甲"'))
    with db.write(actor, "修改设置", now=datetime(2026, 11, 1, 9, 5)) as s:
        s.get(AppSetting, "office.name").value_json = '"乙"'
    with db.read() as s:
        rows = s.execute(text(
            "SELECT operator_name, action, change, before_json, after_json FROM audit_entry "
            "ORDER BY id")).all()
        assert verify_chain(s) == []
    assert rows[0][:3] == ("李前台", "修改设置", "insert")
    import json
    assert json.loads(rows[1].after_json) == {"value_json": '"乙"'}
    assert json.loads(rows[1].before_json) == {"value_json": '"甲"'}


def test_rule_G4_tampering_outside_the_app_breaks_the_chain(db, db_path):
    with db.write(Actor(None, "甲"), "写") as s:
        s.add(AppSetting(key="a", value_json="1"))
    with db.write(Actor(None, "甲"), "写") as s:
        s.add(AppSetting(key="b", value_json="2"))
    db.dispose()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE audit_entry SET operator_name = '别人' WHERE id = 1")
    con.commit()
    con.close()
    again = open_database(db_path)
    with again.read() as s:
        breaks = verify_chain(s)
    again.dispose()
    assert [b.entry_id for b in breaks] == [1]


def test_a_failed_transaction_writes_nothing(db):
    with pytest.raises(RuntimeError), db.write(Actor(None, "甲"), "写") as s:
        s.add(AppSetting(key="x", value_json="1"))
        s.flush()
        raise RuntimeError("boom")
    with db.read() as s:
        assert s.get(AppSetting, "x") is None
        assert s.execute(text("SELECT count(*) FROM audit_entry")).scalar() == 0


# --- the integrity check at opening: in full, unless the file is as this PC left it ------

def _quick_checks(monkeypatch) -> list[str]:
    """Record the integrity checks the opening runs."""
    from wuye_desk.store import database

    seen: list[str] = []
    real = database.text

    def spy(sql: str):  # type: ignore[no-untyped-def]
        if "quick_check" in sql:
            seen.append(sql)
        return real(sql)

    monkeypatch.setattr(database, "text", spy)
    return seen


def test_a_cleanly_closed_file_opens_without_reading_it_all(db_path, monkeypatch):
    from wuye_desk.store.database import closed_cleanly

    open_database(db_path).dispose()
    assert closed_cleanly(db_path)
    checks = _quick_checks(monkeypatch)
    again = open_database(db_path)
    assert checks == [] and again.checked
    again.dispose()
    assert closed_cleanly(db_path)         # stamped again for the next opening


def test_a_file_changed_since_the_clean_close_is_checked_in_full(db_path):
    from tests.trust_helpers import corrupt
    from wuye_desk.store.database import closed_cleanly

    db = open_database(db_path)
    with db.write_engine.begin() as conn:   # enough pages to damage
        conn.execute(text("CREATE TABLE filler (x TEXT)"))
        conn.execute(text("INSERT INTO filler SELECT hex(randomblob(500)) FROM "
                          "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                          "WHERE i < 200) SELECT i FROM n)"))
    db.dispose()
    corrupt(db_path)                        # a bad copy, a failing disk
    assert not closed_cleanly(db_path)
    with pytest.raises(DatabaseError):      # refused before anything writes
        open_database(db_path)


def test_a_crash_leaves_no_clean_stamp(db_path):
    from wuye_desk.store.database import closed_cleanly

    db = open_database(db_path)             # never disposed: the process died
    with db.write_engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    assert not closed_cleanly(db_path)
    db.dispose()
