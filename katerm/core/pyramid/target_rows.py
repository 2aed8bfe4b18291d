"""Writing a portfolio's per-tier targets for a year: the count targets (``tier_targets``)
and the revenue targets (``tier_revenue_targets``) share one writer.

A target is found by what it is (portfolio, year, scheme and tier), whatever its id: a row
imported from a file keeps the file's id, and setting that tier's target again must edit
that row, not add a second one beside it. A new target gets the id derived from what it is
(so two devices setting the same one edit one row).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from katerm.core import store

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

TARGET_TABLES = frozenset({"tier_targets", "tier_revenue_targets"})


def write_tier_targets(
    conn: Connection,
    table: str,
    derived_id: Callable[[str, int, str, str], str],
    actor_id: str,
    owner_id: str,
    year: int,
    scheme: str,
    clean: Mapping[str, float | int | None],
) -> None:
    """Store checked targets of ``table`` (None removes one) in the caller's transaction."""
    if table not in TARGET_TABLES:
        raise ValueError(f"not a target table: {table}")
    raw = conn.connection.driver_connection  # sqlite3, same transaction
    assert raw is not None
    for tier, target in clean.items():
        # A live row first, then the smallest id: the one row a tier's target is.
        found = raw.execute(
            f"SELECT deleted, id FROM {table} WHERE owner_id = ? AND year = ? AND scheme = ? "
            "AND tier = ? ORDER BY deleted, id LIMIT 1",
            (owner_id, year, scheme, tier),
        ).fetchone()
        row_id = found[1] if found else derived_id(owner_id, year, scheme, tier)
        if target is None:
            if found and not found[0]:
                store.delete(conn, table, row_id, actor_id=actor_id)
        elif found:
            store.update(
                conn, table, row_id, {"target": target, "deleted": False}, actor_id=actor_id
            )
        else:
            store.insert(
                conn,
                table,
                {
                    "id": row_id,
                    "owner_id": owner_id,
                    "year": year,
                    "scheme": scheme,
                    "tier": tier,
                    "target": target,
                },
                actor_id=actor_id,
            )
