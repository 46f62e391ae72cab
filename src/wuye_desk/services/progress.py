"""How long work reports progress and learns it was cancelled, without knowing about Qt."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The clerk pressed 取消; the work stops and leaves nothing half-written."""


class Progress:
    """Handed to long work (export, report, import, backup)."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.listener: Callable[[int, int, str], None] | None = None  # set by the runner

    def update(self, done: int, total: int = 0, text: str = "") -> None:
        self.done, self.total = done, total or self.total
        if self._cancel.is_set():
            raise Cancelled("已取消")
        if self.listener is not None:
            self.listener(done, self.total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled("已取消")


NO_PROGRESS = Progress()
