"""The printed complaint forms (rules C3, C9): 客户投诉及建议跟进处理表 (一类),
客户意见征询表 (二类) and 回访记录表, from forms/ templates; phones masked (rule G3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wuye_desk.domain.complaints import ResponsibilityClass, Satisfaction
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import complaints
from wuye_desk.services.desk import Desk
from wuye_desk.services.household_forms import office_header

SHEETS = {ResponsibilityClass.OFFICE.value: "complaint_follow_up",
          ResponsibilityClass.PENDING.value: "complaint_follow_up",
          ResponsibilityClass.DEVELOPER.value: "complaint_opinion"}


def render_form(*args: Any, **kwargs: Any) -> Path:
    """reports.forms (and reportlab) loaded on the first print, not when the tab is built."""
    from wuye_desk.reports.forms import render_form as render

    return render(*args, **kwargs)


def sheet_record(v: complaints.ComplaintView) -> dict[str, Any]:
    """The values of the follow-up / opinion sheet (keys in forms/complaint_follow_up.toml)."""
    return {
        "serial": v.serial, "received_at": f"{v.received_at:%Y-%m-%d %H:%M}",
        "channel": v.channel, "operator_name": v.operator_name,
        "complainant": v.complainant_name or v.complainant_kind, "unit": v.unit,
        "phone": v.complainant_phone, "topic": v.topic, "resp_class": v.resp_class,
        "people": v.people, "description": v.description, "flags": "、".join(v.flags),
        "severity": v.severity, "severity_reason": v.severity_reason, "handler": v.handler,
        "fix_due": f"{v.fix_due:%Y-%m-%d %H:%M}",
        "visit_due": f"{v.visit_due:%Y-%m-%d %H:%M}" if v.visit_due else "",
        "state": v.state,
        "steps": [{"at": f"{e.at:%m-%d %H:%M}", "step": e.step, "operator": e.operator,
                   "note": e.note + (f"（更正第{e.corrects_id}条）" if e.corrects_id else "")}
                  for e in v.events],
    }


def print_follow_up_sheet(desk: Desk, complaint_id: int, out: Path) -> Path:
    """The sheet the complaint's class calls for (rule C3); a 三类 matter goes in the duty
    log with a special report instead, so no sheet is printed for it."""
    view = complaints.get_complaint(desk, complaint_id)
    form = SHEETS.get(view.resp_class)
    if form is None:
        raise ValidationError("三类投诉记入值班记录并专题报告有关单位，不用处理表（规则C3）",
                              field="打印", rule="C3")
    return render_form(form, sheet_record(view), Path(out), office_header(desk))


def return_visit_record(v: complaints.ComplaintView) -> dict[str, Any]:
    fixes = [e for e in v.events if e.step == "处理完毕"]
    last = v.visits[-1].satisfaction if v.visits else ""
    return {
        "serial": v.serial, "complainant": v.complainant_name or v.complainant_kind,
        "unit": v.unit, "topic": v.topic, "description": v.description,
        "result_text": fixes[-1].note if fixes else "",
        "fixed_at": f"{fixes[-1].at:%Y-%m-%d %H:%M}" if fixes else "",
        "satisfaction": f"{last} {Satisfaction(last).label}" if last else "",
        "visits": [{"visited_at": f"{r.visited_at:%Y-%m-%d %H:%M}", "method": r.method,
                    "visitor_name": r.visitor_name, "content": r.content, "result": r.result,
                    "satisfaction": Satisfaction(r.satisfaction).label}
                   for r in v.visits],
    }


def print_return_visit(desk: Desk, complaint_id: int, out: Path) -> Path:
    """回访记录表 (rule C9): filled with the visits made, or blank lines to write on."""
    view = complaints.get_complaint(desk, complaint_id)
    return render_form("complaint_return_visit", return_visit_record(view), Path(out),
                       office_header(desk))
