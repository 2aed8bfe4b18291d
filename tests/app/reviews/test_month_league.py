"""My month and my quarter on screen for a general manager with two leads and their sellers
(issue 18, walk items 1, 4, 12, 19): the leads' teams ranked with the organisation as the
total, only sellers in the sellers' tables, figures lined up on the right, ←/→ in the footer."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from tests.app.conftest import settle
from tests.core.cadence.conftest import three_levels

pytestmark = pytest.mark.now("2026-11-27")


def column(table: DataTable, index: int) -> list[str]:
    return [str(table.get_row_at(i)[index]) for i in range(table.row_count)]


def footer_keys(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [k.key_display for k in app.screen.query(FooterKey) if k.display]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_my_month_ranks_the_leads_teams_and_lines_up_the_figures(
    workspace, make_app, monkeypatch, lang
):
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    three_levels(workspace)
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("5", "y"):
            await pilot.press(key)
            await settle(pilot)
        screen = app.screen
        total = "Total" if lang == "en" else "合计"
        assert column(screen.query_one("#teams", DataTable), 1) == ["Zhou", "Xiao", total]
        sellers = screen.query_one("#sellers", DataTable)
        assert sorted(column(sellers, 1)) == ["Ann", "Bob", "Cai"]
        assert sorted(column(screen.query_one("#new-accounts", DataTable), 0)) == [
            "Ann",
            "Bob",
            "Cai",
        ]
        # 500,000 #1 ↑1 over 300,000 #2 over 0 #3: the figures end in one column.
        won = column(sellers, 2)
        assert len({cell_len(c[: c.index("#")]) for c in won}) == 1, won
        assert {"←", "→"} <= set(footer_keys(app))
        await pilot.press("q")
        await settle(pilot)
        assert {"←", "→"} <= set(footer_keys(app))
        await pilot.press("left")
        await settle(pilot)
        assert app.screen.quarter.key == "2026Q3"


async def test_the_checklist_templates_footer_shows_the_way_back_at_80_columns(workspace, make_app):
    three_levels(workspace)
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("5", "e"):
            await pilot.press(key)
            await settle(pilot)
        assert type(app.screen).__name__ == "TemplateScreen"
        assert "esc" in [k.lower() for k in footer_keys(app)]
