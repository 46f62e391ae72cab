"""The migrations build exactly the tables the models describe, on every branch head."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import wuye_desk.store.models  # noqa: F401
from wuye_desk.store.base import Base


def test_migrated_schema_matches_the_models(db):
    with db.write_engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "compare_type": True,
            # full-text indexes are virtual tables made by the migrations, not models
            "include_name": lambda name, kind, parent: not (kind == "table" and "_fts" in name),
        })
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_reopening_does_not_migrate_again(db_path, db):
    from wuye_desk.store.database import open_database

    called = []
    again = open_database(db_path, before_migrate=lambda d: called.append(d))
    again.dispose()
    assert called == []


def test_loans_lent_before_0012_keep_their_approver_and_may_now_have_none(db_path):
    """0012 makes key_loan.approved_by nullable (a loan approved on paper, imported from an
    old register); a loan already there keeps every column, and the key events pointing
    at it still do."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from wuye_desk.store import migrate
    from wuye_desk.store.database import open_database

    engine = create_engine(f"sqlite:///{db_path}")
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004_keys")
        conn.execute(text("INSERT INTO operator (id, login, name, role, active, created_at, "
                          "password_hash, must_change_password, version) "
                          "VALUES (1, 'mgr', '刘经理', '项目经理', 1, '2026-01-01', '', 0, 1)"))
        conn.execute(text(
            "INSERT INTO cabinet_key (id, slot, held_slot, kind, status, key_count, tag, "
            "condition, entrusted_at, depositor_name, depositor_id_type, depositor_id_number, "
            "depositor_phone, id_checked_by, keeper, owner_consent, copy_permission, "
            "search_text, created_at, version) VALUES (1, 'A-01', 'A-01', '公共区域钥匙', "
            "'在柜', 1, '天台', '完好', '2026-01-02', '', '', '', '', '', '', '', '', '', "
            "'2026-01-02', 1)"))
        conn.execute(text(
            "INSERT INTO key_loan (id, key_id, borrower_kind, borrower_name, borrower_company, "
            "borrower_id_type, borrower_id_number, borrower_phone, purpose, repair_works, "
            "unhanded, approved_by, approver_name, out_at, due_at, deadline, received_by, "
            "return_condition, returned_late, created_at, version) VALUES (1, 1, '员工', "
            "'赵工', '', '居民身份证', 'x', '', '检查', 0, 0, 1, '刘经理', '2026-01-03 09:00', "
            "'2026-01-03 17:00', '2026-01-03 17:00', '', '', 0, '2026-01-03', 1)"))
        conn.execute(text(                      # its lending, linked to it by 0011
            "INSERT INTO key_event (id, key_id, at, kind, text, operator_name) "
            "VALUES (1, 1, '2026-01-03 09:00', '借出', '借给赵工', '王管理')"))
    engine.dispose()
    db = open_database(db_path)
    try:
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT approved_by, approver_name FROM key_loan")).one() \
                == (1, "刘经理")
            conn.execute(text("UPDATE key_loan SET approved_by = NULL"))
            assert conn.execute(text("SELECT count(*) FROM key_loan WHERE approved_by IS NULL")
                                ).scalar() == 1
            assert conn.execute(text("SELECT loan_id FROM key_event")).scalar() == 1
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert not conn.execute(text("PRAGMA foreign_key_check")).all()
        with db.write_engine.begin() as conn:   # an older build could not keep them
            cfg.attributes["connection"] = conn
            with pytest.raises(RuntimeError, match="approved on paper"):
                command.downgrade(cfg, "0011_key_event_loan")
    finally:
        db.dispose()
