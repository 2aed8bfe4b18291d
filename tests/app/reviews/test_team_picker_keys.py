"""The evening review's team picker says its keys (issue 18: a lead opening the evening
review chose a team from a list that named no key). They come from the picker's bindings,
as the footer and F1 do, so a remapped key shows as it is."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from katerm.app.reviews.meeting import MeetingScreen
from katerm.app.widgets.choose import ChoiceScreen
from tests.app.conftest import settle


@pytest.fixture
def demo(workspace, monkeypatch):
    from katerm.core.demo import generate

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    generate(workspace, accounts=30, lang="en")
    return workspace


async def open_picker(app, pilot):  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    await pilot.press("m")  # the general manager: which team?
    await settle(pilot)
    assert isinstance(app.screen, ChoiceScreen)
    return str(app.screen.query_one("#choice-keys", Static).render())


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "Enter Choose · Esc Cancel"), ("zh_CN", "Enter 选择 · Esc 取消")]
)
async def test_the_team_picker_says_its_keys(demo, make_app, lang, said):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await open_picker(app, pilot) == said
        await pilot.press("down", "enter")  # and they do what they say
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)


async def test_a_remapped_key_shows_in_the_picker_and_works(demo, make_app):
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({"choice.cancel": "q"})
        said = await open_picker(app, pilot)
        assert said == "Enter Choose · q Cancel"
        assert app.screen.query_one(OptionList).has_focus
        await pilot.press("q")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceScreen)
