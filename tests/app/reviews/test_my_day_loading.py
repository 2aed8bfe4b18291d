"""My day shows its checklist before "Coming up" is read, says that part is loading, and keeps
answering keys meanwhile."""

from __future__ import annotations

import threading

from textual.widgets import OptionList

from katerm.app.reviews import screen as screen_module
from katerm.app.reviews.screen import ReviewsScreen
from katerm.app.reviews.widgets import ChecklistList
from tests.app.conftest import settle


def _shown(due: OptionList) -> list[str]:
    return [str(due.get_option_at_index(i).prompt) for i in range(due.option_count)]


async def test_the_checklist_shows_while_coming_up_is_still_loading(
    workspace, make_app, monkeypatch
):
    from katerm.core.accounts.edit import save_account, save_contact

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    acc = save_account(workspace, None, {"name": "上海明珠", "tier": "A"})
    save_contact(workspace, acc, None, {"name": "张总", "birthday": "1970-11-29"})
    release = threading.Event()
    extras = screen_module.load_day_extras

    def slow_extras(*args):  # "Coming up" takes its time
        release.wait(10)
        return extras(*args)

    monkeypatch.setattr(screen_module, "load_day_extras", slow_extras)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        screen = app.screen
        assert isinstance(screen, ReviewsScreen)
        for _ in range(200):
            if screen.view is not None:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        checklist = screen.query_one(ChecklistList)
        title = str(screen.query_one("#checklist-panel").border_title)
        due = screen.query_one("#due", OptionList)
        assert "Checklist · done" in title
        assert checklist.option_count > 1
        assert "Loading what is coming up…" in _shown(due)[-1]
        await pilot.press("down")  # keys still answered
        assert checklist.highlighted == 1
        release.set()
        await settle(pilot)
        shown = _shown(due)
    assert not any("Loading" in s for s in shown), shown
    assert any("Coming up" in s for s in shown), shown
    assert any("张总" in s and "11-29" in s for s in shown), shown
    assert checklist.highlighted == 1  # the checklist stayed where the user moved it
