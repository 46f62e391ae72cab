"""The mail log with 200,000 items: the lists, the search box, and keystroke-to-saved through
the real scan line (a clerk signs in 30 items a minute: 2,000 ms each is the budget).

    python tests/benchmarks/run.py mail
"""

from __future__ import annotations

import itertools
import random
import time
from datetime import timedelta

from data import TODAY, desk_with
from harness import bench
from sqlalchemy import text

from wuye_desk.services import demo, mail, mail_demo, visitor_demo
from wuye_desk.services.desk import Desk
from wuye_desk.services.mail import MailFilter, SignInInput

ITEMS = 200_000
_counter = itertools.count(1)
_stamp = int(time.time()) % 10_000_000


def _build(desk: Desk) -> None:
    demo.fill(desk, households=2000, seed=7)
    rng = random.Random(7)
    with desk.read() as session:
        ids = [r[0] for r in session.execute(text("SELECT id FROM household"))]
    hosts = visitor_demo.hosts(desk, ids)
    start = TODAY - timedelta(days=5 * 365)
    mail_demo.bulk_insert_mail(desk, mail_demo.mail_rows(rng, ITEMS, start, TODAY, hosts, None,
                                                         first_seq=10_000_000),
                               "基准测试邮件", batch=10_000)
    with desk.db.write_engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def items_200k() -> Desk:
    return desk_with("mail-200k", _build)


def _bare(desk: Desk, sql: str, **params):  # type: ignore[no-untyped-def]
    def run() -> object:
        with desk.db.read_engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    return run


def _number() -> str:
    return f"SF{_stamp:07d}{next(_counter):06d}"


@bench("mail: first page of the log", "< 50 ms", limit_ms=50)
def first_page():  # type: ignore[no-untyped-def]
    desk = items_200k()
    q = mail.list_query(desk)
    return (lambda: q.page(None, 200),
            _bare(desk, "SELECT id, tracking_no FROM mail_item "
                        "ORDER BY received_at DESC, id DESC LIMIT 201"))


@bench("mail: waiting, oldest first", "< 50 ms", limit_ms=50)
def waiting():  # type: ignore[no-untyped-def]
    desk = items_200k()
    q = mail.list_query(desk, MailFilter(view=mail.VIEW_WAITING))
    return (lambda: q.page(None, 200),
            _bare(desk, "SELECT id FROM mail_item WHERE status='待领取' "
                        "ORDER BY received_at, id LIMIT 201"))


@bench("mail: not notified", "< 50 ms", limit_ms=50)
def not_notified():  # type: ignore[no-untyped-def]
    desk = items_200k()
    q = mail.list_query(desk, MailFilter(view=mail.VIEW_NOT_NOTIFIED))
    return (lambda: q.page(None, 200), None)


@bench("mail: picked up, page 50 (keyset)", "< 50 ms", limit_ms=50)
def deep_page():  # type: ignore[no-untyped-def]
    desk = items_200k()
    q = mail.list_query(desk, MailFilter(view=mail.VIEW_PICKED_UP))
    after = None
    for _ in range(50):
        after = q.page(after, 200).after
    return (lambda: q.page(after, 200), None)


@bench("mail: search a tracking-number tail", "≤ 1.5 × bare FTS", limit_ratio=1.5)
def search_tail():  # type: ignore[no-untyped-def]
    desk = items_200k()
    q = mail.list_query(desk, MailFilter(text="0123456"))
    return (lambda: q.page(None, 200),
            _bare(desk, "SELECT rowid FROM mail_item_fts WHERE mail_item_fts MATCH "
                        "'\"0 1 2 3 4 5 6\"'"))


@bench("mail: search a two-character name", "< 50 ms", limit_ms=50)
def search_name():  # type: ignore[no-untyped-def]
    desk = items_200k()
    with desk.read() as session:
        name = session.execute(text("SELECT addressee FROM mail_item WHERE addressee <> '' "
                                    "LIMIT 1")).scalar_one()
    q = mail.list_query(desk, MailFilter(text=name[:2]))
    return (lambda: q.page(None, 200), None)


