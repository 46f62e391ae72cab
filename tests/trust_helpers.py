"""Helpers the trust tests share: households to write, reading them back, damaging a file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from wuye_desk.store.audit import Actor
from wuye_desk.store.database import Database, open_database
from wuye_desk.store.models import Household

ACTOR = Actor(None, "测试")


def add_households(db: Database, *codes: str) -> None:
    with db.write(ACTOR, "登记业户") as session:
        for code in codes:
            session.add(Household(unit_code=code, unit_sort=code, building=code.split("-")[0],
                                  occupancy="已入伙", tenure="业主"))


def unit_codes(path: Path) -> list[str]:
    db = open_database(path, upgrade=False)
    try:
        with db.read() as session:
            return list(session.scalars(select(Household.unit_code).order_by(Household.unit_code)))
    finally:
        db.dispose()


def corrupt(path: Path) -> None:
    """Overwrite the page headers after the first page: a damaged disk or a bad copy."""
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    for start in range(page, len(data), page):
        data[start:start + 12] = b"\x0d\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
    path.write_bytes(bytes(data))
