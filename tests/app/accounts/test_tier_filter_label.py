"""The accounts list's tier filter says what it filters once a tier is picked: "Tier B", not a
bare "B" right after the search placeholder (walk s9b, item 19)."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from tests.app.conftest import settle


@pytest.mark.parametrize(("lang", "words"), [("en", "Tier B"), ("zh_CN", "级别：B")])
async def test_a_picked_tier_reads_as_a_tier(sample, make_app, lang, words):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#tier", Select).value = "B"
        await settle(pilot)
        row = app.screen._compositor.render_strips()[1].text
        assert words in row, row
