"""Reading the audit trail (rule G4): who changed what, when, from what to what."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Row

from wuye_desk.domain.errors import NotFound
from wuye_desk.domain.operators import Permission
from wuye_desk.services.desk import Desk
from wuye_desk.services.paging import ListQuery, ListRow, Tone

__all__ = ["ListQuery", "audit_query", "detail"]
from wuye_desk.store.models import AuditEntry

CHANGE_LABELS = {"insert": "新增", "update": "修改", "delete": "删除", "view": "查看"}

# table name -> what a clerk calls it; areas add theirs
ENTITY_LABELS: dict[str, str] = {
    "household": "业户档案", "member": "家庭成员", "emergency_contact": "紧急联系人",
    "operator": "操作员", "app_setting": "设置",
    "complaint": "投诉", "complaint_event": "投诉处理记录", "complaint_duty": "投诉通报事项",
    "return_visit": "回访记录",
    "cabinet_key": "钥匙", "key_loan": "钥匙借用", "key_event": "钥匙记录",
    "key_emergency": "紧急使用钥匙", "lock_change": "换锁", "key_handover": "钥匙交接",
    "key_handover_item": "钥匙交接明细",
    "mail_item": "邮件", "mail_notice": "邮件通知", "mail_pickup": "邮件领取",
    "mail_return": "邮件退回", "newspaper_delivery": "报纸到件", "newspaper_copy": "报纸",
    "visit": "访客登记", "goods_pass": "携物出入门证", "goods_item": "携带物品",
    "watch_entry": "访客关注名单",
    "vip_customer": "VIP客户", "vip_family_member": "VIP家庭成员", "vip_card": "VIP卡",
    "vip_service": "VIP服务",
    "official_access": "公务查询登记",
}

HEADERS = ("时间", "操作员", "操作", "类别", "记录", "变化")


@dataclass(frozen=True)
class AuditDetail:
    id: int
    at: datetime
    operator: str
    action: str
    change: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def lines(self) -> list[str]:
        """Field by field: 字段: 旧值 → 新值."""
        keys = sorted(set(self.before or {}) | set(self.after or {}))
        out = []
        for k in keys:
            old = (self.before or {}).get(k, "")
            new = (self.after or {}).get(k, "")
            if self.change == CHANGE_LABELS["update"]:
                out.append(f"{k}: {old} → {new}")
            else:
                out.append(f"{k}: {new if self.after else old}")
        return out


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def _summary(before_json: str | None, after_json: str | None, change: str) -> str:
    if change == "update" and before_json and after_json:
        before, after = json.loads(before_json), json.loads(after_json)
        parts = [f"{k}: {before.get(k)}→{after.get(k)}" for k in sorted(after)]
        text = "；".join(parts)
    else:
        text = (after_json or before_json or "")
    return text if len(text) <= 120 else text[:117] + "…"


def _row(r: Row) -> ListRow:  # type: ignore[type-arg]
    tone = Tone.WARNING if r.change in ("delete", "view") else Tone.NORMAL
    return ListRow(r.id, (r.at.strftime("%Y-%m-%d %H:%M:%S"), r.operator_name, r.action,
                          CHANGE_LABELS.get(r.change, r.change) + entity_label(r.entity),
                          r.entity_id, _summary(r.before_json, r.after_json, r.change)), tone)


def audit_query(desk: Desk, *, operator: str = "", entity: str = "", entity_id: str = "",
                text: str = "", since: date | None = None, until: date | None = None) -> ListQuery:
    """Newest first, filtered in SQL."""
    desk.require(Permission.VIEW_AUDIT)
    e = AuditEntry
    where = []
    if operator:
        where.append(e.operator_name == operator)
    if entity:
        where.append(e.entity == entity)
    if entity_id:
        where.append(e.entity_id == entity_id)
    if text:
        where.append(e.action.contains(text, autoescape=True))
    if since:
        where.append(e.at >= datetime.combine(since, datetime.min.time()))
    if until:
        where.append(e.at < datetime.combine(until + timedelta(days=1), datetime.min.time()))
    stmt = select(e.id, e.at, e.operator_name, e.action, e.change, e.entity, e.entity_id,
                  e.before_json, e.after_json)
    return ListQuery(desk, HEADERS, stmt, [e.id], _row, descending=True, where=where)


def detail(desk: Desk, entry_id: int) -> AuditDetail:
    desk.require(Permission.VIEW_AUDIT)
    with desk.read() as session:
        e = session.get(AuditEntry, entry_id)
        if e is None:
            raise NotFound("找不到这条操作记录")
        return AuditDetail(e.id, e.at, e.operator_name, e.action,
                           CHANGE_LABELS.get(e.change, e.change), entity_label(e.entity),
                           e.entity_id, json.loads(e.before_json) if e.before_json else None,
                           json.loads(e.after_json) if e.after_json else None)


def operators_seen(desk: Desk) -> list[str]:
    with desk.read() as session:
        return sorted(session.scalars(select(AuditEntry.operator_name).distinct()))


def entities_seen(desk: Desk) -> list[str]:
    with desk.read() as session:
        return sorted(session.scalars(select(AuditEntry.entity).distinct()))
