"""The account field of the log-activity dialog (``l``) offers every matching name in a
drop-down: part of the name or pinyin initials, the account last worked on first."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from katerm.app.reviews.log_activity import LogActivityScreen
from katerm.app.widgets.completion import Matches
from tests.app.conftest import settle

NAMES = ("Skyhaven", "Skystream Properties", "成都飞驰汽车", "上海明珠电子")


@pytest.fixture
def accounts(workspace):
    from katerm.core.accounts import save_account

    for name in NAMES:
        save_account(workspace, None, {"name": name})
    return workspace


def _shown(screen) -> list[str]:
    matches = screen.query_one(Matches)
    if not matches.display:
        return []
    return [str(matches.get_option_at_index(i).prompt) for i in range(matches.option_count)]


async def _log_dialog(pilot):
    await pilot.press("l")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LogActivityScreen)
    field = screen.query_one("#input-account", Input)
    field.value = ""  # filled with the highlighted account: a fresh start
    field.focus()
    await settle(pilot)
    return screen


async def _type(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_sky_offers_both_and_down_enter_takes_the_second(accounts, make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _log_dialog(pilot)
        await _type(pilot, *"sky")
        assert _shown(screen) == ["Skyhaven", "Skystream Properties"]
        await _type(pilot, "down", "enter")
        field = screen.query_one("#input-account", Input)
        assert field.value == "Skystream Properties"
        assert _shown(screen) == [] and app.screen is screen  # taken: the list closes
        await _type(pilot, "up")  # the list is closed: nothing to choose, nothing breaks
        assert field.value == "Skystream Properties"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_pinyin_initials_and_a_part_of_a_chinese_name_find_it(accounts, make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _log_dialog(pilot)
        await _type(pilot, *"cdfc")
        assert _shown(screen) == ["成都飞驰汽车"]
        await _type(pilot, "tab")
        assert screen.query_one("#input-account", Input).value == "成都飞驰汽车"
        field = screen.query_one("#input-account", Input)
        field.value = ""
        field.focus()
        await _type(pilot, *"mz")  # the initials of 明珠, inside the name
        assert _shown(screen) == ["上海明珠电子"]


async def test_esc_closes_the_list_first_and_keeps_the_dialog_and_the_text(accounts, make_app):
    from katerm.app.widgets.leaving import LeaveDialog

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _log_dialog(pilot)
        await _type(pilot, *"sky")
        assert _shown(screen)
        await _type(pilot, "escape")
        assert app.screen is screen and _shown(screen) == []
        assert screen.query_one("#input-account", Input).value == "sky"
        await _type(pilot, "escape")  # now Esc leaves the dialog: typed text, so it asks
        assert isinstance(app.screen, LeaveDialog)


async def test_the_account_last_worked_on_comes_first_and_nothing_matching_shows_no_list(
    accounts, make_app
):
    from katerm.core.reviews import log_activity

    log_activity(
        accounts,
        {"account": "Skystream Properties", "kind": "visit", "date": "2026-11-20", "time": "10:00"},
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _log_dialog(pilot)
        await _type(pilot, *"sky")
        assert _shown(screen) == ["Skystream Properties", "Skyhaven"]
        await _type(pilot, *"zzz")
        assert _shown(screen) == []


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_the_list_sits_under_the_field_framed_and_the_date_row_still_shows_the_date(
    accounts, make_app, lang
):
    # The walk: the first name was drawn over the Date row with no frame, so the form read
    # as if the date had been replaced by the account's name.
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _log_dialog(pilot)
        await _type(pilot, *"sky")
        matches = screen.query_one(Matches)
        assert _shown(screen) == ["Skyhaven", "Skystream Properties"]
        date = screen.query_one("#input-date", Input)
        label = screen.query_one("#field-date .field-label")
        assert not matches.region.overlaps(date.region)
        assert not matches.region.overlaps(label.region)
        assert date.region.y > matches.region.bottom - 1  # below the list, in view
        assert date.region.y < screen.query_one("#log-body").region.bottom
        # What is drawn at the Date row is the date field, holding the date, not the list.
        assert screen.get_widget_at(date.region.x, date.region.y)[0] is date
        assert date.value and date.value[:2] == "20"
        from katerm.i18n import t

        hint = t("keys.matches_hint", lang=lang)
        assert str(matches.border_subtitle) == hint and matches.styles.border_top[0]
