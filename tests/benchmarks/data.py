"""The ten-year database the benchmarks run on, built once and cached.

The database is built by STEPS, in order: each area adds ONE line naming the
generator in its bench module, a function `generate(desk, scale)` that bulk
inserts the area's ten years at `scale` (1.0 = ten years of a busy office;
the small twin used for memory comparisons is built at SMALL). The cache
remembers which steps are done: a new step is added to the cached database
without rebuilding the others; a changed list of earlier steps rebuilds it.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from harness import CACHE
from sqlalchemy import text

from wuye_desk.services.desk import Desk
from wuye_desk.store import search_index
from wuye_desk.store.database import open_database

TODAY = datetime(2026, 11, 18, 10, 0)
SMALL = 0.001   # 1,000 visits instead of 1,000,000


@dataclass(frozen=True)
class Step:
    name: str
    generator: str  # "bench_module:function", called as function(desk, scale)

    def run(self, desk: Desk, scale: float) -> None:
        module, _, fn = self.generator.partition(":")
        getattr(importlib.import_module(module), fn)(desk, scale)


STEPS: list[Step] = [
    Step("households", "bench_households:generate"),   # 100,000 households, their members
    Step("visitors", "bench_visitors:generate"),       # 1,000,000 visits over ten years
    Step("mail", "bench_mail:generate"),               # 200,000 items over ten years
    Step("complaints", "bench_complaints:generate"),   # 50,000 complaints, their return visits
    Step("keys", "bench_keys:generate"),               # a 500-slot cabinet, 50,000 lendings
    Step("vip", "bench_vip:generate"),                 # 1,000 VIP customers with their cards
]


def household_ids(desk: Desk) -> list[int]:
    with desk.read() as session:
        return [r[0] for r in session.execute(text("SELECT id FROM household ORDER BY id"))]


def without_fts(desk: Desk, table: str) -> contextlib.AbstractContextManager[None]:
    """Bulk inserts into `table` with its full-text index dropped, and the index built once
    at the end (SQLite; on PostgreSQL search is LIKE on the column itself)."""
    @contextlib.contextmanager
    def run() -> Iterator[None]:
        fast = desk.db.is_sqlite and os.environ.get("WUYE_BENCH_SLOW_INSERT") is None
        if fast:
            with desk.db.write_engine.begin() as conn:
                for stmt in search_index.drop_statements(table):
                    conn.exec_driver_sql(stmt)
        yield
        if fast:
            with desk.db.write_engine.begin() as conn:
                for stmt in search_index.create_statements(table):
                    conn.exec_driver_sql(stmt)
    return run()


def _open(path: Path) -> Desk:
    os.environ.setdefault("WUYE_DESK_HOME", str(CACHE / "home"))
    return Desk(open_database(path), clock=lambda: TODAY)


def database_path(scale: float = 1.0) -> Path:
    return CACHE / ("ten-years.sqlite3" if scale == 1.0 else f"ten-years-x{scale:g}.sqlite3")


def build(scale: float = 1.0, log: Callable[[str], None] = print) -> Path:
    """Bring the cached database at `scale` up to every step; its path."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = database_path(scale)
    marker = path.with_suffix(".steps.json")
    done: list[str] = json.loads(marker.read_text()) if marker.exists() else []
    names = [s.name for s in STEPS]
    if done != names[:len(done)] or not path.exists():   # earlier steps changed: start again
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
        done = []
    if done == names:
        return path
    desk = _open(path)
    for step in STEPS[len(done):]:
        started = time.perf_counter()
        log(f"building {path.name}: {step.name} …")
        step.run(desk, scale)
        done.append(step.name)
        marker.write_text(json.dumps(done))
        log(f"  {step.name} in {time.perf_counter() - started:.0f} s")
    with desk.db.write_engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    desk.db.dispose()
    return path


_open_desks: dict[float, Desk] = {}


def ten_years(scale: float = 1.0) -> Desk:
    """The desk over the ten-year database (built on first use)."""
    if scale not in _open_desks:
        _open_desks[scale] = _open(build(scale))
    return _open_desks[scale]
