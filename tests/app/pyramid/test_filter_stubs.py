"""The pyramid's filter stubs keep what is pressed on them until their Selects arrive."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Select

from katerm.app.pyramid.toolbar import FilterBar, FilterStub
from katerm.core.pyramid import PyramidQuery

QUERY = PyramidQuery(scheme="revenue", year=2026)


class Host(App):
    """The filter row alone, as the pyramid shows it before its figures are painted."""

    CSS = "FilterBar { height: 1; } FilterBar > * { width: 1fr; height: 1; }"

    def compose(self) -> ComposeResult:
        yield FilterBar(QUERY, id="pyramid-toolbar")


@pytest.mark.parametrize("key", ["down", "enter", "space"])
async def test_a_key_pressed_on_a_stub_opens_the_select_that_replaces_it(key):
    app = Host()
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.press("tab")  # the next filter, as it would be once the Selects are in
        assert isinstance(app.focused, FilterStub) and app.focused.filter == "owner"
        await pilot.press(key)  # before the Selects arrive (a frame after the figures)
        await app.query_one(FilterBar).build(QUERY)
        await pilot.pause()
        select = app.query_one("#owner", Select)
        assert select.expanded  # the key was not lost: its list is open, with the focus
        assert app.focused is not None and select in (app.focused, *app.focused.ancestors)


async def test_tab_on_a_stub_then_the_select_keeps_the_focus_without_opening():
    app = Host()
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, FilterStub) and app.focused.filter == "region"
        await app.query_one(FilterBar).build(QUERY)
        await pilot.pause()
        select = app.query_one("#region", Select)
        assert app.focused is select and not select.expanded


async def test_a_click_on_a_stub_opens_its_select_once_it_arrives():
    app = Host()
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.click(".filter-industry")
        await app.query_one(FilterBar).build(QUERY)
        await pilot.pause()
        select = app.query_one("#industry", Select)
        assert select.expanded
        assert app.focused is not None and select in (app.focused, *app.focused.ancestors)
