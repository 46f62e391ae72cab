"""The mail log with 200,000 items: the lists, the search box, and keystroke-to-saved through
the real scan line (a clerk signs in 30 items a minute: 2,000 ms each is the budget).

    python tests/benchmarks/run.py mail
"""

from __future__ import annotations

import itertools
import random
import time
from datetime import timedelta

from data import TODAY, household_ids, ten_years, without_fts
from harness import bench
from sqlalchemy import text

from wuye_desk.domain import search_text
from wuye_desk.services import mail, mail_demo, visitor_demo
from wuye_desk.services.desk import Desk
from wuye_desk.services.mail import MailFilter, SignInInput
from wuye_desk.services.paging import PAGE_SIZE

ITEMS = 200_000
_counter = itertools.count(1)
_stamp = int(time.time()) % 10_000_000


def generate(desk: Desk, scale: float) -> None:
    """data.py step: ten years of parcels and letters (bulk insert, one transaction)."""
    rng = random.Random(7)
    hosts = visitor_demo.hosts(desk, household_ids(desk))
    start = TODAY - timedelta(days=10 * 365)
    with without_fts(desk, "mail_item"):
        mail_demo.bulk_insert_mail(desk, mail_demo.mail_rows(
            rng, max(200, int(ITEMS * scale)), start, TODAY, hosts, None, first_seq=10_000_000),
            "基准测试邮件", batch=10_000)


def items_200k() -> Desk:
    return ten_years()


COLUMNS = ("id, received_at, tracking_no, kind, carrier, unit_code, address_text, addressee, "
           "position, status, notified_at, notice_method, public_notice_at, damage, "
           "undeliverable, remark, picked_up_at, returned_at")


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
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM mail_item "
                        "ORDER BY received_at DESC, id DESC LIMIT 101"))


@bench("mail: waiting, oldest first", "< 50 ms", limit_ms=50)
def waiting():  # type: ignore[no-untyped-def]
    desk = items_200k()
    q = mail.list_query(desk, MailFilter(view=mail.VIEW_WAITING))
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM mail_item WHERE status='待领取' "
                        "ORDER BY received_at, id LIMIT 101"))


@bench("mail: not notified", "< 50 ms", limit_ms=50)
def not_notified():  # type: ignore[no-untyped-def]
    desk = items_200k()
    q = mail.list_query(desk, MailFilter(view=mail.VIEW_NOT_NOTIFIED))
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM mail_item WHERE status='待领取' AND "
                        "notified_at IS NULL ORDER BY received_at, id LIMIT 101"))


@bench("mail: picked up, page 50 (keyset)", "< 50 ms", limit_ms=50)
def deep_page():  # type: ignore[no-untyped-def]
    desk = items_200k()
    q = mail.list_query(desk, MailFilter(view=mail.VIEW_PICKED_UP))
    after = None
    for _ in range(50):
        after = q.page(after, PAGE_SIZE).after
    return (lambda: q.page(after, PAGE_SIZE), None)


def _search(query: str):  # type: ignore[no-untyped-def]
    desk = items_200k()
    q = mail.list_query(desk, MailFilter(text=query))
    match = search_text.fts_match(query).replace("'", "''")
    return (lambda: q.page(None, PAGE_SIZE),
            _bare(desk, f"SELECT {COLUMNS} FROM mail_item WHERE id IN (SELECT rowid FROM "
                        f"mail_item_fts WHERE mail_item_fts MATCH '{match}') "
                        "ORDER BY received_at DESC, id DESC LIMIT 101"))


@bench("mail: search a tracking-number tail '0123456'", "< 50 ms", limit_ms=50)
def search_tail():  # type: ignore[no-untyped-def]
    return _search("0123456")


@bench("mail: search 4 digits '5678'", "< 50 ms", limit_ms=50)
def search_digits():  # type: ignore[no-untyped-def]
    return _search("5678")


@bench("mail: search a 2-character name '王芳'", "< 50 ms", limit_ms=50)
def search_name():  # type: ignore[no-untyped-def]
    return _search("王芳")


@bench("mail: search pinyin initials 'zs'", "< 50 ms", limit_ms=50)
def search_initials():  # type: ignore[no-untyped-def]
    return _search("zs")


