"""A key pressed right after opening a screen, before its data is there, acts once it is.

On a loaded machine `5` then `m` said "Still loading: try again in a moment." and did
nothing; `4` then `e` said nobody was scored yet. The loads here are held until the keys
are pressed, as a slow machine would.
"""

from __future__ import annotations

import threading

import pytest

from tests.app.conftest import settle


def hold(monkeypatch, module, name: str) -> threading.Event:
    """``module.name`` waits (in its worker) until the returned event is set."""
    release = threading.Event()
    real = getattr(module, name)

    def held(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return release


@pytest.fixture
def demo(workspace, monkeypatch):
    from katerm.core.demo import generate

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    generate(workspace, accounts=40, lang="en")
    return workspace


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_evening_review_key_pressed_while_my_day_loads_opens_it_once_loaded(
    demo, make_app, monkeypatch
):
    import katerm.core.reviews as reviews
    from katerm.app.reviews.screen import ReviewsScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        release = hold(monkeypatch, reviews, "load_view")
        await pilot.press("5", "m")
        await pilot.pause()
        assert isinstance(app.screen, ReviewsScreen)
        assert any("acts as soon as the data is there" in n for n in notes(app))
        assert not any("Still loading" in n for n in notes(app))
        release.set()
        await settle(pilot)
        # The demo's user leads three teams: the evening review asks which team's.
        assert not isinstance(app.screen, ReviewsScreen)
        assert "evening review" in str(app.screen.query("Static").first().render()).lower()


async def test_edit_pressed_while_the_gaps_load_edits_the_first_row_once_loaded(
    demo, make_app, monkeypatch
):
    import katerm.core.gaps as gaps
    from katerm.app.gaps.screen import GapsScreen
    from katerm.app.widgets.form_dialog import FormDialog

    release = hold(monkeypatch, gaps, "load_visible_first")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4", "e")
        await pilot.pause()
        assert isinstance(app.screen, GapsScreen)
        assert not any("scored" in n for n in notes(app))  # not "nobody is scored yet"
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)


async def test_a_key_kept_while_loading_is_dropped_when_the_user_leaves_the_screen(
    demo, make_app, monkeypatch
):
    import katerm.core.reviews as reviews
    from katerm.app.accounts.screen import AccountsScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        release = hold(monkeypatch, reviews, "load_view")
        await pilot.press("5", "m", "1")
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, AccountsScreen)  # no evening review over the accounts
