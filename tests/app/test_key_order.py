"""Keys typed faster than the app draws reach the screen they were typed for, in order."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from katerm.app.reviews.log_activity import LogActivityScreen
from tests.app.conftest import settle


def type_at_once(app, *keys: str) -> None:
    """Keys as a fast typist sends them: all in the app's queue before it handles the first."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_typed_right_after_l_go_to_the_log_dialog(workspace, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        underneath = app.screen
        type_at_once(app, "l", "S", "k", "y")
        await settle(pilot)
        assert isinstance(app.screen, LogActivityScreen)
        assert app.screen.query_one("#input-account", Input).value == "Sky"
        assert app.screen_stack[-2] is underneath


async def test_keys_typed_at_once_keep_their_order(workspace, sample, make_app):
    """Held keys go on in the order typed: a search typed at full speed reads as typed."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        type_at_once(app, "slash", *"north")
        await settle(pilot)
        assert app.focused is not None and isinstance(app.focused, Input)
        assert app.focused.value == "north"


async def test_keys_typed_right_after_enter_on_a_row_go_to_the_form_it_opens(workspace, make_app):
    """Enter on an opportunity (the account's Opportunities tab) opens its form through a
    message (the table's row selected, bubbling to the tab): keys typed at once after it reach
    the form, none of them the table underneath."""
    from datetime import date

    from textual.widgets import DataTable, TabbedContent

    from katerm.app.widgets.form_dialog import FormDialog
    from katerm.core.accounts.edit import save_account
    from katerm.core.pipeline import save_opportunity

    acc = save_account(workspace, None, {"name": "Skyhaven", "tier": "A"})
    save_opportunity(workspace, acc, None, {"name": "ERP"}, today=date(2026, 11, 27))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(TabbedContent).active = "tab-opportunities"
        await settle(pilot, 5)
        app.screen.query_one("#tab-opportunities").query_one(DataTable).focus()
        await settle(pilot)
        type_at_once(app, "enter", "end", "v", "2")
        await settle(pilot, 5)
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#input-name", Input).value == "ERPv2"