@bench("mail: one unit's items", "< 50 ms", limit_ms=50)
def one_unit():  # type: ignore[no-untyped-def]
    desk = items_200k()
    with desk.read() as session:
        code = session.execute(text("SELECT unit_code FROM mail_item LIMIT 1")).scalar_one()
    q = mail.list_query(desk, MailFilter(unit=code))
    return (lambda: q.page(None, PAGE_SIZE), None)


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


def _timed_enter(edit, done) -> float:  # type: ignore[no-untyped-def]
    """Type a fresh tracking number into `edit` (not timed), then press Enter: the ms from
    the keystroke until `done()` holds (the item saved and the box ready again)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    edit.setFocus()
    QTest.keyClicks(edit, _number())
    QApplication.processEvents()
    started = time.perf_counter()
    QTest.keyClick(edit, Qt.Key.Key_Return)
    while not done():
        QApplication.processEvents()
    return (time.perf_counter() - started) * 1000


def _bare_scan(desk: Desk, unit_code: str):  # type: ignore[no-untyped-def]
    """The floor: Enter in a bare line edit that inserts the same row by bare SQL."""
    from PySide6.QtWidgets import QLineEdit

    bare = QLineEdit()
    bare.show()
    saved: list[int] = []

    def save() -> None:
        number = bare.text()
        with desk.db.write_engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO mail_item (tracking_no, kind, carrier, status, received_at, "
                "unit_code, addressee, address_text, position, damage, undeliverable, remark, "
                "notice_method, search_text, created_at, version) VALUES (:n, '快递包裹', "
                "'顺丰速运', '待领取', :at, :u, '', '', 'A1', '', 0, '', '', :s, :at, 1)"),
                {"n": number, "at": TODAY, "u": unit_code,
                 "s": search_text.build(number, unit_code)})
        saved.append(1)
        bare.clear()

    bare.returnPressed.connect(save)

    def one() -> float:
        before = len(saved)
        return _timed_enter(bare, lambda: len(saved) > before)
    return one


@bench("mail: scan a parcel in, Enter to saved (batch)", "< 50 ms", repeat=15,
       measures=True, limit_ms=50)
def scan_batch():  # type: ignore[no-untyped-def]
    """The scanner types the number and Enter into the real scan line of the mail tab, the
    unit kept from the last one (batch mode): timed from Enter until the item is in the
    database and the scan box is empty again."""
    desk = items_200k()
    _app, tab = _tab(desk)
    with desk.read() as session:
        code = session.execute(text("SELECT unit_code FROM household LIMIT 1")).scalar_one()
    tab.batch.setChecked(True)
    tab.unit.setText(code)

    def one() -> float:
        before = tab.last_saved
        ms = _timed_enter(tab.scan, lambda: tab.last_saved is not before and
                          tab.scan.text() == "")
        return ms
    return (one, _bare_scan(desk, code))


@bench("mail: scan, then Enter on the offered unit, to saved", "< 50 ms", repeat=15,
       measures=True, limit_ms=50)
def scan_then_unit():  # type: ignore[no-untyped-def]
    """Scan + Enter (the unit box offers the last unit), then Enter there: timed from that
    last Enter until saved and the focus back in the scan box."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    desk = items_200k()
    _app, tab = _tab(desk)
    tab.batch.setChecked(False)
    with desk.read() as session:
        code = session.execute(text("SELECT unit_code FROM household LIMIT 1")).scalar_one()
    tab.last_unit = code

    def one() -> float:
        tab.scan.setFocus()
        QTest.keyClicks(tab.scan, _number())
        QTest.keyClick(tab.scan, Qt.Key.Key_Return)
        QApplication.processEvents()
        before = tab.last_saved
        started = time.perf_counter()
        QTest.keyClick(tab.unit, Qt.Key.Key_Return)
        while tab.last_saved is before or tab.pending:
            QApplication.processEvents()
        return (time.perf_counter() - started) * 1000
    return (one, _bare_scan(desk, code))


@bench("mail: list catches up after a burst (refresh)", "< 100 ms", limit_ms=100)
def list_refresh():  # type: ignore[no-untyped-def]
    desk = items_200k()
    _app, tab = _tab(desk)
    return (tab.list.refresh, None)
