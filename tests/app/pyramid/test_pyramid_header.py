"""The pyramid's header as the newcomer walk read it on the demo: the revenue once (≈ only as
converted), the currency named in the screen's language, the re-tier count the tab's, and
one minus sign for every negative figure."""

from __future__ import annotations

import re

import pytest
from textual.widgets import TabbedContent

from katerm.app.widgets.lazy_table import LazyTable
from katerm.core.demo import generate
from tests.app.conftest import settle
from tests.app.pyramid.test_pyramid_flow import open_pyramid


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
async def test_the_header_says_each_figure_once_in_the_screens_words(workspace, make_app, lang):
    generate(workspace, lang=lang)  # the walk's data: several currencies, mismatched tiers
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pyramid(pilot)
        await settle(pilot)
        summary = str(screen.query_one("#summary").render())
        head, *below = summary.splitlines()
        total = screen.pyramid.revenue_total
        assert total is not None and total.converted  # the demo converts other currencies
        # The revenue once, marked ≈; no second line with the same total.
        assert head.count("≈") == 1
        assert not any(line.startswith("≈") for line in below), summary
        if lang == "zh_CN":  # no Latin currency code on a Chinese screen, a name if any
            shown = re.sub(r"`[^`]*`", "", screen_text(app))  # a command keeps its codes
            assert not re.search(r"\b(CNY|USD|EUR|HKD)\b", shown), shown
        # The header's re-tier count is the tab's.
        tab = str(screen.query_one(TabbedContent).get_tab("tab-suggestions").label)
        tab_count = re.search(r"\d+", tab).group()
        assert re.search(rf"· {tab_count} ", head), (head, tab)
        # Negative gaps with the minus sign (−15), not an ASCII hyphen.
        table = screen.query_one("#tiers", LazyTable)
        gaps = [table._row_cells(i)[-1] for i in range(table.row_count)]
        assert any(g.startswith("−") for g in gaps), gaps
        assert not any(g.startswith("-") for g in gaps), gaps
