"""The accounts search field's hint fits at 80 columns in both languages, its key included."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Input

from tests.app.conftest import settle


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_search_hint_shows_whole_with_its_key_at_80_columns(
    workspace, sample, make_app, lang
):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        assert search.placeholder.startswith("/ ")
        assert cell_len(search.placeholder) <= search.content_size.width


async def test_a_search_longer_than_the_field_scrolls_to_keep_the_cursor_in_view(
    workspace, sample, make_app
):
    """The field repaints itself without laying out the screen (SearchInput): a text wider
    than the field still scrolls sideways, its end in view."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *("acme robotics " * 6).strip())
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        assert search.scroll_x > 0
        assert search.render_line(0).text.rstrip().endswith("acme robotics")  # the end shows
        await pilot.press("home")
        assert search.scroll_x == 0
