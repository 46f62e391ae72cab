"""What the complaint tests share: households in one building, a phone complaint."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from wuye_desk.services import households
from wuye_desk.services.complaints import ComplaintInput
from wuye_desk.services.households import HouseholdInput, MemberInput
from wuye_desk.store.models import AuditEntry, Complaint, ComplaintEvent

NAMES = ("张三", "李四", "王五", "赵六", "钱七")


def household(desk, unit: str = "3栋2单元1502", name: str = "张三",
              phone: str = "13812345678") -> int:
    return households.create_household(desk, HouseholdInput(
        unit=unit, occupancy="已入伙", tenure="业主", move_in_date=date(2020, 5, 1),
        members=[MemberInput(name, "业主", phone)]))


def neighbours(desk, n: int = 3) -> list[int]:
    """n households of building 3."""
    return [household(desk, f"3栋1单元{(i + 1) * 100 + 1}", NAMES[i], f"1381234000{i}")
            for i in range(n)]


def lift(household_id: int | None = None, **kw) -> ComplaintInput:
    data = ComplaintInput(channel="电话", household_id=household_id, content_type="物业管理",
                          subtopic="设备设施", resp_class="一类",
                          description="3栋1单元电梯又坏了，困了人")
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def count(desk, model=Complaint) -> int:
    with desk.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def snapshot(desk) -> tuple[int, int, int]:
    return count(desk), count(desk, ComplaintEvent), count(desk, AuditEntry)
