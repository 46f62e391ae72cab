"""Shared fixtures: a real SQLite file per test, a desk with a fixed clock, offscreen Qt."""

from __future__ import annotations

import os

# Qt must never need a screen in the tests; set before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from wuye_desk.domain.operators import Role  # noqa: E402
from wuye_desk.services.desk import Desk, OperatorInfo  # noqa: E402
from wuye_desk.store.database import Database, open_database  # noqa: E402
from wuye_desk.store.models import Operator  # noqa: E402
from wuye_desk.store.audit import Actor  # noqa: E402


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
