"""A revenue in another currency is converted before it meets the thresholds (which are in
the team's base); without a rate no tier is guessed, and the re-tier suggestion says why."""

from __future__ import annotations

from katerm.core import money
from katerm.core.accounts.edit import save_account
from katerm.core.accounts.read import get_account
from katerm.core.pyramid import PyramidQuery, apply_suggestions, load_suggestions


def test_a_new_account_is_tiered_on_its_converted_revenue(workspace):
    ws = workspace
    money.set_rate(ws.db, "USD", "7.1", ws.me.id)
    # 1M USD = 7.1M CNY: A (≥ 5M); as if it were CNY it would be C.
    dollars = save_account(ws, None, {"name": "Dollars", "annual_revenue": 1e6, "currency": "USD"})
    assert get_account(ws.db, dollars).tier == "A"
    euros = save_account(ws, None, {"name": "Euros", "annual_revenue": 1e6, "currency": "EUR"})
    assert get_account(ws.db, euros).tier is None  # no rate: no tier guessed


def test_no_rate_is_a_suggestion_that_says_why_and_is_never_applied(workspace):
    ws = workspace
    euros = save_account(
        ws, None, {"name": "Euros", "annual_revenue": 1e6, "currency": "EUR", "tier": "B"}
    )
    found = load_suggestions(ws.db, PyramidQuery(), ws.me.id)
    [only] = [s for s in found if s.account_id == euros]
    assert only.held and only.suggested is None
    assert "EUR" in only.reason and "no rate" in only.reason
    result = apply_suggestions(ws, "revenue", [euros])
    assert result.applied == [] and result.held == 1
    assert get_account(ws.db, euros).tier == "B"
    # With a rate the figures speak: 1M EUR x 7.8 = 7.8M CNY, A.
    money.set_rate(ws.db, "EUR", "7.8", ws.me.id)
    [only] = [s for s in load_suggestions(ws.db, PyramidQuery(), ws.me.id) if s.account_id == euros]
    assert (only.suggested, only.held) == ("A", False)
    assert apply_suggestions(ws, "revenue", [euros]).applied == [euros]
    assert get_account(ws.db, euros).tier == "A"


def test_imported_accounts_are_tiered_on_their_converted_revenue(workspace, cli, tmp_path):
    ws = workspace
    money.set_rate(ws.db, "USD", "7.1", ws.me.id)
    file = tmp_path / "accounts.csv"
    file.write_text(
        "name,annual_revenue,currency\nDollars,1000000,USD\nEuros,1000000,EUR\nYuan,1000000,CNY\n",
        encoding="utf-8",
    )
    assert cli("import", "accounts", str(file)).code == 0
    with ws.db.reading() as conn:
        tiers = dict(conn.execute("SELECT name, tier_revenue FROM accounts"))
    assert tiers == {"Dollars": "A", "Euros": None, "Yuan": "C"}
