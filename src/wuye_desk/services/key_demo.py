"""A realistic key cabinet for the demo (a DEMO_STEPS step): keys of owners, of units not
yet handed over, repair and public-area keys; a few out, one overdue, one missing, a
lock change waiting for its new key; a past keeper handover. Made through the services,
so every rule holds."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import demo, keys, visitor_demo
from wuye_desk.services.desk import Desk
from wuye_desk.services.keys import EmergencyInput, HandoverInput, KeyInput, LoanInput
from wuye_desk.store.models import Household, Operator

PUBLIC_AREAS = ("配电房", "水泵房", "天台", "消防控制室", "电梯机房", "地下车库设备间")
CONTRACTORS = ("宏达水电维修部", "安居门窗", "洁美保洁公司", "鑫诚装饰")
STAFF_PURPOSES = ("检查漏水", "抄表", "验房", "开荒保洁")


def _manager(desk: Desk) -> int:
    with desk.read() as session:
        found = session.scalar(select(Operator.id).where(
            Operator.role == Role.MANAGER.value, Operator.active.is_(True)).limit(1))
    if found is not None:
        return int(found)
    with desk.write("建立演示操作员（经理）") as session:
        op = Operator(login="demo-jingli", name="陈志远", role=Role.MANAGER.value,
                      password_hash=None, must_change_password=True, active=True,
                      created_at=desk.now())
        session.add(op)
        session.flush()
        return op.id


def _at(desk: Desk, when: datetime) -> Desk:
    return Desk(desk.db, desk.operator, lambda: when)


def _loan(rng: random.Random, **kw: object) -> LoanInput:
    contractor = rng.random() < 0.5
    data = LoanInput(borrower_kind="施工单位" if contractor else "员工",
                     borrower_name=demo.person_name(rng),
                     borrower_company=rng.choice(CONTRACTORS) if contractor else "",
                     borrower_id_number=demo.resident_id(
                         rng, datetime(1985, rng.randrange(1, 13), rng.randrange(1, 28)).date(),
                         rng.random() < 0.3),
                     borrower_phone=demo.mobile(rng),
                     purpose=rng.choice(STAFF_PURPOSES))
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def demo_keys(desk: Desk, rng: random.Random, household_ids: list[int]) -> None:
    """About two thirds of the cabinet filled, with a month of use behind it."""
    now = desk.now()
    manager = _manager(desk)
    duty, _name = visitor_demo.duty_manager(desk)

    def approver_at(when: datetime) -> int:  # the duty manager approves at night (rule G5)
        return duty if keys.night_now(_at(desk, when)) else manager

    slots = keys.labels(desk)
    with desk.read() as session:
        rows = session.execute(select(Household.id, Household.unit_code, Household.occupancy,
                                      Household.primary_name, Household.primary_phone)
                               .where(Household.id.in_(household_ids))).all()
    rows = list(rows)
    rng.shuffle(rows)
    wanted = min(len(rows), int(len(slots) * 0.62))
    start = now - timedelta(days=40)
    taken: list[tuple[int, str]] = []
    for i, r in enumerate(rows[:wanted]):
        when = start + timedelta(hours=9 + i % 8, days=i * 9 // max(1, wanted))
        occupancy = r.occupancy
        kind = ("未入伙钥匙" if occupancy == "未入伙"
                else "返修钥匙" if rng.random() < 0.12 else "业主委托钥匙")
        name = r.primary_name or demo.person_name(rng)
        born = datetime(1960 + rng.randrange(35), rng.randrange(1, 13), rng.randrange(1, 28))
        data = KeyInput(unit=r.unit_code, kind=kind, key_count=rng.choice((1, 2, 2, 3)),
                        tag=rng.choice(("", "红色钥匙牌", "蓝色钥匙牌", "门禁卡一张")),
                        condition=rng.choice(("完好", "完好", "完好", "轻微磨损")),
                        slot=slots[i] if i < len(slots) else "", depositor_name=name,
                        depositor_id_number=demo.resident_id(rng, born.date(), rng.random() < .5),
                        depositor_phone=r.primary_phone or demo.mobile(rng),
                        owner_consent="业主书面同意维修时使用" if kind == "返修钥匙" and rng.random() < .7
                        else "")
        done = keys.take_in(_at(desk, when), data)
        taken.append((done.key_id, kind))
    for j, area in enumerate(PUBLIC_AREAS):
        if wanted + j >= len(slots):
            break
        keys.take_in(_at(desk, start), KeyInput(kind="公共区域钥匙", tag=area, key_count=2,
                                                slot=slots[-1 - j]))
    owner_keys = [k for k, kind in taken if kind in ("业主委托钥匙", "未入伙钥匙")]
    if not owner_keys:
        return
    # a month of lendings, returned the same day
    for day in range(30, 0, -1):
        for _ in range(rng.randrange(0, 3)):
            key_id = rng.choice(owner_keys)
            out = datetime.combine((now - timedelta(days=day)).date(),
                                   datetime.min.time()) + timedelta(hours=rng.randrange(9, 15))
            keys.lend_approved(_at(desk, out), key_id, _loan(rng), approver_at(out))
            back = out + timedelta(minutes=rng.randrange(30, 300))
            late = rng.random() < 0.08
            keys.return_key(_at(desk, back + timedelta(hours=5 if late else 0)), key_id)
    # today: two out in time, one overdue since the morning, one missing, a lock change
    free = list(owner_keys)
    rng.shuffle(free)
    early = now - timedelta(hours=2, minutes=30)
    steps: list[Callable[[int], object]] = [
        lambda k: keys.lend_approved(_at(desk, early), k, _loan(
            rng, due=f"{early + timedelta(hours=1):%Y-%m-%d %H:%M}", purpose="检查漏水"),
            approver_at(early)),
        lambda k: keys.lend_approved(_at(desk, now - timedelta(minutes=20)), k, _loan(rng),
                                     approver_at(now - timedelta(minutes=20))),
        lambda k: keys.lend_approved(_at(desk, now - timedelta(minutes=5)), k, _loan(rng),
                                     approver_at(now - timedelta(minutes=5))),
        lambda k: keys.report_problem(_at(desk, now - timedelta(days=3)), k, "遗失",
                                      "交接清点时未找到"),
        lambda k: keys.record_emergency(_at(desk, now - timedelta(days=12)), k, EmergencyInput(
            reason="爆管漏水", detail="楼上水管爆裂渗水", told_name=_owner(desk, k) or "业主")),
        lambda k: keys.change_lock(_at(desk, now - timedelta(hours=6)), k, "业主要求更换锁芯"),
    ]
    for key_id, step in zip(free, steps, strict=False):
        with contextlib.suppress(ValidationError):  # e.g. a demo made just after midnight
            step(key_id)
    keys.record_handover(_at(desk, now - timedelta(days=7)), HandoverInput(
        from_keeper="周丽", to_keeper="李小梅", signed_off=True, note="月度交接"))


def _owner(desk: Desk, key_id: int) -> str:
    return keys.get_key(desk, key_id).depositor_name
