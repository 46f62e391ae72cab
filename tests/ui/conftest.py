"""Qt fixtures: the app's fonts registered once, windows closed after each test."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _app_fonts():
    from PySide6.QtWidgets import QApplication

    from wuye_desk.ui import fonts

    app = QApplication.instance() or QApplication([])
    fonts.install(app)
    yield


@pytest.fixture
def shown(qtbot):
    """shown(widget) -> the widget, shown as the active window so its keyboard shortcuts work."""

    def _show(widget):
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        widget.windowHandle().requestActivate()
        qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
        return widget

    return _show


def type_text(qtbot, widget, text: str) -> None:
    """Type into a widget as a clerk does: ASCII by key presses, Chinese through the input method."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    chunk = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            if chunk:
                event = QInputMethodEvent()
                event.setCommitString(chunk)
                QApplication.sendEvent(widget, event)
                chunk = ""
            qtbot.keyClicks(widget, ch)
        elif ch != "\0":
            chunk += ch
        elif chunk:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def typist(qtbot):
    """typist(widget, "3栋2单元1502") types text as a clerk would (Chinese via the input method)."""
    return lambda widget, text: type_text(qtbot, widget, text)
