"""Keys typed faster than the app draws reach the screen they were typed for, in order."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from katerm.app.reviews.log_activity import LogActivityScreen
from tests.app.conftest import settle


def type_at_once(app, *keys: str) -> None:
    """Keys as a fast typist sends them: all in the app's queue before it handles the first."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_typed_right_after_l_go_to_the_log_dialog(workspace, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        underneath = app.screen
        type_at_once(app, "l", "S", "k", "y")
        await settle(pilot)
        assert isinstance(app.screen, LogActivityScreen)
        assert app.screen.query_one("#input-account", Input).value == "Sky"
        assert app.screen_stack[-2] is underneath


async def test_keys_typed_at_once_keep_their_order(workspace, sample, make_app):
    """Held keys go on in the order typed: a search typed at full speed reads as typed."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        type_at_once(app, "slash", *"north")
        await settle(pilot)
        assert app.focused is not None and isinstance(app.focused, Input)
        assert app.focused.value == "north"
