"""The team's settings (rates, tier thresholds, the competitor list): one value per key.

A member's database holds the settings rows of everyone they see: their own, those of the
members below them and (synced from the server) those of the managers above them. Every
reader resolves a key the same way (:func:`winners`): the row of the most senior owner
wins (the top of the team first: the lead's over the seller's, never the other way round),
then the newest. Without a team (one user, or members nobody manages) that is the newest.

A member may not change a key whose winning row is a manager's (:func:`set_above`): their
row would never be used.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

_DEEPEST = 1 << 30  # an owner the team does not know ranks after everyone


@dataclass(frozen=True)
class Setter:
    """Who holds a key above me: their id and name (login when they have none)."""

    id: str
    name: str


def owner_ranks(conn: sqlite3.Connection) -> dict[str, int]:
    """Each member's depth in the team: 0 at the top, their reports 1, and so on."""
    rows = conn.execute(
        "WITH RECURSIVE d(id, depth) AS (SELECT id, 0 FROM users WHERE manager_id IS NULL "
        "OR manager_id NOT IN (SELECT id FROM users) "
        "UNION SELECT u.id, d.depth + 1 FROM users u JOIN d ON u.manager_id = d.id "
        "WHERE d.depth < 64) SELECT id, min(depth) FROM d GROUP BY id"
    ).fetchall()
    return {str(i): int(depth) for i, depth in rows}


def winners(
    conn: sqlite3.Connection,
    table: str,
    key: Sequence[str],
    columns: Sequence[str],
    where: str = "",
    params: Sequence[Any] = (),
    fold: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None = None,
) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Per key (the values of the ``key`` columns, as ``fold`` makes them alike: a name's
    case and width), the live row that wins: ``columns`` of it followed by its
    ``owner_id``. ``where`` narrows the rows (``AND ...``)."""
    ranks = owner_ranks(conn)
    names = "".join(f", {c}" for c in (*key, *columns))
    rows = conn.execute(
        f"SELECT owner_id, hlc, id{names} FROM {table} WHERE deleted = 0 {where}",
        tuple(params),
    ).fetchall()
    # Senior first, then the newest change (its clock tag; then the larger id, so every
    # replica picks the same row).
    rows.sort(key=lambda r: (str(r[1] or ""), str(r[2])), reverse=True)
    rows.sort(key=lambda r: ranks.get(str(r[0]), _DEEPEST))
    n = len(key)
    best: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for row in rows:
        k = tuple(row[3 : 3 + n])
        best.setdefault(fold(k) if fold else k, (*row[3 + n :], str(row[0])))
    return best


def managers_of(conn: sqlite3.Connection, me: str) -> list[str]:
    """The members above ``me``, nearest first."""
    rows = conn.execute(
        "WITH RECURSIVE up(id, manager_id, n) AS (SELECT id, manager_id, 0 FROM users "
        "WHERE id = ? UNION SELECT u.id, u.manager_id, up.n + 1 FROM users u "
        "JOIN up ON u.id = up.manager_id WHERE up.n < 64) "
        "SELECT id FROM up WHERE n > 0 ORDER BY n",
        (me,),
    ).fetchall()
    return [str(r[0]) for r in rows]


def set_above(conn: sqlite3.Connection, me: str, owner: str | None) -> Setter | None:
    """The manager above ``me`` who owns a winning row (``owner``), or None when it is mine
    to change (no row, mine, or someone's below me)."""
    if not owner or owner == me or owner not in managers_of(conn, me):
        return None
    row = conn.execute("SELECT name, login FROM users WHERE id = ?", (owner,)).fetchone()
    name = str(row[0] or row[1]) if row else owner
    return Setter(owner, name)
