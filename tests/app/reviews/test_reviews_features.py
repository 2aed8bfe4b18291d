"""The reviews screen shows the pipeline's and the influence map's items as measured, with
the evidence and what counts when one is highlighted."""

from __future__ import annotations

from textual.widgets import Select, Static

from katerm.app.reviews.screen import ReviewsScreen
from katerm.app.reviews.widgets import ChecklistList
from tests.app.conftest import settle


async def test_a_sellers_stuck_orders_item_shows_its_orders_and_what_counts(
    workspace, make_app, monkeypatch
):
    from katerm.core.demo import generate

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    generate(workspace, accounts=60, lang="en")
    with workspace.db.reading() as conn:  # a seller with stuck orders in the demo
        from datetime import date

        from katerm.core.pipeline.orders import stuck_opportunities

        stuck = stuck_opportunities(conn, None, date(2026, 11, 27))
    seller = stuck[0].seller_id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewsScreen)
        screen.query_one("#person", Select).value = seller
        await settle(pilot)
        item = screen.view.checklist.item("stuck_orders_updated")
        assert item.available and item.target == sum(s.seller_id == seller for s in stuck)
        options = screen.query_one(ChecklistList)
        options.highlighted = [i.key for i in screen.view.checklist.items].index(
            "stuck_orders_updated"
        )
        await settle(pilot)
        shown = str(screen.query_one("#evidence", Static).render())
    mine = [s for s in stuck if s.seller_id == seller]
    assert mine[0].opportunity in shown
    assert "newer than the day it got stuck or than its last evening review" in shown


async def test_my_day_shows_a_birthday_coming_up_tomorrow_and_in_chinese(
    workspace, make_app, monkeypatch
):
    from textual.widgets import OptionList

    from katerm.core.accounts.edit import save_account, save_contact

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    acc = save_account(workspace, None, {"name": "上海明珠", "tier": "A"})
    save_contact(workspace, acc, None, {"name": "张总", "birthday": "1970-12-02"})
    for lang, heading, birthday in (("en", "Coming up", "Birthday"), ("zh_CN", "近期提醒", "生日")):
        app = make_app(lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("5")
            await settle(pilot)
            await pilot.press("right")  # tomorrow: the birthday is 4 days on
            await settle(pilot)
            due = app.screen.query_one("#due", OptionList)
            shown = [str(due.get_option_at_index(i).prompt) for i in range(due.option_count)]
        assert any(heading in s for s in shown), shown
        assert any(birthday in s and "张总" in s and "12-02" in s for s in shown), shown


async def test_my_month_shows_the_league_and_moves_between_months(workspace, make_app, monkeypatch):
    from textual.widgets import DataTable

    from katerm.app.reviews.month import MonthScreen
    from katerm.app.reviews.quarter import QuarterScreen
    from katerm.core.demo import generate

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    generate(workspace, accounts=60, lang="en")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("5", "y"):
            await pilot.press(key)
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MonthScreen) and screen.month.key == "2026-11"
        sellers = screen.query_one("#sellers", DataTable)
        teams = screen.query_one("#teams", DataTable)
        assert sellers.row_count >= 3 and teams.row_count >= 2  # the teams and the total
        # The A-account analysis below: the demo's tiers, and its top risks (or "no risk").
        tiers = screen.query_one("#tiers", DataTable)
        assert [str(tiers.get_row_at(i)[0]) for i in range(tiers.row_count)] == list("ABCD")
        assert screen.query_one("#risks", DataTable).row_count >= 1
        assert "Top risks" in str(screen.query_one("#risks-heading", Static).render())
        assert "2026-11" in str(screen.query_one("#month-title", Static).render())
        await pilot.press("left")
        await settle(pilot)
        assert screen.month.key == "2026-10"
        assert "2026-10" in str(screen.query_one("#month-title", Static).render())
        # q: the month's quarter, its plans, forecast by month and win/loss; ← the one before.
        await pilot.press("q")
        await settle(pilot)
        quarter = app.screen
        assert isinstance(quarter, QuarterScreen) and quarter.quarter.key == "2026Q4"
        forecast = quarter.query_one("#forecast", DataTable)
        months = [str(forecast.get_row_at(i)[0]) for i in range(forecast.row_count)]
        assert months == ["2026-10", "2026-11", "2026-12", "Total"]
        assert quarter.query_one("#plans", DataTable).row_count >= 1
        await pilot.press("left")
        await settle(pilot)
        assert "2026Q3" in str(quarter.query_one("#month-title", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewsScreen)


async def test_my_week_in_chinese_gives_its_days_in_chinese_brackets(workspace, make_app):
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        period = str(app.screen.query_one("#period", Static).render())
    assert "-W" in period and "（" in period and "(" not in period, period


async def test_at_80_columns_the_quarter_and_month_tables_fit_and_say_what_they_hide(
    workspace, make_app, monkeypatch
):
    """The review tables scrolled sideways at 80×24 (the quarter's figures off the edge)."""
    from katerm.app.reviews.tables import ReviewTable
    from katerm.core.demo import generate

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    generate(workspace, accounts=60, lang="en")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("5", "y", "q"):
            await pilot.press(key)
            await settle(pilot)
        for screen in (app.screen, app.screen_stack[-2]):  # the quarter, then the month
            for table in screen.query(ReviewTable).results():
                if table.display and table.row_count:
                    assert table.virtual_size.width <= table.size.width, table.id
        plans = app.screen.query_one("#plans", ReviewTable)
        assert plans.hidden and "Plan" not in plans.hidden  # the figures that fit stay
        heading = str(app.screen.query_one("#plans-heading", Static).render())
        assert "Wider terminal also shows: " + ", ".join(plans.hidden) in heading
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert len(plans.hidden) < 4  # wider: more columns, and the note follows
