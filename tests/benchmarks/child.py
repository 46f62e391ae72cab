"""Measurements that need a fresh process: start-up, scrolling with its memory, registering.

    python child.py startup-app <db>   # prints READY once the window is up and idle
    python child.py startup-bare       # the same for a bare PySide6 window with the tabs
    python child.py scroll <db>        # JSON: ms to scroll the whole visitor log, rss_mb
    python child.py register <db>      # JSON: saved_ms, ready_ms, bare_ms (medians)

Run by the benchmarks (harness.child / spawn_until_ready), not by hand.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1] / "src")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from harness import CACHE  # noqa: E402

os.environ.setdefault("WUYE_DESK_HOME", str(CACHE / "home"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _ready_when_idle(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    def ready() -> None:
        app.processEvents()
        print("READY", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()


def _desk(db_path: str):  # type: ignore[no-untyped-def]
    from data import TODAY

    from wuye_desk.domain.operators import Role
    from wuye_desk.services.desk import Desk, OperatorInfo
    from wuye_desk.store.database import open_database

    clerk = OperatorInfo(None, "bench", "李小梅", Role.FRONT_DESK)
    return Desk(open_database(db_path), clerk, lambda: TODAY)


def startup_app(db_path: str, unclean: str = "") -> None:
    """As the app starts (app.run_gui) after the sign-in: the database opened and checked,
    the main window shown with its overview (the other tabs are built when first
    shown); closed as the app closes. The daily backup, which runs in the background
    after the window is up, is left out. With `unclean`, the file is treated as after a
    crash (checked in full)."""
    from wuye_desk.app import create_application
    from wuye_desk.ui.main_window import MainWindow

    if unclean:
        from wuye_desk import local_config
        from wuye_desk.store.database import CLEAN_CLOSE_KEY

        local_config.put(CLEAN_CLOSE_KEY, None)
    app = create_application()
    desk = _desk(db_path)
    window = MainWindow(desk)
    window.show()
    _ready_when_idle(app)
    window.finish_background_work()   # as app.run_gui closes
    desk.db.dispose()


def startup_bare() -> None:
    """A bare PySide6 window with the same tabs (a search box and a table each)."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QLineEdit,
        QMainWindow,
        QTableView,
        QTabWidget,
        QToolBar,
        QVBoxLayout,
        QWidget,
    )

    from wuye_desk.ui.tabs import TABS

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    tabs = QTabWidget(window)
    window.setCentralWidget(tabs)
    for spec in TABS:
        page = QWidget(tabs)
        layout = QVBoxLayout(page)
        layout.addWidget(QLineEdit(page))
        view = QTableView(page)
        view.setModel(QStandardItemModel(0, 8, view))
        layout.addWidget(view)
        tabs.addTab(page, spec.title)
    bar = QToolBar(window)
    bar.addWidget(QLineEdit(bar))
    window.addToolBar(bar)
    window.statusBar().showMessage("")
    window.show()
    _ready_when_idle(app)


def scroll(db_path: str) -> None:
    """Scroll the visitor tab's log from the first row to the last, page by page as the view
    asks for them; then the process's memory."""
    from PySide6.QtCore import QModelIndex

    from wuye_desk.app import create_application
    from wuye_desk.ui.visitors.tab import VisitorsTab

    app = create_application()
    desk = _desk(db_path)
    tab = VisitorsTab(desk)
    tab.resize(1280, 800)
    tab.show()
    app.processEvents()
    model, view = tab.list.model, tab.list.view
    started = time.perf_counter()
    while model.canFetchMore(QModelIndex()):
        view.scrollToBottom()        # the view asks for the next page at the bottom
        app.processEvents()          # … and paints it
        if model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
    view.scrollToBottom()
    app.processEvents()
    ms = (time.perf_counter() - started) * 1000
    gc.collect()
    print(json.dumps({"ms": ms, "rss_mb": rss_mb(), "rows": model.rowCount()}))


