"""The weekly lead meeting in the app (screen 5 → `n`): a lead referred by a customer's
contact, nurtured, reviewed and converted counts in that week for its seller; ← → change the
week. Pictures in both languages at 80×24 and 120×40."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Static

from katerm.app.widgets.fitted_table import FittedTable
from katerm.core.accounts import save_contact
from katerm.core.leads import save_lead
from katerm.core.pipeline import save_opportunity, validate_lead
from tests.app.conftest import settle
from tests.core.plan_helpers import account, add_user

TODAY = date(2026, 12, 9)
MONDAY = date(2026, 12, 7)
pytestmark = pytest.mark.now(TODAY.isoformat())
REAL = ("fits_strategy", "risk_acceptable")


@pytest.fixture
def week(workspace):
    ws = workspace
    seller = add_user(ws, "li.lei", "李雷", ws.me.id)
    bank, _ = account(ws, "上海明珠银行", contacts=0)
    save_contact(ws, bank, None, {"name": "王芳", "title": "行长"})
    acc, _ = account(ws, "杭州云帆机器人有限公司", owner=seller)
    other, _ = account(ws, "苏州天宇精密制造有限公司")
    lead = save_opportunity(ws, acc, None, {"name": "云迁移"}, today=MONDAY)
    save_lead(
        ws,
        lead,
        {"lead_source": "referral", "referred_by": "上海明珠银行 / 王芳", "nurturer": "li.lei"},
    )
    validate_lead(ws, lead, [], "nurture", today=MONDAY)
    validate_lead(ws, lead, REAL, "convert", today=TODAY)
    early = save_opportunity(ws, other, None, {"name": "智能仓储"}, today=TODAY)
    save_lead(ws, early, {"lead_source": "online", "nurturer": ws.me.login})
    return ws


def counts(screen) -> dict[str, list[str]]:
    table = screen.query_one("#lead-sellers", DataTable)
    return {
        str(r[0]): [str(c) for c in r[1:]]
        for r in (table.get_row_at(i) for i in range(table.row_count))
    }


async def test_a_converted_referral_counts_in_its_week_and_not_the_next(week, make_app):
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("5", "n"):
            await pilot.press(key)
            await settle(pilot)
        screen = app.screen
        assert "2026-W50" in str(screen.query_one("#leads-title", Static).render())
        found = counts(screen)
        # new, reviewed, converted, dropped
        assert found["李雷"] == ["1", "1", "1", "0"]
        assert found["Total"] == ["2", "1", "1", "0"]
        listing = screen.query_one("#lead-list", FittedTable)
        # The rows' values (a cell the terminal's width cuts ends in "…", tested below).
        rows = [[str(c) for c in cells] for _, cells in listing._rows]
        assert rows[0][:7] == [
            "云迁移",
            "杭州云帆机器人有限公司",
            "李雷",
            "New, Reviewed, Converted",  # this week's steps
            "Converted",
            "Referral",
            "上海明珠银行 / 王芳",
        ]
        await pilot.press("right")
        await settle(pilot)
        assert counts(screen)["Total"] == ["0", "0", "0", "0"]
        assert not screen.query_one("#lead-list", FittedTable).display
        await pilot.press("t")
        await settle(pilot)
        assert counts(screen)["Total"][2] == "1"
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReviewsScreen"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_weekly_lead_meeting(snap_compare, week, make_app, lang, size):
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        for key in ("5", "n"):
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(make_app(lang), terminal_size=size, run_before=run)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_at_80_columns_the_lead_list_cuts_with_an_ellipsis_and_names_what_it_hides(
    week, make_app, lang
):
    """A plain table cut the source mid-word (`销售拜`) at the screen's edge and dropped the
    referrer and nurturer without a word; now the list is fitted like every other table."""
    from katerm.i18n import t

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("5", "n"):
            await pilot.press(key)
            await settle(pilot)
        screen = app.screen
        listing = screen.query_one("#lead-list", FittedTable)
        heading = str(screen.query_one("#list-heading", Static).render())
        assert listing.hidden, "at 80 columns some of the nine columns give way"
        assert t("dialog.hidden_columns", names=listing.hidden) in heading
        shown = sum(c.get_render_width(listing) for c in listing.columns.values())
        assert shown <= listing.size.width  # nothing runs off the table's right edge
