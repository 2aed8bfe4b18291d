"""A portfolio's yearly revenue target per tier, beside its count targets (issue 20: the
monthly A-account analysis compares each tier's annual revenue with it).

Team data that syncs (``tier_revenue_targets``, migration 0022). Like a count target, each has
an id derived from what it is (portfolio, year, scheme and tier), so two devices setting the
same one edit one row. Amounts are read with the account form's words (``500万``, ``1.2亿``,
``1,200,000``); an empty value removes the target.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from katerm.core import fields
from katerm.core.pyramid.rules import check_per_tier
from katerm.core.pyramid.target_rows import write_tier_targets

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from katerm.core.store import Database

_NAMESPACE = uuid.UUID("5c1b7a52-3f0e-4d8e-9a4b-6b1f2a0c9e17")  # katerm pyramid ids
TABLE = "tier_revenue_targets"


def revenue_target_id(owner_id: str, year: int, scheme: str, tier: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"revenue-target/{owner_id}/{year}/{scheme}/{tier}"))


def revenue_field(tier: str) -> str:
    """The name of a tier's revenue target in forms and error maps."""
    return f"revenue.{tier}"


def check_revenue_targets(scheme: str, values: Mapping[str, Any]) -> dict[str, float | None]:
    """Revenue targets typed per tier (keys: tier names): amounts, 0 or more; empty = none."""
    return check_per_tier(scheme, values, lambda tier, v: fields.money(revenue_field(tier), v))


def write_revenue_targets(
    conn: Connection,
    actor_id: str,
    owner_id: str,
    year: int,
    scheme: str,
    clean: Mapping[str, float | None],
) -> dict[str, float]:
    """Store checked revenue targets (None removes one); returns the targets now set."""
    write_tier_targets(conn, TABLE, revenue_target_id, actor_id, owner_id, year, scheme, clean)
    raw = conn.connection.driver_connection  # sqlite3, same transaction
    return load_revenue_targets(raw, owner_id, year, scheme)


def load_revenue_targets(
    conn: sqlite3.Connection, owner_id: str, year: int, scheme: str
) -> dict[str, float]:
    """Planned annual revenue per tier for a portfolio and year (tiers without one absent)."""
    return {
        tier: float(target)
        for tier, target in conn.execute(
            f"SELECT tier, target FROM {TABLE} WHERE owner_id = ? AND year = ? AND scheme = ? "
            "AND deleted = 0",
            (owner_id, year, scheme),
        )
    }


def read_revenue_targets(db: Database, owner_id: str, year: int, scheme: str) -> dict[str, float]:
    """:func:`load_revenue_targets` in a read of its own (the pyramid screen's worker)."""
    with db.reading() as conn:
        return load_revenue_targets(conn, owner_id, year, scheme)
