"""The account screen's Competitors tab: who competes at the account and in its orders with the
seed's questions answered, who favours them; a new competitor recorded by keys goes on the
team's list; an empty name is refused beside the field. Pictures in both languages."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, TabbedContent

from katerm.app.widgets.form_dialog import FormDialog
from katerm.core.accounts.edit import save_account
from katerm.core.competitors import add_competitor, set_presence
from katerm.core.influence import save_person
from katerm.core.pipeline.opportunities import save_opportunity
from tests.app.conftest import settle

TODAY = date(2026, 3, 20)
pytestmark = pytest.mark.now(TODAY.isoformat())
LANGS = ["en", "zh_CN"]


@pytest.fixture
def race(workspace):
    acc = save_account(
        workspace,
        None,
        {"name": "上海明珠电子科技有限公司", "tier": "A", "annual_revenue": "6000000"},
    )
    opp = save_opportunity(
        workspace, acc, None, {"name": "ERP 升级", "amount": "900000"}, today=TODAY
    )
    add_competitor(workspace, "华智科技", "报价最低，服务团队薄弱")
    set_presence(workspace, "华智科技", acc, None, {"relationships": "与采购总监关系近"})
    set_presence(
        workspace, "华智科技", acc, opp, {"offer": "比我们低约 15%", "strategy": "以价格拿下采购部"}
    )
    save_person(
        workspace,
        acc,
        None,
        {
            "name": "王磊",
            "title": "采购总监",
            "influence": "high",
            "favours_competitor": "华智科技",
            "favour_strength": "strong",
        },
    )
    return acc, opp


async def on_tab(pilot):
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    pilot.app.screen.query_one(TabbedContent).active = "tab-competitors"
    await settle(pilot, 5)
    pilot.app.screen.query_one("#rivals-table", DataTable).focus()
    await settle(pilot)


async def test_a_new_competitor_in_an_order_is_listed_and_its_offer_kept(workspace, make_app, race):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_tab(pilot)
        assert app.screen.query_one("#rivals-table", DataTable).row_count == 2
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        await pilot.press("ctrl+s")  # no name: refused beside the field
        await settle(pilot)
        assert dialog.query_one("#field-competitor").has_class("-invalid")
        dialog.query_one("#input-competitor").value = "Initech"
        dialog.query_one("#input-opportunity").value = race[1]
        dialog.query_one("#input-offer").value = "Free first-year maintenance"
        await pilot.press("ctrl+s")
        await settle(pilot, 6)
        assert app.screen is not dialog
        assert app.screen.query_one("#rivals-table", DataTable).row_count == 3
    with workspace.db.reading() as conn:
        row = conn.execute(
            "SELECT c.name, p.opportunity_id, p.offer FROM competitor_presences p "
            "JOIN competitors c ON c.id = p.competitor_id WHERE c.name = 'Initech'"
        ).fetchone()
    assert tuple(row) == ("Initech", race[1], "Free first-year maintenance")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_competitors_tab(snap_compare, race, make_app, lang, size):
    assert snap_compare(make_app(lang), terminal_size=size, run_before=on_tab)
