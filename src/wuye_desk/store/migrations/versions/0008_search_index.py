"""search index: FTS5 over the household archive (SQLite)

Revision ID: 0008_search_index
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

from wuye_desk.domain import search_text
from wuye_desk.store import search_index

revision = "0008_search_index"
down_revision = "0001_foundation"
branch_labels = ("search",)
depends_on = None


def _respace_households(conn: sa.Connection) -> None:
    """Rebuild every household's search text in the spaced form."""
    households = conn.execute(sa.text("SELECT id, unit_code FROM household")).all()
    members: dict[int, list[tuple[str, str]]] = {}
    for hid, name, phone in conn.execute(sa.text(
            "SELECT household_id, name, phone FROM member ORDER BY household_id, position")):
        members.setdefault(hid, []).append((name, phone))
    contacts: dict[int, list[tuple[str, str]]] = {}
    for hid, name, phone in conn.execute(sa.text(
            "SELECT household_id, name, phone FROM emergency_contact")):
        contacts.setdefault(hid, []).append((name, phone))
    from wuye_desk.domain.units import parse_unit

    for hid, code in households:
        unit = parse_unit(code)
        ms = members.get(hid, [])
        cs = contacts.get(hid, [])
        body = search_text.build(unit.display, unit.code, *[p for m in ms for p in m],
                                 *[p for c in cs for p in c], names=tuple(n for n, _ in ms))
        conn.execute(sa.text("UPDATE household SET search_text = :b WHERE id = :i"),
                     {"b": body, "i": hid})


def upgrade() -> None:
    conn = op.get_bind()
    _respace_households(conn)
    if conn.dialect.name == "sqlite":
        for stmt in search_index.create_statements("household"):
            op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for stmt in search_index.drop_statements("household"):
            op.execute(stmt)
