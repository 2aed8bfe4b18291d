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
