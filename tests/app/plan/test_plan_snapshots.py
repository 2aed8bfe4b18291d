"""Pictures of the plan and opportunities tabs and the pipeline, in English and Chinese.

Regenerate after an intended change with ``pytest tests/app/plan/test_plan_snapshots.py
--snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import TabbedContent

from katerm.core.accounts.edit import save_account, save_contact
from katerm.core.pipeline.opportunities import save_opportunity
from katerm.core.pipeline.steps import close_lost, lock, validate_lead, write_analysis
from katerm.core.plan.items import save_plan_item
from tests.app.conftest import settle

TODAY = date(2026, 3, 20)
pytestmark = pytest.mark.now(TODAY.isoformat())
LANGS = ["en", "zh_CN"]


@pytest.fixture
def plan_data(workspace):
    """One account with a partial plan and orders in every state, one stuck."""
    me = workspace.me.id
    acc = save_account(
        workspace,
        None,
        {"name": "上海明珠电子科技有限公司", "tier": "A", "annual_revenue": "6000000"},
    )
    other = save_account(workspace, None, {"name": "Northwind Traders", "tier": "C"})
    ceo = save_contact(workspace, acc, None, {"name": "张伟", "title": "总经理"})
    save_contact(workspace, acc, None, {"name": "Li Na", "title": "CIO"})

    def item(kind, title="", **values):
        return save_plan_item(workspace, acc, None, {"kind": kind, "title": title, **values})

    item("team_member", category="customer_manager", person_id=me)
    item("research", "新任总经理要求统一平台", category="customer")
    item("swot", "Strong relationship with the CIO", category="strength")
    goal = item("customer_goal", "2028 年出口翻番")
    strategy = item("strategy", "Open plants abroad", parent_id=goal)
    item("tactic", "One standard plant design", parent_id=strategy)
    ours = item("goal", "Become their ERP supplier", due_on="2026-12-31")
    item("action", "Workshop with the CIO", parent_id=ours, person_id=me, due_on="2026-03-25")

    def order(account, name, amount, **extra):
        return save_opportunity(
            workspace,
            account,
            None,
            {
                "name": name,
                "amount": amount,
                "expected_close": "2026-06-30",
                "competitors": "Globex",
                "contact_id": ceo if account == acc else None,
                "opened_on": "2026-01-05",
                **extra,
            },
            today=date(2026, 1, 5),
        )

    stuck = order(acc, "ERP 升级", "1200000")
    validate_lead(
        workspace, stuck, ["fits_strategy", "risk_acceptable"], "convert", today=date(2026, 1, 6)
    )
    lock(workspace, stuck, today=date(2026, 1, 10))
    write_analysis(
        workspace, stuck, "top_meeting", "CEO abroad", "Meet the CFO first", today=date(2026, 1, 28)
    )
    order(acc, "Cloud migration", "800000")
    won = order(acc, "Annual maintenance", "300000")
    save_opportunity(workspace, acc, won, {"stage": "contract"}, today=date(2026, 2, 20))
    lost = order(other, "CRM rollout", "150000")
    close_lost(workspace, lost, today=date(2026, 2, 1), loss_reason="Price", winner="Globex")
    return acc


def _app(make_app, lang):
    app = make_app(lang)
    return app


def _on_tab(tab: str):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pilot.app.screen.query_one(TabbedContent).active = f"tab-{tab}"
        await settle(pilot)
        await pilot.press("tab")  # into the tab's content
        await settle(pilot)

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_plan_tab(snap_compare, plan_data, make_app, lang):
    assert snap_compare(_app(make_app, lang), terminal_size=(80, 24), run_before=_on_tab("plan"))


@pytest.mark.parametrize("lang", LANGS)
def test_opportunities_tab(snap_compare, plan_data, make_app, lang):
    assert snap_compare(
        _app(make_app, lang), terminal_size=(80, 24), run_before=_on_tab("opportunities")
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_pipeline_screen(snap_compare, plan_data, make_app, lang, size):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)

    assert snap_compare(_app(make_app, lang), terminal_size=size, run_before=run)
