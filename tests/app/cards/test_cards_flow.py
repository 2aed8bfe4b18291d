"""The expansion-cards and strategic-relationships tabs, driven as a user would."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, TabbedContent

from katerm.app.accounts.account import AccountScreen
from katerm.app.cards.screen import ExpansionCardScreen
from katerm.app.widgets.dialogs import ConfirmScreen
from katerm.app.widgets.form_dialog import FormDialog
from katerm.core.accounts.edit import save_account
from katerm.core.influence.edit import save_person
from tests.app.conftest import settle

TODAY = date(2026, 11, 30)
pytestmark = pytest.mark.now(TODAY.isoformat())


def one_row(ws, sql, *params):
    with ws.db.reading() as conn:
        return conn.execute(sql, params).fetchone()


@pytest.fixture
def mapped(workspace):
    acc = save_account(workspace, None, {"name": "上海明珠电子", "tier": "A"})
    gm = save_person(
        workspace, acc, None, {"name": "王伟", "title": "总经理", "role": "decision_maker"}
    )
    coach = save_person(
        workspace, acc, None, {"name": "李娜", "title": "CIO", "role": "coach", "reports_to": gm}
    )
    return acc, gm, coach


async def open_tab(pilot, tab: str) -> AccountScreen:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AccountScreen)
    screen.query_one(TabbedContent).active = f"tab-{tab}"
    await settle(pilot)
    return screen


async def test_edit_a_card_then_record_that_someone_left(workspace, make_app, mapped):
    _acc, _gm, coach = mapped
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, "cards")
        table = screen.query_one("#cards-table", DataTable)
        table.focus()
        assert table.row_count == 2  # the decision maker and the coach, by name
        await pilot.press("e")  # 李娜 comes first (L before W)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#input-next_review").value = "2026-02-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog  # the bad date is shown beside the field
        assert "2026-02-30" in str(dialog.query_one("#error-next_review").render())
        assert one_row(workspace, "SELECT count(*) FROM expansion_cards")[0] == 0
        dialog.query_one("#input-next_review").value = ""
        dialog.query_one("#input-criterion_equal_rank").value = "yes"
        dialog.query_one("#input-commitments").text = "季度餐叙"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert one_row(
            workspace,
            "SELECT sponsor_criteria, commitments, next_review FROM "
            "expansion_cards WHERE contact_id = ?",
            coach,
        ) == ("equal_rank", "季度餐叙", "2027-02-28")
        assert "✓✗✗✗" in str(table.get_row_at(0))
        # r: the review is done today; the next one is three months on
        await pilot.press("r")
        await settle(pilot)
        assert one_row(workspace, "SELECT next_review FROM expansion_cards")[0] == "2027-02-28"
        # v: left the company, after confirming
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # promotion, transfer, left
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert one_row(workspace, "SELECT left_on FROM contacts WHERE id = ?", coach) == (
            TODAY.isoformat(),
        )
        assert one_row(workspace, "SELECT kind FROM key_events")[0] == "left"
        # the person stays on the tab, after those still there, and opens on their own
        await settle(pilot)
        assert table.row_count == 2 and "王伟" in str(table.get_row_at(0))
        table.move_cursor(row=1)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExpansionCardScreen)
        assert app.screen.person.contact_id == coach
        await pilot.press("escape")
        await settle(pilot)


async def test_strategic_relationships_add_edit_delete_undo(workspace, make_app, mapped):
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, "strategic")
        table = screen.query_one("#strategic-table", DataTable)
        table.focus()
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+s")  # no partner name
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert one_row(workspace, "SELECT count(*) FROM strategic_relationships")[0] == 0
        await pilot.press(*"SAP", "ctrl+s")
        await settle(pilot)
        assert table.row_count == 1
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#input-how_to_use").text = "请其引荐CIO"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert one_row(workspace, "SELECT partner, how_to_use FROM strategic_relationships") == (
            "SAP",
            "请其引荐CIO",
        )
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 0
        await pilot.press("u")
        await settle(pilot)
        assert table.row_count == 1
