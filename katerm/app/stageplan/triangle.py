"""The Team tab of an account: the iron triangle — who of ours is the customer manager,
solution expert, delivery manager and collections owner (the plan's team, ``e`` on the Plan
tab), the coverage matrix of those roles against the customer's departments and levels
through each person's relationship owner (a red ✗ is a department the role should reach and
covers nobody in), and the warnings."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from katerm.app.context import on_data_change, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.columns import Column
from katerm.app.widgets.fitted_table import FittedTable
from katerm.app.widgets.phrases import Phrases
from katerm.core.stageplan import TEAM_ROLES, Triangle, column_label
from katerm.i18n import t


class TrianglePane(Localized, VerticalScroll):
    DEFAULT_CSS = tcss(__file__, "triangle_pane.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        yield Phrases(gap="   ", id="tri-team")
        # Fitted: at 80 columns the last departments (Decision, Management…) scrolled off.
        yield FittedTable([], id="tri-table", on_hidden=self._hidden_note)
        yield Static("", id="tri-warnings")
        yield Static(t("stageplan.tri.hint"), id="tri-hint")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="triangle-load")
    def load(self) -> None:
        from katerm.core.stageplan import load_triangle

        tri = load_triangle(workspace_of(self).db, self.account_id)
        self.app.call_from_thread(self._show, tri)

    def _show(self, tri: Triangle) -> None:
        team = []
        for role in TEAM_ROLES:
            names = t("dialog.names", names=[n for _, n in tri.team.get(role, [])])
            phrase = Text(t(f"stageplan.role.{role}") + t("stageplan.tri.sep"), style="dim")
            phrase.append(names or t("stageplan.tri.empty"), style="bold" if names else "red")
            team.append(phrase)
        # Wraps between roles, never inside one ("Delivery" / "manager: …" at 80 columns).
        self.query_one("#tri-team", Phrases).update(team)
        cols = tri.columns
        columns = [Column("role", t("stageplan.tri.role"), 10, priority=0, whole=True)]
        columns += [Column(c, column_label(c), 4, priority=i + 1) for i, c in enumerate(cols)]
        gaps = set(tri.gaps())
        rows = []
        for role in TEAM_ROLES:
            cells: list[str | Text] = [t(f"stageplan.role.{role}")]
            for c in cols:
                n = len(tri.covered(role, c))
                if (role, c) in gaps:
                    cells.append(Text("✗", style="bold red"))
                else:
                    cells.append(Text(str(n) if n else "·", style="" if n else "dim"))
            rows.append((role, cells))
        self.query_one(FittedTable).show(rows, columns)
        warnings = Text()
        for w in tri.warnings:
            warnings.append(f"⚠ {w.text}\n", style="yellow")
        self.query_one("#tri-warnings", Static).update(warnings or t("stageplan.tri.no_warnings"))

    def _hidden_note(self, hidden: list[str]) -> None:
        note = t("dialog.hidden_columns", names=hidden) + "  " if hidden else ""
        self.query_one("#tri-hint", Static).update(note + t("stageplan.tri.hint"))
