"""Column widths come from the values and the terminal: names first, essentials kept."""

from __future__ import annotations

from katerm.app.pipeline.screen import pipeline_columns
from katerm.app.widgets.lazy_table import Column, fit_columns

# The pipeline's values in English: a long account name, the "⚠ Stuck +57" order state.
PIPELINE = {
    "name": 22,
    "account": 30,
    "stage": 11,
    "amount": 9,
    "order_state": 11,
    "expected_close": 10,
    "probability": 4,
    "owner": 15,
}


def widths(columns: list[Column], width: int, content: dict[str, int]) -> dict[str, int]:
    return {c.key: w for c, w in fit_columns(columns, width, content)}


def test_at_80_columns_the_pipeline_keeps_the_stuck_column_and_drops_optional_ones():
    shown = widths(pipeline_columns(), 78, PIPELINE)
    assert list(shown) == ["name", "account", "stage", "amount", "order_state"]
    assert shown["order_state"] >= PIPELINE["order_state"]  # "⚠ Stuck +57" whole


def test_at_120_columns_nothing_is_padded_while_a_name_is_cut():
    shown = widths(pipeline_columns(), 118, PIPELINE)
    for key in ("stage", "amount", "order_state", "expected_close"):
        assert shown[key] <= max(PIPELINE[key], 10), key  # as wide as the values or header
    assert shown["name"] >= 22 and shown["account"] >= 24
    assert "probability" not in shown  # the least important gave way to the account name


def test_spare_room_goes_to_the_names_and_short_values_take_less_than_their_minimum():
    columns = [
        Column("name", "Name", 20, priority=0, grow=3),
        Column("region", "Region", 12, priority=6),
    ]
    shown = widths(columns, 60, {"name": 10, "region": 4})
    assert shown["region"] == len("Region")  # the header, not the minimum of 12
    assert shown["name"] == 60 - 4 - len("Region")


def test_without_values_the_minimum_widths_apply():
    columns = [Column("name", "Name", 20, priority=0, grow=1), Column("x", "X", 8, priority=1)]
    assert widths(columns, 40, {}) == {"name": 40 - 4 - 8, "x": 8}


# The gaps table's values in the demo (English): an owner is a person's name, read only whole.
GAPS = {
    "person": 16,
    "account": 42,
    "tier": 1,
    "role": 14,
    "influence": 3,
    "level": 3,
    "gap": 1,
    "dims": 30,
    "owner": 15,
    "action": 55,
    "due": 11,
    "status": 8,
    "trend": 5,
}


def test_at_120_columns_the_gap_owner_is_shown_whole_before_the_long_texts_grow():
    # It was cut to "Danie…" while the account and the next action took all the room.
    from katerm.app.gaps.table import ACTION_ROOM, gap_columns

    shown = widths(gap_columns(one_account=False), 118, GAPS)
    assert shown["owner"] >= GAPS["owner"]
    assert shown["person"] >= GAPS["person"]
    # The tier was left out to give the owner room; the next action gives a few cells now
    # (the row's detail line shows it in full).
    assert "tier" in shown and shown["account"] >= 24 and shown["action"] >= ACTION_ROOM
    assert "due" in shown


def test_on_an_accounts_gaps_tab_at_80_columns_the_owner_reads_whole():
    """ "Steven Ha…": the next action grew to a name's room before the owner got its width."""
    from katerm.app.gaps.table import gap_columns

    for person in (13, 14, 15, 16, 18):  # one account's people: "Jacob Jackson" is 13
        shown = widths(gap_columns(one_account=True), 78, {**GAPS, "person": person, "owner": 16})
        assert shown.get("owner", 16) >= 16, person  # whole, or hidden: never "Steven Ha…"
        assert "tier" not in shown and "account" not in shown  # the same on every row
        assert shown["action"] >= 16 and "due" in shown
    assert (
        widths(gap_columns(one_account=True), 78, {**GAPS, "person": 13, "owner": 16}).get("owner")
        == 16
    )


def test_at_80_columns_the_gap_owner_gives_way_to_the_names():
    from katerm.app.gaps.table import gap_columns

    shown = widths(gap_columns(one_account=False), 78, GAPS)
    assert "owner" not in shown  # optional: hidden rather than "Danie…" beside cut names
    assert shown["person"] >= 12 and "due" in shown


def test_a_cut_short_name_hides_the_less_important_optional_columns_only():
    columns = [
        Column("name", "Name", 10, priority=0, grow=2),
        Column("owner", "Owner", 6, priority=5, whole=True),
        Column("trend", "Trend", 5, priority=6),
    ]
    shown = widths(columns, 40, {"name": 20, "owner": 15, "trend": 5})
    assert shown == {"name": 21, "owner": 15}  # the trend gave its room to the owner


def test_nothing_is_hidden_for_a_short_name_that_would_still_be_cut():
    columns = [
        Column("name", "Name", 10, priority=0, grow=2),
        Column("owner", "Owner", 6, priority=5, whole=True),
        Column("trend", "Trend", 5, priority=6),
    ]
    shown = widths(columns, 34, {"name": 10, "owner": 30, "trend": 5})
    assert "trend" in shown  # hiding it would not show the owner whole either


def test_at_80_columns_the_accounts_owner_reads_whole():
    """Screen 1, "Robert Thom…" at 80 columns: the owner is a name, read whole; the industry
    (cut to "Food &…" anyway) gives way."""
    from katerm.app.accounts.screen import account_columns

    content = {"name": 45, "tier": 1, "lifecycle": 8, "industry": 20, "region": 12}
    content |= {"annual_revenue": 10, "owner": 16, "last_activity": 10}
    shown = widths(account_columns(), 78, content)
    assert shown["owner"] == 16 and shown["name"] >= 24 and "annual_revenue" in shown
    assert "industry" not in shown


def test_at_80_columns_a_re_tier_suggestions_owner_reads_whole():
    from katerm.app.pyramid.suggestions import suggestion_columns

    content = {"name": 45, "change": 5, "owner": 15, "reason": 70}
    shown = widths(suggestion_columns(), 78, content)
    assert shown["owner"] == 15 and shown["name"] >= 24 and shown["reason"] >= 14


# The accounts list's values in the English demo: long company names, "Information technology".
ACCOUNTS = {"name": 45, "tier": 1, "lifecycle": 8, "industry": 22, "region": 15}
ACCOUNTS |= {"annual_revenue": 10, "owner": 15, "last_activity": 10}


def test_at_120_columns_the_industry_is_not_cut_to_its_header_while_the_name_grows():
    """Screen 1 at 120 columns (English): the name took every spare cell past its header's
    width, and every industry was cut to 7 cells ("Food &…", "Financi…")."""
    from katerm.app.accounts.screen import account_columns

    shown = widths(account_columns(), 118, ACCOUNTS)
    assert shown["name"] >= 24  # the names keep NAME_ROOM
    assert shown["industry"] >= len("Food & beverage")
    wide = widths(account_columns(), 140, ACCOUNTS)
    assert wide["industry"] == ACCOUNTS["industry"] and wide["region"] == ACCOUNTS["region"]
    assert wide["name"] > 24  # and the names take what is left
