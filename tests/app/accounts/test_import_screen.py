"""The import screen, driven from the keyboard: the file's columns beside katerm's fields,
its first rows, a check, then the import."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from katerm.app.accounts.import_screen import ImportScreen
from katerm.app.accounts.screen import AccountsScreen
from katerm.app.widgets.choose import ChoiceScreen
from tests.app.conftest import measured, settle
from tests.core.io.helpers import write

SALESFORCE = (
    "Account Name,Annual Revenue,Billing City,Account Owner,Type\n"
    "Acme Steel,5000000,Shanghai,tester,Customer - Direct\n"
    "Blue River Foods,1200000,Beijing,tester,Prospect\n"
)


def cells(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def status(screen) -> str:
    return str(screen.query_one("#import-status", Static).render())


def names(ws) -> list[str]:
    with ws.db.reading() as conn:
        return [n for (n,) in conn.execute("SELECT name FROM accounts ORDER BY name")]


async def open_with(pilot, path) -> ImportScreen:
    """The import screen from where the user is: the welcome screen of an empty database
    (its "Import a file") or the accounts list (i)."""
    await pilot.press("i")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def test_columns_are_shown_beside_fields_mapped_then_checked_and_imported(
    workspace, make_app, tmp_path
):
    path = write(tmp_path / "accounts.csv", SALESFORCE)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, path)
        columns = screen.query_one("#import-columns", DataTable)
        shown = cells(columns)
        assert [r[0] for r in shown] == [
            "Account Name",
            "Annual Revenue",
            "Billing City",
            "Account Owner",
            "Type",
        ]
        assert shown[0][1] == "→ Name" and shown[2][1] == "? not known"
        assert shown[2][2] == "Shanghai · Beijing"
        rows = screen.query_one("#import-rows", DataTable)
        assert rows.row_count == 2 and cells(rows)[1][0] == "Blue River Foods"
        assert "Not known yet: Billing City, Account Owner, Type" in status(screen)

        await pilot.press("c")  # a check before every column has a field: what to do
        await settle(pilot)
        assert "Choose a field for Billing City" in status(screen) and names(workspace) == []

        columns.move_cursor(row=2)
        await pilot.press("enter")  # Billing City: choose its field from the list
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        choice = app.screen
        options = [
            choice.query_one("OptionList").get_option_at_index(i).id
            for i in range(choice.query_one("OptionList").option_count)
        ]
        await pilot.press(*["down"] * options.index("region"), "enter")
        await settle(pilot)
        assert cells(columns)[2][1] == "→ Region"
        columns.move_cursor(row=3)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*["down"] * options.index("owner"), "enter")
        await settle(pilot)
        columns.move_cursor(row=4)
        await pilot.press("x")  # leave Type out
        await settle(pilot)
        assert cells(columns)[4][1] == "left out" and "Every column has a field" in status(screen)

        await pilot.press("c")
        await settle(pilot)
        assert "an import would create 2" in status(screen) and names(workspace) == []
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, AccountsScreen)  # the welcome screen is done too
        assert names(workspace) == ["Acme Steel", "Blue River Foods"]


async def test_a_profile_maps_an_export_and_a_bad_file_is_told_in_chinese(
    workspace, make_app, tmp_path
):
    path = write(tmp_path / "accounts.csv", SALESFORCE)
    app = make_app(lang="zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, path)
        screen.query_one("#import-profile").value = "salesforce"
        await settle(pilot)
        shown = cells(screen.query_one("#import-columns", DataTable))
        assert shown[2][1] == "→ 区域" and shown[4][1] == "→ 生命周期"
        assert "每一列都有对应字段" in status(screen)
        await pilot.press("tab", "i")
        await settle(pilot)
        assert names(workspace) == ["Acme Steel", "Blue River Foods"]

        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        broken = write(tmp_path / "broken.csv", 'name,region\n"Open,Chem,East\n')
        screen.query_one("#import-path", Input).value = str(broken)
        await pilot.press("enter")
        await settle(pilot)
        assert "引号" in status(screen) and screen.query_one("#import-status").has_class("-error")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AccountsScreen)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_import_screen_snapshot(snap_compare, sample, make_app, tmp_path, monkeypatch, lang):
    """80x24, a Salesforce export read with no profile: known, unknown and first values."""
    monkeypatch.chdir(tmp_path)  # a relative path: the same picture on every machine
    write(tmp_path / "accounts.csv", SALESFORCE)

    async def open_file(pilot):
        await settle(pilot)
        await pilot.press("i", *"accounts.csv", "enter")
        await settle(pilot)
        await measured(pilot)

    assert snap_compare(make_app(lang), terminal_size=(80, 24), run_before=open_file)


async def test_after_a_path_that_cannot_be_read_the_next_keys_correct_it(
    workspace, make_app, tmp_path
):
    """Walk s9 §1: the focus left the field on a refused path, and the corrected path typed
    next ran as the screen's keys (2 opened the pyramid, a a form)."""
    good = write(tmp_path / "accounts.csv", SALESFORCE)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_with(pilot, tmp_path / "nope.csv")
        field = screen.query_one("#import-path", Input)
        assert screen.query_one("#import-status").has_class("-error")
        assert field.has_focus and field.selected_text == str(tmp_path / "nope.csv")
        await pilot.press(*str(good), "enter")  # typed over the selection
        await settle(pilot)
        assert app.screen is screen and field.value == str(good)
        assert screen.query_one("#import-columns", DataTable).has_focus
        assert cells(screen.query_one("#import-columns", DataTable))[0][0] == "Account Name"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_at_80_columns_the_screen_reads_whole_and_a_missing_file_is_said_once(
    workspace, make_app, tmp_path, lang
):
    """Walk s9b item 17: the placeholder was cut mid-sentence, the kind box showed
    "accounts" (the internal name) in English, a missing file's message was both a toast and
    the status line, each cut by the other, and the screen had no title bar."""
    from rich.cells import cell_len
    from textual.widgets import Header, Select

    from katerm.i18n import t

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        assert screen.query_one(Header).display and screen.title == t("import.title", lang=lang)
        path = screen.query_one("#import-path", Input)
        assert cell_len(path.placeholder) <= path.content_region.width, path.placeholder
        kind = screen.query_one("#import-kind", Select)
        shown = str(kind.query_one("SelectCurrent Static#label").render())
        assert shown != "accounts" and shown.casefold() == t("io.kind.accounts", lang=lang)
        screen.query_one("#import-path", Input).value = str(tmp_path / "nope.csv")
        await pilot.press("enter")
        await settle(pilot)
        status = screen.query_one("#import-status", Static)
        assert status.has_class("-error") and "nope.csv" in str(status.render())
        assert not app._notifications, list(app._notifications)  # said once, in the status
        needed = sum(
            -(-cell_len(line) // status.content_region.width)
            for line in str(status.render()).splitlines()
        )
        assert needed <= status.content_region.height  # whole