@bench("mail: one unit's items", "< 50 ms", limit_ms=50)
def one_unit():  # type: ignore[no-untyped-def]
    desk = items_200k()
    with desk.read() as session:
        code = session.execute(text("SELECT unit_code FROM mail_item LIMIT 1")).scalar_one()
    q = mail.list_query(desk, MailFilter(unit=code))
    return (lambda: q.page(None, 200), None)


@bench("mail: overview lines (M5 deadlines)", "< 50 ms", limit_ms=50)
def overview():  # type: ignore[no-untyped-def]
    desk = items_200k()
    return (lambda: mail.overview_lines(desk), None)


@bench("mail: households to tell", "< 100 ms", limit_ms=100)
def to_tell():  # type: ignore[no-untyped-def]
    desk = items_200k()
    return (lambda: mail.households_to_tell(desk), None)


@bench("mail: sign_in (service, duplicate check)", "< 30 ms", limit_ms=30)
def sign_in_service():  # type: ignore[no-untyped-def]
    desk = items_200k()
    with desk.read() as session:
        code = session.execute(text("SELECT unit_code FROM household LIMIT 1")).scalar_one()
    return (lambda: mail.sign_in(desk, SignInInput(tracking_no=_number(), unit=code,
                                                   kind="快递包裹", position="A1")), None)


def _tab(desk: Desk):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from wuye_desk.ui import fonts
    from wuye_desk.ui.mail.tab import MailTab

    app = QApplication.instance() or QApplication([])
    fonts.install(app)  # type: ignore[arg-type]
    tab = MailTab(desk)
    tab.resize(1300, 750)
    tab.show()
    app.processEvents()
    return app, tab


@bench("mail: keystroke-to-saved, scan line (batch)", "< 2000 ms (30/min)", limit_ms=2000)
def scan_batch():  # type: ignore[no-untyped-def]
    """The scanner types 15 characters and Enter into the real widget; timed until the item
    is in the database and the scan box is empty with the focus back (same unit kept)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    desk = items_200k()
    app, tab = _tab(desk)
    with desk.read() as session:
        code = session.execute(text("SELECT unit_code FROM household LIMIT 1")).scalar_one()
    tab.batch.setChecked(True)
    tab.unit.setText(code)

    def one() -> None:
        tab.scan.setFocus()
        QTest.keyClicks(tab.scan, _number())
        QTest.keyClick(tab.scan, Qt.Key.Key_Return)
        assert tab.scan.text() == "" and tab.last_saved is not None, tab.message.text()
        app.processEvents()

    def floor() -> None:  # the same keystrokes into a bare line edit

        edit = bare
        QTest.keyClicks(edit, _number())
        QTest.keyClick(edit, Qt.Key.Key_Return)
        edit.clear()

    from PySide6.QtWidgets import QLineEdit

    bare = QLineEdit()
    bare.show()
    return (one, floor)


@bench("mail: keystroke-to-saved, scan + unit Enter", "< 2000 ms (30/min)", limit_ms=2000)
def scan_then_unit():  # type: ignore[no-untyped-def]
    """Scan + Enter, then Enter on the offered last unit: saved, focus back in the scan box."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    desk = items_200k()
    app, tab = _tab(desk)
    with desk.read() as session:
        code = session.execute(text("SELECT unit_code FROM household LIMIT 1")).scalar_one()
    tab.last_unit = code

    def one() -> None:
        tab.scan.setFocus()
        QTest.keyClicks(tab.scan, _number())
        QTest.keyClick(tab.scan, Qt.Key.Key_Return)
        QTest.keyClick(tab.unit, Qt.Key.Key_Return)
        assert tab.scan.text() == "" and not tab.pending, tab.message.text()
        app.processEvents()

    return (one, None)


@bench("mail: list catches up after a burst (refresh)", "< 100 ms", limit_ms=100)
def list_refresh():  # type: ignore[no-untyped-def]
    desk = items_200k()
    _app, tab = _tab(desk)
    return (tab.list.refresh, None)
