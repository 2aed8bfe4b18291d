"""The log-activity dialog (``l``) fits its content: every contact in a row when there is
room (the walk saw 5 of 6 and ten blank rows at 120x40), and at 80x24 the opportunity choice
in view, with the number of contacts said when the list shows fewer (issue 18, walk item 5)."""

from __future__ import annotations

import pytest
from textual.widgets import SelectionList, Static

from katerm.app.reviews.log_activity import LogActivityScreen
from tests.app.conftest import settle

PEOPLE = ("卢东平", "杨刚", "陈国伟", "雷明", "马凯军", "高鑫文")


@pytest.fixture
def six(workspace):
    from katerm.core.accounts import save_account, save_contact

    account_id = save_account(workspace, None, {"name": "常州富创网络科技有限公司"})
    for name in PEOPLE:
        save_contact(workspace, account_id, None, {"name": name})
    return account_id


async def _open(pilot, account_id: str) -> LogActivityScreen:
    await settle(pilot)
    screen = LogActivityScreen(account_id)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    await pilot.pause(0.2)
    await settle(pilot)
    return screen


def _inside(inner, outer) -> bool:
    return outer.contains_region(inner) if inner.area else False


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_at_120x40_six_contacts_take_six_rows_and_no_blank_rows_follow(six, make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, six)
        box = screen.query_one("#contacts", SelectionList)
        assert box.option_count == len(PEOPLE)
        assert box.region.height == len(PEOPLE)
        # The buttons come straight after the list: the dialog is as tall as what it holds.
        assert screen.query_one("#buttons").region.y == box.region.bottom
        assert "6" in str(screen.query_one("#contacts-label", Static).render())


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_at_80x24_the_opportunity_choice_and_the_buttons_are_in_view(six, make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, six)
        body = screen.query_one("#log-body").region
        for ident in ("#opportunity", "#stage", "#input-date", "#contacts-label"):
            assert _inside(screen.query_one(ident).region, body), ident
        # The list shows fewer than six here, so its label says how many there are.
        assert "6" in str(screen.query_one("#contacts-label", Static).render())
        buttons = screen.query_one("#buttons").region
        dialog = screen.query_one("#dialog").region
        assert _inside(buttons, dialog) and dialog.bottom <= 24
