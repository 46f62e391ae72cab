"""Mail figures for the month-end report (rule R1)."""

from datetime import date, datetime

import pytest

from tests.services.mail_helpers import LI_ID, household, item
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import mail
from wuye_desk.services.mail import CopyInput, PickupInput
from wuye_desk.services.mail_figures import NO_BUILDING, mail_figures


def test_figures_by_kind_and_building(desk, clock):
    home = household(desk)
    household(desk, "5栋1单元801", "钱七", "13600001111")
    a = mail.sign_in(desk, item("SF1234567890123", damage="破"))
    mail.sign_in(desk, item("SF1234567890124", kind="挂号信", unit="5栋1单元801"))
    mail.sign_in(desk, item("SF1234567890125", unit="9栋1单元101", undeliverable=True,
                            remark="查无此户"))
    mail.receive_newspapers(desk, "人民日报", 5, [CopyInput("3栋2单元1502", 1, "张三")])
    clock.set(datetime(2026, 11, 21, 10, 0))
    mail.hand_out(desk, [a.id], PickupInput("李梅", "代领", "身份证", LI_ID))
    f = mail_figures(desk, date(2026, 11, 1), date(2026, 11, 30))
    assert (f.total.received, f.total.handed_out, f.total.unclaimed, f.total.damaged) == (3, 1, 2, 1)
    assert f.total.average_days == 3.0
    assert f.by_kind["挂号信"].received == 1 and f.by_kind["快递包裹"].handed_out == 1
    assert f.by_building["3"].received == 1 and f.by_building["5"].unclaimed == 1
    assert f.by_building[NO_BUILDING].received == 1
    assert f.newspapers == 5
    assert "收到邮件 3 件" in f.lines()[0]
    assert home


def test_figures_bad_range(desk):
    with pytest.raises(ValidationError):
        mail_figures(desk, date(2026, 12, 1), date(2026, 11, 1))
    empty = mail_figures(desk, date(2026, 11, 1), date(2026, 11, 30))
    assert empty.total.received == 0 and empty.total.average_days is None
