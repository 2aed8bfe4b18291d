"""The evening review at 80 columns (issue 18, walk item 7 and 19): the footer keeps the keys
to end the meeting and to go back, the header keeps a gap before "Seller 1 of 3", and the
summary after `s` says how to close it, its export command on one line, whole."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from katerm.app.reviews.meeting import MeetingScreen
from katerm.app.reviews.summary import SummaryScreen
from katerm.app.widgets.dialogs import ConfirmScreen
from katerm.i18n import t
from tests.app.conftest import settle


@pytest.fixture
def demo(workspace, monkeypatch):
    from katerm.core.demo import generate

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    generate(workspace, accounts=60, lang="en")
    return workspace


async def _meeting(pilot) -> MeetingScreen:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MeetingScreen)
    return pilot.app.screen


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_the_footer_keeps_finish_and_back_and_the_header_a_gap(demo, make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _meeting(pilot)
        shown = {key.description for key in meeting.query(FooterKey)}
        assert t("reviews.keys.finish", lang=lang) in shown, shown
        assert t("keys.back", lang=lang) in shown, shown
        title = meeting.query_one("#meeting-title").region
        progress = meeting.query_one("#meeting-progress").region
        assert progress.x > title.right, (title, progress)  # a gap, not "2026-11-27Seller"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_the_summary_says_how_to_close_it_and_shows_the_command_whole(demo, make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _meeting(pilot)
        await pilot.press("s")
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):  # sellers not reviewed: finish anyway
            await pilot.press("enter")
            await settle(pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "Esc" in str(summary.query_one("#hint", Static).render())
        command = summary.query_one("#command", Static)
        text = str(command.render())
        assert text.startswith("katerm review summary --date 2026-11-27")
        assert cell_len(text) <= command.content_region.width, (text, command.content_region)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SummaryScreen)
