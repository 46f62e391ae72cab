"""The mail log on SQLite and on PostgreSQL (several desks share one server)."""

from datetime import date, datetime

import pytest

from tests.services.mail_helpers import LI_ID, household, item
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import mail, mail_figures
from wuye_desk.services.mail import MailFilter, PickupInput


def test_M2_M4_M5_round_on_every_database(any_desk, clock):
    desk = any_desk
    home = household(desk)
    clock.set(datetime(2026, 10, 1, 9, 0))
    old = mail.sign_in(desk, item("YT1234567890123", addressee="欧阳娜娜"))
    clock.set(datetime(2026, 11, 18, 9, 0))
    a = mail.sign_in(desk, item("SF1234567890123"))
    with pytest.raises(ValidationError, match="不能重复登记"):
        mail.sign_in(desk, item("SF1234567890123"))
    rows = mail.list_query(desk, MailFilter(text="oynn")).page().rows
    assert [r.id for r in rows] == [old.id]
    code = mail.record_notice(desk, home, "电话").code
    assert mail.post_public_notice(desk) == 1
    found = mail.pickup_set(desk, code)
    mail.hand_out(desk, [a.id], PickupInput("李梅", "代领", "身份证", LI_ID))
    assert len(found.items) == 2
    clock.set(datetime(2026, 12, 5, 9, 0))
    assert [i.id for i in mail.due_for_return(desk)] == [old.id]
    mail.return_items(desk, [old.id], "邮局王五")
    f = mail_figures.mail_figures(desk, date(2026, 10, 1), date(2026, 12, 31))
    assert (f.total.received, f.total.handed_out, f.total.returned) == (2, 1, 1)
    assert f.total.average_days == pytest.approx(0.0)
    assert mail.overview_lines(desk) == []


def test_M2_duplicate_refused_by_the_database_index_on_every_database(any_desk):
    from sqlalchemy.exc import IntegrityError

    from wuye_desk.store.models import MailItem

    household(any_desk)
    mail.sign_in(any_desk, item())
    with pytest.raises(IntegrityError), any_desk.write("x") as s:
        s.add(MailItem(tracking_no="SF1234567890123", kind="快递包裹", carrier="顺丰",
                       status="待领取", received_at=any_desk.now(), notice_method="",
                       search_text=""))
