"""Printing a form: render the PDF, then open it in the PC's PDF viewer to check and print."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from wuye_desk import paths
from wuye_desk.ui.runner import show_error

# Tests replace this to see which file would have been opened.
opener: Callable[[Path], bool] = lambda path: QDesktopServices.openUrl(  # noqa: E731
    QUrl.fromLocalFile(str(path)))


def printout_path(stem: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)
    return paths.printouts_dir() / f"{safe}-{datetime.now():%Y%m%d-%H%M%S}.pdf"


def print_form(parent: QWidget | None, title: str, render: Callable[[Path], Path],
               stem: str) -> Path | None:
    """Render with `render(out_path)` and show it; errors are shown to the clerk."""
    try:
        out = render(printout_path(stem))
    except Exception as exc:
        show_error(parent, title, exc)
        return None
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        opener(out)
    return out
