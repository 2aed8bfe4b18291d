"""Choosing an account or a command matches the same way everywhere (issue 18, walk C, P, E):
the name holds what is typed, or its pinyin initials hold it anywhere (jzt: 客户金字塔, cq:
重庆…), and a search that finds nothing says so."""

from __future__ import annotations

import pytest
from textual.command import CommandList
from textual.widgets import Input, OptionList, Static

from katerm.app.influence.dialogs import AccountPicker
from katerm.app.reviews.log_activity import LogActivityScreen
from katerm.core.accounts import save_account
from katerm.core.pinyin import name_matches
from tests.app.conftest import settle


@pytest.fixture
def accounts(workspace):
    for name, tier in (("重庆凯腾建工有限公司", "A"), ("Stoneline Beverages", "B")):
        save_account(workspace, None, {"name": name, "tier": tier})
    return workspace


def test_the_rule():
    assert name_matches("jzt", "客户金字塔")  # initials inside the name, not only at its start
    assert name_matches("cq", "重庆凯腾建工有限公司")  # 重 read chóng
    assert name_matches("LINE", "Stoneline Beverages")
    assert not name_matches("cdfc", "重庆凯腾建工有限公司")
    assert not name_matches("j", "客户金字塔")  # one letter is not initials


async def test_palette_finds_a_screen_by_initials_inside_its_name(accounts, make_app):
    app = make_app("zh_CN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"jzt")
        await pilot.pause(0.8)  # the palette's debounce
        await settle(pilot)
        listed = app.screen.query_one(CommandList)
        first = str(listed.get_option_at_index(0).prompt)
        assert first.splitlines()[0] == "客户金字塔", first
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "pyramid"


@pytest.mark.parametrize(
    ("lang", "none"),
    [
        ("en", "No account matches “qqxx” by name"),
        ("zh_CN", "没有名称或拼音首字母匹配“qqxx”的客户"),
    ],
)
async def test_influence_account_picker_matches_initials_and_says_when_nothing_does(
    accounts, make_app, lang, none
):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, AccountPicker)
        await pilot.press(*"cq")
        await settle(pilot)
        options = picker.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert [s.split("  ")[0] for s in shown] == ["重庆凯腾建工有限公司"]
        assert str(picker.query_one("#picker-empty", Static).render()) == ""
        await pilot.press("backspace", "backspace", *"qqxx")
        await settle(pilot)
        assert options.option_count == 0
        assert none in str(picker.query_one("#picker-empty", Static).render())


@pytest.mark.parametrize(
    ("lang", "none", "first_hint"),
    [
        ("en", "No account matches “cdfc” by name", "type an account first"),
        ("zh_CN", "没有名称或拼音首字母匹配“cdfc”的客户", "请先输入客户"),
    ],
)
async def test_log_activity_opens_in_the_account_field_and_says_when_nothing_matches(
    accounts, make_app, lang, none, first_hint
):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogActivityScreen)
        field = screen.query_one("#input-account", Input)
        assert app.focused is field  # where one types; the kind list ignored letters
        field.value = ""  # pre-filled with the highlighted account: a fresh start
        await settle(pilot)
        assert first_hint in str(screen.query_one("#contacts-label", Static).render())
        await pilot.press(*"cdfc")
        await settle(pilot)
        assert none in str(screen.query_one("#error-account", Static).render())
        # The contacts line no longer says "type an account first": one is typed.
        assert first_hint not in str(screen.query_one("#contacts-label", Static).render())
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"cq")
        await settle(pilot)
        assert str(screen.query_one("#error-account", Static).render()) == ""
