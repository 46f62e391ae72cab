"""Work the desk does by itself at start-up and once a day while it runs.

Each area adds a job as "module:function"; a job takes the desk and returns a
line for the clerk (or "" when there was nothing to do): the complaint clocks'
time-based raises (rule C4), the visitor ID retention purge (rule G3), …
Backups are run by the app beside these, since they need the database file.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from wuye_desk.services.desk import Desk

log = logging.getLogger(__name__)

JOBS: list[str] = [
    "wuye_desk.services.complaints:daily_check",
    "wuye_desk.services.visitors:purge_job",
    "wuye_desk.services.vip:daily_job",
]


def run_all(desk: Desk) -> list[str]:
    """Run every job; one failing job is logged and reported, the others still run."""
    lines = []
    for spec in JOBS:
        module, _, name = spec.partition(":")
        job: Callable[[Desk], str] = getattr(importlib.import_module(module), name)
        try:
            line = job(desk)
        except Exception as exc:  # a daily job must never stop the desk from starting
            log.exception("daily job %s failed", spec)
            line = f"{spec} 未完成：{exc}"
        if line:
            lines.append(line)
    return lines
