"""The mail desk's register (rules R2, M1–M5): the 邮件签收表, one line per item signed
in during the period, with its notice, public notice, pickup (who collected it, their
ID masked as it was kept, rule G3) or return.

Export-only: the desk keeps only the masked ID of a collector, and a pickup or a
return groups several items under one signature; a spreadsheet cannot give these
back, so an import is refused with a message saying so.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from wuye_desk.domain.mail import MailStatus
from wuye_desk.services.desk import Desk
from wuye_desk.services.register_cells import unit_display, yes
from wuye_desk.services.registers import Register, RegisterColumn, bounds, export_only
from wuye_desk.store.models import MailItem, MailPickup, MailReturn

BATCH = 1000

COLUMNS = (
    RegisterColumn("收件时间", 16, "datetime"), RegisterColumn("单号", 16),
    RegisterColumn("类别", 7), RegisterColumn("快递/邮政", 8), RegisterColumn("房号", 12),
    RegisterColumn("收件人", 8), RegisterColumn("地址（原文）", 14),
    RegisterColumn("存放位置", 8), RegisterColumn("破损情况", 12),
    RegisterColumn("无法投递", 6), RegisterColumn("通知方式", 8),
    RegisterColumn("通知时间", 16, "datetime"), RegisterColumn("公示时间", 16, "datetime"),
    RegisterColumn("状态", 7), RegisterColumn("领取时间", 16, "datetime"),
    RegisterColumn("领取人", 8), RegisterColumn("本人/代领", 6),
    RegisterColumn("领取人证件类型", 10), RegisterColumn("领取人证件号码", 20),
    RegisterColumn("退回时间", 16, "datetime"), RegisterColumn("退回原因", 8),
    RegisterColumn("接收退件人", 8), RegisterColumn("备注", 14),
)

_LIVE = MailItem.status != MailStatus.VOID.value


def mail_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    """Items signed in during [start, end] (corrected entries left out: their corrections
    stand in their place, rule G4), oldest first."""
    lo, hi = bounds(start, end)
    after: tuple[datetime, int] | None = None
    while True:
        query = (select(MailItem, MailPickup.collector_name, MailPickup.collector_kind,
                        MailPickup.id_type, MailPickup.id_masked, MailReturn.reason,
                        MailReturn.postal_clerk)
                 .outerjoin(MailPickup, MailPickup.id == MailItem.pickup_id)
                 .outerjoin(MailReturn, MailReturn.id == MailItem.return_id)
                 .where(_LIVE, MailItem.received_at >= lo, MailItem.received_at < hi))
        if after is not None:
            query = query.where((MailItem.received_at > after[0])
                                | ((MailItem.received_at == after[0]) & (MailItem.id > after[1])))
        query = query.order_by(MailItem.received_at, MailItem.id).limit(BATCH)
        with desk.read() as session:
            batch = session.execute(query).all()
            rows = [(m.received_at, m.tracking_no, m.kind, m.carrier, unit_display(m.unit_code),
                     m.addressee, m.address_text, m.position, m.damage, yes(m.undeliverable),
                     m.notice_method, m.notified_at, m.public_notice_at, m.status,
                     m.picked_up_at, collector or "", collector_kind or "", id_type or "",
                     id_masked or "", m.returned_at, reason or "", clerk or "", m.remark)
                    for m, collector, collector_kind, id_type, id_masked, reason, clerk in batch]
            last = (batch[-1][0].received_at, batch[-1][0].id) if batch else None
        if last is None:
            return
        yield from rows
        after = last
        if len(batch) < BATCH:
            return


def mail_count(desk: Desk, start: date, end: date) -> int:
    lo, hi = bounds(start, end)
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(MailItem).where(
            _LIVE, MailItem.received_at >= lo, MailItem.received_at < hi)) or 0)


MAIL = Register(
    name="mail", title="邮件签收表", columns=COLUMNS, rows=mail_rows, count=mail_count,
    area="邮件登记",
    importer=export_only("邮件签收表", "领取人的证件号只存遮蔽后的号码，一次领取的多件邮件共用一个签名"
                                       "（规则M4、G3），表格无法还原，请在邮件登记中逐件签收"))
