"""My day lists the routines due today or overdue at my accounts; ``l`` (or Enter) on one logs
it done, and it leaves the list."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import OptionList

from katerm.app.reviews.log_activity import LogActivityScreen
from katerm.app.reviews.screen import ReviewsScreen
from katerm.core.accounts.edit import save_account
from katerm.core.broad import add_routine, log_routine
from tests.app.conftest import settle

TODAY = date(2026, 3, 20)
pytestmark = pytest.mark.now(TODAY.isoformat())


def shown(due: OptionList) -> list[str]:
    return [str(due.get_option_at_index(i).prompt) for i in range(due.option_count)]


@pytest.mark.parametrize("key", ["l", "enter"])
async def test_a_routine_due_shows_in_my_day_and_logging_it_there_clears_it(
    workspace, make_app, key
):
    acc = save_account(workspace, None, {"name": "上海明珠电子", "tier": "A"})
    care = add_routine(workspace, acc, {"kind": "care", "cadence_days": "30", "title": "月度拜访"})
    log_routine(workspace, care, {"date": "2026-02-01"})  # due 03-03: overdue
    later = add_routine(workspace, acc, {"kind": "festival", "cadence_days": "90"})
    log_routine(workspace, later, {"date": "2026-03-10"})  # due in June: not today
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewsScreen)
        due = screen.query_one("#due", OptionList)
        lines = shown(due)
        mine = [i for i, x in enumerate(lines) if "月度拜访" in x]
        assert len(mine) == 1 and "上海明珠电子" in lines[mine[0]]
        assert "2026-03-03 overdue" in lines[mine[0]]
        assert not any("Festival gathering" in x for x in lines)
        due.focus()
        due.highlighted = mine[0]
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LogActivityScreen)
        assert dialog.routine == (care, "月度拜访")
        await pilot.press("ctrl+s")
        await settle(pilot, 6)
        assert app.screen is screen
        assert not any("月度拜访" in x for x in shown(screen.query_one("#due", OptionList)))
