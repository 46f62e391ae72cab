"""A demo database filled once per test module and copied for each test (filling takes
half a minute): use `filled_db_path` as the module's `db_path` fixture."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import Clock, make_operator
from tests.exports.month_helpers import fill
from wuye_desk.domain.operators import Role
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("filled")
    path = folder / "desk.sqlite3"
    db = open_database(path)
    try:
        fill(Desk(db, make_operator(db, "filler", "王管理", Role.ADMIN),
                  Clock(datetime(2026, 11, 18, 10, 0, 0))))
    finally:
        db.dispose()
    return folder


def copy_filled(template: Path, tmp_path: Path) -> Path:
    for f in template.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path / "desk.sqlite3"
