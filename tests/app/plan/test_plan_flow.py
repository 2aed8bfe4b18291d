"""The plan, opportunities and pipeline screens driven like a user would, checked in the
database — including the acceptance path: create an opportunity, review the lead, lock it,
let a milestone pass on an injected clock, see it stuck, write the analysis."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Checkbox, DataTable, TabbedContent, Tree

from katerm.app.accounts.account import AccountScreen
from katerm.app.pipeline.dialogs import LeadReviewScreen
from katerm.app.pipeline.screen import PipelineScreen
from katerm.app.widgets.form_dialog import FormDialog
from katerm.app.widgets.lazy_table import LazyTable
from katerm.core.accounts.edit import save_account, save_contact
from katerm.core.pipeline import save_opportunity
from katerm.core.pipeline.orders import stuck_opportunities
from tests.app.conftest import settle
from tests.conftest import move_clock

MONDAY = date(2026, 3, 2)


def one_row(ws, sql, *params):
    with ws.db.reading() as conn:
        return conn.execute(sql, params).fetchone()


async def open_tab(pilot, tab: str) -> AccountScreen:
    await settle(pilot)
    await pilot.press("enter")  # the only account in the list
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AccountScreen)
    screen.query_one(TabbedContent).active = f"tab-{tab}"
    await settle(pilot)
    return screen


@pytest.mark.now(MONDAY.isoformat())
async def test_an_order_from_lead_to_stuck_with_its_analysis(workspace, make_app):
    acc = save_account(workspace, None, {"name": "Acme Robotics", "tier": "A"})
    save_contact(workspace, acc, None, {"name": "Zhang Wei", "title": "CEO"})
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_tab(pilot, "opportunities")
        screen.query_one("#orders-table", DataTable).focus()

        # create: a bad amount is refused beside the field, then the fixed form saves
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        await pilot.press(*"ERP", "tab", "tab", *"lots", "ctrl+s")
        await settle(pilot)
        assert dialog.query_one("#field-amount").has_class("-invalid")
        assert one_row(workspace, "SELECT count(*) FROM opportunities") == (0,)
        dialog.query_one("#input-amount").value = "1200000"
        dialog.query_one("#input-expected_close").value = "2026-06-30"
        dialog.query_one("#input-competitors").value = "Globex"
        contact = dialog.query_one("#input-contact_id")
        contact.value = contact._options[-1][1]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        opp, stage, amount = one_row(workspace, "SELECT id, stage, amount FROM opportunities")
        assert (stage, amount) == ("lead", 1_200_000)

        # lead review: "is it real?" confirmed on both points, converted
        screen.query_one("#orders-table", DataTable).focus()
        await pilot.press("v")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, LeadReviewScreen)
        for point in ("fits_strategy", "risk_acceptable", "urgent_need"):
            review.query_one(f"#point-{point}", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert one_row(
            workspace, "SELECT stage, lead_decision, lead_checks FROM opportunities"
        ) == ("opportunity", "convert", "fits_strategy risk_acceptable urgent_need")

        # lock it (I own the account and have nobody above me: I confirm it myself)
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert one_row(workspace, "SELECT locked_on FROM opportunities") == ("2026-03-02",)
        assert "Following" in str(screen.query_one("#orders-table", DataTable).get_row_at(0))

        # 16 days later the first meeting with the top person is one day over its limit
        later = MONDAY + timedelta(days=16)
        move_clock(workspace, later)
        app.data_changed()
        await settle(pilot)
        row = screen.query_one("#orders-table", DataTable).get_row_at(0)
        assert "⚠ Stuck +1" in str(row[-1])
        with workspace.db.reading() as conn:  # what the evening review reads
            (stuck,) = stuck_opportunities(conn, [workspace.me.id], later)
        assert (stuck.opportunity_id, stuck.milestone, stuck.days_over) == (opp, "top_meeting", 1)
        assert not stuck.analysis_written
        assert "analysis missing" in str(screen.query_one("#orders-detail").render())
        # In Chinese the note takes full-width brackets (it read "超期 1 天 (缺卡单分析…)").
        from katerm.app.pipeline.opportunities import OpportunitiesPane, describe
        from katerm.i18n import current_language, set_language

        shown, was = screen.query_one(OpportunitiesPane).selected(), current_language()
        assert shown is not None
        set_language("zh_CN")
        try:
            assert "超期 1 天（缺卡单分析：按 w）" in describe(shown, later)
        finally:
            set_language(was)

        # write the analysis and the improvement step
        await pilot.press("w")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormDialog)
        await pilot.press(*"CEO abroad", "tab", *"Meet the CFO", "ctrl+s")
        await settle(pilot)
        assert one_row(
            workspace, "SELECT milestone, analysis, improvement, analysed_on FROM order_milestones"
        ) == ("top_meeting", "CEO abroad", "Meet the CFO", "2026-03-18")
        with workspace.db.reading() as conn:
            (stuck,) = stuck_opportunities(conn, None, later)
        assert stuck.analysis_written

        # the pipeline's stuck view lists it
        await pilot.press("6")
        await settle(pilot)
        pipeline = app.screen
        assert isinstance(pipeline, PipelineScreen)
        await pilot.press("s")
        await settle(pilot)
        assert pipeline.query_one(LazyTable).row_count == 1
        assert [r.opportunity.id for r in pipeline.shown] == [opp]


async def test_the_strategy_map_is_built_by_keys_and_scored(workspace, make_app):
    acc = save_account(workspace, None, {"name": "Acme Robotics", "tier": "A"})
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_tab(pilot, "plan")
        tree = screen.query_one(Tree)
        tree.focus()
        map_node = next(n for n in tree.root.children if n.data.section == "map")
        tree.move_cursor(map_node)
        await pilot.press("a")  # a customer goal (the only kind at the top of the map)
        await settle(pilot)
        await pilot.press(*"Grow", "ctrl+s")
        await settle(pilot)
        goal = one_row(workspace, "SELECT id FROM plan_items WHERE kind = 'customer_goal'")[0]
        map_node = next(n for n in tree.root.children if n.data.section == "map")
        tree.move_cursor(map_node.children[0])
        await pilot.press("a")  # under a goal: a strategy
        await settle(pilot)
        await pilot.press(*"Expand", "ctrl+s")
        await settle(pilot)
        assert one_row(
            workspace, "SELECT title, parent_id FROM plan_items WHERE kind = 'strategy'"
        ) == ("Expand", goal)
        map_node = next(n for n in tree.root.children if n.data.section == "map")
        assert "2/6" in str(map_node.label)  # goal and its strategy; no tactic yet
        # deleting the goal is refused while the strategy hangs under it
        tree.move_cursor(map_node.children[0])
        await pilot.press("d")
        await settle(pilot)
        assert one_row(workspace, "SELECT deleted FROM plan_items WHERE id = ?", goal) == (0,)
    assert acc


async def test_a_lost_order_says_why_and_who_won(workspace, make_app):
    acc = save_account(workspace, None, {"name": "Acme Robotics", "tier": "A"})
    save_opportunity(
        workspace, acc, None, {"name": "Line upgrade", "amount": "900000"}, today=MONDAY
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, "opportunities")
        screen.query_one("#orders-table", DataTable).focus()
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        await pilot.press("ctrl+s")  # neither reason nor winner: refused beside both fields
        await settle(pilot)
        assert app.screen is dialog
        for field in ("loss_reason", "winner"):
            assert str(dialog.query_one(f"#error-{field}").render()), field
        assert one_row(workspace, "SELECT outcome FROM opportunities") == ("open",)
        dialog.query_one("#input-loss_reason").value = "Price 12% above Globex"
        dialog.query_one("#input-winner").value = "Globex"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert one_row(workspace, "SELECT outcome, loss_reason, winner FROM opportunities") == (
            "lost",
            "Price 12% above Globex",
            "Globex",
        )


async def test_an_orders_activity_history_shows_what_was_done_at_each_stage(workspace, make_app):
    from textual.widgets import OptionList

    from katerm.app.widgets.choose import ChoiceScreen
    from katerm.core.reviews.activities import log_activity

    acc = save_account(workspace, None, {"name": "Acme Robotics", "tier": "A"})
    person = save_contact(workspace, acc, None, {"name": "Wang Fang", "title": "Purchasing"})
    save_opportunity(workspace, acc, None, {"name": "Line upgrade"}, today=MONDAY)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, "opportunities")
        screen.query_one("#orders-table", DataTable).focus()
        await pilot.press("h")  # nothing logged for it yet: said so, no empty list
        await settle(pilot)
        assert app.screen is screen
        log_activity(
            workspace,
            {
                "kind": "visit",
                "account": acc,
                "contacts": [person],
                "opportunity": "Line upgrade",
                "stage": "bidding",
                "note": "Bid review",
                "date": "2026-03-03",
            },
        )
        await pilot.press("h")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        (line,) = [str(o.prompt) for o in dialog.query_one(OptionList).options]
        assert "Bidding" in line and "Wang Fang" in line and "Bid review" in line
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
