"""The audit trail (rule G4): every write is recorded, append-only and hash-chained.

A listener on every desk session records each inserted, updated and deleted row
with its before and after values, the operator and the action, in the same
transaction as the write itself. Each entry's hash covers the previous entry's
hash, so an edit of the database file outside the app breaks the chain, which
`wuye-desk check` detects.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect, select, text
from sqlalchemy.orm import Session

from wuye_desk.store.base import Recorded
from wuye_desk.store.models.core import AuditEntry

GENESIS = "0" * 64
REDACTED = "（已隐藏）"
_AUDIT = AuditEntry.__table__


@dataclass(frozen=True)
class Actor:
    """Who is writing, as the audit trail records it."""

    operator_id: int | None
    operator_name: str


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def redacted_columns(cls: type) -> frozenset[str]:
    """Columns whose values the trail never shows (a model's `__audit_redact__`), e.g. a
    password hash: the trail records that the value changed, not what it is."""
    return frozenset(getattr(cls, "__audit_redact__", ()))


def _shown(key: str, value: Any, hidden: frozenset[str]) -> Any:
    if key in hidden and value is not None:
        return REDACTED
    return _plain(value)


def _row_values(obj: Any) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    hidden = redacted_columns(mapper.class_)
    return {col.key: _shown(col.key, getattr(obj, col.key), hidden)
            for col in mapper.column_attrs}


def _before_values(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The changed columns' values before and after this flush."""
    state = inspect(obj)
    hidden = redacted_columns(state.mapper.class_)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            key = attr.key
            before[key] = _shown(key, hist.deleted[0], hidden) if hist.deleted else None
            after[key] = _shown(key, hist.added[0], hidden) if hist.added else None
    return before, after


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def _hashed_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "at": _plain(row["at"]),
        "operator_id": row["operator_id"],
        "operator_name": row["operator_name"],
        "action": row["action"],
        "entity": row["entity"],
        "entity_id": row["entity_id"],
        "change": row["change"],
        "before_json": row["before_json"],
        "after_json": row["after_json"],
    }


def _last_hash(session: Session) -> str:
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        # several desks: serialise writers of the chain for the rest of this transaction
        conn.execute(text("SELECT pg_advisory_xact_lock(7001)"))
    last = conn.execute(select(_AUDIT.c.hash).order_by(_AUDIT.c.id.desc()).limit(1)).scalar()
    return last or GENESIS


def _dump(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


Change = tuple[str, str, str, dict[str, Any] | None, dict[str, Any] | None]


def write_entries(session: Session, changes: list[Change]) -> None:
    """Append (entity, entity_id, change, before, after) tuples to the chain."""
    if not changes:
        return
    actor: Actor = session.info.get("actor") or Actor(None, "系统")
    at: datetime = session.info.get("now") or datetime.now().replace(microsecond=0)
    action: str = session.info.get("action", "")
    prev = _last_hash(session)
    rows = []
    for entity, entity_id, change, before, after in changes:
        row = {
            "at": at,
            "operator_id": actor.operator_id,
            "operator_name": actor.operator_name,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "change": change,
            "before_json": _dump(before),
            "after_json": _dump(after),
            "prev_hash": prev,
        }
        row["hash"] = prev = entry_hash(prev, _hashed_fields(row))
        rows.append(row)
    session.connection().execute(insert(AuditEntry), rows)


def record_event(session: Session, entity: str, entity_id: object, change: str,
                 details: dict[str, Any]) -> None:
    """Record something that is not a row change (a log-in, a restore) in the chain."""
    write_entries(session, [(entity, str(entity_id), change, None, details)])


def record_view(session: Session, entity: str, entity_id: object, what: str) -> None:
    """Record that an operator saw something protected, e.g. a full ID number (rule G3)."""
    record_event(session, entity, entity_id, "view", {"viewed": what})


def _identity(obj: Any) -> str:
    state = inspect(obj)
    # a row inserted by this flush has its key in its columns, not yet in its identity
    ident = state.identity or state.mapper.primary_key_from_instance(obj)
    return "/".join(str(part) for part in ident if part is not None)


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    now = session.info.get("now") or datetime.now().replace(microsecond=0)
    actor: Actor | None = session.info.get("actor")
    for obj in session.new:
        if isinstance(obj, Recorded):
            if getattr(obj, "created_at", None) is None:
                obj.created_at = now
            if getattr(obj, "created_by", None) is None and actor is not None:
                obj.created_by = actor.operator_id


def _after_flush(session: Session, flush_context: Any) -> None:
    changes: list[Change] = []
    for obj in session.new:
        if isinstance(obj, AuditEntry):
            continue
        changes.append((inspect(obj).mapper.local_table.name, _identity(obj), "insert", None,
                        _row_values(obj)))
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not session.is_modified(obj, include_collections=False):
            continue
        before, after = _before_values(obj)
        if before or after:
            changes.append((inspect(obj).mapper.local_table.name, _identity(obj), "update",
                            before, after))
    for obj in session.deleted:
        if isinstance(obj, AuditEntry):
            continue
        changes.append((inspect(obj).mapper.local_table.name, _identity(obj), "delete",
                        _row_values(obj), None))
    write_entries(session, changes)


def install(session_class: type[Session]) -> None:
    """Attach the audit listeners to a sessionmaker's class (idempotent)."""
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "before_flush", _before_flush)
        event.listen(session_class, "after_flush", _after_flush)


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


def verify_chain(session: Session, batch: int = 5000) -> list[ChainBreak]:
    """Recompute every hash; return the entries where the chain is broken."""
    breaks: list[ChainBreak] = []
    prev = GENESIS
    last_id = 0
    for rows in _batches(session, batch):
        for row in rows:
            if row["prev_hash"] != prev:
                breaks.append(ChainBreak(row["id"], "前一条记录缺失或被改动"))
            if entry_hash(row["prev_hash"], _hashed_fields(row)) != row["hash"]:
                breaks.append(ChainBreak(row["id"], "记录内容被改动"))
            prev = row["hash"]
            last_id = row["id"]
    del last_id
    return breaks


def _batches(session: Session, batch: int) -> Iterator[list[dict[str, Any]]]:
    last = 0
    while True:
        rows = [
            dict(r._mapping)
            for r in session.execute(
                select(_AUDIT).where(_AUDIT.c.id > last).order_by(_AUDIT.c.id).limit(batch)
            )
        ]
        if not rows:
            return
        yield rows
        last = rows[-1]["id"]
