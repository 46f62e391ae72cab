"""The audit trail hides password hashes (rule G3) and names every row it records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from wuye_desk.store.audit import REDACTED, Actor, verify_chain
from wuye_desk.store.database import Database
from wuye_desk.store.models import AuditEntry, Operator


def _trail(db: Database) -> list[AuditEntry]:
    with db.read() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_password_hash_is_hidden_on_insert_update_and_delete(db: Database) -> None:
    secret = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$SECRETHASHVALUE"
    actor = Actor(None, "测试")
    with db.write(actor, "新增操作员") as session:
        op = Operator(login="li", name="李四", role="前台", password_hash=secret,
                      created_at=datetime(2026, 1, 1))
        session.add(op)
    with db.write(actor, "重设密码") as session:
        stored = session.get(Operator, op.id)
        assert stored is not None
        stored.password_hash = secret + "NEW"
        stored.name = "李四四"
    with db.write(actor, "删除") as session:
        stored = session.get(Operator, op.id)
        session.delete(stored)
    entries = _trail(db)
    assert [e.change for e in entries] == ["insert", "update", "delete"]
    for entry in entries:
        for text in (entry.before_json, entry.after_json):
            assert "SECRETHASHVALUE" not in (text or "")
            assert "argon2" not in (text or "")
    assert REDACTED in (entries[0].after_json or "")
    update = entries[1]
    assert REDACTED in (update.before_json or "") and REDACTED in (update.after_json or "")
    assert "李四四" in (update.after_json or "")  # other columns are shown as usual
    with db.read() as session:
        assert verify_chain(session) == []


def test_a_missing_password_is_shown_as_missing(db: Database) -> None:
    with db.write(Actor(None, "测试"), "新增操作员") as session:
        session.add(Operator(login="x", name="X", role="前台", created_at=datetime(2026, 1, 1)))
    assert '"password_hash": null' in (_trail(db)[0].after_json or "")


def test_an_inserted_row_is_recorded_with_its_id(db: Database) -> None:
    with db.write(Actor(None, "测试"), "新增操作员") as session:
        op = Operator(login="y", name="Y", role="前台", created_at=datetime(2026, 1, 1))
        session.add(op)
    entry = _trail(db)[0]
    assert (entry.entity, entry.entity_id, entry.change) == ("operator", str(op.id), "insert")
