"""Demo visits and goods passes over the past months (a DEMO_STEPS step), and the bulk
insert the demo and the benchmarks share."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update

from wuye_desk.domain import search_text, units
from wuye_desk.domain.operators import Role
from wuye_desk.domain.search_text import initials
from wuye_desk.domain.visitors import (
    GOODS_PREFIX,
    PROVINCES,
    VISIT_PREFIX,
    GoodsCategory,
    GoodsDirection,
    GoodsStatus,
    HostAnswer,
    VisitStatus,
    serial_for,
)
from wuye_desk.services import demo
from wuye_desk.services.desk import Desk
from wuye_desk.store.audit import write_entries
from wuye_desk.store.models import GoodsItem, GoodsPass, Household, Operator, Visit, WatchEntry

_VISIT = cast(Table, Visit.__table__)
PURPOSES = ("探亲", "访友", "送货", "装修洽谈", "家政服务", "维修", "看房", "商务洽谈", "面试",
            "快递", "接送孩子", "陪护老人")
DEPARTMENTS = ("物业管理处 工程部", "物业管理处 客服部", "物业管理处 保安部", "物业管理处 财务部")
GOODS = (("旧沙发", GoodsCategory.FURNITURE, "张"), ("电视机", GoodsCategory.FURNITURE, "台"),
         ("冰箱", GoodsCategory.FURNITURE, "台"), ("办公电脑", GoodsCategory.OFFICE, "台"),
         ("文件柜", GoodsCategory.OFFICE, "个"), ("瓷砖", GoodsCategory.MATERIALS, "箱"),
         ("木地板", GoodsCategory.MATERIALS, "包"), ("纸箱杂物", GoodsCategory.ORDINARY, "箱"),
         ("档案资料", GoodsCategory.DOCUMENTS, "箱"), ("自行车", GoodsCategory.ORDINARY, "辆"))
HAZARDS = (("汽油", GoodsCategory.ORDINARY, "桶"), ("煤气罐", GoodsCategory.ORDINARY, "个"),
           ("烟花", GoodsCategory.ORDINARY, "箱"), ("硫酸清洗剂", GoodsCategory.CORROSIVE, "瓶"))


@dataclass(frozen=True)
class Host:
    household_id: int
    unit: units.Unit
    name: str
    phone: str
    role: str


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str
    phone: str
    plate: str


@cache
def _initials(name: str) -> str:
    return initials(name)


def plate(rng: random.Random) -> str:
    chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    head = rng.choice(PROVINCES[:10]) + rng.choice("ABCDEFG")
    if rng.random() < 0.25:  # new-energy plate, 8 characters
        return head + rng.choice("DF") + rng.choice(chars) + f"{rng.randrange(10000):04d}"
    letters = sum(rng.random() < 0.15 for _ in range(5))
    tail = [rng.choice(chars[:24]) for _ in range(letters)] + [
        rng.choice("0123456789") for _ in range(5 - letters)]
    rng.shuffle(tail)
    return head + "".join(tail)


def people(rng: random.Random, count: int, today: date) -> list[Person]:
    out = []
    for _ in range(count):
        born = date(today.year - rng.randrange(18, 75), rng.randrange(1, 13), rng.randrange(1, 29))
        out.append(Person(demo.person_name(rng), demo.resident_id(rng, born, rng.random() < 0.5),
                           demo.mobile(rng), plate(rng) if rng.random() < 0.3 else ""))
    return out


def hosts(desk: Desk, household_ids: Sequence[int]) -> list[Host]:
    wanted = set(household_ids)
    with desk.read() as session:
        rows = session.execute(select(Household.id, Household.unit_code, Household.primary_name,
                                      Household.primary_phone, Household.tenure)
                               .where(Household.primary_name != "")).all()
    return [Host(r.id, units.parse_unit(r.unit_code), r.primary_name, r.primary_phone, r.tenure)
            for r in rows if r.id in wanted]


def duty_manager(desk: Desk) -> tuple[int, str]:
    """An active duty manager (物业总值) for night registrations; made if the office has none."""
    with desk.read() as session:
        row = session.execute(select(Operator.id, Operator.name).where(
            Operator.role == Role.DUTY_MANAGER.value, Operator.active.is_(True))
            .order_by(Operator.id).limit(1)).first()
    if row is not None:
        return row.id, row.name
    with desk.write("建立演示操作员（物业总值）") as session:
        op = Operator(login="demo-zongzhi", name="刘建国", role=Role.DUTY_MANAGER.value,
                      password_hash=None, must_change_password=True, active=True,
                      created_at=desk.now())
        session.add(op)
        session.flush()
        return op.id, op.name


def _hour(rng: random.Random) -> int:
    # mornings and late afternoons are busiest; a few at night (rule G5)
    return rng.choices(range(24), weights=[1, 0, 0, 0, 0, 0, 1, 3, 8, 12, 14, 10, 6, 7, 10, 12,
                                           11, 9, 8, 8, 4, 3, 2, 1])[0]


def visit_rows(rng: random.Random, count: int, start: datetime, end: datetime,
               hosts_: Sequence[Host], persons: Sequence[Person], duty: tuple[int, str],
               operator_id: int | None, now: datetime) -> Iterator[dict[str, Any]]:
    """`count` realistic visits arriving between `start` and `end`, oldest first."""
    span_days = max(1, (end.date() - start.date()).days + 1)
    days = sorted(rng.randrange(span_days) for _ in range(count))
    for offset in days:
        day = start.date() + timedelta(days=offset)
        at = datetime.combine(day, time(_hour(rng), rng.randrange(60), rng.randrange(60)))
        if at > end:
            at = end - timedelta(minutes=rng.randrange(1, 600))
        person = rng.choice(persons)
        to_department = rng.random() < 0.08 or not hosts_
        host = None if to_department else rng.choice(hosts_)
        r = rng.random()
        answer = (HostAnswer.REFUSAL if r < 0.04 else HostAnswer.NO_ANSWER if r < 0.06
                  else HostAnswer.CONSENT)
        night = at.hour >= 20 or at.hour < 8
        left_at = None
        status = VisitStatus.REFUSED
        if answer is HostAnswer.CONSENT:
            stay = timedelta(minutes=int(rng.lognormvariate(4.0, 0.8)) + 5)
            left_at = at + stay
            status = VisitStatus.LEFT
            if left_at > now or (rng.random() < 0.002 and now - at > timedelta(days=1)):
                left_at, status = None, VisitStatus.INSIDE  # still inside; now and then a lost slip
        host_name = host.name if host else demo.person_name(rng)
        department = rng.choice(DEPARTMENTS) if to_department else ""
        returned = None if left_at is None else rng.random() > 0.01
        yield {
            "status": status.value, "arrived_at": at, "left_at": left_at,
            "visitor_name": person.name, "id_type": "居民身份证", "id_number": person.id_number,
            "id_purged": False, "phone": person.phone, "people": rng.choice((1, 1, 1, 2, 2, 3)),
            "plate": person.plate, "purpose": rng.choice(PURPOSES),
            "host_unit_code": host.unit.code if host else None,
            "host_household_id": host.household_id if host else None,
            "host_department": department, "host_name": host_name,
            "host_position": host.role if host else "职员",
            "host_phone": host.phone if host else "", "host_answer": answer.value,
            "answered_by": host_name if answer is not HostAnswer.NO_ANSWER else "",
            "watch_note": "", "night": night,
            "duty_manager_id": duty[0] if night else None,
            "duty_manager_name": duty[1] if night else "",
            "host_signed": None if left_at is None else rng.random() > 0.03,
            "slip_returned": returned, "exit_by": operator_id if left_at else None,
            "exit_note": "" if returned is not False else "访客称上联遗失",
            # as visitors.visit_search_text builds it, with the pinyin initials cached
            "search_text": search_text.with_grams(search_text.spaced(" ".join(p for p in (
                person.name, person.phone, person.plate, host_name, department,
                host.unit.display if host else "", host.unit.code if host else "",
                _initials(person.name), _initials(host_name)) if p))),
            "created_at": at, "created_by": operator_id, "version": 1,
        }


def bulk_insert_visits(desk: Desk, rows: Iterator[dict[str, Any]] | Sequence[dict[str, Any]],
                       action: str, batch: int = 5000) -> int:
    """Insert many visits in one transaction with one audit entry for the batch
    (demo data, benchmarks). Admitted visits get their slip numbers."""
    count = 0
    first_id = last_id = None
    table = _VISIT
    with desk.write(action) as session:
        conn = session.connection()
        chunk: list[dict[str, Any]] = []

        def flush() -> None:
            nonlocal count, first_id, last_id
            ids = list(conn.execute(insert(table).returning(table.c.id,
                                                            sort_by_parameter_order=True),
                                    chunk).scalars())
            serials = [{"vid": i, "serial": serial_for(VISIT_PREFIX, r["arrived_at"], i)}
                       for i, r in zip(ids, chunk, strict=True)
                       if r["status"] != VisitStatus.REFUSED.value]
            if serials:
                conn.execute(update(table).where(table.c.id == bindparam("vid"))
                             .values(serial=bindparam("serial")), serials)
            first_id = first_id or ids[0]
            last_id = ids[-1]
            count += len(chunk)
            chunk.clear()

        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                flush()
        if chunk:
            flush()
        write_entries(session, [("visit", f"{first_id}-{last_id}" if count else "", "insert",
                                 None, {"count": count})])
    return count


def demo_visits(desk: Desk, rng: random.Random, household_ids: list[int],
                days: int = 120, per_day: int = 25) -> None:
    """About four months of visits, goods passes and a short watch list."""
    now = desk.now()
    duty = duty_manager(desk)
    hosts_ = hosts(desk, household_ids)
    persons = people(rng, max(50, per_day * 12), now.date())
    start = datetime.combine(now.date() - timedelta(days=days), time())
    bulk_insert_visits(desk, visit_rows(rng, days * per_day, start, now, hosts_, persons, duty,
                                        desk.operator.id, now), "生成演示访客登记")
    _demo_goods(desk, rng, hosts_, start, now, days)
    with desk.write("生成演示关注名单") as session:
        someone = persons[0]
        session.add(WatchEntry(name=someone.name, id_number=someone.id_number,
                               note="曾冒充快递员进入楼内，来访须请被访人到大堂接", active=True))
        session.add(WatchEntry(name=demo.person_name(rng), id_number="",
                               note="业主投诉骚扰，来访须经业主本人同意", active=True))


def _demo_goods(desk: Desk, rng: random.Random, hosts_: Sequence[Host], start: datetime,
                now: datetime, days: int) -> None:
    if not hosts_:
        return
    with desk.write("生成演示携物出入门证") as session:
        for _ in range(days * 2):
            at = start + timedelta(days=rng.randrange(days),
                                   minutes=rng.randrange(8 * 60, 19 * 60))
            if at > now:
                continue
            host = rng.choice(hosts_)
            hazardous = rng.random() < 0.03
            picks = [rng.choice(HAZARDS)] if hazardous else rng.sample(GOODS, rng.randrange(1, 4))
            direction = rng.choice(list(GoodsDirection))
            row = GoodsPass(
                status=(GoodsStatus.REFUSED if hazardous else GoodsStatus.ISSUED).value,
                direction=direction.value, carried_at=at, unit_code=host.unit.code,
                household_id=host.household_id, company="", carrier_name=demo.person_name(rng),
                carrier_phone=demo.mobile(rng), sealed=direction is GoodsDirection.OUT,
                signed_by="", refusal=f"“{picks[0][0]}”属于危险物品，不准带入或带出（规则V5）"
                if hazardous else "", night=False, duty_manager_id=None, duty_manager_name="",
                created_at=at, created_by=desk.operator.id)
            row.items = [GoodsItem(position=i, description=name, quantity=rng.randrange(1, 5),
                                   measure=measure, category=category.value)
                         for i, (name, category, measure) in enumerate(picks)]
            session.add(row)
            session.flush()
            if not hazardous:
                row.serial = serial_for(GOODS_PREFIX, at, row.id)
