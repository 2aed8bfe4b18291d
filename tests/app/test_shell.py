"""The app frame: themes (shipped and the user's own), remapped keys, modes, welcome."""

from __future__ import annotations

import pytest

from katerm.app.accounts.account import AccountScreen
from katerm.app.accounts.screen import AccountsScreen
from katerm.app.accounts.welcome import WelcomeScreen
from katerm.app.themes import discover, load_theme
from katerm.core.config import set_value
from katerm.paths import shipped_themes_dir
from tests.app.conftest import settle


def test_the_shipped_themes_load_and_include_a_projector_theme():
    themes, problems = discover(None)
    names = {t.name for t in themes}
    assert problems == []
    assert {"katerm-dark", "katerm-light", "katerm-projector"} <= names
    assert load_theme(shipped_themes_dir() / "katerm-projector.toml").background == "#000000"


async def test_a_broken_user_theme_is_reported_once_and_the_app_starts(workspace, make_app):
    folder = workspace.paths.themes_dir
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "mine"\nprimary = "#12345"\n', encoding="utf-8")
    (folder / "good.toml").write_text('name = "good"\nprimary = "#336699"\n', encoding="utf-8")
    (folder / "junk.toml").write_text("this is [ not toml", encoding="utf-8")
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert sum("mine.toml" in m and "#12345" in m for m in messages) == 1
        assert sum("junk.toml" in m for m in messages) == 1
        assert "good" in app.available_themes
        assert isinstance(app.screen, WelcomeScreen | AccountsScreen)


async def test_the_theme_from_the_settings_is_used_and_a_change_is_remembered(workspace, make_app):
    workspace.settings.theme = "katerm-light"
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.theme == "katerm-light"
        app.theme = "katerm-projector"
        await settle(pilot)
    text = workspace.paths.config_file.read_text(encoding="utf-8")
    assert 'theme = "katerm-projector"' in text


@pytest.mark.parametrize(
    ("lang", "titles", "query", "chosen"),
    [
        ("zh_CN", ["投影（高对比度）", "浅色", "深色"], "浅色", "katerm-light"),
        ("en", ["Dark", "Light", "Projector (high contrast)"], "proj", "katerm-projector"),
    ],
)
async def test_the_theme_picker_names_katerms_themes_in_the_language(
    workspace, make_app, lang, titles, query, chosen
):
    """Issue 18: the picker (Ctrl+P → theme) listed "katerm-dark", "nord", "gruvbox"… in
    Latin on a Chinese screen. It lists katerm's themes (and the user's) by their names in the
    interface language; the settings keep the theme's id."""
    from textual.command import CommandList

    folder = workspace.paths.themes_dir
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "mine"\nprimary = "#336699"\n', encoding="utf-8")
    app = make_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_change_theme()
        await pilot.pause(0.5)
        await settle(pilot)
        listed = app.screen.query_one(CommandList)
        shown = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert sorted(shown) == sorted([*titles, "mine"])  # no Textual theme ("nord")
        await pilot.press(*query)
        await pilot.pause(0.8)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == chosen
    text = workspace.paths.config_file.read_text(encoding="utf-8")
    assert f'theme = "{chosen}"' in text


async def test_keys_can_be_remapped_in_the_settings(workspace, sample, make_app):
    set_value(workspace.paths.config_file, "keys.accounts.new", "ctrl+n")
    workspace.settings.keys = {"accounts.new": "ctrl+n"}
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # no longer bound
        await settle(pilot)
        assert isinstance(app.screen, AccountsScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_the_welcome_choices_say_all_they_say_at_80_columns(workspace, make_app, lang):
    """At 80×24 the import choice read 从 CSV、Excel 或 JSON 导入客户、联系人、商 (and
    "…opportunities… from", without the formats): each help had one line and was cut."""
    from katerm.i18n import t

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = "".join(
            strip.text.replace("│", "").strip() for strip in app.screen._compositor.render_strips()
        )
        for key in ("demo_help", "import_help", "add_help"):
            assert t(f"welcome.{key}", lang).replace(" ", "") in screen.replace(" ", "")


async def test_an_empty_database_starts_on_the_welcome_screen(workspace, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("i")  # import: asks for a path, checks it before doing anything
        await pilot.press(*"/no/such/file.csv", "enter")
        await settle(pilot)
        error = str(app.screen.query_one("#import-status").render())
        assert "/no/such/file.csv" in error
        await pilot.press("escape")  # back to the welcome screen
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")  # the welcome screen is skipped
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen) and app.screen.account_id is None


async def test_the_chinese_interface_has_chinese_bindings_and_labels(workspace, sample, make_app):
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        descriptions = {
            active.binding.description for active in app.screen.active_bindings.values()
        }
        assert "新建客户" in descriptions and "退出" in descriptions
        assert not any(d.startswith("keys.") for d in descriptions)
        totals = str(app.screen.query_one("#totals").render())
        assert totals == "5 个客户 · 销售额合计 1,165.00万"


async def test_the_palette_finds_an_account_by_a_contacts_name_and_opens_it(
    workspace, sample, make_app
):
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)
        await pilot.press(*"Contact of Nort")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.account_id == sample["Northwind Traders"]


async def test_number_keys_and_the_palette_switch_modes(workspace, sample, make_app):
    app = make_app("zh_CN")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        assert app.current_mode == "accounts"
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "客户" in commands and "主题" in commands and "退出" in commands


async def test_demo_data_from_the_welcome_screen_fills_the_accounts_list(workspace, make_app):
    from katerm.app.widgets.lazy_table import LazyTable

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("d")
        for _ in range(100):  # the demo runs in a worker; a few seconds at most
            await settle(pilot)
            if (
                isinstance(app.screen, AccountsScreen)
                and app.screen.index is not None
                and len(app.screen.index) == 300
            ):
                break
        assert isinstance(app.screen, AccountsScreen)
        assert app.screen.query_one(LazyTable).row_count == 300
        assert workspace.me.display in app.sub_title
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM accounts").fetchone()[0] == 300


async def test_the_key_panel_shows_textual_own_keys_in_chinese(workspace, sample, make_app):
    """F1 lists scrolling, tab and focus keys that come from Textual: none stays English."""
    from katerm.app.localize import TEXTUAL_DESCRIPTIONS

    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open an account: its tab bar has the focus
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        seen = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "下一个标签页" in seen
        await pilot.press("4")  # the gap table scrolls sideways
        await settle(pilot)
        seen |= {b.binding.description for b in app.screen.active_bindings.values()}
        assert "右移" in seen
        assert not seen & set(TEXTUAL_DESCRIPTIONS), seen & set(TEXTUAL_DESCRIPTIONS)
