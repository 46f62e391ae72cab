"""The one way long work runs: off the UI thread, with progress and a cancel button.

    run_in_background(window, "导出登记簿", lambda progress: export(..., progress),
                      on_done=lambda result: ...)

The function runs in a worker thread and may call `progress.update(done, total,
text)`, which also raises Cancelled once the clerk has pressed 取消. The window
never freezes; results and errors come back on the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from wuye_desk.domain.errors import DeskError
from wuye_desk.services.progress import Cancelled, Progress

log = logging.getLogger(__name__)


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], progress: Progress) -> None:
        super().__init__()
        self.fn = fn
        self.progress = progress
        self.signals = _Signals()
        progress.listener = lambda d, t, text: self.signals.progressed.emit(d, t, text)

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # reported on the UI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class BackgroundTask(QObject):
    """One running job and its progress dialog."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None, title: str, fn: Callable[[Progress], Any]) -> None:
        super().__init__(parent)
        self.progress = Progress()
        self.dialog = QProgressDialog(title, self.tr("取消"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.progress.cancel)
        self.job = _Job(fn, self.progress)
        self.job.setAutoDelete(False)
        self.job.signals.progressed.connect(self._progressed)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished_flag = False

    def start(self) -> BackgroundTask:
        QThreadPool.globalInstance().start(self.job)
        return self

    def _progressed(self, done: int, total: int, text: str) -> None:
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if text:
            self.dialog.setLabelText(text)

    def _finished(self, result: Any) -> None:
        self.result = result
        self.finished_flag = True
        self.dialog.reset()
        self.dialog.close()
        self.done.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self.finished_flag = True
        self.dialog.reset()
        self.dialog.close()
        self.failed.emit(exc)


def run_in_background(parent: QWidget | None, title: str, fn: Callable[[Progress], Any],
                      on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None) -> BackgroundTask:
    task = BackgroundTask(parent, title, fn)
    if on_done:
        task.done.connect(on_done)
    task.failed.connect(on_error or (lambda exc: show_error(parent, title, exc)))
    return task.start()


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, DeskError):
        QMessageBox.warning(parent, title, str(exc))
        return
    log.error("%s failed", title, exc_info=exc)
    QMessageBox.critical(parent, title, f"出错了：{exc}\n（详情已记录在日志中）")
