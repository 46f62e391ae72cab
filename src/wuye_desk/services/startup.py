"""Work the desk does by itself each time it starts, e.g. the visitor ID-number purge (G3).

Each area adds "module:function" to STARTUP_TASKS; the function takes the desk and
returns a line for the clerk ("" when there was nothing to do). A task that fails
is logged and does not stop the start.
"""

from __future__ import annotations

import importlib
import logging

from wuye_desk.services.desk import Desk

log = logging.getLogger(__name__)

STARTUP_TASKS: list[str] = [
    "wuye_desk.services.visitors:purge_at_startup",
]


def run_startup_tasks(desk: Desk) -> list[str]:
    """Run every task; the lines they report, in order."""
    lines: list[str] = []
    for spec in STARTUP_TASKS:
        module, _, name = spec.partition(":")
        try:
            line = getattr(importlib.import_module(module), name)(desk)
        except Exception:
            log.exception("start-up task %s failed", spec)
            continue
        if line:
            log.info("%s: %s", spec, line)
            lines.append(line)
    return lines
