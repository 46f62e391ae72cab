"""Accesses by government or judicial officers to customer data (rule G3).

Customer data is not disclosed without a legal basis or the customer's
permission. When officers (公安, 法院, 检察院, 街道 …) ask to see it, the desk
records who they are (name, organisation, a checked credential), the legal
basis they show, what they saw, and the manager who approved it — proven by
the manager's own login and password at the desk. The record is append-only
(rule G4): a mistake is corrected by a new record that says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from wuye_desk.domain import ids
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.operators import Permission
from wuye_desk.domain.plain_text import clean_line
from wuye_desk.domain.privacy import mask_id
from wuye_desk.services import operators
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import OfficialAccess

MAX_RECORDS_TEXT = 500


@dataclass
class AccessInput:
    officer_name: str = ""
    officer_org: str = ""          # e.g. 某某区公安分局某某派出所
    id_type: str = "警官证/工作证"   # the credential shown
    id_number: str = ""
    legal_basis: str = ""          # e.g. 调取证据通知书 编号 …
    records: str = ""              # what was seen or copied
    approver_login: str = ""
    approver_password: str = ""


@dataclass(frozen=True)
class AccessView:
    id: int
    accessed_at: datetime
    officer_name: str
    officer_org: str
    id_type: str
    id_number_masked: str
    legal_basis: str
    records: str
    approver_name: str


CREDENTIALS = ("警官证/工作证", "居民身份证", "其他证件")


def _credential(id_type: str, number: str, desk: Desk) -> str:
    if id_type not in CREDENTIALS:
        raise ValidationError(f"证件类型只能是：{'、'.join(CREDENTIALS)}", field="证件类型")
    if id_type == "居民身份证":
        return ids.validate_id(id_type, number, field="证件号码", today=desk.now().date())
    # a police or court badge has no public checksum: any clean number is taken as shown
    text = clean_line(number, field="证件号码", max_length=40).replace(" ", "").upper()
    if not any(ch.isalnum() for ch in text):
        raise ValidationError("证件号码应有字母或数字", field="证件号码")
    return text


def record_access(desk: Desk, data: AccessInput) -> int:
    """Record an access by officers, approved by a manager at the desk (rule G3)."""
    name = clean_line(data.officer_name, field="查询人姓名", max_length=40)
    org = clean_line(data.officer_org, field="查询单位", max_length=100)
    number = _credential(data.id_type, data.id_number, desk)
    basis = clean_line(data.legal_basis, field="法律依据", max_length=200)
    records = clean_line(data.records, field="查询内容", max_length=MAX_RECORDS_TEXT)
    if not data.approver_login.strip():
        raise ValidationError("请由经理输入登录名和密码批准", field="批准人")
    approver = operators.confirm_approval(desk.db, data.approver_login, data.approver_password,
                                          Permission.APPROVE_OFFICIAL_ACCESS)
    with desk.write("公务查询登记") as session:
        row = OfficialAccess(accessed_at=desk.now(), officer_name=name, officer_org=org,
                             officer_id_type=data.id_type, officer_id_number=number,
                             legal_basis=basis, records=records, approved_by=approver.id,
                             approver_name=approver.name, created_by=desk.operator.id)
        session.add(row)
        session.flush()
        return row.id


def recent(desk: Desk, limit: int = 200) -> list[AccessView]:
    """The latest accesses, newest first, credentials masked (rule G3)."""
    with desk.read() as session:
        rows = session.scalars(select(OfficialAccess).order_by(OfficialAccess.accessed_at.desc(),
                                                              OfficialAccess.id.desc())
                               .limit(limit)).all()
        return [AccessView(r.id, r.accessed_at, r.officer_name, r.officer_org, r.officer_id_type,
                           mask_id(r.officer_id_number), r.legal_basis, r.records, r.approver_name)
                for r in rows]
