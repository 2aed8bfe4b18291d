"""Thresholds and targets checked before anything is kept; re-tiering; the tier history."""

from __future__ import annotations

import pytest

from katerm.core.accounts.edit import save_account
from katerm.core.accounts.read import get_account
from katerm.core.errors import BadInput, ValidationFailed
from katerm.core.io import import_file
from katerm.core.pyramid.edit import check_thresholds, save_targets, save_thresholds
from katerm.core.pyramid.history import tier_history
from katerm.core.pyramid.read import PyramidQuery
from katerm.core.pyramid.retier import apply_suggestions, suggestions
from katerm.core.pyramid.rules import default_thresholds, load_thresholds
from katerm.i18n import set_language


def outbox(ws):
    with ws.db.reading() as conn:
        return conn.execute("SELECT count(*) FROM outbox").fetchone()[0]


def thresholds(ws, scheme="revenue"):
    with ws.db.reading() as conn:
        return load_thresholds(conn, scheme)


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"B.annual_revenue": "6000000"}, "B.annual_revenue", "below the A threshold (5,000,000)"),
        ({"A.annual_revenue": "2000000"}, "A.annual_revenue", "above the B threshold (3,000,000)"),
        ({"C.annual_revenue": "-1"}, "C.annual_revenue", "0 or more"),
        ({"A.annual_revenue": "lots"}, "A.annual_revenue", "not a number"),
        ({"A.annual_revenue": ""}, "A.annual_revenue", "Required"),
    ],
)
def test_bad_thresholds_are_refused_beside_the_field_and_nothing_changes(
    workspace, values, field, words
):
    before = outbox(workspace)
    with pytest.raises(ValidationFailed) as info:
        save_thresholds(workspace, "revenue", values)
    errors = info.value.by_field()
    assert list(errors) == [field] and words in errors[field]
    assert outbox(workspace) == before
    assert thresholds(workspace) == default_thresholds("revenue")


def test_every_bad_threshold_is_reported_at_once():
    with pytest.raises(ValidationFailed) as info:
        check_thresholds(
            "size",
            {
                "super_large.company_revenue": "x",
                "mid_large.contract_value": "9000000",
                "annual_orders": "1",
            },
        )
    assert set(info.value.by_field()) == {"super_large.company_revenue", "mid_large.contract_value"}
    with pytest.raises(ValidationFailed) as info:
        check_thresholds("fish", {"annual_orders": "2.5", "avg_order_value": "-3"})
    assert set(info.value.by_field()) == {"annual_orders", "avg_order_value"}
    # The dolphin's middle line stays below the whale's high line.
    with pytest.raises(ValidationFailed) as info:
        check_thresholds("fish", {"dolphin.annual_orders": "12"})
    assert set(info.value.by_field()) == {"dolphin.annual_orders"}


@pytest.mark.parametrize(
    ("lang", "orders", "money"),
    [("en", "(20000)", "(1,000,000)"), ("zh_CN", "（20000）", "（100万）")],
)
def test_a_threshold_is_named_in_a_message_as_its_form_shows_it(lang, orders, money):
    """Orders are a plain count (never 2万 orders), money as the user types it."""
    set_language(lang)
    try:
        with pytest.raises(ValidationFailed) as info:
            check_thresholds("fish", {"annual_orders": "20000", "dolphin.annual_orders": "30000"})
        assert orders in info.value.by_field()["dolphin.annual_orders"]
        with pytest.raises(ValidationFailed) as info:
            check_thresholds(
                "fish", {"avg_order_value": "1000000", "dolphin.avg_order_value": "2000000"}
            )
        assert money in info.value.by_field()["dolphin.avg_order_value"]
    finally:
        set_language("en")


def test_thresholds_are_stored_once_per_threshold_and_read_back(workspace):
    save_thresholds(workspace, "fish", {"annual_orders": "24", "avg_order_value": "5万"})
    save_thresholds(workspace, "fish", {"annual_orders": "30"})
    assert thresholds(workspace, "fish") == {
        "avg_order_value": 50_000,
        "dolphin.avg_order_value": 30_000,
        "annual_orders": 30,
        "dolphin.annual_orders": 4,
    }
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM tier_thresholds").fetchone()[0] == 2


def test_bad_targets_and_years_are_refused(workspace):
    with pytest.raises(ValidationFailed) as info:
        save_targets(workspace, workspace.me.id, 2030, "revenue", {"A": "-2", "B": "1.5"})
    assert set(info.value.by_field()) == {"target.A", "target.B"}
    with pytest.raises(BadInput):
        save_targets(workspace, workspace.me.id, "next year", "revenue", {"A": "2"})
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM tier_targets").fetchone()[0] == 0


def test_suggestions_promote_and_demote_with_reasons_and_show_held_accounts(workspace):
    up = save_account(workspace, None, {"name": "Up", "annual_revenue": 5_200_000, "tier": "B"})
    down = save_account(workspace, None, {"name": "Down", "annual_revenue": 2_100_000, "tier": "B"})
    save_account(workspace, None, {"name": "Right", "annual_revenue": 10, "tier": "D"})
    held = save_account(
        workspace,
        None,
        {
            "name": "Held",
            "annual_revenue": 0,
            "tier": "A",
            "tier_override_reason": "Group HQ, high potential",
        },
    )
    with workspace.db.reading() as conn:
        found = suggestions(conn, PyramidQuery(), workspace.me.id)
    assert [(s.account_id, s.current, s.suggested, s.direction, s.held) for s in found] == [
        (up, "B", "A", "promote", False),
        (down, "B", "C", "demote", False),
        (held, "A", "D", "demote", True),
    ]
    assert found[0].reason == "Annual revenue 5,200,000 ≥ 5,000,000"
    assert found[1].reason == "Annual revenue 2,100,000 ≥ 1,000,000, < 3,000,000"
    assert "Group HQ, high potential" in found[2].reason


