"""The printed forms of the mail desk (rules M2, M4, M5, M6, G3), from forms/*.toml:
邮件签收表 (a pickup or a day), 邮件领取通知单 (with the pickup code as Code 128 and QR),
邮件招领公示 (names and units masked), 退回邮局清单, 报纸签收表."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from wuye_desk import settings
from wuye_desk.domain import units
from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.mail import (
    MailStatus,
    pickup_code,
    public_notice_due,
    return_due,
    tracking_tail,
)
from wuye_desk.domain.privacy import mask_name, mask_unit
from wuye_desk.services import mail, office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.services.household_forms import office_header
from wuye_desk.store.models import (
    Household,
    MailItem,
    MailNotice,
    MailPickup,
    MailReturn,
    NewspaperCopy,
    NewspaperDelivery,
    Operator,
)


def render_form(*args: Any, **kwargs: Any) -> Path:
    """reports.forms (and reportlab) loaded on the first print, not when the tab is built."""
    from wuye_desk.reports.forms import render_form as render

    return render(*args, **kwargs)


def _where(m: MailItem) -> str:
    return units.parse_unit(m.unit_code).display if m.unit_code else m.address_text


def _keeper(desk: Desk) -> str:
    """The one keeper of the locked mail (rule M3), printed on the registers."""
    return office_settings.get(desk, settings.MAIL_KEEPER)


def _register_row(m: MailItem, collector: str = "") -> dict[str, Any]:
    return {"received_at": f"{m.received_at:%m-%d %H:%M}", "tracking_no": m.tracking_no,
            "kind": m.kind, "carrier": m.carrier, "unit": _where(m), "addressee": m.addressee,
            "position": m.position, "damage": m.damage, "collector": collector,
            "picked_at": f"{m.picked_up_at:%m-%d %H:%M}" if m.picked_up_at else ""}


def _operator(session: Any, operator_id: int | None) -> str:
    return (session.scalar(select(Operator.name).where(Operator.id == operator_id)) or ""
            if operator_id else "")


def print_pickup_sheet(desk: Desk, pickup_id: int, out: Path) -> Path:
    """The 邮件签收表 of one pickup: the items, the collector (ID masked), room to sign (M4)."""
    with desk.read() as session:
        p = session.get(MailPickup, pickup_id)
        if p is None:
            raise NotFound("找不到这次领取")
        items = list(session.scalars(select(MailItem).where(MailItem.pickup_id == pickup_id)
                                     .order_by(MailItem.received_at, MailItem.id)))
        collector = f"{p.collector_name}（{p.collector_kind}）"
        record = {
            "scope": f"{p.picked_at:%Y年%m月%d日} 领取",
            "unit": units.parse_unit(p.unit_code).display if p.unit_code else "",
            "collector": collector, "id_text": f"{p.id_type} {p.id_masked}",
            "picked_at": p.picked_at, "operator_name": _operator(session, p.created_by),
            "keeper": _keeper(desk), "signature": p.signature_png,
            "items": [_register_row(m, collector) for m in items]}
    return render_form("mail_register", record, Path(out), office_header(desk))


def print_day_register(desk: Desk, day: date, out: Path) -> Path:
    """The 邮件签收表 of every item signed in on `day` (rule M2), signed line by line."""
    lo = datetime.combine(day, time())
    with desk.read() as session:
        items = list(session.scalars(select(MailItem).where(
            MailItem.received_at >= lo, MailItem.received_at < lo + timedelta(days=1),
            MailItem.status != MailStatus.VOID.value).order_by(MailItem.received_at,
                                                               MailItem.id)))
        rows = []
        for m in items:
            collector = ""
            if m.pickup_id:
                p = session.get(MailPickup, m.pickup_id)
                collector = f"{p.collector_name}（{p.collector_kind}）" if p else ""
            rows.append(_register_row(m, collector))
    record = {"scope": f"{day:%Y年%m月%d日}登记，共{len(rows)}件", "items": rows,
              "keeper": _keeper(desk)}
    return render_form("mail_register", record, Path(out), office_header(desk))


def notice_slip_record(desk: Desk, notice_id: int) -> dict[str, Any]:
    with desk.read() as session:
        n = session.get(MailNotice, notice_id)
        if n is None:
            raise NotFound("找不到这张通知单")
        h = session.get(Household, n.household_id)
        assert h is not None
        items = list(session.scalars(select(MailItem).where(
            MailItem.household_id == n.household_id,
            MailItem.status == MailStatus.WAITING.value)
            .order_by(MailItem.received_at, MailItem.id)))
    if not items:
        raise ValidationError("这户的邮件都已领取或退回，不用再打印通知单", field="通知单")
    oldest = min(m.received_at for m in items)
    return {
        "code": pickup_code(n.id), "unit": units.parse_unit(h.unit_code).display,
        "name": mask_name(h.primary_name), "item_count": f"{len(items)}件",
        "told_at": n.told_at, "method": n.method,
        "notice_until": f"{public_notice_due(oldest):%Y年%m月%d日}",
        "items": [{"received_at": f"{m.received_at:%Y-%m-%d}", "kind": m.kind,
                   "carrier": m.carrier, "tracking_tail": tracking_tail(m.tracking_no),
                   "position": m.position} for m in items]}


def print_notice_slip(desk: Desk, notice_id: int, out: Path) -> Path:
    """The 邮件领取通知单 for the mailbox, with the pickup code as Code 128 and QR (M2)."""
    return render_form("mail_notice_slip", notice_slip_record(desk, notice_id), Path(out),
                       office_header(desk))


def print_public_notice(desk: Desk, out: Path) -> Path:
    """The 邮件招领公示 of items on the public notice; names and units masked (M5, G3)."""
    items = mail.on_public_notice(desk)
    if not items:
        raise ValidationError("没有正在公示的邮件；先把逾期一个月未领的邮件列入公示",
                              field="公示", rule="M5")
    posted = max(i.public_notice_at for i in items if i.public_notice_at)
    until = return_due(posted, mail.notice_days(desk))
    record = {"posted_at": f"{posted:%Y年%m月%d日}", "until": f"{until:%Y年%m月%d日}",
              "items": [{"received_at": f"{i.received_at:%Y-%m-%d}", "kind": i.kind,
                         "carrier": i.carrier, "tracking_tail": tracking_tail(i.tracking_no),
                         "unit": mask_unit(i.unit_display),
                         "addressee": mask_name(i.addressee) if i.addressee else ""}
                        for i in items]}
    return render_form("mail_public_notice", record, Path(out), office_header(desk))


def print_return_list(desk: Desk, return_id: int, out: Path) -> Path:
    """The 退回邮局清单 of one batch, for the postal clerk's signature (rule M5)."""
    with desk.read() as session:
        r = session.get(MailReturn, return_id)
        if r is None:
            raise NotFound("找不到这次退回")
        items = list(session.scalars(select(MailItem).where(MailItem.return_id == return_id)
                                     .order_by(MailItem.received_at, MailItem.id)))
        record = {
            "batch": f"TH{r.id:08d}", "returned_at": r.returned_at, "reason": r.reason,
            "postal_clerk": r.postal_clerk, "item_count": f"{r.item_count}件", "note": r.note,
            "operator_name": _operator(session, r.created_by), "keeper": _keeper(desk),
            "items": [{"tracking_no": m.tracking_no, "kind": m.kind, "carrier": m.carrier,
                       "address": _where(m), "received_at": f"{m.received_at:%Y-%m-%d}",
                       "notice_at": (f"{m.public_notice_at:%Y-%m-%d}" if m.public_notice_at
                                     else ""),
                       "remark": m.remark if m.undeliverable else "逾期未领"} for m in items]}
    return render_form("mail_return_list", record, Path(out), office_header(desk))


def print_newspaper_sheet(desk: Desk, day: date, out: Path) -> Path:
    """The 报纸签收表 of one day (rule M6): deliveries and the copies handed out or kept."""
    with desk.read() as session:
        deliveries = list(session.scalars(select(NewspaperDelivery).where(
            NewspaperDelivery.day == day).order_by(NewspaperDelivery.id)))
        titles = {d.id: d.title for d in deliveries}
        copies = list(session.scalars(select(NewspaperCopy).where(
            NewspaperCopy.delivery_id.in_(list(titles))).order_by(NewspaperCopy.id))) \
            if titles else []
    record = {
        "day": f"{day:%Y年%m月%d日}",
        "deliveries": [{"title": d.title, "count": d.count} for d in deliveries],
        "copies": [{"title": titles[c.delivery_id], "unit": units.parse_unit(c.unit_code).display,
                    "count": c.count, "signed_name": c.signed_name,
                    "state": "留存前台" if c.kept else "已签收"} for c in copies]}
    return render_form("newspaper_sheet", record, Path(out), office_header(desk))
