"""Qt fixtures: the app's fonts registered once, windows closed after each test."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _app_fonts():
    from PySide6.QtWidgets import QApplication

    from wuye_desk.ui import fonts

    app = QApplication.instance() or QApplication([])
    fonts.install(app)
    yield
