"""The app syncing with a real server: in the background, on F5, and the screens follow."""

from __future__ import annotations

from katerm.core.accounts.edit import save_account
from tests.app.conftest import settle
from tests.sync.conftest import add_member


async def test_f5_pulls_the_sellers_account_into_the_leads_open_list(admin_url, clients):
    from katerm.app import create_app

    add_member(admin_url, "lead")
    add_member(admin_url, "seller", manager="lead")
    seller, lead = clients("seller"), clients("lead")
    save_account(seller.ws, None, {"name": "深圳远航医药有限公司", "region": "华南"})
    seller.sync()
    lead.ws.settings.extra["sync"] = {"interval_minutes": 0}  # only the key syncs here
    app = create_app(lead.ws)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.status_text == "not synced yet"
        await pilot.press("escape")  # the welcome screen of an empty database
        await settle(pilot)
        await pilot.press("f5")
        for _ in range(20):  # the worker talks to the server; the UI keeps going meanwhile
            await settle(pilot)
            if app.screen.index is not None and app.screen.index.ids:
                break
        assert app.screen.index.names == ["深圳远航医药有限公司"]
        assert app.status_text.startswith("synced ")
        assert not app.status_problem
