"""The Opportunities tab of an account: its orders from lead to cash, and the four-order steps.

The line under the table says where the highlighted order stands: the lead review's answers,
what a lock still needs, the milestones and their day limits, or — for a stuck order (卡单) —
which milestone is overdue by how many days and whether its analysis is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from katerm.app.context import clock_of, katerm_app, on_data_change, workspace_of
from katerm.app.localize import Localized
from katerm.app.pipeline.dialogs import (
    LeadReviewScreen,
    open_analysis_form,
    open_milestone_form,
    open_opportunity_form,
    order_rules,
)
from katerm.app.styles import tcss
from katerm.app.widgets.columns import Column
from katerm.app.widgets.fitted_table import FittedTable
from katerm.app.widgets.row_keys import NeedsARow
from katerm.core.pipeline import LEAD_QUESTIONS, OpportunityRecord, PipelineRow, lock_check
from katerm.core.plan import label
from katerm.i18n import t
from katerm.i18n.fmt import fmt_date, fmt_money


def order_columns() -> list[Column]:
    name = lambda key: t(f"fields.opportunity.{key}")  # noqa: E731
    return [
        Column("name", name("name"), 8, priority=0, grow=1),
        Column("stage", name("stage"), 6, priority=1, whole=True),
        Column("amount", name("amount"), 8, priority=2, numeric=True, whole=True),
        Column("expected_close", name("expected_close"), 10, priority=3, whole=True),
        Column("order_state", name("order_state"), 6, priority=4, grow=1),
    ]


@dataclass(frozen=True)
class OrdersView:
    rows: list[PipelineRow]
    contacts: list[tuple[str, str]]
    today: date


def state_text(row: PipelineRow) -> Text:
    """The order's state, with the overdue milestone of a stuck one (marked with a sign and
    bold rather than a colour, so it reads in every theme and without colour)."""
    state = row.status.state
    text = Text(
        ("⚠ " if state == "stuck" else "") + label("orders.state", state),
        style="bold" if state == "stuck" else "",
    )
    if row.status.stuck is not None:
        text.append(f" +{row.status.stuck.days_over}")
    return text


def describe(row: PipelineRow, today: date) -> str:
    """Two lines about an order: its lead review, then its four-order state."""
    o, status = row.opportunity, row.status
    answers = " · ".join(
        f"{t(f'orders.short.{q}')} {'✓' if o.answered(q) else '✗'}" for q in LEAD_QUESTIONS
    )
    maturity = t(f"orders.short.{o.maturity}")
    first = f"{t('orders.review.short')}{t('plan.sep')}{answers} · {maturity}"
    if o.lead_decision:
        first += f" · {t(f'orders.short.{o.lead_decision}')}"
    if status.state == "unlocked" or status.state == "renewal":
        missing = lock_check(o.as_dict()).missing
        second = (
            t(
                "orders.lock_needs",
                items=[t(f"orders.lock_key.{k}") for k in missing],
            )
            if missing
            else t("orders.lock_ready")
        )
    elif status.state in ("following", "stuck"):
        parts = []
        for m in status.milestones:
            name = label("orders.milestone", m.key)
            if m.done_on:
                parts.append(f"{name} ✓ {fmt_date(m.done_on)}")
            elif m.days_over:
                late = f"{name} ✗ {t('orders.days_over', days=m.days_over)}"
                if m is status.stuck:  # the analysis is asked for the first missed one
                    # Full-width brackets after Chinese: dialog.parenthesis.
                    said = "analysis_written" if m.analysis_written else "analysis_missing"
                    late += t("dialog.parenthesis", text=t(f"orders.{said}"))
                parts.append(late)
            else:
                parts.append(t("orders.due", milestone=name, date=fmt_date(m.due_on)))
        second = t("orders.locked_on", date=fmt_date(o.locked_on)) + " · " + " · ".join(parts)
    elif status.state == "closed":
        days = (o.closed_on - o.opened_on).days if o.closed_on else 0
        second = t("orders.won_on", date=fmt_date(o.closed_on), days=days)
    else:
        second = t(
            "orders.closed_on",
            state=label("orders.state", status.state),
            date=fmt_date(o.closed_on),
        )
    return f"{first}\n{second}"


class OpportunitiesPane(NeedsARow, Localized, Vertical):
    ON_A_ROW = (
        "edit",
        "review",
        "lock",
        "milestone",
        "analysis",
        "lost",
        "renew",
        "delete",
        "history",
    )
    ADD = "orders.add"
    BINDINGS = [
        Binding("a", "add", "keys.add", id="orders.add"),
        Binding("e", "edit", "keys.edit", id="orders.edit"),
        Binding("v", "review", "orders.key.review", id="orders.review"),
        Binding("k", "lock", "orders.key.lock", id="orders.lock"),
        Binding("m", "milestone", "orders.key.milestone", id="orders.milestone"),
        Binding("w", "analysis", "orders.key.analysis", id="orders.analysis"),
        Binding("x", "lost", "orders.key.lost", id="orders.lost", show=False),
        Binding("r", "renew", "orders.key.renew", id="orders.renew", show=False),
        Binding("h", "history", "orders.key.history", id="orders.history", show=False),
        Binding("d", "delete", "keys.delete", id="orders.delete", show=False),
    ]
    DEFAULT_CSS = tcss(__file__, "opportunities_pane.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.view: OrdersView | None = None
        self.wanted: str | None = None  # an opportunity to select once loaded

    def select_when_loaded(self, opportunity_id: str) -> None:
        """Put the cursor on this opportunity (coming from the pipeline), now or once the
        list has loaded."""
        self.wanted = opportunity_id
        if self.view is not None:
            self._show(self.view)

    def compose(self) -> ComposeResult:
        # Fitted to the width: a plain DataTable's right edge cut a value with no ….
        yield FittedTable(order_columns(), id="orders-table", on_hidden=self._hidden)
        yield Static("", id="orders-detail")
        yield Static(t("orders.keys_hint"), id="orders-hint")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="orders-load")
    def load(self) -> None:
        from katerm.core.pipeline import load_account_orders

        ws = workspace_of(self)
        today = clock_of(self).today()
        rows, contacts = load_account_orders(ws.db, self.account_id, today, order_rules(self.app))
        self.app.call_from_thread(self._show, OrdersView(rows, contacts, today))

    def _show(self, view: OrdersView) -> None:
        self.view = view
        table = self.query_one(FittedTable)
        row = table.cursor_row
        table.show(
            [
                (
                    r.opportunity.id,
                    [
                        Text(r.opportunity.name),
                        label("opportunities.stage", r.opportunity.stage),
                        Text(fmt_money(r.opportunity.amount), justify="right"),
                        fmt_date(r.opportunity.expected_close),
                        state_text(r),
                    ],
                )
                for r in view.rows
            ]
        )
        ids = [r.opportunity.id for r in view.rows]
        if self.wanted in ids:
            row = ids.index(self.wanted)
            self.wanted = None
            table.focus()
        if view.rows:
            table.move_cursor(row=min(row, len(view.rows) - 1))
        else:
            self.query_one("#orders-detail", Static).update(t("orders.none"))
        self._describe()

    def _hidden(self, hidden: list[str]) -> None:
        hint = t("orders.keys_hint")
        if hidden:  # the columns a narrow width hides, named as on the other tabs
            hint = t("dialog.hidden_columns", names=hidden) + "  " + hint
        if self.is_mounted:
            self.query_one("#orders-hint", Static).update(hint)

    @on(DataTable.RowHighlighted)
    def _describe(self) -> None:
        row = self.selected()
        if row is not None and self.view is not None:
            self.query_one("#orders-detail", Static).update(Text(describe(row, self.view.today)))

    def has_row(self) -> bool:
        return self.selected() is not None

    def selected(self) -> PipelineRow | None:
        if self.view is None or not self.view.rows:
            return None
        index = self.query_one(DataTable).cursor_row
        return self.view.rows[index] if 0 <= index < len(self.view.rows) else None

    def _opp(self) -> OpportunityRecord | None:
        row = self.selected()
        return row.opportunity if row else None

    # --- actions -----------------------------------------------------------------------------
    @on(DataTable.RowSelected)
    def _chosen(self) -> None:
        self.action_edit()

    def action_add(self) -> None:
        if self.view is not None:
            open_opportunity_form(self.app, self.account_id, None, self.view.contacts)

    def action_edit(self) -> None:
        opp = self._opp()
        if opp is not None and self.view is not None:
            open_opportunity_form(self.app, self.account_id, opp, self.view.contacts)

    def action_review(self) -> None:
        opp = self._opp()
        if opp is None:
            return
        if not opp.is_open or opp.locked_on is not None:
            self.notify(t("orders.review_closed"), severity="warning")
            return
        self.app.push_screen(LeadReviewScreen(opp))

    def action_lock(self) -> None:
        opp = self._opp()
        if opp is None:
            return
        missing = lock_check(opp.as_dict()).missing
        if opp.locked_on is not None or not opp.is_open:
            self.notify(
                t("orders.already_locked")
                if opp.is_open
                else t("orders.not_open", state=label("opportunities.outcome", opp.outcome)),
                severity="warning",
            )
            return
        if missing:
            self.notify(
                t(
                    "orders.lock_needs",
                    items=[t(f"orders.lock_key.{k}") for k in missing],
                ),
                severity="error",
                timeout=6,
            )
            return
        self._confirm(t("orders.lock_question", name=opp.name), "lock", opp)

    def _confirm(self, question: str, step: str, opp: OpportunityRecord) -> None:
        from katerm.app.widgets.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._step(step, opp.id)

        self.app.push_screen(ConfirmScreen(question, yes=t("dialog.yes"), danger=False), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="orders-step")
    def _step(self, step: str, opportunity_id: str) -> None:
        from katerm.core import pipeline
        from katerm.core.errors import KatermError

        ws = workspace_of(self)
        today = clock_of(self).today()
        try:
            if step == "lock":
                pipeline.lock(ws, opportunity_id, today=today)
            elif step == "reopen":
                pipeline.reopen(ws, opportunity_id, today=today)
            elif step == "renew":
                opp = self._opp()
                name = t("orders.renewal_name", name=opp.name if opp else "")
                pipeline.renew(ws, opportunity_id, name, today=today)
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(katerm_app(self).data_changed)
        self.app.call_from_thread(self.notify, t(f"orders.done.{step}"), timeout=3)

    def action_milestone(self) -> None:
        row = self.selected()
        if row is None:
            return
        open_steps = [m for m in row.status.milestones if not m.done_on]
        if row.status.state not in ("following", "stuck") or not open_steps:
            self.notify(t("orders.no_milestone"), severity="warning")
            return
        from katerm.app.widgets.choose import ChoiceScreen

        labels = {m.key: label("orders.milestone", m.key) for m in open_steps}

        def chosen(key: str | None) -> None:
            if key:
                open_milestone_form(self.app, row.opportunity, key, labels[key])

        self.app.push_screen(
            ChoiceScreen(
                t("orders.choose_milestone"),
                [
                    (f"{labels[m.key]} · {t('orders.due_short', date=fmt_date(m.due_on))}", m.key)
                    for m in open_steps
                ],
            ),
            chosen,
        )

    def action_analysis(self) -> None:
        row = self.selected()
        if row is None:
            return
        missed = row.status.stuck or next(
            (m for m in row.status.milestones if m.days_over or (m.row and m.row.analysis)), None
        )
        if missed is None:
            self.notify(t("orders.not_stuck"), severity="warning")
            return
        stored = missed.row
        open_analysis_form(
            self.app,
            row.opportunity,
            missed.key,
            label("orders.milestone", missed.key),
            stored.analysis if stored else "",
            stored.improvement if stored else "",
        )

    def action_lost(self) -> None:
        opp = self._opp()
        if opp is None:
            return
        if opp.outcome in ("lost", "dropped"):
            self._confirm(t("orders.reopen_question", name=opp.name), "reopen", opp)
        elif opp.is_open:
            from katerm.app.pipeline.dialogs import open_lost_form

            open_lost_form(self.app, opp)
        else:
            self.notify(t("orders.won_not_lost"), severity="warning")

    def action_history(self) -> None:
        opp = self._opp()
        if opp is not None:
            from katerm.app.pipeline.dialogs import open_history

            open_history(self.app, opp)

    def action_renew(self) -> None:
        opp = self._opp()
        if opp is None:
            return
        if opp.outcome != "won":
            self.notify(t("orders.renew_needs_won"), severity="warning")
            return
        self._confirm(t("orders.renew_question", name=opp.name), "renew", opp)

    def action_delete(self) -> None:
        opp = self._opp()
        if opp is not None:
            from katerm.app.widgets.dialogs import confirm_delete

            confirm_delete(self.app, "opportunities", opp.id, opp.name)
