"""The ten-year databases the benchmarks run on, built once and cached."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from harness import CACHE

from wuye_desk.services.desk import Desk
from wuye_desk.store.database import Database, open_database

TODAY = datetime(2026, 11, 18, 10, 0)


def desk_with(name: str, build) -> Desk:  # type: ignore[no-untyped-def]
    """Open (building on first use) the cached database `name`."""
    CACHE.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("WUYE_DESK_HOME", str(CACHE / "home"))
    path: Path = CACHE / f"{name}.sqlite3"
    marker = path.with_suffix(".ready")
    if not marker.exists():
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
        db: Database = open_database(path)
        desk = Desk(db, clock=lambda: TODAY)
        build(desk)
        marker.write_text("ok")
        return desk
    return Desk(open_database(path), clock=lambda: TODAY)


def households_100k() -> Desk:
    from wuye_desk.services import demo

    return desk_with("households-100k", lambda desk: demo.fill(desk, households=100_000, seed=1))
