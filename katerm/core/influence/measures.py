"""What the influence map (issue 6) adds to the reviews (issue 8): one weekly measure.

* ``a_maps_reviewed`` (week): each account the seller owns in the top tier of its scheme has its
  influence map reviewed this week. **Reviewed** means someone marked the map reviewed (key
  ``v`` on the map, logged in ``map_reviews`` with who and when), or the map's own data changed
  during the week (editing counts as reviewing): a contact of the account or one of its lines
  of influence was saved, added or removed. No top-tier account: done.

``katerm.core.plugins`` registers :data:`REVIEW_MEASURES` with the reviews registry when a workspace
opens. Only plain sqlite3 reads here.
"""

from __future__ import annotations

import sqlite3

from katerm.core.periods import WEEK, local_day
from katerm.core.reviews import Evidence, Measure, MeasureContext, Measurement, kept
from katerm.i18n import tn


def top_tier_accounts(conn: sqlite3.Connection, user_id: str) -> list[tuple[str, str]]:
    """(id, name) of the live accounts ``user_id`` owns in the top tier of the team's
    active scheme (A in the revenue scheme, whale, strategic, super-large: the stored tier),
    by name."""
    from katerm.core.tiers import stored_rank_sql

    return conn.execute(
        f"SELECT id, name FROM accounts WHERE owner_id = ? AND deleted = 0 "
        f"AND {stored_rank_sql(alias='')} = 0 ORDER BY name COLLATE NOCASE, id",
        (user_id,),
    ).fetchall()


def a_maps_reviewed(
    conn: sqlite3.Connection, ctx: MeasureContext, target: int | None
) -> Measurement:
    """Top-tier accounts of the seller whose influence map was reviewed in the period: marked
    reviewed (``map_reviews``), or a contact of the account or one of its lines of influence
    was saved then. Each account is
    one evidence line with the number of warnings its map still has."""
    accounts = top_tier_accounts(conn, ctx.user_id)
    if not accounts:
        return Measurement(0, 0, True, ())
    start, end = ctx.utc_range
    evidence = []
    done = 0
    for account_id, name in accounts:
        row = conn.execute(
            "SELECT max(at) FROM (SELECT max(updated_at) AS at FROM contacts "
            "WHERE account_id = ?1 AND updated_at >= ?2 AND updated_at < ?3 "
            "UNION ALL SELECT max(updated_at) FROM influence_lines WHERE account_id = ?1 "
            "AND updated_at >= ?2 AND updated_at < ?3 "
            "UNION ALL SELECT max(reviewed_at) FROM map_reviews WHERE account_id = ?1 "
            "AND deleted = 0 AND reviewed_at >= ?2 AND reviewed_at < ?3)",
            (account_id, start, end),
        ).fetchone()
        reviewed = row[0] is not None
        done += reviewed
        warnings = _warnings(conn, account_id)
        label = f"{'✓' if reviewed else '✗'} {name} · {tn('reviews.map_warnings', warnings)}"
        evidence.append(
            Evidence(
                "account",
                account_id,
                label,
                local_day(row[0], ctx.tz).isoformat() if reviewed else None,
            )
        )
    return Measurement(done, len(accounts), done >= len(accounts), tuple(evidence))


def _warnings(conn: sqlite3.Connection, account_id: str) -> int:
    """:func:`warning_count`, once per account over data nothing changes (the demo's past
    reviews ask it again for each week and seller)."""
    from katerm.core.influence.read import warning_count

    return kept(conn, ("map_warnings", account_id), lambda: warning_count(conn, account_id))


# What this module adds to the reviews (registered by katerm.core.plugins).
REVIEW_MEASURES = (
    Measure("a_maps_reviewed", a_maps_reviewed, periods=(WEEK,), requires=("influence_lines",)),
)

__all__ = ["REVIEW_MEASURES", "a_maps_reviewed", "top_tier_accounts"]
