"""The Customer-voice tab of an account: issues the customer raised, followed until rated."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from katerm.app.context import clock_of, katerm_app, on_data_change, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.columns import Column
from katerm.app.widgets.fitted_table import FittedTable
from katerm.app.widgets.form import FieldSpec
from katerm.app.widgets.form_dialog import FormDialog
from katerm.app.widgets.row_keys import NeedsARow
from katerm.core.plan import NEXT, VoiceRecord
from katerm.i18n import t, tn
from katerm.i18n.fmt import fmt_date


def voice_columns() -> list[Column]:
    label = lambda key: t(f"voice.col.{key}")  # noqa: E731
    return [
        Column("raised_on", label("raised_on"), 10, priority=2, whole=True),
        Column("title", label("title"), 10, priority=0, grow=3),
        Column("status", label("status"), 4, priority=1, whole=True),
        Column("handler", label("handler"), 6, priority=3, grow=1),
        Column("rating", label("rating"), 3, priority=4, whole=True),
    ]


class VoicePane(NeedsARow, Localized, Vertical):
    ON_A_ROW = ("edit", "move", "delete")
    ADD = "voice.add"
    BINDINGS = [
        Binding("a", "add", "keys.add", id="voice.add"),
        Binding("e", "edit", "keys.edit", id="voice.edit"),
        Binding("n", "move", "voice.key.move", id="voice.move"),
        Binding("d", "delete", "keys.delete", id="voice.delete", show=False),
    ]
    DEFAULT_CSS = tcss(__file__, "voice_pane.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.issues: list[VoiceRecord] = []
        self.members: list[tuple[str, str]] = []
        self.hidden: list[str] = []  # the column labels the width hides

    def compose(self) -> ComposeResult:
        # Fitted to the width: a plain DataTable ran off the right edge at 80 columns and the
        # edge cut a title or a name with no … (as the Contacts tab did).
        yield FittedTable(voice_columns(), id="voice-table", on_hidden=self._hidden)
        yield Static("", id="voice-summary")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="voice-load")
    def load(self) -> None:
        from katerm.core.plan import load_voice

        issues, team = load_voice(workspace_of(self).db, self.account_id)
        self.app.call_from_thread(self._show, issues, [(m.display, m.id) for m in team])

    def _show(self, issues: list[VoiceRecord], team: list[tuple[str, str]]) -> None:
        self.issues, self.members = issues, team
        table = self.query_one(FittedTable)
        row = table.cursor_row
        table.show(
            [
                (
                    v.id,
                    [
                        fmt_date(v.raised_on),
                        Text(v.title),
                        t(f"voice.status.{v.status}"),
                        Text(v.handler_name),
                        "" if v.rating is None else f"{v.rating}/5",
                    ],
                )
                for v in issues
            ]
        )
        if issues:
            table.move_cursor(row=min(row, len(issues) - 1))
        self._summarize()

    def _hidden(self, hidden: list[str]) -> None:
        self.hidden = hidden
        if self.is_mounted:
            self._summarize()

    def _summarize(self) -> None:
        summary = tn("voice.count", len(self.issues)) + "  ·  " + t("voice.keys_hint")
        if self.hidden:  # the columns a narrow width hides, named as on the other tabs
            summary = t("dialog.hidden_columns", names=self.hidden) + "  " + summary
        self.query_one("#voice-summary", Static).update(summary)

    def _selected(self) -> VoiceRecord | None:
        index = self.query_one(DataTable).cursor_row
        return self.issues[index] if 0 <= index < len(self.issues) else None

    def _fields(self) -> list[FieldSpec]:
        return [
            FieldSpec("title", t("voice.col.title")),
            FieldSpec("raised_on", t("voice.col.raised_on"), placeholder=t("fields.date_hint")),
            FieldSpec("handler_id", t("voice.col.handler"), kind="select", options=self.members),
            FieldSpec("detail", t("plan.field.detail"), kind="notes"),
        ]

    def _form(self, issue: VoiceRecord | None) -> None:
        from katerm.core.plan import save_voice

        ws = workspace_of(self)
        values: dict[str, Any] = {"raised_on": clock_of(self).today().isoformat()}
        if issue is not None:
            values = {
                "title": issue.title,
                "raised_on": issue.raised_on.isoformat(),
                "handler_id": issue.handler_id,
                "detail": issue.detail,
            }

        def save(changed: dict[str, Any]) -> None:
            save_voice(
                ws,
                self.account_id,
                issue.id if issue else None,
                changed,
                today=clock_of(self).today(),
            )

        self.app.push_screen(
            FormDialog(
                t("voice.edit_title") if issue else t("voice.new_title"),
                self._fields(),
                values,
                save,
                saved_message=t("voice.saved"),
                changed_only=issue is not None,
            )
        )

    def has_row(self) -> bool:
        return self._selected() is not None

    def action_add(self) -> None:
        self._form(None)

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        issue = self._selected()
        if issue is not None:
            self._form(issue)

    def action_move(self) -> None:
        issue = self._selected()
        if issue is None:
            return
        choices = NEXT[issue.status]
        if not choices:
            self.notify(t("voice.final"), severity="warning")
            return
        from katerm.app.widgets.choose import ChoiceScreen

        def chosen(status: str | None) -> None:
            if status == "rated":
                self._rate(issue)
            elif status:
                self._move(issue.id, status, {})

        self.app.push_screen(
            ChoiceScreen(t("voice.choose_status"), [(t(f"voice.status.{s}"), s) for s in choices]),
            chosen,
        )

    def _rate(self, issue: VoiceRecord) -> None:
        from katerm.core.plan import move_voice

        ws = workspace_of(self)

        def save(values: dict[str, Any]) -> None:
            move_voice(
                ws,
                issue.id,
                "rated",
                today=clock_of(self).today(),
                rating=values.get("rating"),
                feedback=values.get("feedback") or "",
            )

        self.app.push_screen(
            FormDialog(
                t("voice.rate_title"),
                [
                    FieldSpec("rating", t("voice.col.rating"), placeholder="1-5"),
                    FieldSpec("feedback", t("voice.feedback"), kind="notes"),
                ],
                {},
                save,
                note=issue.title,
                saved_message=t("voice.saved"),
            )
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="voice-move")
    def _move(self, voice_id: str, status: str, extra: dict[str, Any]) -> None:
        from katerm.core.errors import KatermError
        from katerm.core.plan import move_voice

        try:
            move_voice(workspace_of(self), voice_id, status, today=clock_of(self).today(), **extra)
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(katerm_app(self).data_changed)

    def action_delete(self) -> None:
        issue = self._selected()
        if issue is not None:
            from katerm.app.widgets.dialogs import confirm_delete

            confirm_delete(self.app, "voice_issues", issue.id, issue.title)
