"""What the key-cabinet tests share: households in the archive, a manager, a duty manager."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from tests.services.visitor_helpers import LI_ID, ZHAO_ID
from wuye_desk.services import households
from wuye_desk.services.households import ContactInput, HouseholdInput, MemberInput
from wuye_desk.services.keys import KeyInput, LoanInput
from wuye_desk.store.models import AuditEntry, CabinetKey, KeyEvent, KeyLoan

__all__ = ["LI_ID", "ZHAO_ID", "add_household", "key_input", "loan_input", "snapshot"]


def add_household(desk, unit: str = "3栋2单元1502", occupancy: str = "已入伙") -> int:
    moved = occupancy != "未入伙"
    return households.create_household(desk, HouseholdInput(
        unit=unit, occupancy=occupancy, tenure="业主",
        move_in_date=date(2020, 5, 1) if moved else None,
        members=[MemberInput("张三", "业主", "13812345678"),
                 MemberInput("李梅", "家属", "13912345678")] if moved else [],
        contacts=[ContactInput("王五", "13700002222", "兄弟姐妹")] if moved else []))


def key_input(**kw) -> KeyInput:
    data = KeyInput(unit="3栋2单元1502", kind="业主委托钥匙", key_count=2, tag="蓝色钥匙牌",
                    condition="完好", depositor_name="张三", depositor_id_type="居民身份证",
                    depositor_id_number=ZHAO_ID, depositor_phone="13812345678")
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def loan_input(approver_id: int | None, **kw) -> LoanInput:
    data = LoanInput(borrower_kind="员工", borrower_name="赵工", borrower_id_type="居民身份证",
                     borrower_id_number=LI_ID, borrower_phone="13600001111",
                     purpose="检查漏水", approver_id=approver_id)
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def count(desk, model) -> int:
    with desk.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def snapshot(desk) -> tuple[int, ...]:
    """Rows a refusal must not add to."""
    return tuple(count(desk, m) for m in (CabinetKey, KeyLoan, KeyEvent, AuditEntry))
