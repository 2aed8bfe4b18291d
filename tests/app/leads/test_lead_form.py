"""A lead's source, referrer and nurturer in the opportunity form (account → Opps tab → a):
saved with the new lead; a referral without who referred it is refused beside the field and
nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select

from katerm.app.widgets.form_dialog import FormDialog
from katerm.core.accounts import save_contact
from tests.app.conftest import settle
from tests.core.plan_helpers import account

pytestmark = pytest.mark.now(date(2026, 12, 9).isoformat())


@pytest.fixture
def world(workspace):
    bank, _ = account(workspace, "上海明珠银行", contacts=0)
    save_contact(workspace, bank, None, {"name": "王芳", "title": "行长"})
    acc, _ = account(workspace, "杭州云帆机器人有限公司", contacts=0)
    return workspace, acc


async def _open_form(pilot, acc: str) -> FormDialog:
    from katerm.app.accounts.account import AccountScreen

    pilot.app.push_screen(AccountScreen(acc, tab="opportunities"))
    await settle(pilot)
    pilot.app.screen.query_one("OpportunitiesPane DataTable").focus()
    await pilot.press("a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FormDialog)
    return screen


async def _fill(pilot, form: FormDialog, source: str, referred: str) -> None:
    form.query_one("#field-name Input", Input).value = "云迁移"
    form.query_one("#field-lead_source Select", Select).value = source
    form.query_one("#field-referred_by Input", Input).value = referred
    form.query_one("#field-nurturer Select", Select).value = "tester"
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)


def _leads(ws) -> list[tuple]:
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT o.name, o.lead_source, c.name, o.lead_status, o.nurturer_id IS NOT NULL "
            "FROM opportunities o LEFT JOIN contacts c ON c.id = o.referred_contact_id"
        ).fetchall()


async def test_a_referred_lead_is_saved_with_its_referrer_and_nurturer(world, make_app):
    ws, acc = world
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await _open_form(pilot, acc)
        await _fill(pilot, form, "referral", "上海明珠银行 / 王芳")
        assert not isinstance(app.screen, FormDialog)
    assert _leads(ws) == [("云迁移", "referral", "王芳", "new", 1)]


async def test_a_referral_without_a_referrer_is_refused_beside_the_field(world, make_app):
    ws, acc = world
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await _open_form(pilot, acc)
        await _fill(pilot, form, "referral", "")
        assert app.screen is form
        error = " ".join(str(w.render()) for w in form.query("#field-referred_by .field-error"))
        assert "who referred it" in error
    assert _leads(ws) == []
