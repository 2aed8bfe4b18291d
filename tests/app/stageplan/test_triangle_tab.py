"""The account screen's Team tab: the iron triangle's roles, the coverage matrix with its gaps
and the warnings, in both languages."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Static, TabbedContent

from katerm.core.accounts.edit import save_account
from katerm.core.influence import save_person
from katerm.core.plan.items import save_plan_item
from katerm.core.team import ensure_user
from tests.app.conftest import settle

pytestmark = pytest.mark.now(date(2026, 3, 20).isoformat())
LANGS = ["en", "zh_CN"]


@pytest.fixture
def team(workspace):
    acc = save_account(
        workspace,
        None,
        {"name": "上海明珠电子科技有限公司", "tier": "A", "annual_revenue": "6000000"},
    )
    delivery, _ = ensure_user(workspace.db, "zhao.lei", "赵磊")
    for role, user in (("customer_manager", workspace.me.id), ("delivery_manager", delivery.id)):
        save_plan_item(
            workspace, acc, None, {"kind": "team_member", "category": role, "person_id": user}
        )
    for name, dept, role, owner in (
        ("张伟", "总经理办公室", "decision_maker", workspace.me.id),
        ("王磊", "采购部", "buyer", workspace.me.id),
        ("刘洋", "运维部", "user", None),
    ):
        save_person(
            workspace,
            acc,
            None,
            {"name": name, "department": dept, "role": role, "covered_by": owner},
        )
    return acc


async def on_team(pilot):
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    pilot.app.screen.query_one(TabbedContent).active = "tab-triangle"
    await settle(pilot, 5)


async def test_the_team_tab_marks_the_gap_and_warns(workspace, make_app, team):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_team(pilot)
        table = app.screen.query_one("#tri-table", DataTable)
        delivery = [str(getattr(c, "plain", c)) for c in table.get_row("delivery_manager")]
        warnings = str(app.screen.query_one("#tri-warnings", Static).render())
    assert delivery[0] == "Delivery manager" and "✗" in delivery
    assert "No Solution expert" in warnings and "赵磊 (Delivery manager) covers nobody" in warnings


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_team_tab(snap_compare, team, make_app, lang, size):
    assert snap_compare(make_app(lang), terminal_size=size, run_before=on_team)


@pytest.mark.parametrize("lang", LANGS)
async def test_the_team_line_wraps_between_roles_never_inside_one(workspace, make_app, team, lang):
    """At 80 columns 'Delivery manager: Robert Thompson' broke as 'Delivery' / 'manager: …'."""
    from katerm.app.widgets.phrases import Phrases
    from katerm.core.stageplan import TEAM_ROLES
    from katerm.i18n import t

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_team(pilot)
        line = app.screen.query_one("#tri-team", Phrases)
        rows = str(line.render()).splitlines()
        roles = tuple(t(f"stageplan.role.{r}") for r in TEAM_ROLES)
        assert len(rows) >= (2 if lang == "en" else 1)  # in English they need two lines
        assert all(row.startswith(roles) for row in rows), rows


@pytest.mark.parametrize("lang", LANGS)
async def test_every_column_a_narrow_terminal_hides_is_named(workspace, make_app, team, lang):
    """Walk s9 §27: at 80 columns 其他 (other departments) was left out, and the line under
    the table named only 执行层 as what a wider terminal also shows."""
    for name, dept in (("陈静", "规划部"), ("李娜", "财务部"), ("孙强", "行政部")):
        save_person(workspace, team, None, {"name": name, "department": dept, "role": "user"})
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_team(pilot)
        table = app.screen.query_one("#tri-table", DataTable)
        shown = {str(c.label.plain) for c in table.columns.values()}
        wanted = [c.label for c in table.specs]
        hint = str(app.screen.query_one("#tri-hint", Static).render())
    missing = [label for label in wanted if label not in shown]
    assert missing, "nothing hidden at 80 columns: the test proves nothing"
    assert all(label in hint for label in missing), (missing, hint)
