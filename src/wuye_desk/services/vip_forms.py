"""The printed 《VIP 客户登记表》 (rule P3): filled from the archive, signed by the customer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.privacy import mask_phone
from wuye_desk.services import vip
from wuye_desk.services.desk import Desk
from wuye_desk.services.household_forms import office_header


def render_form(*args: Any, **kwargs: Any) -> Path:
    """reports.forms (and reportlab) loaded on the first print, not when the tab is built."""
    from wuye_desk.reports.forms import render_form as render

    return render(*args, **kwargs)


def vip_record(view: vip.VipView) -> dict[str, Any]:
    """The values the form shows (keys listed in forms/vip.toml); the phone is masked (G3)."""
    card = view.cards[0] if view.cards else None
    return {
        "card_number": view.card_number,
        "card_reason": card.reason if card else "",
        "level": view.level,
        "issued_on": card.issued_on if card else None,
        "valid_to": view.card_valid_to,
        "name": view.name,
        "unit": view.unit,
        "phone": mask_phone(view.phone),
        "birthday": view.birthday.text if view.birthday else "",
        "segment": view.segment or "",
        "preferences": view.preferences,
        "qualification": view.qualification,
        "applied_on": view.applied_on,
        "approved_by": view.approved_by,
        "approved_on": view.approved_on,
        "assistant": view.assistant,
        "note": view.note,
        "family": [{"name": f.name, "relation": f.relation,
                    "birthday": f.birthday.text if f.birthday else "", "note": f.note}
                   for f in view.family],
    }


def print_vip_form(desk: Desk, vip_id: int, out: Path) -> Path:
    """《VIP 客户登记表》 as a PDF, for the customer's signature (rule P3)."""
    view = vip.get_vip(desk, vip_id)
    if not view.card_number:
        raise ValidationError("还没有发卡，发卡后才能打印VIP客户登记表（规则P3）",
                              field="VIP客户登记表", rule="P3")
    if view.card_status != "有效":
        raise ValidationError(f"卡{view.card_number}{view.card_status}，不再打印登记表",
                              field="VIP客户登记表", rule="P4")
    return render_form("vip", vip_record(view), Path(out), office_header(desk))
