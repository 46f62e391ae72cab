"""What the VIP tests share: a household with members, an approved application."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.services.visitor_helpers import host_household
from wuye_desk.services import vip
from wuye_desk.services.vip import FamilyInput, VipInput
from wuye_desk.store.models import AuditEntry, VipCard, VipCustomer, VipService

__all__ = ["application", "apply_and_issue", "host_household", "rows", "snapshot"]


def application(household_id: int | None, **kw) -> VipInput:
    data = VipInput(household_id=household_id, name="张三", level="其他级",
                    qualification="业主委员会主任", approved_by="刘经理",
                    applied_on="2026-11-10", approved_on="2026-11-12",
                    birthday_kind="公历", birthday="1962-08-15",
                    family=[FamilyInput("李梅", "配偶", "农历", "十月十三")])
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def apply_and_issue(desk, household_id: int, **kw) -> tuple[int, str]:
    vip_id = vip.apply(desk, application(household_id, **kw))
    return vip_id, vip.issue_card(desk, vip_id).number


def rows(desk, model) -> int:
    with desk.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def snapshot(desk) -> tuple[int, ...]:
    """Rows a refusal must not add to."""
    return tuple(rows(desk, m) for m in (VipCustomer, VipCard, VipService, AuditEntry))
