"""Walk s9 §23: Esc on screens 2-7 with no dialog, filter or tab to leave did nothing and said
nothing, while the README's key table says Esc goes back. Now it says there is nothing to
close and which key reaches the accounts list, in the user's language."""

from __future__ import annotations

import pytest

from tests.app.conftest import settle

WORDS = {
    "en": "Nothing to close here. 1 goes to the accounts list.",
    "zh_CN": "这里没有可关闭的内容。按 1 回到客户列表。",
}
HERE = {"en": "Nothing to close here.", "zh_CN": "这里没有可关闭的内容。"}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_esc_with_nothing_to_close_says_so_on_every_top_screen(
    workspace, sample, make_app, lang
):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in "234567":
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            app.clear_notifications()
            await pilot.press("escape")
            await settle(pilot)
            said = [n.message for n in app._notifications]
            assert app.screen is screen and said == [WORDS[lang]], (key, said)


async def test_esc_still_clears_the_pipeline_filter_and_leaves_the_pyramid_tab_first(
    workspace, sample, make_app
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "right_square_bracket")
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("escape")  # back to the first tab, quietly
        await settle(pilot)
        assert app.screen.active_tab == "tab-figures" and not app._notifications
        await pilot.press("6", "s")
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("escape")  # the stuck filter goes, quietly
        await settle(pilot)
        assert not app.screen.filters.stuck and not app._notifications


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_esc_on_the_accounts_list_clears_the_search_then_says_nothing_to_close(
    workspace, sample, make_app, lang
):
    """Walk s9b item 10: with no search to clear, the list's Esc swallowed the key silently."""
    from textual.widgets import Input

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", "x")
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("escape")  # clears the search, quietly
        await settle(pilot)
        assert screen.query_one("#search", Input).value == "" and not app._notifications
        await pilot.press("escape")  # nothing left to clear
        await settle(pilot)
        said = [n.message for n in app._notifications]
        # Not "1 goes to the accounts list": this is the list (the third walk).
        assert app.screen is screen and said == [HERE[lang]], said
