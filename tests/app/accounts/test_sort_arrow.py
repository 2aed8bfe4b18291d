"""The column the accounts list is sorted on shows its arrow: “Tier” had no room for “▲”, so
a newcomer pressing s saw the rows move and no column marked."""

from __future__ import annotations

import pytest

from katerm.app.widgets.lazy_table import LazyTable
from tests.app.conftest import settle


def _header(table: LazyTable) -> str:
    return table.render_line(0).text


@pytest.mark.parametrize(("lang", "size"), [("en", (120, 40)), ("zh_CN", (80, 24))])
async def test_every_sorted_column_shows_its_arrow(workspace, sample, make_app, lang, size):
    app = make_app(lang)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(LazyTable)
        table.focus()
        missing = []
        for _ in table.columns:
            shown = {c.key: c.label for c, _ in table._layout}
            if table.sort_key in shown:
                label = shown[table.sort_key]
                if f"{label}▲" not in _header(table) and f"{label}▼" not in _header(table):
                    missing.append(f"{table.sort_key}: {_header(table)!r}")
            await pilot.press("s")
            await settle(pilot)
    assert missing == []
