"""The office's watch list for the visitor desk: a name or an ID number, with a note.

The office (a supervisor or manager) keeps it; the desk sees a warning when a
visitor matches (services.visitors.watch_warnings), before the host is called.
Entries are never erased (rule G4): an entry no longer needed is ended.
ID numbers on the list are shown masked (rule G3) and never reach the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from wuye_desk.domain import ids
from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.operators import Permission
from wuye_desk.domain.privacy import mask_id
from wuye_desk.domain.text import squeeze
from wuye_desk.domain.visitors import MAX_NAME, clean_text
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import WatchEntry


@dataclass(frozen=True)
class WatchView:
    id: int
    name: str
    id_number: str   # masked (rule G3)
    note: str
    active: bool
    created_at: datetime


def add_watch(desk: Desk, *, name: str = "", id_type: str = "居民身份证", id_number: str = "",
              note: str) -> int:
    """Put a person on the watch list: a name, an ID number or both, and why."""
    desk.require(Permission.MANAGE_WATCHLIST)
    clean_name = clean_text(name, "姓名", max_length=MAX_NAME)
    number = (ids.validate_id(id_type or "居民身份证", id_number, field="证件号码",
                              today=desk.now().date()) if squeeze(id_number or "") else "")
    if not clean_name and not number:
        raise ValidationError("请填写姓名或证件号码（至少一项）", field="姓名")
    reason = clean_text(note, "关注原因", required=True, max_length=200)
    with desk.write(f"加入访客关注名单 {clean_name}") as session:
        row = WatchEntry(name=clean_name, id_number=number, note=reason, active=True)
        session.add(row)
        session.flush()
        return row.id


def end_watch(desk: Desk, entry_id: int) -> None:
    """Take a person off the list; the entry stays on record (rule G4)."""
    desk.require(Permission.MANAGE_WATCHLIST)
    with desk.write("移出访客关注名单") as session:
        row = session.get(WatchEntry, entry_id)
        if row is None:
            raise NotFound("关注名单中没有这条记录")
        if not row.active:
            raise ValidationError("这条记录已经移出关注名单", field="关注名单")
        row.active = False


def watch_entries(desk: Desk, *, include_ended: bool = False) -> list[WatchView]:
    stmt = select(WatchEntry).order_by(WatchEntry.active.desc(), WatchEntry.id.desc())
    if not include_ended:
        stmt = stmt.where(WatchEntry.active.is_(True))
    with desk.read() as session:
        return [WatchView(r.id, r.name, mask_id(r.id_number) if r.id_number else "", r.note,
                          r.active, r.created_at) for r in session.scalars(stmt)]
