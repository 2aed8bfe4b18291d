"""What the influence screen reads: an account's map, or the top account's when none is open
yet, and (read after the map is shown) who on our side covers whom there.

Reads through plain sqlite3 only, like :mod:`katerm.core.influence.read`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from katerm.core.errors import NotFound
from katerm.core.influence.read import Coverage, InfluenceMap, coverage, load_map
from katerm.core.team import Member
from katerm.core.tiers import SCHEMES, stored_tier_sql

if TYPE_CHECKING:
    from katerm.core.store import Database


@dataclass(frozen=True)
class MapView:
    """What the influence screen shows: an account's map and its coverage (None when the
    account is gone or there is none to show), and our team (for "covered by")."""

    account_id: str | None
    found: InfluenceMap | None
    cover: Coverage | None
    team: list[Member]


def load_map_view(db: Database, account_id: str | None, *, with_cover: bool = True) -> MapView:
    """The map of ``account_id``, or, when none is chosen yet, of the top account (a new
    user opening the map first sees the biggest account's), in one read. ``with_cover=False``
    leaves the coverage out (the screen reads it after painting the map: :func:`load_coverage`)."""
    from katerm.core.team import members

    found = cover = None
    with db.reading() as conn:
        team = members(conn)
        if account_id is None:
            account_id = top_account(conn)
        if account_id is not None:
            try:
                found = load_map(conn, account_id)
                cover = coverage(conn, found) if with_cover else None
            except NotFound:
                found = None
    return MapView(account_id, found, cover, team)


def load_coverage(db: Database, found: InfluenceMap) -> Coverage:
    """:func:`coverage`, in a read of its own."""
    with db.reading() as conn:
        return coverage(conn, found)


def top_account(conn: sqlite3.Connection) -> str | None:
    """The account the accounts pickers list first (``pick_accounts``: the top stored tier in
    the active scheme, then the biggest revenue, then the name), without ranking every row:
    one query per tier, top tier first, each answered by a scan that keeps only the best."""
    scheme = conn.execute("SELECT active_scheme()").fetchone()[0]
    tiers = SCHEMES.get(scheme, ())
    column = stored_tier_sql(scheme, alias="") if tiers else None
    order = "ORDER BY annual_revenue DESC, name LIMIT 1"
    for tier in tiers:
        row = conn.execute(
            f"SELECT id FROM accounts WHERE deleted = 0 AND {column} = ? {order}", (tier,)
        ).fetchone()
        if row:
            return str(row[0])
    marks = ", ".join("?" * len(tiers))
    unranked = f"AND ({column} IS NULL OR {column} NOT IN ({marks}))" if tiers else ""
    sql = f"SELECT id FROM accounts WHERE deleted = 0 {unranked} {order}"
    row = conn.execute(sql, tiers).fetchone()
    return str(row[0]) if row else None
