"""The whole desk: start-up to an interactive window, against a bare PySide6 window with the
same tabs, each started in a fresh process (median of several starts)."""

from __future__ import annotations

from data import build
from harness import bench, spawn_until_ready


@bench("app: start-up to an interactive window", "≤ 1.5 × bare window", repeat=5,
       measures=True, limit_ratio=1.5)
def startup():  # type: ignore[no-untyped-def]
    path = str(build())   # built (and migrated) first; not held open by this process
    spawn_until_ready("startup-app", path)   # closes cleanly: later starts are as every day
    return (lambda: spawn_until_ready("startup-app", path),
            lambda: spawn_until_ready("startup-bare"))


@bench("app: start-up after a crash (full integrity check)", "(quick_check of the file)",
       repeat=3, measures=True)
def startup_unclean():  # type: ignore[no-untyped-def]
    path = str(build())
    return (lambda: spawn_until_ready("startup-app", path, "unclean"), None)
