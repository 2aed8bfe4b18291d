"""The gap row editor: a modal form for the scores, the action, its scenario, due date, status.

Each dimension is one field holding ``now/target`` (``2/4``), so the whole row fits on an
80×24 terminal. The form is :class:`~katerm.app.widgets.form_dialog.FormDialog`; checking is
:func:`katerm.core.gaps.edit.save_form`, whose errors name these fields, so a score of 6, a
target below the current score without the confirmation, or a bad date shows beside its
field and nothing is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from katerm.app.context import workspace_of
from katerm.app.gaps.table import sparkline
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.form import FieldSpec
from katerm.app.widgets.form_dialog import FormDialog
from katerm.core.gaps import SCORED, STATUSES
from katerm.core.reviews import SCENARIOS
from katerm.i18n import t

if TYPE_CHECKING:
    from textual.app import App

    from katerm.core.gaps import GapView


def gap_fields() -> list[FieldSpec]:
    pair = f"{t('gaps.field.now')}/{t('gaps.field.target')}"
    specs = [FieldSpec(d, t(f"gaps.dim.{d}"), placeholder=f"{pair}  0–5") for d in SCORED]
    specs.insert(0, specs.pop())  # the overall level first
    specs += [
        FieldSpec("next_action", t("gaps.field.next_action")),
        FieldSpec(
            "scenario",
            t("gaps.field.scenario"),
            "select",
            [(t(f"reviews.scenario.{s}"), s) for s in SCENARIOS],
            prompt=t("gaps.field.no_scenario"),
        ),
        FieldSpec("due_date", t("gaps.field.due_date"), placeholder=t("fields.date_hint")),
        FieldSpec(
            "status",
            t("gaps.field.status"),
            "select",
            [(t(f"gaps.status.{s}"), s) for s in STATUSES],
            allow_blank=False,
        ),
        FieldSpec(
            "confirm_lower",
            t("gaps.field.confirm_lower"),
            "select",
            [(t("keys.no"), "no"), (t("keys.yes"), "yes")],
            allow_blank=False,
        ),
    ]
    return specs


def view_values(view: GapView) -> dict[str, Any]:
    """The editor's starting values for a row on screen."""
    values: dict[str, Any] = {
        d: f"{view.score(f'{d}_now')}/{view.score(f'{d}_target')}" for d in SCORED
    }
    values.update(
        next_action=view.next_action,
        scenario=view.scenario,
        due_date=view.due_date or "",
        status=view.status,
        confirm_lower="no",
    )
    return values


def edit_row(app: App, view: GapView) -> None:
    """Open the editor on a row; saving goes through the core in the dialog's worker."""
    from katerm.core.gaps import save_form

    def save(values: dict[str, Any]) -> object:
        return save_form(workspace_of(app), view.id, values)

    title = t("gaps.edit.title", name=f"{view.contact} · {view.account}")
    app.push_screen(
        FormDialog(
            title,
            gap_fields(),
            view_values(view),
            save,
            note=t("gaps.edit.note"),
            saved_message=t("gaps.saved"),
        )
    )


class HistoryScreen(Localized, ModalScreen[None]):
    """Every score change of one row, newest first: when, who, which score, from → to."""

    BINDINGS = [Binding("escape,enter,h", "close", "keys.back", id="gaps.history_close")]
    DEFAULT_CSS = tcss(__file__, "history_screen.tcss")

    def __init__(self, title: str, spark: str, lines: list[str]) -> None:
        super().__init__()
        self.title_text, self.spark, self.lines = title, spark, lines

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box"):
            yield Static(self.title_text, id="history-title", markup=False)
            if self.spark:
                yield Static(self.spark, id="history-spark", markup=False)
            with VerticalScroll():
                yield Static("\n".join(self.lines) or t("gaps.history_none"), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)


def show_history(app: App, view: GapView) -> None:
    """Read the row's history in a worker, then show it."""

    def job() -> None:
        from katerm.core.gaps import change_text, load_score_history

        lines = [change_text(c) for c in load_score_history(workspace_of(app).db, view.id)]

        spark = sparkline(view.trend)
        app.call_from_thread(
            app.push_screen,
            HistoryScreen(
                t("gaps.history_title", name=f"{view.contact} · {view.account}"),
                f"{spark}  {view.level_now}→{view.level_target}" if spark else "",
                lines,
            ),
        )

    app.run_worker(job, thread=True, exit_on_error=False, group="gaps-history")
