"""The month's A-account analysis: accounts and revenue by tier against the year's target, and
the top-tier accounts' risks (stuck orders, uncovered decision makers, overdue gap actions)."""

from __future__ import annotations

import json

import pytest

from katerm.core import store
from katerm.core.pipeline import stuck_opportunities
from katerm.core.team import below
from tests.core.cadence.test_monthly import NOV, TODAY, review

pytestmark = pytest.mark.now("2026-11-27")


def test_tiers_count_accounts_revenue_and_the_months_wins(workspace, risky):
    analysis = review(workspace).accounts
    lines = {line.tier: line for line in analysis.tiers}
    assert set(lines) == {"A", "B"}
    assert (lines["A"].accounts, lines["A"].won_amount) == (1, 100_000)
    assert (lines["B"].accounts, lines["B"].won_amount) == (1, 40_000)
    assert lines["A"].share == pytest.approx(0.5) and lines["A"].target is None


def test_each_tiers_revenue_is_compared_with_its_revenue_target(workspace, risky, cli):
    from katerm.core.errors import ValidationFailed
    from katerm.core.pyramid import save_settings

    def stored() -> int:
        with workspace.db.reading() as conn:
            return conn.execute("SELECT count(*) FROM tier_revenue_targets").fetchone()[0]

    # A bad amount is named by its field and nothing is stored.
    with pytest.raises(ValidationFailed) as info:
        save_settings(workspace, "revenue", workspace.me.id, 2026, {}, {"A": "3"}, {"A": "lots"})
    assert set(info.value.by_field()) == {"revenue.A"} and stored() == 0
    # A revenue target without a count target, in the words the account form takes.
    save_settings(workspace, "revenue", workspace.me.id, 2026, {}, {}, {"A": "2万", "B": ""})
    lines = {line.tier: line for line in review(workspace).accounts.tiers}
    assert lines["A"].revenue_target == 20_000 and lines["A"].target is None
    assert lines["A"].revenue_reached == pytest.approx(lines["A"].revenue / 20_000)
    assert lines["B"].revenue_target is None and lines["B"].revenue_reached is None
    data = json.loads(cli("review", "monthly", "--month", NOV.key, "--format", "json").out)
    tier_a = data["a_accounts"]["tiers"][0]
    assert (tier_a["revenue_target"], tier_a["target"]) == (20_000, None)
    plain = cli("review", "monthly", "--month", NOV.key).out
    assert "Revenue target" in plain and "Revenue vs target" in plain
    # An empty value removes it.
    save_settings(workspace, "revenue", workspace.me.id, 2026, {}, {}, {"A": ""})
    assert review(workspace).accounts.tiers[0].revenue_target is None


def test_only_the_top_tiers_risks_are_named_and_they_agree_with_the_pipeline(workspace, risky):
    li, accounts = risky
    analysis = review(workspace).accounts
    assert analysis.risk_counts == {"stuck": 1, "uncovered": 1, "overdue": 1}
    assert [(r.kind, r.account, r.what) for r in analysis.risks] == [
        ("stuck", "Acme Robotics", "Rollout at Acme Robotics"),
        ("uncovered", "Acme Robotics", "Boss of Acme Robotics"),
        ("overdue", "Acme Robotics", "Dinner at Acme Robotics"),
    ]
    # The pipeline calls both rollouts stuck on the same day: the B one is simply not top tier.
    with workspace.db.reading() as conn:
        stuck = stuck_opportunities(conn, below(conn, workspace.me.id), TODAY)
    assert {s.opportunity for s in stuck} == {
        "Rollout at Acme Robotics",
        "Rollout at Bolt Logistics",
    }
    # Covering the decision maker and closing the action take them off the list.
    with workspace.db.reading() as conn:
        boss, gap = conn.execute(
            "SELECT c.id, g.id FROM contacts c JOIN gap_rows g ON g.contact_id = c.id "
            "WHERE c.account_id = ?",
            (accounts["A"],),
        ).fetchone()
    with workspace.db.writing() as conn:
        store.apply(conn, "contacts", [store.Change(boss, {"covered_by": li})], actor_id=li)
        store.apply(conn, "gap_rows", [store.Change(gap, {"status": "done"})], actor_id=li)
    assert review(workspace).accounts.risk_counts == {"stuck": 1, "uncovered": 0, "overdue": 0}


def test_the_command_carries_the_analysis_in_json_markdown_and_the_table(cli, risky):
    data = json.loads(cli("review", "monthly", "--month", NOV.key, "--format", "json").out)
    assert [t["tier"] for t in data["a_accounts"]["tiers"]] == ["A", "B"]
    assert data["a_accounts"]["risks"]["stuck"]["top"][0]["amount"] == 800_000
    assert data["a_accounts"]["risks"]["overdue"]["top"][0]["due"] == "2026-11-20"
    md = cli("review", "monthly", "--month", NOV.key, "--format", "md").out
    assert "## Top risks of the top-tier accounts" in md and "| Stuck order | Acme" in md
    plain = cli("review", "monthly", "--month", NOV.key, "--lang", "zh_CN").out
    assert "大客户经营分析" in plain and "未覆盖的决策者" in plain


def test_stuck_risks_are_the_same_with_the_reviews_measured_orders_or_without(workspace, risky):
    """The review hands the analysis the open orders it already measured and only the others
    are read again: an order of someone out of view on an A account still counts, and equal
    amounts keep the order they are listed in (account, then as stored)."""
    from katerm.core.cadence import account_analysis
    from katerm.core.pipeline import DEFAULT_RULES
    from tests.core.cadence.conftest import put
    from tests.core.plan_helpers import add_user

    li, accounts = risky
    outsider = add_user(workspace, "zhao", "Zhao", None)  # nobody's report: out of view
    more = [(li, f"Order {n:02d}") for n in range(1, 10)]  # past the ten named
    for owner, name in ((outsider, "Zhao's rollout"), (li, "Second rollout"), *more):
        put(
            workspace,
            "opportunities",
            {
                "owner_id": owner,
                "account_id": accounts["A"],
                "name": name,
                "stage": "opportunity",
                "amount": 800_000,
                "opened_on": "2026-08-01",
                "locked_on": "2026-08-15",
            },
        )
    with workspace.db.reading() as conn:
        alone = account_analysis(
            conn,
            workspace.me.id,
            below(conn, workspace.me.id),
            start=NOV.start,
            end=NOV.end,
            as_of=TODAY,
            rules=DEFAULT_RULES,
        )
    reviewed = review(workspace).accounts
    assert reviewed.risk_counts["stuck"] == alone.risk_counts["stuck"] == 12
    assert reviewed.of("stuck") == alone.of("stuck")
    assert [r.what for r in reviewed.of("stuck")] == [
        "Rollout at Acme Robotics",
        "Zhao's rollout",
        "Second rollout",
        *(f"Order {n:02d}" for n in range(1, 8)),
    ]
    assert {r.owner for r in reviewed.of("stuck")} == {"Li", "Zhao"}
