"""Pyramid `a` / `A` on a tab other than Re-tier: they are listed for the screen but did
nothing and said nothing (walk s9b, item 11); now they say where they work."""

from __future__ import annotations

import pytest

from tests.app.conftest import settle

WORDS = {
    "en": "Apply works on the Re-tier tab: r opens it.",
    "zh_CN": "调整在升降级标签页上进行：按 r 打开。",
}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("key", ["a", "A"])
async def test_apply_on_the_pyramid_tab_says_where_it_works(sample, make_app, lang, key):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        app.clear_notifications()
        await pilot.press(key)
        await settle(pilot)
        assert app.screen is screen
        assert [n.message for n in app._notifications] == [WORDS[lang]]


BESIDE = {
    "en": "Beside shows another scheme under the Pyramid tab's figures: p opens it.",
    "zh_CN": "对照显示在金字塔标签页的数字下方：按 p 打开。",
}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_beside_off_the_pyramid_tab_says_where_it_works(sample, make_app, lang):
    """The third walk: `b` on the Re-tier or Thresholds tab did nothing and said nothing."""
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("r")  # the Re-tier tab
        await settle(pilot)
        screen = app.screen
        app.clear_notifications()
        await pilot.press("b")
        await settle(pilot)
        assert app.screen is screen
        assert [n.message for n in app._notifications] == [BESIDE[lang]]
