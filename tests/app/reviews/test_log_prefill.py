"""`l` logs an activity for the account of the highlighted row, wherever the list is."""

from __future__ import annotations

from textual.widgets import Input

from katerm.app.reviews.log_activity import LogActivityScreen
from tests.app.conftest import settle


async def test_l_on_the_accounts_list_is_for_the_highlighted_account(workspace, sample, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        highlighted = []
        for _ in range(2):
            await pilot.press("down")
            await settle(pilot)
            highlighted.append(app.screen.highlighted_account())
            await pilot.press("l")
            await settle(pilot)
            assert isinstance(app.screen, LogActivityScreen)
            name = app.screen.query_one("#input-account", Input).value
            assert name and app.screen.account_id == highlighted[-1]
            await pilot.press("escape")  # nothing typed: closes without asking
            await settle(pilot)
        assert highlighted[0] != highlighted[1]
