"""What the mail tests share: households, a sign-in, valid collectors' IDs, row counts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from tests.services.visitor_helpers import LI_ID, ZHAO_ID, resident_id
from wuye_desk.domain.mail import s10_check_digit
from wuye_desk.services import households
from wuye_desk.services.households import HouseholdInput, MemberInput
from wuye_desk.services.mail import SignInInput
from wuye_desk.store.models import AuditEntry, MailItem

__all__ = ["LI_ID", "ZHAO_ID", "resident_id"]


def household(desk, unit: str = "3栋2单元1502", name: str = "张三",
              phone: str = "13812345678") -> int:
    return households.create_household(desk, HouseholdInput(
        unit=unit, occupancy="已入伙", tenure="业主", move_in_date=date(2020, 5, 1),
        members=[MemberInput(name, "业主", phone), MemberInput("李梅", "家属", "13912345678")]))


def ems(serial8: str, service: str = "EA") -> str:
    """A valid UPU S10 number of China Post."""
    return f"{service}{serial8}{s10_check_digit(serial8)}CN"


def item(tracking: str = "SF1234567890123", unit: str = "3栋2单元1502", **kw) -> SignInInput:
    data = SignInInput(tracking_no=tracking, unit=unit, kind=kw.pop("kind", "快递包裹"),
                       carrier=kw.pop("carrier", ""), position=kw.pop("position", "A1"))
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def count(desk, model=MailItem) -> int:
    with desk.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def snapshot(desk) -> tuple[int, int]:
    return count(desk), count(desk, AuditEntry)
