"""The Competitors tab of an account: the competitors present at the account and in each of
its orders, with the seed's questions answered (who they are here, their relationships at
this customer, strengths, offer, strategy, the customer's attitude to them), and who at the
customer favours which competitor and how strongly (set on the influence map). ``a`` records
a competitor (a new name goes on the team's list), Enter or ``e`` edits the answers, ``d``
takes one out of the race, ``c`` opens the team's competitor list (add, rename, retire:
:mod:`katerm.app.competitors.team`)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from katerm.app.context import katerm_app, on_data_change, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.columns import Column
from katerm.app.widgets.fitted_table import FittedTable
from katerm.app.widgets.form import FieldSpec
from katerm.app.widgets.form_dialog import FormDialog
from katerm.app.widgets.row_keys import NeedsARow
from katerm.core.competitors import QUESTIONS, AccountCompetitors, Presence
from katerm.i18n import t

COLUMNS = ("competitor", "opportunity", "offer", "strategy")


class CompetitorsPane(NeedsARow, Localized, Vertical):
    ON_A_ROW = ("edit", "remove")
    ADD = "rivals.add"
    BINDINGS = [
        Binding("a", "add", "keys.add", id="rivals.add"),
        Binding("e", "edit", "keys.edit", id="rivals.edit"),
        Binding("d", "remove", "keys.delete", id="rivals.remove", show=False),
        Binding("c", "team", "keys.team_competitors", id="rivals.team"),
    ]
    DEFAULT_CSS = tcss(__file__, "competitors_pane.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.data: AccountCompetitors | None = None

    def compose(self) -> ComposeResult:
        col = lambda k: t(f"competitors.ui.col.{k}")  # noqa: E731
        columns = [  # the answers in full are under the table
            Column("competitor", col("competitor"), 8, priority=0, whole=True),
            Column("opportunity", col("opportunity"), 10, priority=1, grow=1),
            Column("offer", col("offer"), 12, priority=2, grow=2),
            Column("strategy", col("strategy"), 12, priority=3, grow=2),
        ]
        yield FittedTable(columns, id="rivals-table", on_hidden=self._hidden_note)
        yield Static("", id="rivals-detail")
        yield Static("", id="rivals-favour")
        yield Static(t("competitors.ui.hint"), id="rivals-hint")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="rivals-load")
    def load(self) -> None:
        from katerm.core.competitors import load_account_competitors

        data = load_account_competitors(workspace_of(self).db, self.account_id)
        self.app.call_from_thread(self._show, data)

    def _show(self, data: AccountCompetitors) -> None:
        self.data = data
        self.query_one(FittedTable).show(
            [
                (
                    p.id,
                    [
                        Text(p.competitor, style="bold"),
                        Text(
                            p.opportunity or t("competitors.ui.account_wide"),
                            style="dim" if not p.opportunity else "",
                        ),
                        Text(p.answers.get("offer", "")),
                        Text(p.answers.get("strategy", "")),
                    ],
                )
                for p in data.presences
            ]
        )
        if not data.presences:
            self.query_one("#rivals-detail", Static).update(t("competitors.ui.none"))
        favour = Text(t("competitors.ui.favoured_by") + "\n", style="bold")
        for f in data.favourers:
            strength = t(f"influence.strength.{f.strength}") if f.strength else "—"
            favour.append(
                t("competitors.ui.favourer", name=f.name, title=f.title, competitor=f.competitor,
                  strength=strength) + "\n"
            )  # fmt: skip
        if not data.favourers:
            favour.append(t("competitors.ui.nobody_favours"), style="dim")
        self.query_one("#rivals-favour", Static).update(favour)
        self._detail()
        self.refresh_bindings()

    def _hidden_note(self, hidden: list[str]) -> None:
        note = t("dialog.hidden_columns", names=hidden) + "  " if hidden else ""
        self.query_one("#rivals-hint", Static).update(note + t("competitors.ui.hint"))

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        p = self._selected()
        if p is None:
            return
        text = Text()
        for q in QUESTIONS:
            answer = p.answers.get(q, "")
            text.append(t(f"competitors.q.{q}") + t("stageplan.tri.sep"), style="dim")
            text.append((answer or "—") + "\n")
        self.query_one("#rivals-detail", Static).update(text)

    def has_row(self) -> bool:
        return self._selected() is not None

    def _selected(self) -> Presence | None:
        if self.data is None:
            return None
        index = self.query_one(DataTable).cursor_row
        return self.data.presences[index] if 0 <= index < len(self.data.presences) else None

    def _form(self, presence: Presence | None) -> None:
        from katerm.core.competitors import edit_presence, set_presence

        data = self.data
        if data is None:
            return
        ws = workspace_of(self)
        answers = [FieldSpec(q, t(f"competitors.q.{q}")) for q in QUESTIONS]
        first: list[FieldSpec] = []
        values: dict[str, Any] = {}
        if presence is None:
            first = [
                FieldSpec(
                    "competitor",
                    t("competitors.ui.col.competitor"),
                    placeholder=t("dialog.names", names=[c.name for c in data.listed]),
                ),
                FieldSpec(
                    "opportunity",
                    t("competitors.ui.col.opportunity"),
                    kind="select",
                    prompt=t("competitors.ui.account_wide"),
                    options=data.opportunities,
                ),
            ]
        else:
            values = dict(presence.answers)

        def save(changed: dict[str, Any]) -> None:
            given = {q: changed[q] for q in QUESTIONS if q in changed}
            if presence is not None:
                edit_presence(ws, presence.id, given)
                return
            set_presence(
                ws,
                str(changed.get("competitor") or ""),
                self.account_id,
                changed.get("opportunity") or None,
                given,
                add_missing=True,
            )

        title = presence.competitor if presence else t("competitors.ui.new_title")
        self.app.push_screen(
            FormDialog(
                title,
                [*first, *answers],
                values,
                save,
                saved_message=t("competitors.ui.saved"),
                changed_only=presence is not None,
            )
        )

    def action_add(self) -> None:
        self._form(None)

    def action_team(self) -> None:
        from katerm.app.competitors.team import TeamCompetitorsScreen

        self.app.push_screen(TeamCompetitorsScreen())

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        p = self._selected()
        if p is not None:
            self._form(p)

    def action_remove(self) -> None:
        from katerm.core.competitors import remove_presence

        p = self._selected()
        if p is not None:
            remove_presence(workspace_of(self), p.id)
            katerm_app(self).data_changed()
            self.notify(t("competitors.ui.removed", name=p.competitor), timeout=3)
