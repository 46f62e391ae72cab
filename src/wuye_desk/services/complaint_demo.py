"""A realistic month of complaints for the demo: taken in through the same services a
clerk uses, at their own times, and carried through the flow as far as a month allows."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import select

from wuye_desk.domain.errors import DeskError
from wuye_desk.services import complaints as svc
from wuye_desk.services.complaints import ComplaintInput, VisitInput
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import Household

# (content type, sub-topic, class, what people say)
MATTERS: tuple[tuple[str, str, str, str], ...] = (
    ("物业管理", "设备设施", "一类", "电梯频繁故障停运，老人上下楼很不方便"),
    ("物业管理", "设备设施", "一类", "地下车库照明坏了好几盏，晚上很暗"),
    ("物业管理", "设备设施", "一类", "二次供水水压不足，早高峰基本没水"),
    ("物业管理", "车辆管理", "一类", "外来车辆占用业主固定车位，保安不管"),
    ("物业管理", "工作态度", "一类", "保安说话态度生硬，不让快递员进小区"),
    ("物业管理", "信函报纸", "一类", "订的报纸连续三天没收到"),
    ("物业管理", "出门带物", "一类", "搬家出门被拦，说没有放行条"),
    ("物业管理", "紧急事件处理", "一类", "楼上漏水，夜里打电话半小时才来人"),
    ("物业管理", "其他", "一类", "楼道堆放杂物无人清理"),
    ("工程质量", "", "二类", "卫生间墙面渗水，发霉，要求维修"),
    ("工程质量", "", "二类", "外墙瓷砖空鼓脱落，有安全隐患"),
    ("规划设计", "", "二类", "小区垃圾站离住宅太近，夏天气味大"),
    ("客户服务", "", "一类", "报修后三天没人联系"),
    ("其他", "", "三类", "小区外马路施工噪音扰民到深夜"),
)
CHANNELS = ("电话", "电话", "电话", "来访", "来访", "微信", "来函", "邮件", "上级转办")
NOTES = {
    "handle": ("已联系工程部安排人员上门查看", "已通知维保单位到场", "已约业主明日上门"),
    "fix": ("已维修完毕，试用正常", "已更换损坏部件", "已与当事人沟通并整改"),
    "tell": ("电话告知业主处理结果", "上门告知并致歉"),
}


def _at(desk: Desk, moment: datetime) -> Desk:
    return Desk(desk.db, desk.operator, lambda: moment)


def demo_complaints(desk: Desk, rng: random.Random, household_ids: list[int],
                    days: int = 30, count: int = 70) -> None:
    """About two complaints a day over the last month, some on the same matter."""
    with desk.read() as session:
        named = list(session.scalars(select(Household.id).where(
            Household.id.in_(household_ids[:5000]), Household.primary_name != "")))
    if not named:
        return
    household_ids = named
    now = desk.now()
    start = datetime.combine(now.date() - timedelta(days=days), time(8))
    moments = sorted(start + timedelta(minutes=rng.randrange(days * 24 * 60))
                     for _ in range(count))
    recent: dict[tuple[str, str], list[int]] = {}
    for at in moments:
        at = at.replace(hour=max(8, min(at.hour, 20)))
        if at > now:
            continue
        content, sub, klass, text = rng.choice(MATTERS)
        hid = rng.choice(household_ids)
        data = ComplaintInput(channel=rng.choice(CHANNELS), household_id=hid,
                              content_type=content, subtopic=sub, resp_class=klass,
                              description=text, people=rng.choice((1, 1, 1, 1, 2, 3)),
                              risk=rng.random() < 0.04, media=rng.random() < 0.01)
        if rng.random() < 0.08:
            data.complainant_kind, data.household_id = "匿名", None
        d = _at(desk, at)
        key = (content, sub)
        link = [recent[key][-1]] if key in recent and rng.random() < 0.3 else []
        try:
            cid = svc.register_complaint(d, data, link_ids=link).complaint_id
        except DeskError:
            continue
        recent.setdefault(key, []).append(cid)
        _follow(desk, rng, cid, at, now)
    svc.daily_check(desk)


def _office_hours(t: datetime) -> datetime:
    """Steps happen while the office works: a night moment moves to 9 o'clock."""
    if t.hour >= 20:
        return datetime.combine(t.date() + timedelta(days=1), time(9, t.minute))
    if t.hour < 8:
        return datetime.combine(t.date(), time(9, t.minute))
    return t


def _follow(desk: Desk, rng: random.Random, cid: int, at: datetime, now: datetime) -> None:
    """Carry a complaint through the flow at plausible times, never past `now`."""
    t = at + timedelta(minutes=rng.randrange(10, 90))
    if rng.random() < 0.04 and t <= now:
        svc.mark_invalid(_at(desk, t), cid, "经核实不属于投诉范围，已向业主解释")
        return
    plan = [("handle", timedelta(minutes=rng.randrange(10, 80))),
            ("fix", timedelta(hours=rng.randrange(3, 90))),
            ("tell", timedelta(hours=rng.randrange(1, 6))),
            ("visit", timedelta(days=rng.randrange(2, 12))),
            ("close", timedelta(hours=rng.randrange(1, 30)))]
    # what came in weeks ago is mostly closed; the last days' complaints are still open
    old = (now - at).days > 12
    stop = 5 if old and rng.random() < 0.9 else rng.choice((1, 2, 3, 4, 5))
    t = at
    for step, gap in plan[:stop]:
        t = _office_hours(t + gap)
        if t > now:
            return
        d = _at(desk, t)
        if step in NOTES:
            note = rng.choice(NOTES[step])
            {"handle": svc.handle, "fix": svc.fix, "tell": svc.tell}[step](d, cid, note)
            if step == "handle" and rng.random() < 0.85:   # who must be told, told (rule C6)
                for duty in svc.get_complaint(d, cid).duties:
                    if duty.done_at is None and duty.due is not None \
                            and "月度报告" not in duty.what:
                        svc.notify_done(d, duty.id, "已电话报告")
        elif step == "visit":
            rating = rng.choice("AAAAABBBC")
            state = svc.return_visit(d, cid, VisitInput(
                "处理结果是否满意", "业主表示满意" if rating != "C" else "业主认为问题仍未解决",
                rating, "客服回访"))
            if state.value == "处理中":
                return
        else:
            svc.close(d, cid, "回访满意，结案", case_library=rng.random() < 0.1)
