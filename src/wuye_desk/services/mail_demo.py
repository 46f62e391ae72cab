"""Demo mail over the past months (a DEMO_STEPS step), and the bulk insert the demo and the
benchmarks share."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Table, insert

from wuye_desk.domain.mail import (
    Carrier,
    MailKind,
    MailStatus,
    NoticeMethod,
    add_months,
    s10_check_digit,
)
from wuye_desk.services import visitor_demo
from wuye_desk.services.desk import Desk
from wuye_desk.services.mail import item_search_text
from wuye_desk.store.audit import write_entries
from wuye_desk.store.models import MailItem

_ITEM = cast(Table, MailItem.__table__)
CARRIERS = ((Carrier.SF, 20), (Carrier.JD, 15), (Carrier.YTO, 15), (Carrier.ZTO, 15),
            (Carrier.YUNDA, 10), (Carrier.EMS, 8), (Carrier.POST, 7), (Carrier.JT, 10))
DAMAGE = ("外包装破损", "纸箱压扁", "外包装受潮", "封口胶带开裂")
POSITIONS = [f"{shelf}{n}" for shelf in "ABCD" for n in range(1, 9)] + [
    f"柜{n:02d}" for n in range(1, 25)]


def tracking_number(rng: random.Random, carrier: Carrier, seq: int) -> tuple[str, MailKind]:
    """A number in the carrier's format; `seq` keeps it unique."""
    tail = f"{seq:08d}"
    if carrier in (Carrier.EMS, Carrier.POST):
        serial = f"{rng.randrange(100):02d}{seq:06d}"[-8:]
        service = "EA" if carrier is Carrier.EMS else rng.choice(("RR", "CP"))
        kind = (MailKind.EXPRESS_MAIL if carrier is Carrier.EMS
                else MailKind.REGISTERED if service == "RR" else MailKind.PARCEL)
        return f"{service}{serial}{s10_check_digit(serial)}CN", kind
    kind = MailKind.PARCEL
    if carrier is Carrier.SF:
        return f"SF{rng.randrange(10000):04d}{tail}", kind
    if carrier is Carrier.JD:
        return f"JDV{rng.randrange(1000000):06d}{tail}", kind
    if carrier is Carrier.YTO:
        return f"YT{rng.randrange(100000):05d}{tail}", kind
    if carrier is Carrier.JT:
        return f"JT{rng.randrange(100000):05d}{tail}", kind
    if carrier is Carrier.ZTO:
        return f"7{rng.randrange(1000):03d}{tail}", kind
    return f"43{rng.randrange(1000):03d}{tail}", kind


def mail_rows(rng: random.Random, count: int, start: datetime, now: datetime,
              hosts: Sequence[visitor_demo.Host], operator_id: int | None,
              first_seq: int = 1) -> Iterator[dict[str, Any]]:
    """`count` items signed in between `start` and `now`, in time order, most collected
    within days, a few left for the public notice and the post office."""
    if not hosts:
        return
    span = max(1, int((now - start).total_seconds() // 60))
    carriers = [c for c, _ in CARRIERS]
    weights = [w for _, w in CARRIERS]
    times = sorted(rng.randrange(span) for _ in range(count))
    month_ago = add_months(now, -1)
    for n, minute in enumerate(times):
        at = start + timedelta(minutes=minute)
        if not 8 <= at.hour < 20:
            at = at.replace(hour=rng.randrange(8, 20))
        if at > now:
            at = now
        carrier = rng.choices(carriers, weights)[0]
        number, kind = tracking_number(rng, carrier, first_seq + n)
        host = rng.choice(hosts)
        addressee = host.name if rng.random() < 0.7 else ""
        age_days = (now - at).days
        r = rng.random()
        status = MailStatus.WAITING.value
        picked = returned = notified = notice = None
        if (age_days >= 1 and r < 0.96) or (age_days >= 45 and r < 0.995):
            status = MailStatus.PICKED_UP.value
            picked = min(now, at + timedelta(hours=rng.randrange(2, 24 * min(age_days, 6) + 3)))
        elif age_days >= 50:
            status = MailStatus.RETURNED.value
            returned = at + timedelta(days=47)
        if status != MailStatus.WAITING.value or rng.random() < 0.7:
            notified = at + timedelta(minutes=rng.randrange(5, 240))
            notified = min(notified, picked or now)
        if ((status == MailStatus.WAITING.value and at <= month_ago and rng.random() < 0.7)
                or returned is not None):
            notice = min(add_months(at, 1) + timedelta(days=1), now)
        bad_address = status == MailStatus.WAITING.value and age_days <= 5 and rng.random() < 0.02
        yield {
            "tracking_no": number, "kind": kind.value, "carrier": carrier.value,
            "status": status, "received_at": at, "unit_code": host.unit.code,
            "household_id": host.household_id, "addressee": addressee,
            "address_text": host.unit.display, "position": rng.choice(POSITIONS),
            "damage": rng.choice(DAMAGE) if rng.random() < 0.02 else "",
            "undeliverable": bad_address, "remark": "查无此人，地址不详" if bad_address else "",
            "notice_id": None,
            "notified_at": notified,
            "notice_method": rng.choice([m.value for m in NoticeMethod]) if notified else "",
            "public_notice_at": notice, "pickup_id": None, "picked_up_at": picked,
            "return_id": None, "returned_at": returned, "correction_of": None,
            "corrected_by": None,
            "search_text": item_search_text(number, host.unit, host.unit.display, addressee,
                                            host.name),
            "created_at": at, "created_by": operator_id, "version": 1,
        }


def bulk_insert_mail(desk: Desk, rows: Iterator[dict[str, Any]] | Sequence[dict[str, Any]],
                     action: str, batch: int = 5000) -> int:
    """Insert many items in one transaction with one audit entry for the batch."""
    count = 0
    with desk.write(action) as session:
        conn = session.connection()
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                conn.execute(insert(_ITEM), chunk)
                count += len(chunk)
                chunk.clear()
        if chunk:
            conn.execute(insert(_ITEM), chunk)
            count += len(chunk)
        write_entries(session, [("mail_item", "", "insert", None, {"count": count})])
    return count


def demo_mail(desk: Desk, rng: random.Random, household_ids: list[int],
              days: int = 75, per_day: int = 30) -> None:
    """About two and a half months of parcels and letters."""
    now = desk.now()
    hosts = visitor_demo.hosts(desk, household_ids)
    start = datetime.combine(now.date() - timedelta(days=days), time(8))
    bulk_insert_mail(desk, mail_rows(rng, days * per_day, start, now, hosts, desk.operator.id),
                     "生成演示邮件登记")
