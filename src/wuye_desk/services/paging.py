"""Lists a page at a time, for ten years of data.

A list on screen is a `ListQuery`: SQL does the filtering and the ordering on
indexed columns and returns the next page after the last row seen (keyset
paging — no OFFSET, so the millionth row costs what the first does). Rows come
back as ready display values, built once per row; the view never loads a
whole table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, func, select, tuple_

from wuye_desk.services.desk import Desk

PAGE_SIZE = 100   # rows a list fetches at a time: three screens' worth; the first is instant


class Tone(StrEnum):
    """How a row should catch the eye."""

    NORMAL = "normal"
    OVERDUE = "overdue"   # red: a deadline has passed
    DUE = "due"           # amber: due today / soon
    DONE = "done"         # grey: closed, returned, left
    WARNING = "warning"   # needs attention (e.g. watch list)


@dataclass(frozen=True)
class ListRow:
    id: int
    values: tuple[Any, ...]
    tone: Tone = Tone.NORMAL
    tip: str = ""


@dataclass(frozen=True)
class Page:
    rows: list[ListRow]
    after: tuple[Any, ...] | None  # the key to ask for the next page; None at the end


@dataclass
class ListQuery:
    """A filtered, sorted list over one statement, paged by keyset.

    `stmt` selects the columns `to_row` needs; `order` are the sort columns
    (all in one direction) ending with a unique column (the id).
    """

    desk: Desk
    headers: tuple[str, ...]
    stmt: Any                     # a select() of the columns to_row needs
    order: Sequence[Any]          # columns or SQL expressions
    to_row: Callable[[Any], ListRow]
    descending: bool = False
    where: list[Any] = field(default_factory=list)  # SQL conditions
    # the page statements, built once (first page; next page with the key as parameters)
    _built: dict[bool, Any] = field(default_factory=dict, init=False, repr=False)

    def _statement(self, keyed: bool) -> Any:
        stmt = self._built.get(keyed)
        if stmt is not None:
            return stmt
        stmt = self._filtered()
        if keyed:
            key = tuple_(*self.order)
            after = tuple_(*[bindparam(f"after_{i}", type_=getattr(c, "type", None))
                             for i, c in enumerate(self.order)])
            stmt = stmt.where(key < after if self.descending else key > after)
        ordering = [c.desc() for c in self.order] if self.descending else list(self.order)
        stmt = stmt.add_columns(*self.order).order_by(*ordering).limit(bindparam("page_limit"))
        self._built[keyed] = stmt
        return stmt

    def _filtered(self) -> Any:
        stmt = self.stmt
        for cond in self.where:
            stmt = stmt.where(cond)
        return stmt

    def page(self, after: tuple[Any, ...] | None = None, limit: int = PAGE_SIZE) -> Page:
        params: dict[str, Any] = {"page_limit": limit + 1}
        if after is not None:
            params.update({f"after_{i}": v for i, v in enumerate(after)})
        stmt = self._statement(after is not None)
        n_keys = len(self.order)
        with self.desk.read() as session:
            result = session.execute(stmt, params).all()
        more = len(result) > limit
        result = result[:limit]
        rows = [self.to_row(r) for r in result]
        last = tuple(result[-1][-n_keys:]) if result and more else None
        return Page(rows, last)

    def count(self) -> int:
        stmt = select(func.count()).select_from(self._filtered().order_by(None).subquery())
        with self.desk.read() as session:
            return int(session.execute(stmt).scalar_one())
