"""The palette opens the meetings, the reviews and the activity log from anywhere: their keys
live on screen 5 (the quarter's on the month), and a newcomer typing 夕会 or "evening" into
Ctrl+P found nothing."""

from __future__ import annotations

import pytest

from tests.app.conftest import settle


@pytest.mark.parametrize(
    ("lang", "typed", "screen"),
    [
        ("zh_CN", "月度回顾", "MonthScreen"),
        ("zh_CN", "jdhg", "QuarterScreen"),  # 季度回顾 by its pinyin initials
        ("zh_CN", "记录活动", "LogActivityScreen"),
        ("en", "Monthly review", "MonthScreen"),
        ("en", "Quarterly review", "QuarterScreen"),
        ("en", "Lead meeting", "LeadMeetingScreen"),
    ],
)
async def test_the_palette_opens_a_review_from_another_screen(
    workspace, sample, make_app, lang, typed, screen
):
    from textual.command import CommandPalette

    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # the pyramid: far from screen 5
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)
        await pilot.press(*typed)
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == screen


async def test_every_review_command_has_a_title_and_help_in_both_languages(
    workspace, sample, make_app
):
    for lang in ("en", "zh_CN"):
        app = make_app(lang)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
            wanted = (
                ["Log activity", "Evening review", "Lead meeting", "Monthly review"]
                if lang == "en"
                else ["记录活动", "夕会", "线索例会", "月度回顾", "季度回顾"]
            )
            for title in wanted:
                assert commands.get(title), (lang, title)
                if lang == "zh_CN":
                    assert commands[title].isascii() is False
