"""A read connection that answers a query it has already run from memory.

The demo writes the past evening reviews' summaries after every other row is written: the
same checklists for each seller on each of ten days, over data that no longer changes. Many
of their queries do not depend on the day (a seller's locked orders and their milestones,
key dates, gap actions), and on a 100,000-account demo they were asked once per seller and
day. Inside one read transaction over data nothing writes to, asking again gives the same
rows, so the answer is kept. For the demo's own read-only passes only, never for a
connection anything writes through.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any


class _Rows:
    """The rows of one query, read like a cursor."""

    __slots__ = ("_next", "description", "rows")

    def __init__(self, rows: list[Any], description: Any) -> None:
        self.rows = rows
        self.description = description
        self._next = 0

    def fetchall(self) -> list[Any]:
        rest = self.rows[self._next :]
        self._next = len(self.rows)
        return rest

    def fetchone(self) -> Any:
        if self._next >= len(self.rows):
            return None
        self._next += 1
        return self.rows[self._next - 1]

    def fetchmany(self, size: int = 1) -> list[Any]:
        rest = self.rows[self._next : self._next + size]
        self._next += len(rest)
        return rest

    def __iter__(self) -> Iterator[Any]:
        while self._next < len(self.rows):
            self._next += 1
            yield self.rows[self._next - 1]


class FrozenReads:
    """``conn`` with :meth:`execute` answered from memory for a query (and parameters) it has
    run before; everything else is the connection's own."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._answers: dict[tuple[Any, ...], tuple[list[Any], Any]] = {}

    @property
    def wrapped(self) -> sqlite3.Connection:
        """The read's own connection, whose memo (``katerm.core.store.read_memo``) is shared."""
        return self._conn

    def execute(self, sql: str, params: Any = ()) -> _Rows:
        key = (
            sql,
            self._conn.row_factory,
            tuple(sorted(params.items())) if isinstance(params, dict) else tuple(params),
        )
        found = self._answers.get(key)
        if found is None:
            cursor = self._conn.execute(sql, params)
            found = self._answers[key] = (cursor.fetchall(), cursor.description)
        rows, description = found
        return _Rows(rows, description)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)
