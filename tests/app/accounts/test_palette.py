"""Ctrl+P finds accounts and contacts by name or pinyin initials, in the interface language."""

from __future__ import annotations

from textual.command import CommandList

from katerm.app.accounts.account import AccountScreen
from katerm.app.accounts.contacts import ContactsPane
from tests.app.conftest import settle


def _options(app) -> list[str]:
    listed = app.screen.query_one(CommandList)
    prompts = [listed.get_option_at_index(i).prompt for i in range(listed.option_count)]
    return [str(getattr(p, "renderable", p)) for p in prompts]  # "no matches" is centred


async def _search(pilot, text: str) -> list[str]:
    await pilot.press("ctrl+p", *text)
    await pilot.pause(0.8)  # the palette's own debounce and "no matches" countdown
    await settle(pilot)
    return _options(pilot.app)


async def test_pinyin_initials_find_a_chinese_name_and_a_contact_opens_on_its_row(
    workspace, sample, make_app
):
    app = make_app("zh_CN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        found = await _search(pilot, "shmz")
        assert any("上海明珠电子科技有限公司" in o for o in found), found
        # Chinese punctuation between the kind and the name (it read "客户: 上海明珠…").
        assert any(o.startswith("客户：上海明珠电子科技有限公司") for o in found), found
        assert not any(": " in o for o in found), found
        contact = next(i for i, o in enumerate(found) if "Contact of 上海明珠" in o)
        for _ in range(contact):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountScreen)
        pane = screen.query_one(ContactsPane)
        assert pane.display and app.focused is not None and pane in app.focused.ancestors
        assert pane._selected() is not None and pane._selected().name == "Contact of 上海明珠"


async def test_no_matches_is_said_in_chinese(workspace, sample, make_app):
    app = make_app("zh_CN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert await _search(pilot, "qqqqxx") == ["没有匹配项"]


async def test_a_found_record_is_labelled_with_chinese_punctuation(workspace, sample, make_app):
    """“客户: 上海明珠…” had the half-width colon of the English label."""
    app = make_app("zh_CN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        found = await _search(pilot, "shmz")
    assert any(o.startswith("客户：上海明珠电子科技有限公司") for o in found), found
    assert not any("客户:" in o or "联系人:" in o for o in found), found


async def test_pinyin_initials_find_the_apps_commands_too(workspace, sample, make_app):
    """zt found accounts (中泰…) but not 主题, the command a Chinese user was looking for:
    commands were matched letter by letter against their Chinese names."""
    app = make_app("zh_CN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        found = await _search(pilot, "gxcj")
        assert found[0].splitlines()[0] == "关系差距", found
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "gaps"
        found = await _search(pilot, "zt")
        assert found[0].splitlines()[0] == "主题", found


async def test_english_commands_are_found_once_by_their_letters(workspace, sample, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        found = [o.splitlines()[0] for o in await _search(pilot, "them")]
    assert found.count("Theme") == 1, found
