"""Several desks on one database: migrations on PostgreSQL, optimistic locking, and an
audit chain that stays one line when two desks write at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import func, inspect, select

from tests.trust_helpers import add_households
from wuye_desk.domain.errors import ConflictError
from wuye_desk.store import migrate
from wuye_desk.store.audit import Actor, verify_chain
from wuye_desk.store.base import Base
from wuye_desk.store.database import Database, open_database
from wuye_desk.store.models import AuditEntry, Household

DESK_A = Actor(None, "一号前台")
DESK_B = Actor(None, "二号前台")


@pytest.fixture
def second_desk(any_db: Database) -> Iterator[Database]:
    """Another desk (its own engine and connections) on the same database."""
    other = open_database(any_db.url)
    yield other
    other.dispose()


@pytest.mark.postgres
def test_migrations_build_an_empty_postgres_database(pg_empty_url: str) -> None:
    db = open_database(pg_empty_url)
    try:
        current, heads = migrate.schema_status(db.write_engine)
        assert current == heads and heads
        tables = set(inspect(db.write_engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert not migrate.pending(db.write_engine)
    finally:
        db.dispose()
    again = open_database(pg_empty_url)  # a second start finds nothing to do
    again.dispose()


def _load(db: Database, unit: str) -> Household:
    with db.read() as session:
        row = session.scalar(select(Household).where(Household.unit_code == unit))
        assert row is not None
        return row


def test_rule_G4_stale_save_is_refused_not_applied(any_db: Database,
                                                   second_desk: Database) -> None:
    add_households(any_db, "1-1-101")
    mine = _load(any_db, "1-1-101")  # both desks show the household ...
    theirs = _load(second_desk, "1-1-101")
    theirs.note = "二号前台的修改"
    with second_desk.write(DESK_B, "修改业户") as session:  # ... the other saves first
        session.merge(theirs)
    entries = _count(any_db, AuditEntry)
    mine.note = "一号前台的修改"
    with pytest.raises(ConflictError, match="已被其他工作站修改，请刷新后再保存"), \
            any_db.write(DESK_A, "修改业户") as session:
        session.merge(mine)
    assert _load(any_db, "1-1-101").note == "二号前台的修改"
    assert _load(any_db, "1-1-101").version == 2
    assert _count(any_db, AuditEntry) == entries  # the refused save left no trace


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.postgres
def test_conflict_between_two_open_transactions_on_postgres(pg_db: Database) -> None:
    add_households(pg_db, "2-1-101")
    other = open_database(pg_db.url)
    try:
        with pytest.raises(ConflictError), pg_db.write(DESK_A, "修改业户") as session:
            mine = session.scalar(select(Household).where(Household.unit_code == "2-1-101"))
            assert mine is not None
            with other.write(DESK_B, "修改业户") as theirs:  # commits while ours is open
                row = theirs.scalar(select(Household).where(Household.unit_code == "2-1-101"))
                assert row is not None
                row.note = "二号前台"
            mine.note = "一号前台"
            session.flush()
    finally:
        other.dispose()
    assert _load(pg_db, "2-1-101").note == "二号前台"


def test_audit_chain_stays_linear_with_two_desks_writing_at_once(
        any_db: Database, second_desk: Database) -> None:
    per_desk = 25
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def desk(db: Database, actor: Actor, block: str) -> None:
        try:
            start.wait()
            for n in range(per_desk):
                with db.write(actor, "登记业户") as session:
                    session.add(Household(unit_code=f"{block}-1-{n}", unit_sort=f"{block}{n:04d}",
                                          building=block, occupancy="已入伙", tenure="业主"))
                    session.flush()
                    session.add(Household(unit_code=f"{block}-2-{n}", unit_sort=f"{block}{n:04d}b",
                                          building=block, occupancy="空置", tenure="业主"))
        except BaseException as exc:  # reported below, in the test's own thread
            failures.append(exc)

    threads = [threading.Thread(target=desk, args=(any_db, DESK_A, "A")),
               threading.Thread(target=desk, args=(second_desk, DESK_B, "B"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    with any_db.read() as session:
        assert verify_chain(session) == []
        hashes = session.execute(select(AuditEntry.prev_hash, AuditEntry.hash)
                                 .order_by(AuditEntry.id)).all()
        writers = set(session.scalars(select(AuditEntry.operator_name)))
    assert len(hashes) == 4 * per_desk and writers == {"一号前台", "二号前台"}
    prevs = [prev for prev, _ in hashes]
    assert len(set(prevs)) == len(prevs)  # no two entries continue the same one: no fork
