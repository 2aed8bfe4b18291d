"""The gaps summary counts overdue actions in words, and a done action reads as done.

The walk read ``显示 170 / 共 170 条 · !39`` (the CLI says ``逾期 39 条``), and on an account's
gaps tab done actions with past dates looked like open ones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Static, TabbedContent

from katerm.app.accounts.account import AccountScreen
from katerm.app.gaps.pane import GapPane
from katerm.app.gaps.table import GapTable
from katerm.core.accounts.edit import save_account
from katerm.core.gaps.edit import save_gap
from katerm.core.influence.edit import save_person
from tests.app.conftest import settle
from tests.conftest import PINNED_DAY


@pytest.fixture
def account(workspace):
    account = save_account(workspace, None, {"name": "常州富创", "tier": "A"})
    past = (PINNED_DAY - timedelta(days=7)).isoformat()
    for name, status in (("高鑫文", "done"), ("雷明", "open"), ("陈国伟", "open")):
        person = save_person(workspace, account, None, {"name": name, "role": "decision_maker"})
        save_gap(
            workspace,
            person,
            {"level_target": 3, "next_action": "拜访", "due_date": past, "status": status},
        )
    return account


@pytest.mark.parametrize(("lang", "words"), [("zh_CN", "逾期 2 条"), ("en", "2 overdue")])
async def test_the_overdue_count_is_in_words_and_done_actions_are_marked(
    workspace, make_app, account, lang, words
):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # screen 4: every account's gaps
        await settle(pilot)
        summary = str(app.screen.query_one("#gap-summary", Static).render())
        assert f"· {words} ·" in summary and "!" not in summary, summary

        app.push_screen(AccountScreen(account))  # the account's own gaps tab
        await settle(pilot)
        app.screen.query_one(TabbedContent).active = "tab-gaps"
        await settle(pilot)
        pane = app.screen.query_one("#tab-gaps GapPane", GapPane)
        summary = str(pane.query_one("#gap-summary", Static).render())
        assert f"· {words} ·" in summary, summary
        table = pane.query_one(GapTable)
        due = {
            v.contact: table._row_cells(i)[[c.key for c in table.columns].index("due")]
            for i, v in enumerate(table.views)
        }
        day = (PINNED_DAY - timedelta(days=7)).isoformat()
        # Done: ✓ before its date; open and past: ! (overdue), as before.
        assert due == {"高鑫文": f"✓{day}", "雷明": f"!{day}", "陈国伟": f"!{day}"}
