"""The printed forms of the visitor desk: 访客登记单 (rule V3) and 携物出入门证 (rule V5).

Both are two-part slips from forms/ (visitor_slip.toml, goods_pass.toml). ID numbers
and phones are printed masked (rule G3). A refused visit or a refused pass has no
slip: printing one is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.privacy import mask_phone
from wuye_desk.domain.visitors import GoodsStatus, VisitStatus
from wuye_desk.services import goods_passes, visitors
from wuye_desk.services.desk import Desk
from wuye_desk.services.household_forms import office_header
from wuye_desk.store.models import GoodsPass, Operator


def visit_slip_record(view: visitors.VisitView) -> dict[str, Any]:
    """The values the slip shows; the ID number stays masked (rule G3)."""
    return {
        "serial": view.serial or "",
        "arrived_at": f"{view.arrived_at:%Y-%m-%d %H:%M}",
        "visitor_name": view.visitor_name,
        "id_type": view.id_type,
        "id_number": view.id_number,
        "phone": mask_phone(view.phone),
        "people": str(view.people),
        "plate": view.plate,
        "purpose": view.purpose,
        "host_place": view.host_place,
        "host_name": view.host_name,
        "host_position": view.host_position,
        "host_phone": mask_phone(view.host_phone),
        "host_answer": view.host_answer,
        "answered_by": view.answered_by,
        "operator_name": view.operator_name,
        "duty_manager_name": view.duty_manager_name,
        "night": view.night,
    }


def print_visit_slip(desk: Desk, visit_id: int, out: Path) -> Path:
    """The two-part 访客登记单 as a PDF (rule V3); none for a refused visit (rule V4)."""
    view = visitors.get_visit(desk, visit_id)
    if view.status == VisitStatus.REFUSED.value or not view.serial:
        raise ValidationError("被访人未同意来访，不能开具访客登记单（规则V3、V4）",
                              field="访客登记单", rule="V4")
    if view.status == VisitStatus.LEFT.value:
        raise ValidationError("该访客已离开，登记单已收回，不再打印", field="访客登记单")
    from wuye_desk.reports.forms import render_form

    return render_form("visitor_slip", visit_slip_record(view), Path(out), office_header(desk))


def goods_pass_record(view: goods_passes.GoodsPassView, operator_name: str = ""
                      ) -> dict[str, Any]:
    seal = "已盖业户公章" if view.sealed else (f"授权人{view.signed_by}签字" if view.signed_by
                                              else "未盖章")
    return {
        "serial": view.serial or "",
        "direction": view.direction,
        "place": " ".join(p for p in (view.unit, view.company) if p),
        "carrier_name": view.carrier_name,
        "carrier_phone": view.carrier_phone,
        "carried_at": f"{view.carried_at:%Y-%m-%d %H:%M}",
        "seal": seal,
        "operator_name": operator_name,
        "duty_manager_name": view.duty_manager_name,
        "items": [{"no": str(i), "description": item.description, "category": item.category,
                   "quantity": str(item.quantity), "measure": item.measure}
                  for i, item in enumerate(view.items, start=1)],
    }


def print_goods_pass(desk: Desk, pass_id: int, out: Path) -> Path:
    """The two-part 携物出入门证 as a PDF (rule V5); none for refused goods."""
    view = goods_passes.get_goods_pass(desk, pass_id)
    if view.status == GoodsStatus.REFUSED.value or not view.serial:
        raise ValidationError("危险物品已被拒绝，不能开具携物出入门证（规则V5）",
                              field="携物出入门证", rule="V5")
    with desk.read() as session:
        operator = session.scalar(select(Operator.name).join(
            GoodsPass, GoodsPass.created_by == Operator.id).where(GoodsPass.id == pass_id))
    from wuye_desk.reports.forms import render_form

    return render_form("goods_pass", goods_pass_record(view, operator or ""), Path(out),
                       office_header(desk))
