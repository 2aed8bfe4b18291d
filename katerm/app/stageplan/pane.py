"""The Stages tab of an account: the stage expansion plan (LTC stage × customer department)
of the account's default and of each opportunity still worked for. The current stage's rows
are marked; a cell reached by a visit for the order says when and with whom. Enter edits a
cell (target, way, responsible role, status, note), ``a`` adds a department, ``o`` shows the
next plan."""

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
from katerm.core.ltc import LTC_STAGES
from katerm.core.stageplan import STATUSES, TARGETS, TEAM_ROLES, WAYS, Cell, StagePlan, label
from katerm.i18n import t

COLUMNS = ("stage", "department", "state", "responsible", "way", "target", "people")
STYLE = {"open": "bold red", "reached": "green", "skipped": "dim"}
# (least width, priority, grow, whole). A DataTable sized to its values pushed "Their people"
# off the right edge at 120 columns: now the names grow into the room left once the stage,
# department, status and role read whole; the way, then the target, give way (cut or hidden,
# and a line says so) before those.
LAYOUT = {
    "stage": (12, 0, 0, True),
    "department": (10, 0, 0, True),
    "state": (15, 1, 0, True),
    "people": (20, 0, 2, False),
    "responsible": (12, 3, 0, True),
    "way": (10, 5, 0, False),
    "target": (10, 6, 0, False),
}


def _options(field: str, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(label(field, k), k) for k in keys]


