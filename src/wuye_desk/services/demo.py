"""Realistic demo data, so a newcomer sees a working desk at once and benchmarks have data.

`fill(desk, households=N, seed=S)` creates a compound of several buildings with
Chinese names, valid ID numbers and phones; each area then adds its own demo
records through the steps listed in DEMO_STEPS.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass
from datetime import date, timedelta

from stdnum.cn import ric

from wuye_desk.domain.households import Segment
from wuye_desk.services.desk import Desk
from wuye_desk.services.households import ContactInput, HouseholdInput, MemberInput, clean
from wuye_desk.services.roster import insert_households

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬飞鹏辉斌宇浩凯"
    "健俊帆欣怡梓涵子轩浩然雨桐思琪佳怡晨曦一鸣建国建华志强海燕春梅秋菊冬梅文博嘉懿"
)
REGIONS = ("110105", "310104", "440305", "440106", "320106", "330106", "510107", "420106",
           "370102", "610113", "350203", "430104")
MOBILE_PREFIXES = ("130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152",
                   "158", "159", "177", "180", "181", "186", "187", "188", "189", "199")
RELATIONS = ("配偶", "子女", "父母", "兄弟姐妹", "朋友")

# Each area adds "module:function" taking (desk, rng, household_ids) to create its demo records.
DEMO_STEPS: list[str] = [
    "wuye_desk.services.visitor_demo:demo_visits",
    "wuye_desk.services.mail_demo:demo_mail",
    "wuye_desk.services.vip_demo:demo_vips",
    "wuye_desk.services.complaint_demo:demo_complaints",
    "wuye_desk.services.key_demo:demo_keys",
]


@dataclass(frozen=True)
class DemoResult:
    households: int
    people: int


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def resident_id(rng: random.Random, born: date, female: bool) -> str:
    seq = rng.randrange(0, 500) * 2 + (0 if female else 1)
    body = f"{rng.choice(REGIONS)}{born:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")  # the function ignores the last character


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def _units(count: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    building = 0
    while len(out) < count:
        building += 1
        towers = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        if building % 7 == 0 and building // 7 <= len(towers):  # an office tower now and then
            letter = towers[building // 7 - 1]
            for floor in range(2, 31):
                for room in range(1, 9):
                    out.append(f"{letter}座{floor}{room:02d}")
            continue
        floors = rng.choice((11, 18, 26, 33))
        for entrance in (1, 2):
            for floor in range(1, floors + 1):
                for room in range(1, rng.choice((3, 4)) + 1):
                    out.append(f"{building}栋{entrance}单元{floor}{room:02d}")
    return out[:count]


def household_input(unit: str, rng: random.Random, today: date) -> HouseholdInput:
    r = rng.random()
    occupancy = "未入伙" if r < 0.06 else "空置" if r < 0.10 else "出租" if r < 0.25 else "已入伙"
    members: list[MemberInput] = []
    contacts: list[ContactInput] = []
    move_in = None
    if occupancy in ("已入伙", "出租"):
        move_in = today - timedelta(days=rng.randrange(30, 3650))
        size = rng.choice((1, 2, 2, 3, 3, 4, 5))
        for i in range(size):
            age = rng.randrange(25, 80) if i < 2 else rng.randrange(1, 30)
            born = date(today.year - age, rng.randrange(1, 13), rng.randrange(1, 29))
            female = rng.random() < 0.5
            role = ("租户" if occupancy == "出租" else "业主") if i == 0 else "家属"
            members.append(MemberInput(
                name=person_name(rng), role=role,
                phone=mobile(rng) if age >= 16 else "",
                id_type="居民身份证", id_number=resident_id(rng, born, female) if age >= 16 else ""))
        contacts.append(ContactInput(person_name(rng), mobile(rng), rng.choice(RELATIONS)))
    segment = rng.choice([s.value for s in Segment]) if members else None
    return HouseholdInput(unit=unit, occupancy=occupancy,
                          tenure="租户" if occupancy == "出租" else "业主",
                          move_in_date=move_in, segment=segment, members=members, contacts=contacts)


def fill(desk: Desk, households: int = 500, seed: int = 1) -> DemoResult:
    rng = random.Random(seed)
    today = desk.now().date()
    cleaned = [clean(household_input(u, rng, today), today) for u in _units(households, rng)]
    insert_households(desk, cleaned, f"生成演示数据 {households} 户")
    from sqlalchemy import select

    from wuye_desk.store.models import Household

    with desk.read() as session:
        ids = list(session.scalars(select(Household.id).order_by(Household.id)))
    for spec in DEMO_STEPS:
        module, _, name = spec.partition(":")
        getattr(importlib.import_module(module), name)(desk, rng, ids)
    return DemoResult(len(cleaned), sum(len(h.members) for h in cleaned))
