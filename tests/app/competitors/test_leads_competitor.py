"""A competitor my lead put on the team's list is theirs to retire (issue 24): the app says
so and keeps it, rather than failing."""

from __future__ import annotations

import pytest

from katerm.core import store
from tests.app.competitors.test_competitors_tab import race  # noqa: F401
from tests.app.competitors.test_team_competitors import _listed, open_list
from tests.app.conftest import settle
from tests.core.plan_helpers import add_user

pytestmark = pytest.mark.now("2026-03-20")


async def test_retiring_my_leads_competitor_is_refused_with_who(workspace, make_app, race):  # noqa: F811
    lead = add_user(workspace, "wang.fang", "王芳", None)
    with workspace.db.writing() as conn:
        store.update(conn, "users", workspace.me.id, {"manager_id": lead}, actor_id=lead)
        (competitor,) = conn.exec_driver_sql("SELECT id FROM competitors").fetchone()
        store.update(conn, "competitors", competitor, {"owner_id": lead}, actor_id=lead)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        assert _listed(app) == ["华智科技"]
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot, 4)
        assert _listed(app) == ["华智科技"]
        shown = [str(n.message) for n in app._notifications]
        assert any("on the list of your lead 王芳" in m for m in shown), shown