def test_applying_moves_the_tier_keeps_held_ones_and_writes_the_history(workspace):
    up = save_account(workspace, None, {"name": "Up", "annual_revenue": 5_200_000, "tier": "B"})
    held = save_account(
        workspace,
        None,
        {"name": "Held", "annual_revenue": 0, "tier": "A", "tier_override_reason": "Group HQ"},
    )
    result = apply_suggestions(workspace, "revenue", [up, held])
    assert result.applied == [up] and result.held == 1
    assert get_account(workspace.db, up).tier == "A"
    assert get_account(workspace.db, held).tier == "A"
    [change] = tier_history(workspace.db, up)
    assert (change.old_tier, change.new_tier, change.source, change.changed_by) == (
        "B",
        "A",
        "suggestion",
        "tester",
    )
    assert change.reason == "Annual revenue 5,200,000 ≥ 5,000,000" and change.changed_at
    assert tier_history(workspace.db, held) == []
    # Applying again finds nothing left to do.
    assert apply_suggestions(workspace, "revenue", [up]).unchanged == 1


def test_a_dry_run_changes_nothing(workspace):
    up = save_account(workspace, None, {"name": "Up", "annual_revenue": 5_200_000, "tier": "B"})
    before = outbox(workspace)
    assert apply_suggestions(workspace, "revenue", [up], dry_run=True).applied == [up]
    assert get_account(workspace.db, up).tier == "B" and outbox(workspace) == before


def test_an_account_holds_a_tier_in_every_scheme_and_each_changes_alone(workspace):
    acc = save_account(
        workspace,
        None,
        {
            "name": "X",
            "annual_revenue": 5e6,
            "tier": "partner",
            "tier_scheme": "strategic",
            "tier_override_reason": "key partner",
        },
    )
    # "A" by revenue (computed when saved) and "partner" by hand: two stored truths.
    tiers = get_account(workspace.db, acc).tiers
    assert tiers["revenue"] == ("A", "") and tiers["strategic"] == ("partner", "key partner")
    save_account(workspace, acc, {"annual_revenue": 1e6})
    with workspace.db.reading() as conn:
        [found] = suggestions(conn, PyramidQuery(), workspace.me.id)
    assert (found.current, found.suggested, found.held) == ("A", "C", False)
    apply_suggestions(workspace, "revenue", [acc])
    tiers = get_account(workspace.db, acc).tiers
    assert tiers["revenue"] == ("C", "") and tiers["strategic"] == ("partner", "key partner")


def test_the_strategic_scheme_has_no_suggestions(workspace):
    save_account(workspace, None, {"name": "X", "annual_revenue": 5e6, "tier": "B"})
    with workspace.db.reading() as conn:
        assert suggestions(conn, PyramidQuery(scheme="strategic"), workspace.me.id) == []


def test_every_tier_change_lands_in_the_history_once(workspace, tmp_path):
    acc = save_account(workspace, None, {"name": "Acme", "annual_revenue": 10, "tier": "D"})
    assert tier_history(workspace.db, acc) == []  # creating is not a change
    save_account(workspace, acc, {"tier": "C"})
    save_account(workspace, acc, {"notes": "no tier change"})
    save_account(workspace, acc, {"tier": "B", "tier_override_reason": "Strategic reference"})
    path = tmp_path / "tiers.csv"
    path.write_text("name,tier\nAcme,A\n", encoding="utf-8")
    import_file(workspace, "accounts", path)
    import_file(workspace, "accounts", path)  # the same file again changes nothing
    got = [(c.old_tier, c.new_tier, c.source, c.reason) for c in tier_history(workspace.db, acc)]
    assert got == [
        ("B", "A", "import", str(path)),
        ("C", "B", "override", "Strategic reference"),
        ("D", "C", "edit", ""),
    ]
    with workspace.db.reading() as conn:
        owners = conn.execute("SELECT DISTINCT owner_id FROM tier_changes").fetchall()
    assert owners == [(workspace.me.id,)]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Annual revenue 1,696,500 ≥ 1,000,000, < 3,000,000; Orders 12 ≥ 10"),
        # As the thresholds line says them (≥ 100万) and with Chinese punctuation.
        ("zh_CN", "年销售额 169.65万 ≥ 100万，< 300万；订单数 12 ≥ 10"),
    ],
)
def test_a_suggestions_reason_reads_in_the_users_language(lang, said):
    from katerm.core.pyramid.retier import Fact, describe
    from katerm.i18n import current_language, set_language

    before = current_language()
    set_language(lang)
    try:
        facts = [
            Fact("annual_revenue", 1_696_500, True, 1_000_000),
            Fact("annual_revenue", 1_696_500, False, 3_000_000),
            Fact("annual_orders", 12, True, 10),
        ]
        assert describe(facts) == said
    finally:
        set_language(before)
