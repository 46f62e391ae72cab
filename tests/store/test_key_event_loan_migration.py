"""The key events written before they named their loan find it when the database is
upgraded (rule G4: a loan's corrections point at its lending or its return)."""

from datetime import datetime

from alembic import command
from sqlalchemy import inspect, select

from tests.services.key_helpers import add_household, key_input, loan_input
from wuye_desk.domain.operators import Role
from wuye_desk.services import keys
from wuye_desk.store import migrate
from wuye_desk.store.models import KeyEvent


def _alembic(db, verb: str, target: str) -> None:
    cfg = migrate._config()
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, verb)(cfg, target)


def test_G4_older_lendings_and_returns_are_linked_to_their_loans(db, desk, desk_as, clock):
    manager = desk_as(Role.MANAGER)
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    first = keys.lend(desk, key_id, loan_input(manager)).loan_id
    clock.set(datetime(2026, 11, 18, 15, 0))
    keys.return_key(desk, key_id)
    clock.set(datetime(2026, 11, 18, 16, 0))
    second = keys.lend(desk, key_id, loan_input(manager)).loan_id
    _alembic(db, "downgrade", "0004_keys")              # as an older build left it
    assert "loan_id" not in {c["name"] for c in inspect(db.write_engine).get_columns("key_event")}
    _alembic(db, "upgrade", "heads")
    with db.read() as session:
        linked = [(e.kind, e.loan_id) for e in session.scalars(
            select(KeyEvent).where(KeyEvent.key_id == key_id).order_by(KeyEvent.id))]
    assert linked == [("收存", None), ("借出", first), ("归还", first), ("借出", second)]
