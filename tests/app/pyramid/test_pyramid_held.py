"""A threshold a lead above me set shows read-only, saying who set it (issue 24); the ones
nobody above me set stay mine to change."""

from __future__ import annotations

from katerm.core import store
from tests.app.conftest import settle
from tests.app.pyramid.test_pyramid_flow import open_pyramid, type_into
from tests.core.plan_helpers import add_user


async def test_my_leads_threshold_is_read_only_and_says_who_set_it(workspace, sample, make_app):
    lead = add_user(workspace, "wang.fang", "王芳", None)
    with workspace.db.writing() as conn:
        store.update(conn, "users", workspace.me.id, {"manager_id": lead}, actor_id=lead)
        store.insert(
            conn,
            "tier_thresholds",
            {
                "owner_id": lead,
                "scheme": "revenue",
                "tier": "A",
                "measure": "annual_revenue",
                "value": 8e6,
            },
            actor_id=lead,
        )
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_pyramid(pilot)
        await pilot.press("e")
        await settle(pilot)
        held = screen.query_one("#input-A--annual_revenue")
        assert held.disabled and held.value == "8,000,000"  # as the user writes it
        note = str(screen.query_one("#error-A--annual_revenue").render())
        assert "Set by your lead 王芳" in note
        assert not screen.query_one("#input-B--annual_revenue").disabled
        await type_into(pilot, screen, "#input-C--annual_revenue", "400000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        with workspace.db.reading() as conn:
            mine = conn.execute(
                "SELECT tier, value FROM tier_thresholds WHERE owner_id = ?", (workspace.me.id,)
            ).fetchall()
        assert mine == [("C", 400_000)]
        assert "Set by your lead 王芳" in str(screen.query_one("#error-A--annual_revenue").render())
