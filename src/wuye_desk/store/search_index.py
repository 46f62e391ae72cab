"""The full-text index behind every search box (see domain/search_text.py).

On SQLite each searchable table has a `search_text` column holding the spaced
text and an FTS5 table `<table>_fts` kept in step by triggers. On PostgreSQL
the same spaced text is matched with LIKE (substring semantics are the same).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, false, literal_column, select, text

from wuye_desk.domain import search_text


def create_statements(table: str, id_column: str = "id") -> list[str]:
    """DDL for a table's FTS index and the triggers that keep it in step (SQLite only)."""
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"body, tokenize = 'unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, body) VALUES (new.{id_column}, new.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"UPDATE {fts} SET body = new.search_text WHERE rowid = old.{id_column}; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"DELETE FROM {fts} WHERE rowid = old.{id_column}; END",
        f"INSERT INTO {fts}(rowid, body) SELECT {id_column}, search_text FROM {table}",
    ]


def drop_statements(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "au", "ad")] + [
        f"DROP TABLE IF EXISTS {fts}"]


# Above this many matches a list's first page is found faster by walking its sort index
# and keeping the rows that match, than by looking every match up and sorting them.
MANY = 2000


def matches(id_col: Any, search_col: Any, table: str, query: str, *,
            sqlite: bool, probe: Any = None) -> ColumnElement[bool]:
    """A WHERE condition: rows whose search text contains every word typed.

    With `probe` (an engine) on SQLite the index is first asked for up to MANY
    matches: a common word ("王", one digit) is then matched as a filter on the
    list's sort order (`id + 0` keeps SQLite from looking each match up by id),
    a rare one by looking its few rows up by id.
    """
    if sqlite:
        expr = search_text.fts_match(query)
        if not expr:
            return false()
        fts = f"{table}_fts"
        sub: Any = select(literal_column("rowid")).select_from(text(fts)).where(
            literal_column(fts).op("MATCH")(expr))
        target = id_col
        if probe is not None and _at_least(probe, fts, expr, MANY):
            target = id_col + 0
        condition: ColumnElement[bool] = target.in_(sub.scalar_subquery())
        return condition
    conds = [search_col.like(f"%{_escape(p)}%", escape="\\")
             for p in search_text.phrases(query)]
    return and_(*conds) if conds else false()


def _at_least(engine: Any, fts: str, expr: str, n: int) -> bool:
    with engine.connect() as conn:
        found = conn.execute(text(f"SELECT count(*) FROM (SELECT rowid FROM {fts} "
                                  f"WHERE {fts} MATCH :m LIMIT :n)"), {"m": expr, "n": n})
        return int(found.scalar_one()) >= n


def _escape(text_: str) -> str:
    return text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
