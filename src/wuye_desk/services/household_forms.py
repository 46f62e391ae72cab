"""The household registration form (客户资料登记表), printed for signature."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wuye_desk import settings
from wuye_desk.domain.errors import NotFound
from wuye_desk.services import households, office_settings
from wuye_desk.services.desk import Desk


def office_header(desk: Desk) -> dict[str, str]:
    """The letterhead every printed form carries (from the office's settings)."""
    values = office_settings.get_all(desk)
    return {
        "name": values[settings.OFFICE_NAME.key],
        "company": values[settings.COMPANY_NAME.key],
        "address": values[settings.OFFICE_ADDRESS.key],
        "phone": values[settings.OFFICE_PHONE.key],
    }


def household_record(view: households.HouseholdView) -> dict[str, Any]:
    return {
        "unit": view.unit_display,
        "occupancy": view.occupancy,
        "tenure": view.tenure,
        "move_in_date": view.move_in_date.isoformat() if view.move_in_date else "",
        "segment": view.segment or "",
        "note": view.note,
        "members": [{"name": m.name, "role": m.role, "phone": m.phone, "id_type": m.id_type,
                     "id_number": m.id_number} for m in view.members],
        "contacts": [{"name": c.name, "relation": c.relation, "phone": c.phone}
                     for c in view.contacts],
    }


def print_household_form(desk: Desk, unit: str, out: Path) -> Path:
    from wuye_desk.reports.forms import render_form

    view = households.find_by_unit(desk, unit)
    if view is None:
        raise NotFound(f"档案中没有 {unit} 这户")
    return render_form("household", household_record(view), Path(out), office_header(desk))
