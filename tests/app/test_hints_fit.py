"""A newcomer reads the one-line key hints under each table: at 80×24, in either language, a
hint never loses its end (the gaps tab's “… x done · h” hid the history and delete keys)."""

from __future__ import annotations

import pytest
import rich._wrap
from rich.cells import cell_len
from textual.widgets import Static, TabbedContent

from tests.app.conftest import settle


def _cut_hints(screen, where: str) -> list[str]:
    cut = []
    for widget in screen.query(Static):
        if not (widget.id or "").endswith("hint") or not widget.display:
            continue
        region = widget.content_region
        if region.width <= 0:
            continue
        text = str(widget.render())
        needed = sum(
            len(rich._wrap.divide_line(line, region.width)) + 1 if cell_len(line) else 1
            for line in text.splitlines() or [""]
        )
        if needed > region.height:
            cut.append(f"{where} #{widget.id}: {needed} lines in {region.height}: {text!r}")
    return cut


@pytest.fixture
def demo(workspace):
    from katerm.core.demo import generate

    generate(workspace, accounts=6, seed=5, lang="en")
    return workspace


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_no_key_hint_is_cut_at_80_columns_on_any_account_tab(demo, make_app, lang):
    from katerm.app.accounts.account import AccountScreen
    from tests.app.test_keys import _busiest_account

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(AccountScreen(_busiest_account(demo)))
        await settle(pilot)
        screen = app.screen
        cut = []
        for tab in [t.id for t in app.account_tabs] + ["contacts"]:
            screen.query_one(TabbedContent).active = f"tab-{tab}"
            await settle(pilot)
            cut += _cut_hints(screen, f"{lang} account tab {tab}")
    print("\n".join(cut))
    assert cut == []