class StagePane(Localized, Vertical):
    BINDINGS = [
        Binding("e", "edit", "keys.edit", id="stages.edit"),
        Binding("a", "add", "keys.add", id="stages.add"),
        Binding("o", "next_plan", "stageplan.ui.plan_label", id="stages.next"),
    ]
    DEFAULT_CSS = tcss(__file__, "stage_pane.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.plans: list[StagePlan] = []
        self.chosen: str | None = None  # the opportunity id shown ("" the account default)
        self._hint = ""
        self._hidden: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="stage-top")
        columns = [
            Column(k, t(f"stageplan.col.{k}"), least, priority=rank, grow=grow, whole=whole)
            for k in COLUMNS
            for least, rank, grow, whole in [LAYOUT[k]]
        ]
        yield FittedTable(columns, id="stage-table", on_hidden=self._hidden_note)
        yield Static("", id="stage-summary")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="stage-load")
    def load(self) -> None:
        from katerm.core.stageplan import load_account_plans

        plans = load_account_plans(workspace_of(self).db, self.account_id)
        self.app.call_from_thread(self._show, plans)

    def _plan_name(self, plan: StagePlan) -> str:
        if plan.opportunity_id is None:
            return t("stageplan.default")
        return f"{plan.opportunity} · {label('stage', plan.current_stage or '')}"

    def _show(self, plans: list[StagePlan]) -> None:
        self.plans = plans
        ids = [p.opportunity_id or "" for p in plans]
        if self.chosen not in ids:  # at first: the first order, else the default plan
            self.chosen = ids[1] if len(ids) > 1 else ""
        self._fill()

    @property
    def plan(self) -> StagePlan | None:
        return next((p for p in self.plans if (p.opportunity_id or "") == self.chosen), None)

    def _fill(self) -> None:
        plan = self.plan
        table = self.query_one(FittedTable)
        if plan is None:
            table.show([])
            return
        place = f"{self.plans.index(plan) + 1}/{len(self.plans)}"
        self.query_one("#stage-top", Static).update(
            Text.assemble(
                (t("stageplan.ui.plan_line", name=self._plan_name(plan)), "bold"),
                ("  " + t("stageplan.ui.plan_place", place=place), "dim"),
            )
        )
        shown = ""
        rows = []
        for c in plan.cells:
            now = c.stage == plan.current_stage
            stage = "" if c.stage == shown else label("stage", c.stage) + (" ◀" if now else "")
            shown = c.stage
            if plan.opportunity_id:
                state = Text(label("state", c.state), style=STYLE[c.state])
                if c.reached:
                    last = c.reached[-1]
                    people = t(
                        "stageplan.ui.reached_by",
                        date=last.at,
                        people=list(last.people),
                    )
                else:
                    people = (
                        t("dialog.names", names=list(c.people))
                        if c.people
                        else t("stageplan.ui.nobody_there")
                    )
            else:
                state = Text(label("state", c.status), style="dim")
                people = t("dialog.names", names=list(c.people))
            bold = "bold" if now else ""
            cells = {
                "stage": Text(stage, style=bold),
                "department": Text(label("department", c.department), style=bold),
                "state": state,
                "responsible": Text(label("responsible", c.responsible) or "—"),
                "way": Text(label("way", c.way)),
                "target": Text(label("target", c.target)),
                "people": Text(people),
            }
            rows.append((f"{c.stage}|{c.department}", [cells[k] for k in COLUMNS]))
        self._hint = t("stageplan.ui.hint")
        if plan.opportunity_id is None:
            self._hint = t("stageplan.ui.default_note") + "  " + self._hint
        table.show(rows)
        self._summary()

    def _hidden_note(self, hidden: list[str]) -> None:
        self._hidden = hidden
        self._summary()

    def _summary(self) -> None:
        hidden = self._hidden
        note = t("stageplan.ui.hidden_columns", names=hidden) + "  " if hidden else ""
        self.query_one("#stage-summary", Static).update(note + self._hint)

    def action_next_plan(self) -> None:
        ids = [p.opportunity_id or "" for p in self.plans]
        if ids:
            self.chosen = (
                ids[(ids.index(self.chosen) + 1) % len(ids)] if self.chosen in ids else ids[0]
            )
            self._fill()

    def _selected(self) -> Cell | None:
        plan = self.plan
        index = self.query_one(DataTable).cursor_row
        if plan is None or not 0 <= index < len(plan.cells):
            return None
        return plan.cells[index]

    def _fields(self, new: bool) -> list[FieldSpec]:
        col = lambda k: t(f"stageplan.col.{k}")  # noqa: E731
        first = [
            FieldSpec(
                "stage", col("stage"), kind="select", allow_blank=False,
                options=_options("stage", LTC_STAGES),
            ),
            FieldSpec("department", col("department")),
        ] if new else []  # fmt: skip
        return [
            *first,
            FieldSpec("target", col("target"), kind="select", options=_options("target", TARGETS)),
            FieldSpec("way", col("way"), kind="select", options=_options("way", WAYS)),
            FieldSpec(
                "responsible",
                col("responsible"),
                kind="select",
                options=_options("responsible", TEAM_ROLES),
            ),
            FieldSpec(
                "status",
                col("state"),
                kind="select",
                allow_blank=False,
                options=_options("status", STATUSES),
            ),
            FieldSpec("note", t("plan.field.detail"), kind="notes"),
        ]

    def _form(self, cell: Cell | None) -> None:
        from katerm.core.stageplan import set_cell

        plan = self.plan
        if plan is None:
            return
        ws = workspace_of(self)
        opp = plan.opportunity_id
        values: dict[str, Any] = {"stage": plan.current_stage or "need", "status": "open"}
        title = t("stageplan.title")
        if cell is not None:
            values = {
                f: getattr(cell, f) for f in ("target", "way", "responsible", "status", "note")
            }
            title = t(
                "stageplan.ui.edit_title",
                stage=label("stage", cell.stage),
                department=label("department", cell.department),
            )

        def save(changed: dict[str, Any]) -> None:
            if cell is not None:
                changed = {**changed, "stage": cell.stage, "department": cell.department}
            set_cell(ws, self.account_id, opp, changed)

        self.app.push_screen(
            FormDialog(
                title,
                self._fields(cell is None),
                values,
                save,
                saved_message=t("stageplan.ui.saved"),
                changed_only=cell is not None,
            )
        )

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        cell = self._selected()
        if cell is not None:
            self._form(cell)

    def action_add(self) -> None:
        self._form(None)
