"""The pyramid's figures, checked number by number on hand-made accounts, for every scheme."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from katerm.core.accounts.edit import delete_record, save_account
from katerm.core.pyramid.edit import save_targets, save_thresholds
from katerm.core.pyramid.read import PyramidQuery, accounts_in_tier, compute
from katerm.core.pyramid.retier import suggestions
from katerm.core.pyramid.rules import (
    RULES,
    default_thresholds,
    load_thresholds,
    pyramid_tier,
    tier_by_figures,
)
from katerm.core.team import add_members


def add(ws, name, revenue=0, **values):
    return save_account(ws, None, {"name": name, "annual_revenue": revenue, **values})


def figures(ws, **query):
    with ws.db.reading() as conn:
        return compute(conn, PyramidQuery(**{"year": ws.clock.year(), **query}), ws.me.id)


def table(pyramid):
    """tier -> (count, revenue) for a compact comparison."""
    return {f.tier: (f.count, f.revenue) for f in pyramid.tiers}


def test_revenue_scheme_boundaries_counts_shares_and_revenue(workspace):
    for name, revenue in [
        ("a-exact", 5_000_000),
        ("b-top", 4_999_999.99),
        ("b-exact", 3_000_000),
        ("c-top", 2_999_999),
        ("c-exact", 1_000_000),
        ("d-top", 999_999),
        ("d-zero", 0),
        ("a-big", 20_000_000),
    ]:
        add(workspace, name, revenue)
    p = figures(workspace, scheme="revenue")
    assert table(p) == {
        "A": (2, 25_000_000),
        "B": (2, 7_999_999.99),
        "C": (2, 3_999_999),
        "D": (2, 999_999),
    }
    total = 25_000_000 + 7_999_999.99 + 3_999_999 + 999_999
    assert p.count == 8 and p.revenue == pytest.approx(total)
    a = p.tiers[0]
    assert a.count_share == 0.25 and a.revenue_share == pytest.approx(25_000_000 / total)
    assert sum(f.count_share for f in p.tiers) == pytest.approx(1)
    assert sum(f.revenue_share for f in p.tiers) == pytest.approx(1)
    assert all(f.target is None and f.gap is None for f in p.tiers)
    # Lifecycle: empty means customer when they buy, prospect when they do not.
    assert p.tiers[3].lifecycle == {"prospect": 1, "customer": 1, "loyal": 0, "former": 0}


def test_fish_scheme_splits_price_and_volume_at_the_lines(workspace):
    cases = {
        "whale-exact": (1_200_000, 12),  # price 100,000 and 12 orders: both lines met
        "shark": (1_199_988, 12),  # price 99,999
        "dolphin": (200_000, 2),  # price 100,000, few orders
        "minnow": (50_000, 1),
        "no-orders": (300_000, 0),  # price 0 without orders
        "shark-free": (0, 20),
    }
    for name, (revenue, orders) in cases.items():
        add(workspace, name, revenue, annual_orders=orders)
    p = figures(workspace, scheme="fish")
    assert table(p) == {
        "whale": (1, 1_200_000),
        "dolphin": (1, 200_000),
        "shark": (2, 1_199_988),
        "minnow": (2, 350_000),
    }
    assert [f.count_share for f in p.tiers] == [1 / 6, 1 / 6, 2 / 6, 2 / 6]


def test_strategic_scheme_counts_hand_set_tiers_and_the_rest_as_untiered(workspace):
    add(workspace, "s1", 100, tier_scheme="strategic", tier="战略客户")
    add(workspace, "s2", 300, tier_scheme="strategic", tier="partner")
    add(workspace, "s3", 0, tier_scheme="strategic")
    add(workspace, "r1", 600, tier="A")  # tiered in another scheme
    p = figures(workspace, scheme="strategic")
    assert table(p) == {
        "strategic": (1, 100),
        "partner": (1, 300),
        "commercial": (0, 0),
        "general": (0, 0),
        None: (2, 600),
    }
    assert p.tiers[-1].revenue_share == 0.6


def test_size_scheme_needs_both_the_customers_revenue_and_our_contract(workspace):
    cases = {
        "super-exact": (3e9, 5e6),
        "mid-by-contract": (3e9, 4_999_999),
        "mid-exact": (1e9, 3e6),
        "large-exact": (3e8, 1e6),
        "none-by-revenue": (299_999_999, 1e7),
        "none": (0, 0),
    }
    for name, (company, contract) in cases.items():
        add(workspace, name, 1000, company_revenue=company, contract_value=contract)
    p = figures(workspace, scheme="size")
    assert {f.tier: f.count for f in p.tiers} == {
        "super_large": 1,
        "mid_large": 2,
        "large": 1,
        None: 2,
    }


@pytest.mark.parametrize("scheme", list(RULES))
def test_no_accounts_gives_zeros_not_errors(workspace, scheme):
    p = figures(workspace, scheme=scheme)
    assert p.count == 0 and p.revenue == 0
    assert [f.tier for f in p.tiers] == list(RULES[scheme].tiers)
    assert all(f.count == 0 and f.count_share == 0 and f.revenue_share == 0 for f in p.tiers)


def test_one_account_holds_the_whole_pyramid(workspace):
    add(workspace, "only", 3_000_000)
    p = figures(workspace)
    assert [(f.tier, f.count, f.count_share, f.revenue_share) for f in p.tiers] == [
        ("A", 0, 0, 0),
        ("B", 1, 1.0, 1.0),
        ("C", 0, 0, 0),
        ("D", 0, 0, 0),
    ]


def test_zero_revenue_everywhere_gives_zero_revenue_shares(workspace):
    add(workspace, "p1", 0)
    add(workspace, "p2", 0)
    p = figures(workspace)
    assert table(p)["D"] == (2, 0) and all(f.revenue_share == 0 for f in p.tiers)


def test_deleted_accounts_are_not_counted(workspace):
    keep = add(workspace, "keep", 6_000_000)
    gone = add(workspace, "gone", 6_000_000)
    add(workspace, "small", 10)
    delete_record(workspace, "accounts", gone)
    assert table(figures(workspace))["A"] == (1, 6_000_000)
    with workspace.db.reading() as conn:
        listed = accounts_in_tier(conn, PyramidQuery(), workspace.me.id, "A")
    assert [a.id for a in listed] == [keep]


def test_a_manual_override_keeps_the_account_in_its_own_tier(workspace):
    add(workspace, "potential", 0, tier="B", tier_override_reason="No revenue yet, high potential")
    add(workspace, "plain", 0, tier="B")
    p = figures(workspace)
    # Both carry B: the pyramid counts the stored tier, as the list and the exports show it.
    assert table(p)["B"] == (2, 0) and table(p)["D"] == (0, 0)
    # The plain one's figures say D: a re-tier suggestion; the override is shown, held.
    with workspace.db.reading() as conn:
        found = {s.name: s for s in suggestions(conn, PyramidQuery(), workspace.me.id)}
    assert found["plain"].suggested == "D" and not found["plain"].held
    assert found["potential"].held
    # In another scheme (no stored tier there) the figures decide.
    assert table(figures(workspace, scheme="fish"))["minnow"] == (2, 0)


def test_a_new_account_is_saved_with_its_computed_tier(workspace):
    from katerm.core.accounts.read import get_account

    new = add(workspace, "new", 5_000_000)  # no tier given
    assert get_account(workspace.db, new).tier == "A"
    assert table(figures(workspace))["A"] == (1, 5_000_000)


def test_changed_thresholds_change_the_suggestions_not_the_stored_tier(workspace):
    add(workspace, "x", 4_000_000)
    assert table(figures(workspace))["B"] == (1, 4_000_000)
    save_thresholds(workspace, "revenue", {"A.annual_revenue": "400万"})
    p = figures(workspace)
    assert table(p)["B"] == (1, 4_000_000) and p.thresholds["A.annual_revenue"] == 4_000_000
    with workspace.db.reading() as conn:
        (s,) = suggestions(conn, PyramidQuery(), workspace.me.id)
    assert (s.name, s.current, s.suggested) == ("x", "B", "A")


def test_targets_and_gaps_per_portfolio_and_year(workspace):
    for i in range(3):
        add(workspace, f"d{i}", 10)
    save_targets(workspace, workspace.me.id, 2031, "revenue", {"A": "2", "D": "1", "B": ""})
    p = figures(workspace, year=2031)
    assert [(f.tier, f.target, f.gap) for f in p.tiers] == [
        ("A", 2, 2),
        ("B", None, None),
        ("C", None, None),
        ("D", 1, -2),
    ]
    assert all(f.target is None for f in figures(workspace, year=2030).tiers)
    # Targets cover a whole portfolio: a region's slice has none to compare with.
    assert all(f.target is None for f in figures(workspace, year=2031, region="x").tiers)
    save_targets(workspace, workspace.me.id, 2031, "revenue", {"A": ""})
    assert figures(workspace, year=2031).tiers[0].target is None


def test_a_lead_sees_their_sellers_and_a_seller_only_their_own(workspace):
    me = workspace.me.id
    with workspace.db.writing() as conn:
        lead = add_members(conn, ["lead"], manager_id=me, actor_id=me)["lead"]
        seller = add_members(conn, ["seller"], manager_id=lead, actor_id=me)["seller"]
        other = add_members(conn, ["other"], manager_id=me, actor_id=me)["other"]
    add(workspace, "mine", 6_000_000)
    add(workspace, "lead's", 4_000_000, owner_id=lead)
    add(workspace, "seller's", 2_000_000, owner_id=seller)
    add(workspace, "other's", 500, owner_id=other)
    assert figures(workspace).count == 4
    assert table(figures(workspace, owner_id=lead)) == {
        "A": (0, 0),
        "B": (1, 4_000_000),
        "C": (1, 2_000_000),
        "D": (0, 0),
    }
    assert figures(workspace, owner_id=seller).count == 1


def test_filters_by_region_industry_and_lifecycle(workspace):
    add(workspace, "e1", 6e6, region="East", industry="Retail", lifecycle="loyal")
    add(workspace, "e2", 10, region="East", industry="Energy")
    add(workspace, "w1", 10, region="West", industry="Retail")
    assert figures(workspace, region="East").count == 2
    assert figures(workspace, region="East", industry="Retail").count == 1
    assert table(figures(workspace, lifecycle="loyal")) == {
        "A": (1, 6e6),
        "B": (0, 0),
        "C": (0, 0),
        "D": (0, 0),
    }


# --- the SQL agrees with the Python reference on any data ----------------------------------

money = st.sampled_from([0, 1, 999_999, 1e6, 2_999_999.99, 3e6, 5e6, 12e6, 3e8, 1e9, 3e9])
account = st.fixed_dictionaries(
    {
        "annual_revenue": money,
        "contract_value": money,
        "company_revenue": money,
        "annual_orders": st.sampled_from([0, 1, 2, 11, 12, 13, 50]),
        "tier_scheme": st.sampled_from(list(RULES)),
        "held": st.booleans(),
        "lifecycle": st.sampled_from(["prospect", "customer", "loyal"]),
    }
)


def saved_tiers(row, scheme):
    """An account's stored tier in ``scheme`` when saved with ``row`` in another scheme."""
    from katerm.core.tiers import tier_column

    if RULES[scheme].kind == "manual":
        return {}
    return {tier_column(scheme): tier_by_figures(scheme, default_thresholds(scheme), row)}


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    accounts=st.lists(account, max_size=12),
    scale=st.sampled_from([0.5, 1.0, 3.0]),
    deleted=st.integers(0, 3),
)
def test_the_sql_agrees_with_the_python_reference(workspace, accounts, scale, deleted):
    # Each example gets a seller of its own and looks at that seller's portfolio only.
    me = workspace.me.id
    with workspace.db.writing() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM users").scalar_one()
        seller = add_members(conn, [f"seller{count}"], manager_id=me, actor_id=me)
    owner = seller[f"seller{count}"]
    rows = []
    for i, values in enumerate(accounts):
        scheme = values["tier_scheme"]
        tiers = RULES[scheme].tiers
        row = {k: v for k, v in values.items() if k != "held"}
        row["tier"] = tiers[i % len(tiers)]
        row["tier_override_reason"] = "by hand" if values["held"] else ""
        rows.append((add(workspace, f"{owner} {i}", owner_id=owner, **row), row))
    gone = {row_id for row_id, _ in rows[:deleted]}
    for row_id in gone:
        delete_record(workspace, "accounts", row_id)
    for scheme in RULES:
        thresholds = {k: v * scale for k, v in default_thresholds(scheme).items()}
        with workspace.db.reading() as conn:
            p = compute(
                conn,
                PyramidQuery(scheme=scheme, owner_id=owner, year=2026),
                me,
                thresholds=thresholds,
            )
        expected: dict = {}
        for row_id, row in rows:
            if row_id in gone:
                continue
            # The stored truth: the tier given in its own scheme, the figures' tier (with the
            # thresholds of the day it was saved, the defaults) in every other computed one.
            # Preview thresholds (``scale``) move no account: they only make suggestions.
            if row["tier_scheme"] == scheme:
                tier = row["tier"]
            else:
                tier = pyramid_tier(scheme, thresholds, saved_tiers(row, scheme))
            n, revenue = expected.get(tier, (0, 0))
            expected[tier] = (n + 1, revenue + row["annual_revenue"])
        got = {k: v for k, v in table(p).items() if v[0]}
        assert {k: n for k, (n, _) in got.items()} == {k: n for k, (n, _) in expected.items()}, (
            scheme
        )
        for tier, (_, revenue) in expected.items():
            assert got[tier][1] == round(revenue, 2), (scheme, tier)
        assert p.count == sum(n for n, _ in expected.values())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    figures=st.fixed_dictionaries(
        {
            "annual_revenue": st.sampled_from([0, 999_999, 1_000_000, 3_000_000, 5e6, 1.2e9]),
            "annual_orders": st.integers(0, 40),
            "contract_value": st.sampled_from([0, 1_000_000, 2_999_999, 3e6, 5e6]),
            "company_revenue": st.sampled_from([0, 3e8, 1e9, 3e9]),
        }
    )
)
def test_the_rule_saving_and_import_use_gives_the_reference_tiers(workspace, figures):
    from katerm.core.pyramid.rules import figures_tier_rule

    save_thresholds(workspace, "revenue", {"B.annual_revenue": "250万"})
    with workspace.db.reading() as conn:
        tiers = figures_tier_rule(conn)(figures)
        expected = {
            scheme: tier_by_figures(scheme, load_thresholds(conn, scheme), figures)
            for scheme, rule in RULES.items()
            if rule.kind != "manual"
        }
    assert tiers == {s: t for s, t in expected.items() if t is not None}
