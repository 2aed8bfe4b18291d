"""The account tab bar at 80 columns shows whole tab names only (never 铁三 for 铁三角), marks
the edge past which more tabs lie, and always shows the tab open (walk s9b, item 6)."""

from __future__ import annotations

import re

import pytest
from textual.widgets import TabbedContent

from katerm.app.accounts.account import AccountScreen
from katerm.app.widgets.tabs import MORE_LEFT, MORE_RIGHT, open_tabs, tab_window
from tests.app.conftest import settle


def _bar_row(app) -> str:  # type: ignore[no-untyped-def]
    """The screen's text on the tab bar's row."""
    bar = app.screen.query_one(TabbedContent).query_one("Tabs")
    strips = app.screen._compositor.render_strips()
    return strips[bar.region.y].text


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
async def test_every_tab_position_shows_whole_names_and_the_open_tab(sample, make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountScreen)
        tabbed = screen.query_one(TabbedContent)
        ids = open_tabs(tabbed)
        labels = {pane: tabbed.get_tab(pane).label.plain for pane in ids}
        edges_marked = set()
        for _ in range(len(ids) + 1):  # round the bar and back to the first tab
            row = _bar_row(app)
            parts = (p.strip(MORE_LEFT + MORE_RIGHT + " ") for p in re.split(r"\s{2,}", row))
            shown = [name for name in parts if name]
            for name in shown:
                assert name in labels.values(), f"{name!r} is not a whole tab name: {row!r}"
            assert labels[tabbed.active] in shown, row
            edges_marked |= {m for m in (MORE_LEFT, MORE_RIGHT) if m in row}
            await pilot.press("right_square_bracket")
            await settle(pilot)
        assert edges_marked == {MORE_LEFT, MORE_RIGHT}  # more tabs lie beyond, either side


def test_the_window_moves_only_as_far_as_the_open_tab_needs():
    widths = [6] * 14  # 84 cells of tabs in an 80-cell bar
    assert tab_window(widths, 0, 80) == (0, 13)
    assert tab_window(widths, 12, 80, start=0) == (0, 13)  # still inside: the bar stays put
    assert tab_window(widths, 13, 80, start=0) == (1, 14)  # one step past: moves by one
    assert tab_window(widths, 3, 40, start=5) == (3, 9)  # before it: the open tab comes first
    assert tab_window([100], 0, 80) == (0, 1)  # too wide for any bar: shown, cut by the terminal
    assert tab_window(widths, 5, 200) == (0, 14)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
async def test_the_footer_at_80_columns_offers_the_next_tab(sample, make_app, lang):
    """With room for one tab key, the footer offers the next tab, not the previous one (from
    the first tab, previous wraps to the last); the same in a form field (Alt+→)."""
    from katerm.app.widgets.form import Form
    from katerm.i18n import t

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountScreen)
        footer = screen._compositor.render_strips()[-1].text
        assert "] " + t("keys.next_tab") in footer, footer
        screen.query_one(Form).control("name").focus()
        await settle(pilot)
        footer = screen._compositor.render_strips()[-1].text
        assert "Alt+→ " + t("keys.next_tab") in footer, footer


async def test_keys_offered_only_where_they_do_something(sample, make_app):
    """Walk s9b item 11: a new account's footer offered Ctrl+D Delete for an account that does
    not exist, and the table tabs Ctrl+S Save with nothing there to save."""
    from katerm.i18n import t

    app = make_app("zh_CN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        footer = app.screen._compositor.render_strips()[-1].text
        assert t("keys.save") in footer and t("keys.delete") not in footer, footer
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter", "right_square_bracket")  # an account's Contacts tab
        await settle(pilot)
        footer = app.screen._compositor.render_strips()[-1].text
        assert "^s" not in footer and t("keys.delete") in footer, footer
        await pilot.press("left_square_bracket")  # back on the details: Ctrl+S saves
        await settle(pilot)
        assert "^s " + t("keys.save") in app.screen._compositor.render_strips()[-1].text
