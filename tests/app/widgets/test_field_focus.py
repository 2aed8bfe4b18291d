"""A field entered to edit a record keeps its text: the first key typed adds to it.

The walk opened an opportunity with Enter and pressed a key from the tab's hint line; the
name field, focused with its text selected, became that one letter, and one more Enter saved
it. Fields now show their caret at the end, nothing selected."""

from __future__ import annotations

from textual.widgets import Input

from tests.app.conftest import settle


async def test_typing_in_a_focused_field_adds_to_its_value(workspace, sample, make_app):
    from katerm.app.accounts.account import AccountScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountScreen)
        for field in ("#input-name", "#input-industry"):
            control = screen.query_one(field, Input)
            before = control.value
            assert before
            control.focus()
            await settle(pilot)
            await pilot.press("x")
            assert control.value == before + "x", field
