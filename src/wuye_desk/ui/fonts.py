"""The bundled CJK font, registered with Qt so Chinese shows on any PC."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from wuye_desk import paths

log = logging.getLogger(__name__)
_family: str | None = None


def bundled_family() -> str | None:
    """Register the font once; its family name, or None if it could not be loaded."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(paths.font_file()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.error("bundled font could not be loaded: %s", paths.font_file())
            return None
        _family = families[0]
    return _family


def install(app: QApplication, point_size: int = 10) -> None:
    """The system's UI font first, the bundled CJK font as the fallback for Chinese."""
    family = bundled_family()
    font = QFont(app.font())
    if family:
        font.setFamilies([*font.families(), family])
    font.setPointSize(point_size)
    app.setFont(font)
