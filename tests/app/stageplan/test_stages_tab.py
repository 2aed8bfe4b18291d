"""The account screen's Stages tab driven by keys: the bidding row shows purchasing not yet
reached with its responsible role; a visit logged with the purchasing director for the order
(the quick-log dialog) ticks it; a cell is edited in place. Pictures in both languages."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, TabbedContent

from katerm.app.widgets.form_dialog import FormDialog
from katerm.core.accounts.edit import save_account, save_contact
from katerm.core.pipeline.steps import lock
from tests.app.conftest import settle
from tests.core.plan_helpers import ready_opportunity

TODAY = date(2026, 3, 20)
pytestmark = pytest.mark.now(TODAY.isoformat())
LANGS = ["en", "zh_CN"]


@pytest.fixture
def bidding(workspace):
    acc = save_account(
        workspace,
        None,
        {"name": "上海明珠电子科技有限公司", "tier": "A", "annual_revenue": "6000000"},
    )
    ceo = save_contact(
        workspace, acc, None, {"name": "张伟", "title": "总经理", "department": "总经理办公室"}
    )
    save_contact(
        workspace, acc, None, {"name": "王磊", "title": "采购总监", "department": "采购部"}
    )
    save_contact(workspace, acc, None, {"name": "Li Na", "title": "CFO", "department": "Finance"})
    opp = ready_opportunity(workspace, acc, ceo, today=date(2026, 3, 2), name="ERP 升级")
    lock(workspace, opp, today=date(2026, 3, 2))
    return acc, opp


async def on_stages(pilot):
    await settle(pilot)
    await pilot.press("enter")  # the only account
    await settle(pilot)
    pilot.app.screen.query_one(TabbedContent).active = "tab-stages"
    await settle(pilot)
    pilot.app.screen.query_one("#stage-table", DataTable).focus()
    await settle(pilot)


def row_of(table: DataTable, key: str) -> dict[str, str]:
    """The row's cells by column (a narrow terminal hides some columns)."""
    cells = [str(getattr(c, "plain", c)) for c in table.get_row(key)]
    return {str(k.value): v for k, v in zip(table.columns, cells, strict=True)}


async def test_a_visit_with_the_purchasing_director_for_the_order_ticks_the_cell(
    workspace, make_app, bidding
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_stages(pilot)
        table = app.screen.query_one("#stage-table", DataTable)
        purchasing = row_of(table, "bidding|purchasing")
        assert row_of(table, "bidding|planning")["stage"] == "Bidding ◀"  # the current stage
        assert [purchasing[k] for k in ("department", "state", "responsible")] == [
            "Purchasing",
            "Not yet reached",
            "Customer manager",
        ]
        # The quick-log dialog: a visit with 王磊 for the order.
        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#contacts").select(_contact(workspace, "王磊"))
        dialog.query_one("#opportunity").value = bidding[1]
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot, 6)
        assert app.screen is not dialog
        table = app.screen.query_one("#stage-table", DataTable)
        ticked = row_of(table, "bidding|purchasing")
        assert ticked["state"] == "Reached" and "王磊" in ticked["people"]
        # Enter edits the finance cell: a new responsible role, saved to the opportunity.
        table.move_cursor(row=table.get_row_index("bidding|finance"))
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#input-responsible").value = "collections"
        await pilot.press("ctrl+s")
        await settle(pilot, 6)
        finance = row_of(app.screen.query_one("#stage-table", DataTable), "bidding|finance")
        assert finance["responsible"] == "Collections owner"


def _contact(ws, name):
    with ws.db.reading() as conn:
        return conn.execute("SELECT id FROM contacts WHERE name = ?", (name,)).fetchone()[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
async def test_nothing_scrolls_off_sideways_and_the_people_keep_their_column(
    workspace, make_app, bidding, lang, size
):
    """At 120 columns in English "Their people" went off the right edge: the DataTable sized
    every column to its values. Now the columns fit the pane, the names take the room left,
    and the columns that give way are named under the table."""
    acc, _ = bidding
    for name in ("Rebecca Peterson-Hamilton", "Jack Smithson-Whitaker", "Alexandra Montgomery"):
        save_contact(workspace, acc, None, {"name": name, "department": "采购部"})
    app = make_app(lang)
    async with app.run_test(size=size) as pilot:
        await on_stages(pilot)
        table = app.screen.query_one("#stage-table", DataTable)
        assert table.max_scroll_x == 0
        shown = [str(k.value) for k in table.columns]
        assert {"stage", "department", "state", "people"} <= set(shown)
        people = row_of(table, "bidding|purchasing")["people"]
        assert people.startswith("王磊") or people.startswith("Rebecca"), people
        summary = str(app.screen.query_one("#stage-summary").render())
        if len(shown) < 7:
            assert ("Wider terminal also shows" in summary) or ("窗口更宽时另显示" in summary)
        if size == (120, 40):
            assert "responsible" in shown and "…" not in "".join(
                row_of(table, "bidding|purchasing")[k] for k in ("state", "responsible")
            )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_stages_tab(snap_compare, bidding, make_app, lang, size):
    assert snap_compare(make_app(lang), terminal_size=size, run_before=on_stages)


async def test_my_day_names_the_departments_the_current_stage_still_has_to_reach(
    workspace, make_app, bidding
):
    from textual.widgets import OptionList

    app = make_app("zh_CN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot, 6)
        due = app.screen.query_one("#due", OptionList)
        lines = [str(due.get_option_at_index(i).prompt) for i in range(due.option_count)]
    assert any("阶段拓展：当前阶段待拓展的部门" in x for x in lines)
    assert any("ERP 升级 · 招投标：采购部门尚未拓展——责任人：客户经理" in x for x in lines)
