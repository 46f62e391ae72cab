"""Shared fixtures: a real SQLite file per test, a desk with a fixed clock, offscreen Qt."""

from __future__ import annotations

import os

# Qt must never need a screen in the tests; set before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import itertools
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool

from wuye_desk.domain.operators import Role
from wuye_desk.services.desk import Desk, OperatorInfo
from wuye_desk.store.audit import Actor
from wuye_desk.store.database import Database, open_database
from wuye_desk.store.models import Operator


class Clock:
    """A desk clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.current = now

    def __call__(self) -> datetime:
        return self.current

    def set(self, now: datetime) -> None:
        self.current = now


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real per-user folders or a database named in the environment."""
    monkeypatch.setenv("WUYE_DESK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WUYE_DESK_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> Clock:
    # a Wednesday morning, an ordinary working day
    return Clock(datetime(2026, 11, 18, 10, 0, 0))


def make_operator(db: Database, login: str, name: str, role: Role) -> OperatorInfo:
    with db.write(Actor(None, "测试"), "建立操作员") as session:
        op = Operator(login=login, name=name, role=role.value, created_at=datetime(2026, 1, 1))
        session.add(op)
        session.flush()
        return OperatorInfo(op.id, login, name, role)


@pytest.fixture
def desk(db: Database, clock: Clock) -> Desk:
    """A desk run by an administrator (every permission)."""
    return Desk(db, make_operator(db, "admin", "王管理", Role.ADMIN), clock)


@pytest.fixture
def desk_as(db: Database, clock: Clock):  # type: ignore[no-untyped-def]
    """desk_as(Role.FRONT_DESK) -> a desk run by an operator of that role."""
    made: dict[Role, Desk] = {}

    def _make(role: Role) -> Desk:
        if role not in made:
            info = make_operator(db, f"op-{len(made)}-{role.name.lower()}", f"{role.value}甲", role)
            made[role] = Desk(db, info, clock)
        return made[role]

    return _make


# --- slow tests, PostgreSQL, both backends --------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", default=False,
                     help="also run the tests marked slow (crash-safety soak and the like)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def postgres_url() -> str:
    """The test server's URL; skipped without one locally, a failure in CI."""
    url = os.environ.get("WUYE_DESK_TEST_PG", "")
    if url:
        return url
    if _in_ci():
        pytest.fail("CI must test PostgreSQL too, but WUYE_DESK_TEST_PG is not set "
                    "(.ci/run starts a server with scripts/start-test-postgres.sh)")
    pytest.skip("no PostgreSQL test server: eval \"$(bash scripts/start-test-postgres.sh)\"")


def pytest_runtest_setup(item: pytest.Item) -> None:
    if "postgres" in item.keywords:
        postgres_url()


def _pg_admin(url: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _pg_database_url(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


_pg_counter = itertools.count(1)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated database every PostgreSQL test database is copied from."""
    from sqlalchemy import text

    url = postgres_url()
    name = f"wuye_tpl_{os.getpid()}"
    admin = _pg_admin(url)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    open_database(_pg_database_url(url, name)).dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def _pg_fresh(template: str | None) -> Iterator[str]:
    from sqlalchemy import text

    url = postgres_url()
    name = f"wuye_t_{os.getpid()}_{next(_pg_counter)}"
    admin = _pg_admin(url)
    source = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}{source}"))
    try:
        yield _pg_database_url(url, name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    """URL of a new, migrated PostgreSQL database of this test alone."""
    yield from _pg_fresh(pg_template)


@pytest.fixture
def pg_empty_url() -> Iterator[str]:
    """URL of a new, empty PostgreSQL database (no tables: for migration tests)."""
    yield from _pg_fresh(None)


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    yield database
    database.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, migrated database: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "any.sqlite3")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def any_db(any_db_url: str) -> Iterator[Database]:
    """The test runs twice: on a SQLite file and on a PostgreSQL database."""
    database = open_database(any_db_url)
    yield database
    database.dispose()


@pytest.fixture
def any_desk(any_db: Database, clock: Clock) -> Desk:
    """An administrator's desk, on SQLite and on PostgreSQL."""
    return Desk(any_db, make_operator(any_db, "admin", "王管理", Role.ADMIN), clock)
