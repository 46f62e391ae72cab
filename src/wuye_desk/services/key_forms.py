"""The printed forms of the key cabinet, from forms/ (rules K2, K3, K7, G3):
业户钥匙委托书, 顾客委托钥匙登记表 (again when the key goes back to its owner),
借用钥匙登记表, 顾客钥匙清单, 钥匙交接记录. ID numbers and phones print masked."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.privacy import mask_id
from wuye_desk.services import keys
from wuye_desk.services.desk import Desk
from wuye_desk.services.household_forms import office_header
from wuye_desk.store.models import KeyHandover, KeyHandoverItem

CONSENT_NONE = "业主未同意管理处使用返修钥匙（未同意时不借出）"
COPY_NONE = "未许可"


def render_form(*args: Any, **kwargs: Any) -> Path:
    """reports.forms (and reportlab) loaded on the first print, not when the tab is built."""
    from wuye_desk.reports.forms import render_form as render

    return render(*args, **kwargs)


def key_serial(key_id: int) -> str:
    return f"YS{key_id:06d}"


def _common(view: keys.KeyView) -> dict[str, Any]:
    return {
        "serial": key_serial(view.id),
        "unit": view.unit or view.tag,
        "owner": view.depositor_name,
        "id_text": view.depositor_id,          # masked (rule G3)
        "phone": view.depositor_phone,         # masked
        "kind": view.kind,
        "key_count": view.key_count,
        "tag": view.tag,
        "condition": view.condition,
        "slot": view.slot,
        "entrusted_at": view.entrusted_at,
        "keeper": view.keeper,
        "checked_by": view.id_checked_by,
        "status": view.status,
    }


def entrustment_record(view: keys.KeyView) -> dict[str, Any]:
    return {**_common(view), "owner_consent": view.owner_consent or CONSENT_NONE,
            "copy_permission": view.copy_permission or COPY_NONE}


def register_record(view: keys.KeyView) -> dict[str, Any]:
    ended = next((e for e in reversed(view.events) if e[1] == keys.EventKind.TO_OWNER.value), None)
    receiver = ""
    if ended is not None:
        found = re.search(r"退还业主，(.+?)领回", ended[2])
        receiver = found.group(1) if found else ""
    return {**_common(view), "ended_at": ended[0] if ended else None, "receiver": receiver,
            "history": [{"at": f"{at:%Y-%m-%d %H:%M}", "kind": kind, "text": text,
                         "operator": operator} for at, kind, text, operator in view.events]}


def print_entrustment(desk: Desk, key_id: int, out: Path) -> Path:
    """业户钥匙委托书, for the owner's signature (rule K2)."""
    view = keys.get_key(desk, key_id)
    return render_form("key_entrustment", entrustment_record(view), Path(out), office_header(desk))


def print_register(desk: Desk, key_id: int, out: Path) -> Path:
    """顾客委托钥匙登记表 (rule K2); after the key went back, with the return for signing."""
    view = keys.get_key(desk, key_id)
    return render_form("key_register", register_record(view), Path(out), office_header(desk))


def loans_record(desk: Desk, start: date, end: date) -> dict[str, Any]:
    if start > end:
        raise ValidationError("开始日期不能晚于结束日期", field="日期")
    rows = keys.loans_between(desk, datetime.combine(start, time()),
                              datetime.combine(end + timedelta(days=1), time()))
    loans = []
    for loan, label in rows:
        loans.append({
            "date": f"{loan.out_at:%m-%d}",
            "key": label,
            "borrower": f"{loan.borrower_company} {loan.borrower_name}".strip(),
            "id_text": mask_id(loan.borrower_id_number),
            "purpose": loan.purpose + ("（维修）" if loan.repair_works else ""),
            "approver": loan.approver_name,
            "out": f"{loan.out_at:%H:%M}",
            "due": f"{loan.due_at:%m-%d %H:%M}",
            "back": f"{loan.returned_at:%m-%d %H:%M}" if loan.returned_at else "",
            "receiver": loan.received_by,
        })
    period = f"{start:%Y-%m-%d}" if start == end else f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}"
    return {"period": period, "keeper": keys.current_keeper(desk), "loans": loans}


def print_loans(desk: Desk, start: date, end: date, out: Path) -> Path:
    """借用钥匙登记表 for the loans made from `start` to `end` inclusive (rule K3)."""
    return render_form("key_loans", loans_record(desk, start, end), Path(out), office_header(desk))


def inventory_record(desk: Desk) -> dict[str, Any]:
    rows = keys.inventory(desk)
    return {"printed_at": f"{desk.now():%Y-%m-%d %H:%M}", "keeper": keys.current_keeper(desk),
            "total": len(rows),
            "keys": [{"slot": r.slot, "unit": r.unit, "kind": r.kind, "key_count": r.key_count,
                      "condition": r.condition, "status": r.status, "depositor": r.depositor,
                      "entrusted": f"{r.entrusted_at:%Y-%m-%d}"} for r in rows]}


def print_inventory(desk: Desk, out: Path) -> Path:
    """顾客钥匙清单, derived from the records at the time of printing (rule K2)."""
    return render_form("key_inventory", inventory_record(desk), Path(out), office_header(desk))


def handover_record(desk: Desk, handover_id: int) -> dict[str, Any]:
    with desk.read() as session:
        h = session.get(KeyHandover, handover_id)
        if h is None:
            raise NotFound("找不到这次钥匙交接的记录", field="交接")
        items = list(session.scalars(select(KeyHandoverItem)
                                     .where(KeyHandoverItem.handover_id == handover_id)
                                     .order_by(KeyHandoverItem.position)))
        return {
            "at": h.at, "from_keeper": h.from_keeper, "to_keeper": h.to_keeper,
            "expected": h.expected, "counted": h.counted, "discrepancy_count": h.discrepancies,
            "note": h.note,
            "discrepancies": [{"text": i.discrepancy} for i in items if i.discrepancy],
            "items": [{"slot": i.slot, "expected": i.expected, "result": i.result,
                       "discrepancy": i.discrepancy} for i in items],
        }


def latest_handover(desk: Desk) -> int | None:
    with desk.read() as session:
        return session.scalar(select(KeyHandover.id).order_by(KeyHandover.at.desc(),
                                                              KeyHandover.id.desc()).limit(1))


def print_handover(desk: Desk, handover_id: int, out: Path) -> Path:
    """钥匙交接记录, item by item with the discrepancies (rule K7)."""
    return render_form("key_handover", handover_record(desk, handover_id), Path(out),
                       office_header(desk))
