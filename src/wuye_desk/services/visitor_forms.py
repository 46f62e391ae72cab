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
from wuye_desk.reports.forms import render_form
from wuye_desk.services import goods_passes, visitors
from wuye_desk.services.desk import Desk
from wuye_desk.services.household_forms import office_header
from wuye_desk.store.models import GoodsPass, Operator


def visit_slip_record(view: visitors.VisitView) -> dict[str, Any]:
    """The values the slip shows (keys listed in forms/visitor_slip.toml); the ID number
    and the phones stay masked (rule G3)."""
    answer = view.host_answer + (f"（接听人：{view.answered_by}）" if view.answered_by else "")
    return {
        "serial": view.serial or "",
        "arrived_at": view.arrived_at,
        "visitor_name": view.visitor_name,
        "people": view.people,
        "phone": mask_phone(view.phone),
        "id_text": f"{view.id_type} {view.id_number}",
        "plate": view.plate,
        "purpose": view.purpose,
        "host_place": view.host_place,
        "host_text": view.host_name + (f"（{view.host_position}）" if view.host_position else ""),
        "host_phone": mask_phone(view.host_phone),
        "answer_text": answer,
        "operator_name": view.operator_name,
        "duty_text": f"{view.duty_manager_name}（夜间登记）" if view.night else "",
    }


def print_visit_slip(desk: Desk, visit_id: int, out: Path) -> Path:
    """The two-part 访客登记单 as a PDF (rule V3); none for a refused visit (rule V4)."""
    view = visitors.get_visit(desk, visit_id)
    if view.status == VisitStatus.REFUSED.value or not view.serial:
        raise ValidationError("被访人未同意来访，不能开具访客登记单（规则V3、V4）",
                              field="访客登记单", rule="V4")
    if view.status == VisitStatus.LEFT.value:
        raise ValidationError("该访客已离开，登记单已收回，不再打印", field="访客登记单")
    return render_form("visitor_slip", visit_slip_record(view), Path(out), office_header(desk))


def goods_pass_record(view: goods_passes.GoodsPassView, operator_name: str = ""
                      ) -> dict[str, Any]:
    """The values the pass shows (keys listed in forms/goods_pass.toml)."""
    seal = ("已盖业户公章" if view.sealed
            else f"授权人{view.signed_by}签字" if view.signed_by else "未盖章")
    return {
        "serial": view.serial or "",
        "direction": view.direction,
        "place": " ".join(p for p in (view.unit, view.company) if p),
        "carrier_name": view.carrier_name,
        "carrier_phone": view.carrier_phone,
        "carried_at": view.carried_at,
        "seal": seal,
        "operator_name": operator_name,
        "duty_text": f"{view.duty_manager_name}（夜间）" if view.night else "",
        "items": [{"description": item.description, "category": item.category,
                   "quantity": item.quantity, "measure": item.measure}
                  for item in view.items],
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
    return render_form("goods_pass", goods_pass_record(view, operator or ""), Path(out),
                       office_header(desk))
