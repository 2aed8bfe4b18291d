"""Thirteen account tabs at 80×24: ``g`` lists every tab by its full name and goes to the one
chosen; the heading says so when the tab bar cannot show them all."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static, TabbedContent

from katerm.app.accounts.account import AccountScreen
from katerm.app.widgets.choose import ChoiceScreen
from tests.app.conftest import settle


async def _open_first(pilot):
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AccountScreen)
    return pilot.app.screen


@pytest.mark.parametrize(("lang", "last"), [("en", "Routines"), ("zh_CN", "例行动作")])
async def test_g_lists_every_tab_and_goes_to_the_one_chosen(sample, make_app, lang, last):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(pilot)
        heading = str(screen.query_one("#heading", Static).render())
        assert "g:" in heading.replace("：", ":") and "14" in heading  # how to see them all
        await pilot.press("g")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ChoiceScreen)
        options = picker.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(14)]
        assert options.option_count == 14 and labels[-1].endswith(last)
        assert options.highlighted == 0  # on the tab shown (the details)
        await pilot.press("end", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(TabbedContent).active == "tab-routines"
        await pilot.press("g", "escape")  # Esc: stays where it was
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(TabbedContent).active == "tab-routines"
        await pilot.press("left_square_bracket")  # [ and ] still step
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "tab-competitors"


async def test_wide_terminal_shows_every_tab_so_no_hint(sample, make_app):
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await _open_first(pilot)
        assert "14" not in str(screen.query_one("#heading", Static).render())


async def test_a_new_account_says_why_g_cannot_list_tabs(workspace, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # the welcome screen: the first account
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountScreen)
        screen.set_focus(None)
        await pilot.press("g")
        await settle(pilot)
        assert app.screen is screen
        assert any("save it" in n.message for n in app._notifications)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_tab_picker_snapshot(snap_compare, sample, make_app, lang, size):
    async def pick(pilot):
        await _open_first(pilot)
        await pilot.press("right_square_bracket", "g")
        await settle(pilot)

    assert snap_compare(make_app(lang), terminal_size=size, run_before=pick)


async def test_no_tab_opens_with_a_text_field_selected_for_the_next_key(sample, make_app):
    """Walk s9 §2: a tab that focused a text field on opening selected its text, so the next
    screen key replaced it; every tab leaves the fields until Tab goes in."""
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_first(pilot)
        seen = []
        for _ in range(14):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            if isinstance(app.focused, Input):
                seen.append((screen.query_one(TabbedContent).active, app.focused.id))
        assert seen == []


async def test_typing_a_tabs_number_in_the_list_goes_to_it(sample, make_app):
    """Walk s9 §25: the list numbers the tabs 1-14, and typing a number did nothing."""
    from katerm.app.widgets.tabs import open_tabs

    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_first(pilot)
        tabs = screen.query_one(TabbedContent)
        ids = open_tabs(tabs)
        await pilot.press("g", "5")  # no 50: the fifth at once
        await settle(pilot)
        assert app.screen is screen and tabs.active == ids[4]
        await pilot.press("g", "1", "2")  # 1 could begin 10-14: the second digit says
        await settle(pilot)
        assert app.screen is screen and tabs.active == ids[11]
        await pilot.press("g", "1")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.query_one(OptionList).highlighted == 0
        await pilot.press("enter")  # 1 and Enter: the first
        await settle(pilot)
        assert app.screen is screen and tabs.active == ids[0]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "1–14 goes there · Enter Choose · Esc Cancel"),
        ("zh_CN", "1–14 直接前往 · Enter 选择 · Esc 取消"),
    ],
)
async def test_the_list_says_a_number_goes_to_its_tab(sample, make_app, lang, said):
    """The third walk read "Enter 选择" and pressed Enter after a number that had already gone
    to the tab: the Enter then opened a record there."""
    from textual.widgets import Static

    app = make_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert str(app.screen.query_one("#choice-keys", Static).render()) == said
