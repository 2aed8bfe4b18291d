"""The team's competitor list (``c`` on the Competitors tab): ``a`` adds a competitor, ``r``
renames the one under the cursor, ``d`` retires it (asks first). A retired competitor is no
longer offered for new presences; what was recorded against it stays."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from katerm.app.context import katerm_app, on_data_change, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.dialogs import ConfirmScreen
from katerm.app.widgets.form import FieldSpec
from katerm.app.widgets.form_dialog import FormDialog
from katerm.app.widgets.row_keys import NeedsARow
from katerm.core.competitors import CompetitorRecord
from katerm.core.errors import KatermError
from katerm.i18n import t


class TeamCompetitorsScreen(NeedsARow, Localized, ModalScreen[None]):
    """The team's competitors, by name, and the keys that change the list."""

    ON_A_ROW = ("rename", "retire")
    ADD = "team_rivals.add"
    BINDINGS = [
        Binding("a", "add", "keys.add", id="team_rivals.add"),
        Binding("r", "rename", "keys.rename", id="team_rivals.rename"),
        Binding("d", "retire", "keys.retire", id="team_rivals.retire"),
        Binding("escape", "close", "keys.back", id="team_rivals.close"),
    ]
    DEFAULT_CSS = tcss(__file__, "team.tcss")

    def __init__(self) -> None:
        super().__init__()
        self.listed: list[CompetitorRecord] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="team-rivals-box"):
            yield Static(t("competitors.team.title"), id="team-rivals-title")
            yield OptionList(id="team-rivals-list")
            yield Static(t("competitors.team.hint"), id="team-rivals-hint")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()
        self.query_one(OptionList).focus()

    def load(self) -> None:
        from katerm.core.competitors import load_team_list

        self.listed = load_team_list(workspace_of(self).db)
        options = self.query_one(OptionList)
        at = options.highlighted
        options.clear_options()
        options.add_options(Option(c.name, id=c.id) for c in self.listed)
        if self.listed:
            options.highlighted = min(at or 0, len(self.listed) - 1)
        else:
            options.add_option(Option(t("competitors.team.empty"), disabled=True))
        self.refresh_bindings()

    def has_row(self) -> bool:
        return self._selected() is not None

    def _selected(self) -> CompetitorRecord | None:
        at = self.query_one(OptionList).highlighted
        return self.listed[at] if at is not None and 0 <= at < len(self.listed) else None

    def _name_form(self, title: str, current: str, save: Any) -> None:
        spec = FieldSpec("name", t("competitors.team.name"))
        self.app.push_screen(
            FormDialog(
                title, [spec], {"name": current}, save, saved_message=t("competitors.team.saved")
            )
        )

    def action_add(self) -> None:
        from katerm.core.competitors import add_competitor

        ws = workspace_of(self)
        self._name_form(
            t("competitors.team.add_title"), "", lambda v: add_competitor(ws, v.get("name") or "")
        )

    def action_rename(self) -> None:
        from katerm.core.competitors import rename_competitor

        c = self._selected()
        if c is None:
            return
        ws = workspace_of(self)
        self._name_form(
            t("competitors.team.rename_title", name=c.name),
            c.name,
            lambda v: rename_competitor(ws, c.id, v.get("name") or ""),
        )

    def action_retire(self) -> None:
        from katerm.core.competitors import retire_competitor

        c = self._selected()
        if c is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                try:
                    retire_competitor(workspace_of(self), c.id)
                except KatermError as exc:  # one a lead above me listed: theirs to retire
                    self.notify(str(exc), severity="error")
                    return
                katerm_app(self).data_changed()
                self.notify(t("competitors.team.retired", name=c.name), timeout=3)

        self.app.push_screen(
            ConfirmScreen(
                t("competitors.team.retire_q", name=c.name), yes=t("competitors.team.retire")
            ),
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(None)
