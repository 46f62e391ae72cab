"""What the visitor tests share: a host household, a valid visitor, a night duty manager."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from stdnum.cn import ric

from wuye_desk.services import households
from wuye_desk.services.households import HouseholdInput, MemberInput
from wuye_desk.services.visitors import VisitInput
from wuye_desk.store.models import AuditEntry, GoodsPass, Visit

ZHAO_ID = "11010519491231002X"


def resident_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


LI_ID = resident_id("31010419850612003")


def host_household(desk, unit: str = "3栋2单元1502") -> int:
    return households.create_household(desk, HouseholdInput(
        unit=unit, occupancy="已入伙", tenure="业主", move_in_date=date(2020, 5, 1),
        members=[MemberInput("张三", "业主", "13812345678"),
                 MemberInput("李梅", "家属", "13912345678")]))


def visitor(**kw) -> VisitInput:
    data = VisitInput(visitor_name="赵敏", id_type="居民身份证", id_number=ZHAO_ID,
                      phone="13700001111", people=1, plate="", purpose="探亲",
                      host_unit="3栋2单元1502", host_name="张三", host_answer="同意",
                      answered_by="张三")
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def count(desk, model=Visit) -> int:
    with desk.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def audit_count(desk) -> int:
    return count(desk, AuditEntry)


def snapshot(desk) -> tuple[int, int, int]:
    """Rows that a refusal must not add to."""
    return count(desk), count(desk, GoodsPass), audit_count(desk)
