"""The Routines tab of an account: the routine actions kept there (普遍客户关系: team
activities, business events, routine care, key-message updates), each with its cadence, the
last time it was done and when it is due next — overdue ones first and highlighted. ``a`` sets
one up, ``e`` changes the highlighted one, ``d`` deletes it (after asking; ``u`` undoes it);
``l`` (log an activity, as anywhere) on a routine logs it done, and its row moves on."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from katerm.app.context import clock_of, on_data_change, workspace_of
from katerm.app.keynames import key_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.columns import Column
from katerm.app.widgets.fitted_table import FittedTable
from katerm.app.widgets.form import FieldSpec
from katerm.app.widgets.form_dialog import FormDialog
from katerm.core.broad import KINDS, Routine
from katerm.i18n import t

COLUMNS = ("title", "next_due", "last_done", "cadence_days", "kind", "done_count")


class RoutinesPane(Localized, Vertical):
    BINDINGS = [
        Binding("a", "add", "keys.add", id="routines.add"),
        Binding("e", "edit", "keys.edit", id="routines.edit"),
        Binding("d", "delete", "keys.delete", id="routines.delete"),
    ]
    DEFAULT_CSS = tcss(__file__, "routines_pane.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.found: list[Routine] = []

    def compose(self) -> ComposeResult:
        col = lambda k: t(f"broad.col.{k}")  # noqa: E731
        columns = [
            Column("title", col("title"), 12, priority=0, grow=2),
            Column("next_due", col("next_due"), 10, priority=0),
            Column("last_done", col("last_done"), 10, priority=2),
            Column("cadence_days", col("cadence_days"), 4, priority=3, numeric=True),
            Column("kind", col("kind"), 8, priority=5),  # often the title's own words
            Column("done_count", col("done_count"), 4, priority=4, numeric=True),
        ]
        yield FittedTable(columns, id="routines-table", on_hidden=self._hidden_note)
        yield Static("", id="routines-note")
        yield Static(t("broad.ui.hint"), id="routines-hint")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="routines-load")
    def load(self) -> None:
        from katerm.core.broad import account_routines

        found = account_routines(workspace_of(self).db, self.account_id, clock_of(self).today())
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[Routine]) -> None:
        self.found = found
        today = clock_of(self).today()
        rows = []
        for r in found:
            late = r.overdue(today)
            due = r.next_due.isoformat()
            rows.append((r.id, [
                Text(r.title, style="bold"),
                Text(t("broad.ui.overdue", date=due) if late else due,
                     style="bold red" if late else ("bold" if r.next_due == today else "")),
                Text(r.last_done.isoformat() if r.last_done else t("broad.never"),
                     style="" if r.last_done else "dim"),
                Text(str(r.cadence_days), justify="right"),
                Text(t(f"broad.kind.{r.kind}")),
                Text(str(r.done_count), justify="right"),
            ]))  # fmt: skip
        self.query_one(FittedTable).show(rows)
        if not found:
            self.query_one("#routines-note", Static).update(t("broad.ui.none"))
        self._note()

    def _hidden_note(self, hidden: list[str]) -> None:
        note = t("dialog.hidden_columns", names=hidden) + "  " if hidden else ""
        self.query_one("#routines-hint", Static).update(note + t("broad.ui.hint"))

    @on(DataTable.RowHighlighted)
    def _note(self) -> None:
        r = self.selected()
        if r is not None:
            self.query_one("#routines-note", Static).update(Text(r.note or "", style="dim"))

    def selected(self) -> Routine | None:
        index = self.query_one(DataTable).cursor_row
        return self.found[index] if 0 <= index < len(self.found) else None

    def routine_to_log(self) -> tuple[str, str] | None:
        """The routine ``l`` (log an activity) logs done: the highlighted one (id, title)."""
        r = self.selected()
        return (r.id, r.title) if r is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete") and self.selected() is None:
            return None  # dimmed; pressing it says why
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if action in ("edit", "delete"):
            return t("broad.ui.none_to_change", add=key_of(self, "routines.add"))
        return None

    def _specs(self) -> list[FieldSpec]:
        return [
            FieldSpec(
                "kind",
                t("broad.col.kind"),
                kind="select",
                allow_blank=False,
                options=[(t(f"broad.kind.{k}"), k) for k in KINDS],
            ),
            FieldSpec("cadence_days", t("broad.col.cadence_days")),
            FieldSpec("title", t("broad.col.title"), placeholder=t("broad.ui.title_hint")),
            FieldSpec("note", t("broad.ui.note")),
        ]

    def action_add(self) -> None:
        from katerm.core.broad import add_routine

        ws = workspace_of(self)

        def save(values: dict[str, Any]) -> None:
            add_routine(ws, self.account_id, values)

        self.app.push_screen(
            FormDialog(
                t("broad.ui.new_title"),
                self._specs(),
                {"kind": "care", "cadence_days": "30"},
                save,
                saved_message=t("broad.ui.saved"),
            )
        )

    def action_edit(self) -> None:
        from katerm.core.broad import edit_routine

        r = self.selected()
        if r is None:
            return
        ws = workspace_of(self)

        def save(values: dict[str, Any]) -> None:
            edit_routine(ws, r.id, values)

        # A title that is only the kind's name stays blank, so it follows a change of kind.
        title = "" if r.title == t(f"broad.kind.{r.kind}") else r.title
        current = {"kind": r.kind, "cadence_days": str(r.cadence_days), "title": title}
        self.app.push_screen(
            FormDialog(
                t("broad.ui.edit_title", title=r.title),
                self._specs(),
                {**current, "note": r.note or ""},
                save,
                saved_message=t("broad.ui.changed"),
            )
        )

    def action_delete(self) -> None:
        from katerm.app.widgets.dialogs import confirm_delete

        r = self.selected()
        if r is not None:
            confirm_delete(self.app, "routine_actions", r.id, r.title)
