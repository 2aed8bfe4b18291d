"""The team's competitor list from the Competitors tab (c): a competitor added by keys is in
`katerm competitors` and offered in the presence form; a rename shows on the tab; a name
taken or empty is refused beside the field; a retired competitor leaves the list while its
presence stays on the tab. Pictures in both languages."""

from __future__ import annotations

import json

import pytest
from textual.widgets import DataTable, OptionList

from katerm.app.competitors.pane import CompetitorsPane
from katerm.app.competitors.team import TeamCompetitorsScreen
from katerm.app.widgets.form_dialog import FormDialog
from tests.app.competitors.test_competitors_tab import LANGS, on_tab, race  # noqa: F401
from tests.app.conftest import settle

pytestmark = pytest.mark.now("2026-03-20")


async def open_list(pilot):
    await on_tab(pilot)
    await pilot.press("c")
    await settle(pilot, 3)


def _listed(app) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _name(pilot, dialog, name: str) -> None:
    dialog.query_one("#input-name").value = name
    await pilot.press("ctrl+s")
    await settle(pilot, 4)


async def test_add_rename_retire_from_the_tab(workspace, make_app, race, cli):  # noqa: F811
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        assert isinstance(app.screen, TeamCompetitorsScreen)
        assert _listed(app) == ["华智科技"]
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        for refused in ("", "华智科技"):
            await _name(pilot, dialog, refused)
            assert app.screen is dialog
            assert dialog.query_one("#field-name").has_class("-invalid")
        await _name(pilot, dialog, "Initech")
        assert isinstance(app.screen, TeamCompetitorsScreen)
        assert _listed(app) == ["Initech", "华智科技"]

        app.screen.query_one(OptionList).highlighted = 1
        await pilot.press("r")
        await settle(pilot)
        await _name(pilot, app.screen, "华智科技集团")
        assert _listed(app) == ["Initech", "华智科技集团"]

        await pilot.press("escape")
        await settle(pilot, 4)
        pane = app.screen.query_one(CompetitorsPane)
        table = app.screen.query_one("#rivals-table", DataTable)
        names = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert names == {"华智科技集团"}  # the rename shows on the tab
        await pilot.press("a")
        await settle(pilot)
        placeholder = app.screen.query_one("#input-competitor").placeholder
        assert "Initech" in placeholder and "华智科技集团" in placeholder
        await pilot.press("escape")
        await settle(pilot, 3)

        await pilot.press("c")
        await settle(pilot, 3)
        app.screen.query_one(OptionList).highlighted = 1
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot, 4)
        assert _listed(app) == ["Initech"]
        await pilot.press("escape")
        await settle(pilot, 4)
        assert app.screen.query_one("#rivals-table", DataTable).row_count == 2  # history kept
        assert [c.name for c in pane.data.listed] == ["Initech"]
    team = cli("competitors", "--format", "json")
    assert team.code == 0, team.err
    rows = {r["competitor"]: r for r in json.loads(team.out)}
    assert rows["Initech"]["listed"] is True
    assert "华智科技" not in rows


async def _on_list(pilot):
    await open_list(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_team_competitors(snap_compare, race, make_app, lang, size):  # noqa: F811
    assert snap_compare(make_app(lang), terminal_size=size, run_before=_on_list)
