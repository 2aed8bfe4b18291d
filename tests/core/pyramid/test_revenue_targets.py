"""Revenue targets per tier (issue 20): set beside the count targets, one row per portfolio,
year and tier whoever made it."""

from __future__ import annotations

import pytest

from katerm.core import store
from katerm.core.errors import ValidationFailed
from katerm.core.pyramid import load_revenue_targets, save_settings


def rows(ws) -> list[tuple[str, float, int]]:
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT tier, target, deleted FROM tier_revenue_targets ORDER BY tier"
        ).fetchall()


def test_a_target_set_in_the_settings_edits_the_imported_row_of_its_tier(workspace):
    me = workspace.me.id
    with workspace.db.writing() as conn:  # as an import writes it: an id of its own
        store.insert(
            conn,
            "tier_revenue_targets",
            {"owner_id": me, "year": 2026, "scheme": "revenue", "tier": "B", "target": 1.0},
            actor_id=me,
        )
    save_settings(workspace, "revenue", me, 2026, {}, {}, {"B": "3,000万", "A": "1.2亿"})
    assert rows(workspace) == [("A", 120_000_000, 0), ("B", 30_000_000, 0)]
    with workspace.db.reading() as conn:
        assert load_revenue_targets(conn, me, 2026, "revenue") == {
            "A": 120_000_000,
            "B": 30_000_000,
        }
        assert load_revenue_targets(conn, me, 2027, "revenue") == {}


def test_bad_revenue_targets_are_named_and_nothing_is_saved(workspace):
    me = workspace.me.id
    with pytest.raises(ValidationFailed) as info:
        save_settings(
            workspace,
            "revenue",
            me,
            2026,
            {"A.annual_revenue": "6000000"},
            {},
            {"A": "-5", "B": "x"},
        )
    assert set(info.value.by_field()) == {"revenue.A", "revenue.B"}
    assert rows(workspace) == []
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM tier_thresholds").fetchone()[0] == 0
