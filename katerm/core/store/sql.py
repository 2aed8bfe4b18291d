"""Small helpers for building read queries: a list of values in a WHERE clause, a LIKE pattern,
the owner of a live row."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from katerm.core.errors import NotFound


def in_clause(
    column: str, values: Iterable[str] | None, *, prefer_scan: bool = False
) -> tuple[str, list[str]]:
    """``AND column IN (?, ...)`` and its parameters; nothing for None (no restriction).

    ``prefer_scan``: with several values, read the table through rather than through the
    column's index. For owners that is much faster: a lead's team owns a large share of the
    rows, and one index lookup per row costs several times a plain scan (bench_pipeline).
    """
    if values is None:
        return "", []
    chosen = list(values)
    if not chosen:
        return " AND 0", []
    target = f"+{column}" if prefer_scan and len(chosen) > 1 else column
    return f" AND {target} IN ({', '.join('?' * len(chosen))})", chosen


def like_pattern(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for names containing ``text``, its % and _ literal."""
    return "%" + like_escape(text) + "%"


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards (and the escape character itself) taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def live_owner(conn: sqlite3.Connection, table: str, row_id: str) -> str:
    """The sync owner of a row that is not deleted; :class:`NotFound` when there is none.

    A row added under an account belongs to that account's owner: this is how every feature
    finds it (``table`` is one of katerm's own table names, never user input)."""
    row = conn.execute(
        f"SELECT owner_id FROM {table} WHERE id = ? AND deleted = 0", (row_id,)
    ).fetchone()
    if row is None:
        raise NotFound("errors.row_missing", table=table, id=row_id)
    owner: str = row[0]  # as stored (never rewritten here)
    return owner
