"""The checklist template (`5 e`) says how many gap actions due may be left, not "target 0",
which read as "aim to handle none" (issue 18, walk item 19)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from katerm.i18n import t
from tests.app.conftest import settle


@pytest.fixture
def demo(workspace, monkeypatch):
    from katerm.core.demo import generate

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    generate(workspace, accounts=20, lang="en")
    return workspace


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_gap_actions_due_read_as_a_ceiling_and_visits_as_a_target(demo, make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        box = app.screen.query_one("#items-day", OptionList)
        lines = {
            box.get_option_at_index(i).id: str(box.get_option_at_index(i).prompt)
            for i in range(box.option_count)
        }
        target = t("reviews.cli.col.target", lang=lang)
        assert f"{target} 0" not in lines["gap_actions_due"], lines["gap_actions_due"]
        assert t("reviews.ui.ceiling", lang=lang, n=0) in lines["gap_actions_due"]
        assert f"{target} 1" in lines["visits"]  # a count keeps its target
