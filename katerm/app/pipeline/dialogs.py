"""Dialogs of an opportunity: its edit form, the lead review (three questions, a decision),
reaching a milestone and the written analysis of a stuck order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, RadioSet, Static

from katerm.app.context import clock_of, katerm_app, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.form import FieldSpec
from katerm.app.widgets.form_dialog import FormDialog
from katerm.app.widgets.leaving import HoldsInput, with_key
from katerm.app.widgets.ticks import TickBox, TickRadio
from katerm.core.pipeline import (
    LEAD_DECISIONS,
    LEAD_QUESTIONS,
    STAGES,
    OpportunityRecord,
    OrderRules,
)
from katerm.i18n import t
from katerm.i18n.fmt import fmt_money_field


def order_rules(app: App) -> OrderRules:
    """The team's milestone rules, for a worker thread. With a broken ``[orders]`` section
    the orders still show, on the default rules, and a notice says what to fix."""
    from katerm.core.errors import ConfigProblem
    from katerm.core.pipeline import DEFAULT_RULES, rules_from_settings

    try:
        return rules_from_settings(workspace_of(app).settings)
    except ConfigProblem as exc:
        app.call_from_thread(app.notify, str(exc), severity="error", timeout=10)
        return DEFAULT_RULES


def opportunity_fields(contacts: list[tuple[str, str]]) -> list[FieldSpec]:
    label = lambda key: t(f"fields.opportunity.{key}")  # noqa: E731
    return [
        FieldSpec("name", label("name")),
        FieldSpec(
            "stage",
            label("stage"),
            kind="select",
            allow_blank=False,
            options=[(t(f"opportunities.stage.{s}"), s) for s in STAGES],
        ),
        FieldSpec("amount", label("amount"), placeholder=t("account.money_hint")),
        FieldSpec("expected_close", label("expected_close"), placeholder=t("fields.date_hint")),
        FieldSpec("probability", label("probability"), placeholder="0-100"),
        FieldSpec("competitors", label("competitors")),
        FieldSpec(
            "has_budget",
            label("has_budget"),
            kind="select",
            allow_blank=False,
            options=[
                (t("opportunities.maturity.mature"), "yes"),
                (t("opportunities.maturity.early"), "no"),
            ],
        ),
        FieldSpec("contact_id", label("contact"), kind="select", options=contacts),
        FieldSpec("currency", label("currency"), placeholder="CNY"),
        FieldSpec("notes", label("notes"), kind="notes"),
    ]


def open_opportunity_form(
    app: App, account_id: str, opp: OpportunityRecord | None, contacts: list[tuple[str, str]]
) -> None:
    from katerm.app.leads.fields import lead_specs, lead_values, with_lead
    from katerm.core.leads import load_details
    from katerm.core.pipeline import save_opportunity
    from katerm.core.team import list_members

    ws = workspace_of(app)
    if opp is None:
        values: dict[str, Any] = {
            "stage": "lead",
            "has_budget": "no",
            "currency": "CNY",
            "probability": "10",
        }
    else:
        values = {
            "name": opp.name,
            "stage": opp.stage,
            "amount": fmt_money_field(opp.amount) or "0",  # as listed; saved only if edited
            "currency": opp.currency,
            "expected_close": opp.expected_close.isoformat() if opp.expected_close else "",
            "probability": str(opp.probability),
            "competitors": opp.competitors,
            "has_budget": "yes" if opp.has_budget else "no",
            "contact_id": opp.contact_id,
            "notes": opp.notes,
        }

    def save(changed: dict[str, Any]) -> str:
        today = clock_of(app).today()
        return save_opportunity(ws, account_id, opp.id if opp else None, changed, today=today)

    values.update(lead_values(load_details(ws.db, opp.id) if opp else {}))
    title = t("orders.form.edit", name=opp.name) if opp else t("orders.form.new")
    app.push_screen(
        FormDialog(
            title,
            opportunity_fields(contacts) + lead_specs(list_members(ws.db)),
            values,
            with_lead(ws, opp.id if opp else None, save),
            saved_message=t("orders.form.saved"),
            changed_only=opp is not None,
        )
    )


def open_milestone_form(app: App, opp: OpportunityRecord, key: str, label: str) -> None:
    from katerm.core.fields import day
    from katerm.core.pipeline import reach_milestone, rules_from_settings

    ws = workspace_of(app)
    today: date = clock_of(app).today()

    def save(values: dict[str, Any]) -> None:
        from katerm.core.fields import collect

        clean = collect(values, {"done_on": lambda v: day("done_on", v)})
        reach_milestone(
            ws, opp.id, key, clean.get("done_on") or today, rules_from_settings(ws.settings)
        )

    app.push_screen(
        FormDialog(
            t("orders.form.milestone", milestone=label),
            [FieldSpec("done_on", t("orders.form.reached_on"), placeholder=t("fields.date_hint"))],
            {"done_on": today.isoformat()},
            save,
            note=opp.name,
            saved_message=t("orders.form.milestone_saved"),
        )
    )


def open_lost_form(app: App, opp: OpportunityRecord) -> None:
    """Mark an order lost, saying why and to whom when the seller knows (both may stay
    empty)."""
    from katerm.core.pipeline import close_lost

    ws = workspace_of(app)
    today: date = clock_of(app).today()

    def save(values: dict[str, Any]) -> None:
        close_lost(
            ws,
            opp.id,
            today=today,
            loss_reason=values.get("loss_reason", ""),
            winner=values.get("winner", ""),
        )

    label = lambda key: t(f"fields.opportunity.{key}")  # noqa: E731
    app.push_screen(
        FormDialog(
            t("orders.lost_question", name=opp.name),
            [FieldSpec("loss_reason", label("loss_reason")), FieldSpec("winner", label("winner"))],
            {"loss_reason": "", "winner": ""},
            save,
            note=t("orders.form.lost_note"),
            saved_message=t("orders.done.lost"),
        )
    )


def open_analysis_form(
    app: App,
    opp: OpportunityRecord,
    key: str,
    label: str,
    analysis: str = "",
    improvement: str = "",
) -> None:
    from katerm.core.pipeline import rules_from_settings, write_analysis

    ws = workspace_of(app)

    def save(values: dict[str, Any]) -> None:
        write_analysis(
            ws,
            opp.id,
            key,
            values.get("analysis", ""),
            values.get("improvement", ""),
            today=clock_of(app).today(),
            rules=rules_from_settings(ws.settings),
        )

    app.push_screen(
        FormDialog(
            t("orders.form.analysis", milestone=label),
            [
                FieldSpec("analysis", t("fields.opportunity.analysis"), kind="notes"),
                FieldSpec("improvement", t("fields.opportunity.improvement"), kind="notes"),
            ],
            {"analysis": analysis, "improvement": improvement},
            save,
            note=t("orders.form.analysis_note", name=opp.name),
            saved_message=t("orders.form.analysis_saved"),
        )
    )


class LeadReviewScreen(HoldsInput, Localized, ModalScreen[bool]):
    """The lead review: tick the points that hold for each of the three questions, then
    convert, nurture or close the lead."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="lead.save", priority=True),
        Binding("escape", "leave", "keys.cancel", id="lead.cancel"),
    ]
    DEFAULT_CSS = tcss(__file__, "lead_review_screen.tcss")

    def __init__(self, opp: OpportunityRecord) -> None:
        super().__init__()
        self.opp = opp
        self._first: tuple[list[str], str] | None = None  # the answers as opened

    def compose(self) -> ComposeResult:
        decided = self.opp.lead_decision or "convert"
        with Vertical(id="dialog", classes="form-dialog"):
            yield Static(t("orders.review.title", name=self.opp.name), id="question")
            with VerticalScroll(id="lead-body"):
                for question, points in LEAD_QUESTIONS.items():
                    yield Static(t(f"opportunities.question.{question}"), classes="question")
                    for point in points:
                        yield TickBox(
                            t(f"opportunities.point.{point}"),
                            point in self.opp.lead_checks,
                            id=f"point-{point}",
                            compact=True,
                        )
            yield Static(t("orders.review.decision"), classes="question")
            with RadioSet(id="decision", compact=True):
                for decision in LEAD_DECISIONS:
                    yield TickRadio(
                        t(f"opportunities.decision.{decision}"),
                        decision == decided,
                        id=f"decision-{decision}",
                        compact=True,
                    )
            yield Static("", id="lead-error")
            with Horizontal(id="buttons"):
                yield Button(t("account.save_button"), id="save", variant="primary")
                yield Button(with_key(t("dialog.cancel"), "Esc"), id="cancel")

    def on_mount(self) -> None:
        self.query(Checkbox).first().focus()
        self._first = self.values()

    def values(self) -> tuple[list[str], str]:
        checks = [
            p
            for points in LEAD_QUESTIONS.values()
            for p in points
            if self.query_one(f"#point-{p}", Checkbox).value
        ]
        pressed = self.query_one(RadioSet).pressed_button
        decision = (pressed.id or "").removeprefix("decision-") if pressed else ""
        return checks, decision

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        return self._first is not None and self.values() != self._first

    def unsaved_title(self) -> str:
        return t("orders.review.title", name=self.opp.name)

    def save_input(self, then: Callable[[bool], object]) -> None:
        self._save(*self.values(), then=then)

    def drop_input(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_leave()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self._save(*self.values())

    @work(thread=True, exclusive=True, exit_on_error=False, group="lead-save")
    def _save(
        self, checks: list[str], decision: str, then: Callable[[bool], object] | None = None
    ) -> None:
        from katerm.core.errors import KatermError, ValidationFailed
        from katerm.core.pipeline import validate_lead

        try:
            validate_lead(
                workspace_of(self), self.opp.id, checks, decision, today=clock_of(self).today()
            )
        except (ValidationFailed, KatermError) as exc:
            message = (
                t("dialog.sentence_sep").join(e.message for e in exc.errors)
                if isinstance(exc, ValidationFailed)
                else str(exc)
            )
            self.app.call_from_thread(self.query_one("#lead-error", Static).update, message)
            if then is not None:
                self.app.call_from_thread(then, False)
            return
        self.app.call_from_thread(self._done)
        if then is not None:
            self.app.call_from_thread(then, True)

    def _done(self) -> None:
        katerm_app(self).data_changed()
        self.notify(t("orders.review.saved"), timeout=3)
        self.dismiss(True)


def open_history(app: App, opp: OpportunityRecord) -> None:
    """The activities that served the order, oldest first, with the stage each was for."""
    from katerm.app.widgets.choose import ChoiceScreen
    from katerm.core.reviews import load_opportunity_history
    from katerm.i18n.fmt import fmt_date

    ws = workspace_of(app)
    tz = clock_of(app).tz
    rows = load_opportunity_history(ws.db, opp.id)
    if not rows:
        app.notify(t("orders.history.no_history", name=opp.name))
        return
    lines = [
        (
            t(
                "orders.history.history_line",
                date=fmt_date(r.local(tz).date()),
                stage=t(f"ltc.stage.{r.stage}") if r.stage else "—",
                kind=t(f"reviews.kind.{r.kind}"),
                people=f" · {t('influence.sep').join(r.contacts)}" if r.contacts else "",
                note=f" · {r.note}" if r.note else "",
            ),
            r.id,
        )
        for r in rows
    ]
    app.push_screen(ChoiceScreen(t("orders.history.history_title", name=opp.name), lines))
