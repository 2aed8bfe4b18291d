"""The account's "Strategic relationships" tab (战略关系): the customer's partners and
strategic suppliers who could help us, the relationship and how to use it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from katerm.app.context import on_data_change, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.columns import Column
from katerm.app.widgets.fitted_table import FittedTable
from katerm.app.widgets.form import FieldSpec
from katerm.app.widgets.form_dialog import FormDialog
from katerm.app.widgets.row_keys import NeedsARow
from katerm.core.cards import PARTNER_KINDS, StrategicRow
from katerm.i18n import t, tn


def strategic_columns() -> list[Column]:
    label = lambda key: t(f"cards.col.{key}")  # noqa: E731
    return [
        Column("partner", label("partner"), 8, priority=0, grow=1),
        Column("kind", label("kind"), 4, priority=3, whole=True),
        Column("relationship", label("relationship"), 8, priority=1, grow=2),
        Column("how_to_use", label("how_to_use"), 8, priority=2, grow=2),
    ]


class StrategicPane(NeedsARow, Localized, Vertical):
    ON_A_ROW = ("edit", "delete")
    ADD = "strategic.add"
    BINDINGS = [
        Binding("a", "add", "keys.add", id="strategic.add"),
        Binding("e", "edit", "keys.edit", id="strategic.edit"),
        Binding("d", "delete", "keys.delete", id="strategic.delete"),
    ]
    DEFAULT_CSS = tcss(__file__, "strategic_pane.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.rows: list[StrategicRow] = []
        self.hidden: list[str] = []  # the column labels the width hides

    def compose(self) -> ComposeResult:
        # Fitted to the width: a plain DataTable ran off the right edge at 80 columns and the
        # edge cut "how to use" with no … (as the Contacts tab did).
        yield FittedTable(strategic_columns(), id="strategic-table", on_hidden=self._hidden)
        yield Static("", id="strategic-summary")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="strategic-load")
    def load(self) -> None:
        from katerm.core.cards import load_strategic

        self.app.call_from_thread(
            self._show, load_strategic(workspace_of(self).db, self.account_id)
        )

    def _show(self, rows: list[StrategicRow]) -> None:
        self.rows = rows
        table = self.query_one(FittedTable)
        row = table.cursor_row
        table.show(
            [
                (
                    r.id,
                    [
                        Text(r.partner),
                        t(f"cards.partner_kind.{r.kind}"),
                        Text(r.relationship),
                        Text(r.how_to_use),
                    ],
                )
                for r in rows
            ]
        )
        if rows:
            table.move_cursor(row=min(max(row, 0), len(rows) - 1))
        self._summarize()

    def _hidden(self, hidden: list[str]) -> None:
        self.hidden = hidden
        if self.is_mounted:
            self._summarize()

    def _summarize(self) -> None:
        count = tn("cards.ui.strategic_count", len(self.rows))
        summary = count + "  ·  " + t("cards.ui.strategic_keys")
        if self.hidden:  # the columns a narrow width hides, named as on the other tabs
            summary = t("dialog.hidden_columns", names=self.hidden) + "  " + summary
        self.query_one("#strategic-summary", Static).update(summary)

    def has_row(self) -> bool:
        return self._selected() is not None

    def _selected(self) -> StrategicRow | None:
        index = self.query_one(DataTable).cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _form(self, row: StrategicRow | None) -> None:
        from katerm.core.cards import save_strategic

        ws = workspace_of(self)
        specs = [
            FieldSpec("partner", t("cards.col.partner")),
            FieldSpec(
                "kind",
                t("cards.col.kind"),
                kind="select",
                allow_blank=False,
                options=[(t(f"cards.partner_kind.{k}"), k) for k in PARTNER_KINDS],
            ),
            FieldSpec("relationship", t("cards.col.relationship"), kind="notes"),
            FieldSpec("how_to_use", t("cards.col.how_to_use"), kind="notes"),
        ]
        values: dict[str, Any] = {"kind": "partner"}
        if row is not None:
            values = {
                "partner": row.partner,
                "kind": row.kind,
                "relationship": row.relationship,
                "how_to_use": row.how_to_use,
            }

        def save(given: dict[str, Any]) -> None:
            save_strategic(ws, self.account_id, row.id if row else None, given)

        self.app.push_screen(
            FormDialog(
                t("cards.ui.strategic_edit") if row else t("cards.ui.strategic_new"),
                specs,
                values,
                save,
                saved_message=t("cards.ui.saved"),
                changed_only=row is not None,
            )
        )

    def action_add(self) -> None:
        self._form(None)

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        row = self._selected()
        if row is not None:
            self._form(row)

    def action_delete(self) -> None:
        row = self._selected()
        if row is not None:
            from katerm.app.widgets.dialogs import confirm_delete

            confirm_delete(self.app, "strategic_relationships", row.id, row.partner)