def register(db_path: str, times: int = 12) -> None:
    """Register visitors through the visitor tab's form: Ctrl+S to the visit saved, and to
    the form ready for the next (list refreshed, slip rendered). The bare floor is the same
    row inserted by a bare INSERT. The visits are deleted afterwards (the cached database
    stays as built)."""
    import random
    import sqlite3
    import statistics

    from data import TODAY
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from wuye_desk import paths
    from wuye_desk.app import create_application
    from wuye_desk.services import visitor_demo, visitors
    from wuye_desk.ui.visitors.tab import VisitorsTab

    app = create_application()
    desk = _desk(db_path)
    with desk.read() as session:
        from sqlalchemy import text

        first_new = session.execute(text("SELECT max(id) FROM visit")).scalar_one() + 1
        units = [r[0] for r in session.execute(text(
            "SELECT unit_code FROM household WHERE primary_name != '' ORDER BY id LIMIT 50"))]
    tab = VisitorsTab(desk)
    tab.resize(1280, 800)
    tab.show()
    tab.activateWindow()
    for _ in range(50):
        app.processEvents()
        if tab.isActiveWindow():
            break
        time.sleep(0.01)
    saved_at: list[float] = []
    real = visitors.register_visit

    def stamped(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)
        saved_at.append(time.perf_counter())
        return result

    visitors.register_visit = stamped  # type: ignore[assignment]
    rng = random.Random(11)
    people = visitor_demo.people(rng, times, TODAY.date())
    saved, ready = [], []
    try:
        for person, unit in zip(people, units, strict=False):
            f = tab.form
            tab.new_visit()
            f.id_number.setText(person.id_number)
            tab.check_visitor()
            f.name.setText(person.name)
            f.phone.setText(person.phone)
            f.host_unit.setText(unit)
            tab.look_up_host()
            f.answer.setCurrentText("同意")
            f.answered_by.setText(f.host_name.text())
            f.answered_by.setFocus()
            app.processEvents()
            before = len(saved_at)
            start = time.perf_counter()
            QTest.keyClick(QApplication.focusWidget() or f.answered_by, Qt.Key.Key_S,
                           Qt.KeyboardModifier.ControlModifier)
            app.processEvents()
            end = time.perf_counter()
            if len(saved_at) != before + 1:
                raise RuntimeError(f"not saved: {f.message.text()} {f.form.errors_text()}"
                                   if hasattr(f.form, "errors_text") else f.message.text())
            saved.append((saved_at[-1] - start) * 1000)
            ready.append((end - start) * 1000)
    finally:
        visitors.register_visit = real  # type: ignore[assignment]
    desk.db.dispose()
    # the floor: the same visits' rows inserted bare, one transaction each
    conn = sqlite3.connect(db_path)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(visit)") if r[1] != "id"]
    rows = conn.execute(f"SELECT {', '.join(cols)} FROM visit WHERE id >= ?",
                        (first_new,)).fetchall()
    bare = []
    for row in rows:
        start = time.perf_counter()
        conn.execute(f"INSERT INTO visit ({', '.join(cols)}) VALUES "
                     f"({', '.join('?' for _ in cols)})",
                     tuple(None if c == "serial" else v for c, v in zip(cols, row, strict=True)))
        conn.commit()
        bare.append((time.perf_counter() - start) * 1000)
    conn.execute("DELETE FROM visit WHERE id >= ?", (first_new,))
    conn.commit()
    conn.close()
    for pdf in paths.printouts_dir().glob("*.pdf"):
        pdf.unlink()
    print(json.dumps({"saved_ms": statistics.median(saved), "ready_ms": statistics.median(ready),
                      "bare_ms": statistics.median(bare)}))


if __name__ == "__main__":
    task, *args = sys.argv[1:]
    {"startup-app": startup_app, "startup-bare": startup_bare, "scroll": scroll,
     "register": register}[task](*args)
