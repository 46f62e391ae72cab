"""search grams: letter and digit runs indexed as three-character grams

Every table with a search_text column gets its text rebuilt with the grams of
domain/search_text.py, and on SQLite its FTS index is filled again.

Revision ID: 0009_search_grams
Revises: 0008_search_index
"""

import sqlalchemy as sa
from alembic import op

from wuye_desk.domain import search_text
from wuye_desk.store import search_index

revision = "0009_search_grams"
down_revision = "0008_search_index"
branch_labels = None
depends_on = None


def _searchable_tables(conn: sa.Connection) -> list[str]:
    inspector = sa.inspect(conn)
    return sorted(t for t in inspector.get_table_names()
                  if not t.endswith("_fts") and any(
                      c["name"] == "search_text" for c in inspector.get_columns(t)))


def _regram(conn: sa.Connection, table: str, fn: object) -> None:
    if conn.dialect.name == "sqlite":
        # one statement over the whole table; the Python function does the work
        conn.connection.driver_connection.create_function(  # type: ignore[union-attr]
            "search_regram", 1, fn, deterministic=True)
        conn.execute(sa.text(f"UPDATE {table} SET search_text = search_regram(search_text)"))
        return
    rows = conn.execute(sa.text(f"SELECT id, search_text FROM {table}")).all()
    for start in range(0, len(rows), 5000):
        conn.execute(sa.text(f"UPDATE {table} SET search_text = :t WHERE id = :i"),
                     [{"t": fn(t), "i": i} for i, t in rows[start:start + 5000]])  # type: ignore[operator]


def _rebuild(with_grams: bool) -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"

    def fn(text: str | None) -> str:
        if not text:
            return ""
        return search_text.with_grams(text) if with_grams else search_text.without_grams(text)

    for table in _searchable_tables(conn):
        has_fts = sqlite and sa.inspect(conn).has_table(f"{table}_fts")
        if has_fts:
            for stmt in search_index.drop_statements(table):
                op.execute(stmt)
        _regram(conn, table, fn)
        if has_fts:
            for stmt in search_index.create_statements(table):
                op.execute(stmt)


def upgrade() -> None:
    _rebuild(with_grams=True)


def downgrade() -> None:
    _rebuild(with_grams=False)
