"""Crash safety: a desk killed at any moment loses nothing it reported as saved.

A child process writes households through the real Database (audited,
single-writer, WAL, synchronous=FULL), now and then making a backup, and
prints the ids of every transaction after it is committed. The parent kills it
with SIGKILL at random moments, including while it starts up and migrates.
Afterwards the database passes integrity_check, the audit chain verifies, every
reported id is there with its audit entry, and every file named like a backup
is a good backup.

The default run kills 40 times; the slow variant (pytest --run-slow) 300 times.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from wuye_desk.services.backups import list_backups
from wuye_desk.store.audit import verify_chain
from wuye_desk.store.backup import check_backup
from wuye_desk.store.database import open_database
from wuye_desk.store.models import AuditEntry, Household

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

CHILD = r"""
import random, sys
from wuye_desk.services.backups import backup_now
from wuye_desk.store.audit import Actor
from wuye_desk.store.database import open_database
from wuye_desk.store.models import Household

db = open_database(sys.argv[1])
run = int(sys.argv[2])
rnd = random.Random(run)
actor = Actor(None, "压力测试")
mine = []
n = 0
while True:
    n += 1
    with db.write(actor, "登记业户") as session:
        rows = [Household(unit_code=f"{run}-{n}-{i}", unit_sort=f"{run:05d}{n:06d}{i}",
                          building=str(run), occupancy="已入伙", tenure="业主",
                          note="压力测试" * rnd.randint(0, 200))
                for i in range(rnd.randint(1, 6))]
        session.add_all(rows)
        if mine and rnd.random() < 0.3:
            old = session.get(Household, rnd.choice(mine))
            old.note = old.note + "改"
        session.flush()
        ids = [row.id for row in rows]
    mine.extend(ids)
    sys.stdout.write(" ".join(map(str, ids)) + "\n")
    sys.stdout.flush()
    if n % 15 == 0:
        backup_now(db)
        sys.stdout.write("backup\n")
        sys.stdout.flush()
"""


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run_and_kill(database: Path, run: int, rnd: random.Random) -> set[int]:
    """Start a writer, kill it at a random moment, return the ids it reported."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(database), str(run)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_child_env())
    assert proc.stdout is not None
    first = b""
    try:
        chance = rnd.random()
        if chance < 0.2:  # while it starts, opens, checks and migrates
            time.sleep(rnd.uniform(0.0, 0.6))
        elif chance < 0.35:  # after its first backup, however slow the machine is
            while not first.endswith(b"backup\n"):
                line = proc.stdout.readline()
                assert line, "the writer stopped before its first backup"
                first += line
            time.sleep(rnd.uniform(0.0, 0.25))
        else:  # while it writes
            first = proc.stdout.readline()
            time.sleep(rnd.uniform(0.0, 0.25))
    finally:
        proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the writer died by itself: " + err.decode()
    lines = (first + out).decode().split("\n")
    complete = lines[:-1]  # the last piece was cut off (or is empty)
    return {int(part) for line in complete if line != "backup" for part in line.split()}


def _integrity(database: Path) -> list[str]:
    conn = sqlite3.connect(database)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def _kill_many(tmp_path: Path, kills: int) -> None:
    database = tmp_path / "crash.sqlite3"
    rnd = random.Random(20261118)
    reported: set[int] = set()
    for run in range(1, kills + 1):
        reported |= _run_and_kill(database, run, rnd)
        if database.exists():
            assert _integrity(database) == ["ok"], f"damaged after kill {run}"

    assert len(reported) > kills  # the writers really wrote
    db = open_database(database)
    try:
        with db.read() as session:
            stored = set(session.scalars(select(Household.id)))
            audited = {int(e) for e in session.scalars(
                select(AuditEntry.entity_id).where(AuditEntry.entity == "household",
                                                   AuditEntry.change == "insert"))}
            assert verify_chain(session) == []
    finally:
        db.dispose()
    assert reported <= stored, f"lost after a kill: {sorted(reported - stored)[:20]}"
    assert stored == audited  # no write without its audit entry, no entry without its write
    made = list_backups()
    assert made  # the writers made backups too, and were killed during some
    for backup in made:
        check_backup(backup.path)  # a file with a backup's name is a good backup


def test_killed_writers_lose_nothing_reported(tmp_path: Path) -> None:
    _kill_many(tmp_path, 40)


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_killed_writers_lose_nothing_reported_soak(tmp_path: Path) -> None:
    _kill_many(tmp_path, 300)
