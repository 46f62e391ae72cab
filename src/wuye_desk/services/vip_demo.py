"""Demo VIP customers (a DEMO_STEPS step): applications, cards issued over the past
three years — some expiring soon, one expired, one lost and replaced, one revoked —
family members with solar and lunar birthdays, and services given."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import select

from wuye_desk.domain.calendar import solar_to_lunar
from wuye_desk.domain.vip import ServiceKind, VipLevel
from wuye_desk.services import demo, vip
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import Member

QUALIFICATIONS = ("业主委员会主任", "集团领导", "区政府官员", "社区知名人士", "购买多套物业的业主",
                  "长期支持物业工作的业主")
PREFERENCES = ("喜欢安静，来电请先发短信", "爱好书法，参加过VIP沙龙", "素食", "常出差，快递请代收",
               "老人行动不便，维修请提前预约", "")
SERVICES = ((ServiceKind.PRIORITY, "优先安排空调维修"), (ServiceKind.DISCOUNT, "物业费九五折"),
            (ServiceKind.CONSULTATION, "房屋出租政策咨询"), (ServiceKind.VALUE_ADDED, "上门收取物业费"),
            (ServiceKind.VALUE_ADDED, "代订机票"), (ServiceKind.FAMILY_CARE, "生日问候，送蛋糕"))
RELATIONS = ("配偶", "父亲", "母亲", "儿子", "女儿")


def _at(desk: Desk, when: datetime) -> Desk:
    return Desk(desk.db, desk.operator, lambda: when)


def _lunar_text(d: date) -> str:
    lunar = solar_to_lunar(d)
    return f"{lunar.month:02d}-{lunar.day:02d}"


def demo_vips(desk: Desk, rng: random.Random, household_ids: list[int]) -> None:
    now = desk.now()
    today = now.date()
    with desk.read() as session:
        people = session.execute(
            select(Member.household_id, Member.name).where(Member.position == 0)
            .order_by(Member.household_id)).all()
    if not people:
        return
    count = max(3, min(40, len(people) // 60))
    chosen = rng.sample(list(people), min(count, len(people)))
    for i, person in enumerate(chosen):
        # issued at some time over the past three years; one in time for the overview
        age_days = rng.randrange(20, 3 * 365 - 70) if i > 2 else (3 * 365 - 20, 3 * 365 + 10, 40)[i]
        issued = now - timedelta(days=age_days)
        level = VipLevel.OTHER if rng.random() < 0.8 else rng.choice(list(VipLevel))
        born = date(rng.randrange(1945, 1990), rng.randrange(1, 13), rng.randrange(1, 29))
        lunar = rng.random() < 0.5
        family = []
        for _ in range(rng.randrange(0, 3)):
            fborn = today + timedelta(days=rng.randrange(0, 365))
            flunar = rng.random() < 0.5
            family.append(vip.FamilyInput(
                demo.person_name(rng), rng.choice(RELATIONS), "农历" if flunar else "公历",
                _lunar_text(fborn) if flunar else f"{fborn:%m-%d}"))
        if i == 2:  # a family birthday within the week, kept by the lunar calendar
            family.append(vip.FamilyInput(demo.person_name(rng), "母亲", "农历",
                                          _lunar_text(today + timedelta(days=3))))
        at = _at(desk, issued)
        vip_id = vip.apply(at, vip.VipInput(
            household_id=person.household_id, name=person.name, level=level.value,
            birthday_kind="农历" if lunar else "公历",
            birthday=f"{born.year}-{_lunar_text(born)}" if lunar else born.isoformat(),
            preferences=rng.choice(PREFERENCES), assistant="周晓燕",
            qualification=rng.choice(QUALIFICATIONS),
            applied_on=issued.date() - timedelta(days=7), approved_by="刘建国",
            approved_on=issued.date() - timedelta(days=2), family=family))
        vip.issue_card(at, vip_id)
        for _ in range(rng.randrange(0, 4)):
            kind, detail = rng.choice(SERVICES)
            given = issued + timedelta(days=rng.randrange(1, max(2, age_days)))
            if given < now and given.date() <= (issued + timedelta(days=3 * 365 - 1)).date():
                vip.log_service(_at(desk, given), vip_id, kind.value, detail, given_by="周晓燕")
        if i == 3:
            vip.replace_lost_card(_at(desk, issued + timedelta(days=5)), vip_id, "客户出差时遗失")
        if i == 4 and age_days > 40:
            vip.log_service(_at(desk, issued + timedelta(days=30)), vip_id,
                            ServiceKind.CASH_AID.value, "异地出差信用卡被盗，临时援助",
                            amount=1000, given_by="周晓燕")
        if i == 5 and age_days > 60:
            vip.revoke_card(_at(desk, issued + timedelta(days=60)), vip_id, "恶意拖欠物业管理费",
                            "连续12个月拒缴物业费，经催缴仍不缴纳")
