"""The pipeline screen (6) with orders in three currencies: USD converted at the team's rate,
EUR (no rate) listed as not converted and never added as if it were CNY."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Static

from katerm.app.pipeline.screen import PipelineScreen
from katerm.app.widgets.phrases import Phrases
from katerm.core import money
from katerm.core.accounts.edit import save_account
from katerm.core.pipeline import save_opportunity
from tests.app.conftest import settle

MONDAY = date(2026, 3, 2)


@pytest.mark.now(MONDAY.isoformat())
async def test_the_pipeline_says_what_it_converted_and_what_it_could_not(workspace, make_app):
    ws = workspace
    acc = save_account(ws, None, {"name": "Acme Robotics", "tier": "A"})
    for name, amount, currency in [("Yuan", 1_000_000, "CNY"), ("Dollar", 100_000, "USD")]:
        save_opportunity(
            ws, acc, None, {"name": name, "amount": amount, "currency": currency}, today=MONDAY
        )
    save_opportunity(
        ws, acc, None, {"name": "Euro", "amount": 200_000, "currency": "EUR"}, today=MONDAY
    )
    money.set_rate(ws.db, "USD", "7.1", ws.me.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        stages = screen.query_one("#pipeline-stages", Phrases).text
        said = str(screen.query_one("#pipeline-money", Static).render())
    # 1,000,000 CNY + 100,000 USD x 7.1; the EUR 200,000 is not in the lead stage's amount.
    assert "≈ 1,710,000" in stages
    assert "≈ 1,710,000 CNY at your rates" in said
    assert "EUR 200,000 not converted" in said and "rates.EUR" in said
    assert "1,910,000" not in stages + said


async def test_an_empty_pipeline_says_where_opportunities_are_added_whole_at_80(
    workspace, make_app
):
    """A first run: the pipeline said "No opportunities match." (no filter was set), and a
    longer text was cut at the table's edge. Now it says where they are added, wrapped."""
    from katerm.app.widgets.lazy_table import LazyTable

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot, 5)
        table = app.screen.query_one(LazyTable)
        shown = " ".join(table.render_line(y).text.strip() for y in range(2, 6))
    assert "No opportunities yet." in shown
    assert "Opportunities tab (g) and press a." in " ".join(shown.split()), shown


async def test_stuck_only_counts_the_stage_line_over_the_orders_listed(workspace, make_app):
    """Walk s9 §19: with `s` the list showed the stuck orders, and the stage line above it
    still counted every order (121 above a list of 15)."""
    import re

    from katerm.app.widgets.lazy_table import LazyTable
    from katerm.core.demo import generate

    generate(workspace, accounts=60, lang="en")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot, 5)
        screen = app.screen
        assert isinstance(screen, PipelineScreen)

        def stage_counts() -> int:
            text = screen.query_one("#pipeline-stages", Phrases).text
            return sum(int(n.replace(",", "")) for n in re.findall(r"(\d[\d,]*) · ", text))

        everything = stage_counts()
        await pilot.press("s")
        await settle(pilot)
        listed = screen.query_one(LazyTable).row_count
        assert 0 < listed < everything
        assert stage_counts() == listed
        await pilot.press("s")  # off again: the whole picture
        await settle(pilot)
        assert stage_counts() == everything
