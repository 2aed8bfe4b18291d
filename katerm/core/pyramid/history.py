"""The history of each account's tier: old, new, who, when and why.

Every tier change is recorded here, whatever made it (the account form, an import, a
re-tier suggestion): :func:`katerm.core.store.apply` calls :func:`record_tier_changes` for
each edited account whose tier changed (``katerm.core.plugins`` makes it the store's
observer of the tier), in the same transaction, so no path that writes a tier can forget the
history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from katerm.core.store import Database, Why

# Where a change came from (``TierChange.source``).
SOURCES = ("edit", "override", "import", "suggestion")


def record_tier_changes(
    conn: Any,
    edits: Sequence[tuple[str, dict[str, Any], dict[str, Any]]],
    *,
    actor_id: str,
    why: Why,
) -> None:
    """Add a history row for each account whose tier changed (the store's observer).

    A plain edit of an account that carries a manual-override reason is recorded as an
    ``override`` with that reason: the reason is why the tier was set by hand.
    """
    from katerm.core import store
    from katerm.core.tiers import SCHEMES, reason_column, tier_column

    rows = []
    for account_id, before, after in edits:
        for scheme in SCHEMES:  # one stored tier per scheme, each with its own history
            column = tier_column(scheme)
            if before.get(column) == after.get(column):
                continue
            source, reason = why.source, why.reason_for(account_id)
            override = str(after.get(reason_column(scheme)) or "")
            if source == "edit" and override:
                source, reason = "override", override
            rows.append(
                store.Change(
                    None,
                    {
                        "owner_id": after["owner_id"],
                        "account_id": account_id,
                        "changed_by": actor_id,
                        "tier_scheme": scheme,
                        "old_tier": before.get(column),
                        "new_tier": after.get(column),
                        "source": source,
                        "reason": reason,
                    },
                    new=True,
                )
            )
    if rows:
        store.apply(conn, "tier_changes", rows, actor_id=actor_id)


@dataclass(frozen=True)
class TierChangeRecord:
    id: str
    changed_at: str  # ISO-8601, UTC
    changed_by: str  # the person's name, else login
    tier_scheme: str
    old_tier: str | None
    new_tier: str | None
    source: str
    reason: str


def tier_history(db: Database, account_id: str) -> list[TierChangeRecord]:
    """An account's tier changes, newest first."""
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT c.id, c.created_at, coalesce(nullif(u.name, ''), u.login, ''), "
            "c.tier_scheme, c.old_tier, c.new_tier, c.source, c.reason FROM tier_changes c "
            "LEFT JOIN users u ON u.id = c.changed_by WHERE c.account_id = ? AND c.deleted = 0 "
            "ORDER BY c.created_at DESC, c.hlc DESC",
            (account_id,),
        ).fetchall()
    return [TierChangeRecord(*row) for row in rows]
