"""The demo fills the pyramid: figures for every scheme, overrides with reasons, targets."""

from __future__ import annotations

from katerm.core.demo import generate
from katerm.core.demo.portfolio import THRESHOLDS
from katerm.core.pyramid.read import PyramidQuery, compute
from katerm.core.pyramid.retier import suggestions
from katerm.core.pyramid.rules import RULES, default_thresholds


def test_the_demo_uses_the_pyramids_default_thresholds():
    assert dict(THRESHOLDS) == {
        **{k.split(".")[0]: v for k, v in default_thresholds("revenue").items()},
        "D": 0.0,
    }


def test_a_new_user_sees_a_populated_pyramid(workspace):
    generate(workspace, accounts=600, lang="zh_CN")
    year = workspace.clock.year()
    with workspace.db.reading() as conn:
        pyramid = compute(conn, PyramidQuery(year=year), workspace.me.id)
        held = conn.execute(
            "SELECT a.id, a.tier_revenue, a.tier_revenue_reason, c.new_tier, c.reason, "
            "c.source FROM accounts a JOIN tier_changes c ON c.account_id = a.id "
            "WHERE a.tier_revenue_reason != ''"
        ).fetchall()
        overrides = conn.execute(
            "SELECT count(*) FROM accounts WHERE tier_revenue_reason != ''"
        ).fetchone()[0]
        found = suggestions(conn, PyramidQuery(), workspace.me.id)
        fish = compute(conn, PyramidQuery(scheme="fish", year=year), workspace.me.id)
        size = compute(conn, PyramidQuery(scheme="size", year=year), workspace.me.id)
    assert pyramid.count == 600 and pyramid.year == year == 2026
    assert all(f.target is not None and f.target > 0 for f in pyramid.tiers)
    assert pyramid.tiers[0].target > pyramid.tiers[0].count  # plan more A accounts
    # A few overrides, each with its reason in the tier history.
    assert 2 <= overrides <= 30 and len(held) == overrides
    assert all(
        tier == new and reason == why and source == "override"
        for _, tier, reason, new, why, source in held
    )
    assert any(s.held for s in found) and any(not s.held for s in found)
    for scheme in (fish, size):
        assert sum(f.count > 0 for f in scheme.tiers) >= 3, scheme.query.scheme
    assert [f.tier for f in pyramid.tiers] == list(RULES["revenue"].tiers)
