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


def test_the_demo_shows_grade_flags_and_growth_suggestions_by_construction(workspace):
    """Issue 17 part 7: sellers' grades make some owners mismatch their tier, and the yearly
    figures give evaluation suggestions exactly where the demo built growers and decliners."""
    from katerm.core.pyramid import grade_flags, judge, serve_rules
    from katerm.core.pyramid.evaluate import year_figures

    generate(workspace, accounts=300, lang="en")
    year = workspace.clock.year()
    query = PyramidQuery(year=year)
    with workspace.db.reading() as conn:
        flags = grade_flags(
            conn, query, workspace.me.id, serve_rules(None), workspace.clock.today()
        )
        found = suggestions(conn, query, workspace.me.id)
        evaluated = [s for s in found if s.basis == "evaluation"]
        ids = [r[0] for r in conn.execute("SELECT id FROM accounts WHERE deleted = 0")]
        figures = year_figures(conn, ids, year - 3, year - 1)
        grades = conn.execute("SELECT count(*) FROM member_grades").fetchone()[0]
        earning = conn.execute(
            "SELECT count(*) FROM accounts WHERE deleted = 0 AND annual_revenue > 0"
        ).fetchone()[0]
    assert grades == 9
    assert flags and {f.grade for f in flags} <= {"new", "experienced", "best"}
    assert {s.direction for s in evaluated} == {"promote", "demote"}
    for s in evaluated:
        verdict = judge("revenue", s.account_id, s.current, figures[s.account_id], year)
        assert verdict is not None and verdict.suggested == s.suggested
        growths = [g for _, g in verdict.growths]
        if s.direction == "promote":
            assert all(g >= 0.25 for g in growths) and verdict.satisfaction >= 4
        else:
            assert all(g < -0.05 for g in growths) and verdict.satisfaction <= 2
    # Every account with revenue has its last three years.
    assert all(len(f) == 3 for f in figures.values()) and len(figures) == earning
