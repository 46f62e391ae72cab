"""What the key-cabinet tests share: households in the archive, a manager who approves a
loan with their own password (rule K3), a duty manager."""

from __future__ import annotations

from datetime import date

from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from sqlalchemy import func, select

from tests.services.visitor_helpers import LI_ID, ZHAO_ID
from wuye_desk.services import households
from wuye_desk.services.desk import Desk, OperatorInfo
from wuye_desk.services.households import ContactInput, HouseholdInput, MemberInput
from wuye_desk.services.keys import KeyInput, LoanInput
from wuye_desk.store.audit import Actor
from wuye_desk.store.database import Database
from wuye_desk.store.models import AuditEntry, CabinetKey, KeyEvent, KeyLoan, Operator

__all__ = ["LI_ID", "PASSWORD", "ZHAO_ID", "add_household", "give_password", "key_input",
           "loan_input", "snapshot"]

PASSWORD = "jingli-2026"   # every test approver's own password
_CHEAP = PasswordHasher.from_parameters(CHEAPEST)  # verified by the desk's hasher, fast


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


def give_password(db: Database, who: OperatorInfo, password: str = PASSWORD) -> OperatorInfo:
    """The operator's own password, set once (make_operator leaves it empty)."""
    with db.write(Actor(None, "测试"), "设置测试密码") as session:
        op = session.get(Operator, who.id)
        assert op is not None
        if op.password_hash is None:
            op.password_hash = _CHEAP.hash(password)
    return who


def loan_input(approver: Desk | None, **kw) -> LoanInput:
    """赵工 borrows to check a leak; `approver` (the desk of the operator approving, or None
    for nobody) types their login and PASSWORD at the desk (rule K3)."""
    login = ""
    if approver is not None:
        login = give_password(approver.db, approver.operator).login
    data = LoanInput(borrower_kind="员工", borrower_name="赵工", borrower_id_type="居民身份证",
                     borrower_id_number=LI_ID, borrower_phone="13600001111",
                     purpose="检查漏水", approver_login=login,
                     approver_password=PASSWORD if approver is not None else "")
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def count(desk, model) -> int:
    with desk.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def snapshot(desk) -> tuple[int, ...]:
    """Rows a refusal must not add to."""
    return tuple(count(desk, m) for m in (CabinetKey, KeyLoan, KeyEvent, AuditEntry))
