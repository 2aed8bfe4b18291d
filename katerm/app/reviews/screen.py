"""Mode 5, reviews: my day and my week — the checklist, tomorrow's plan, due actions, quotas.

A lead can look at anyone below them (the person picker), reopen a past checklist, edit the
team's checklist template and start the evening review. Everything shown comes from
``katerm.core.reviews.views`` in a worker; ``katerm review daily|weekly`` prints the same.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import nullcontext
from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Select, Static
from textual.widgets.option_list import Option

from katerm.app.broad.due import LogsDueRoutine
from katerm.app.context import clock_of, first_rows_painted, katerm_app, workspace_of
from katerm.app.localize import Localized
from katerm.app.reviews.plan_box import PlanBox
from katerm.app.reviews.why import SaysWhy
from katerm.app.reviews.widgets import (
    Box,
    ChecklistList,
    due_options,
    evidence_lines,
    load_day_extras,
    period_line,
    quota_lines,
    team_line,
)
from katerm.app.styles import tcss
from katerm.app.widgets.chrome import AppFooter
from katerm.core.reviews import BAD, OK, PLAIN, DayView, Line, WeekView
from katerm.i18n import t

NARROW = 100  # below this width the two columns stack


class ReviewsScreen(LogsDueRoutine, SaysWhy, Localized, Screen):  # my day / my week
    BINDINGS = [
        Binding("left", "shift(-1)", "reviews.keys.previous", id="reviews.previous"),
        Binding("right", "shift(1)", "reviews.keys.next", id="reviews.next"),
        Binding("t", "today", "reviews.keys.today", id="reviews.today"),
        Binding("w", "toggle_week", "reviews.keys.day_or_week", id="reviews.toggle_week"),
        Binding(
            "ctrl+s", "save_plan", "reviews.keys.save_plan", id="reviews.save_plan", priority=True
        ),
        Binding(
            "x",
            "follow_up_done",
            "reviews.keys.follow_up_done",
            id="reviews.follow_up_done",
            show=False,
        ),
        Binding("m", "meeting", "reviews.keys.evening_review", id="reviews.meeting"),
        Binding("e", "edit_template", "reviews.keys.edit_template", id="reviews.template"),
        Binding("o", "reopen", "reviews.keys.reopen", id="reviews.reopen"),
        Binding("y", "month", "reviews.keys.month", id="reviews.month"),
        Binding("n", "lead_meeting", "leads.keys.open", id="reviews.lead_meeting"),
    ]
    DEFAULT_CSS = tcss(__file__, "reviews_screen.tcss")

    def __init__(self) -> None:
        super().__init__()
        self.user_id: str | None = None
        self.day: date | None = None
        self.week_mode = False
        self.view: DayView | WeekView | None = None
        self._stale = False  # suspended since its last load (mounting loads)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-bar"):
            yield Select([], prompt=t("reviews.ui.me"), id="person", compact=True)
            yield Static("", id="period")
        with VerticalScroll(id="review-body"), Horizontal(id="review-cols"):
            with Vertical(classes="column"):
                with Vertical(id="checklist-panel", classes="panel"):
                    yield ChecklistList(id="checklist")
                    yield Static("", id="evidence")
                yield Box(id="quota-box")
            with Vertical(classes="column"):
                yield PlanBox(id="plan-panel", classes="panel")
                with Vertical(id="due-panel", classes="panel"):
                    yield OptionList(id="due")
                yield Box(id="activities-box")
                yield Box(id="team-box")
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("modes.reviews")
        self.watch(self.app, "data_version", self._data_changed, init=False)
        self.query_one("#due-panel").border_title = t("reviews.ui.due_title")
        self.query_one(ChecklistList).focus()
        self.load()

    def on_resize(self) -> None:
        self.query_one("#review-cols").set_class(self.size.width < NARROW, "-narrow")

    def on_screen_resume(self) -> None:
        if self._stale:  # a first open resumes twice after mounting: one load, not three
            self._stale = False
            self.load()

    def on_screen_suspend(self) -> None:
        self._stale = True

    def _data_changed(self, version: int) -> None:
        if self.is_current:
            self.load()

    # --- loading ---------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="reviews-load")
    def load(self) -> None:
        """The checklist and the boxes first; my day's "Coming up" after (it shows it is
        loading), in the same read: the card reviews due both list are read once."""
        from textual.worker import get_current_worker

        from katerm.core.reminders import reading_my_day
        from katerm.core.reviews import load_view

        worker = get_current_worker()
        ws = workspace_of(self)
        clock = clock_of(self)
        today = clock.today()
        user = self.user_id or ws.me.id
        day = self.day or today
        week = self.week_mode
        with nullcontext() if week else reading_my_day(ws.db, user, day):
            view, people = load_view(
                ws.db, ws.me.id, user, day, week=week, tz=clock.tz, today=today
            )
            if worker.is_cancelled:  # a newer load shows its own
                return
            painted = threading.Event()
            self.app.call_from_thread(self._show, view, people, day, painted)
            if week:
                return
            # "Coming up" worked out once the checklist is on screen (or a second on): a frame
            # painted while this thread runs takes several times longer (one interpreter).
            painted.wait(1.0)
            coming = load_day_extras(ws.db, user, day)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_coming, view, coming)

    def _show(
        self, view: DayView | WeekView, people: list, day: date, painted: threading.Event
    ) -> None:
        self.view, self.day = view, day
        person = self.query_one("#person", Select)
        options = [(p.display, p.id) for p in people]
        if [o[1] for o in options] != [v for _, v in person._options if v is not Select.NULL]:
            with person.prevent(Select.Changed):
                person.set_options(options)
        if person.value != view.person.id:
            with person.prevent(Select.Changed):
                person.value = view.person.id
        person.display = len(people) > 1
        checklist = view.checklist if isinstance(view, DayView) else view.trend.checklist
        self.query_one("#period", Static).update(period_line(view, self.week_mode))
        self.query_one("#checklist-panel").border_title = t(
            "reviews.ui.checklist_title", done=checklist.done_count, total=len(checklist.available)
        )
        self.query_one(ChecklistList).show(checklist)
        self._show_evidence()
        self.query_one(PlanBox).show(view)
        if isinstance(view, DayView):
            self._show_day(view)
        else:
            self._show_week(view)
        self.view_shown()
        self.call_after_refresh(painted.set)
        first_rows_painted(self)  # fills held by the switch to this screen go on after this

    def _show_day(self, view: DayView) -> None:
        for box in ("#due-panel", "#quota-box", "#activities-box"):
            self.query_one(box).display = True
        # "Coming up" (routines due, reminders, the stage plan) says it is loading till it is read
        self.query_one("#due", OptionList).set_options(due_options(view, None))
        week = view.week
        self.query_one("#quota-box", Box).show(
            t("reviews.section.week", week=week.period.key),
            quota_lines(week.items),
            empty=t("reviews.checklist_empty"),
        )
        self.query_one("#activities-box", Box).show(
            t("reviews.ui.activities_of", date=view.day.key),
            [
                Line(
                    f"{t(f'reviews.kind.{a.kind}')} {a.label(clock_of(self).tz)}",
                    PLAIN,
                    a.next_step and t("reviews.next_step", text=a.next_step),
                )
                for a in view.activities
            ],
            empty=t("reviews.no_activities"),
        )
        self.query_one("#team-box").display = False

    def _show_coming(self, view: DayView, coming: list[Option]) -> None:
        if self.view is not view:  # another day or person since
            return
        due = self.query_one("#due", OptionList)
        keep = due.highlighted  # the rows above "Coming up" stay where they were
        due.set_options(due_options(view, coming))
        if keep is not None and keep < due.option_count:
            due.highlighted = keep

    def _show_week(self, view: WeekView) -> None:
        from katerm.core.reviews import scenario_label, trend_lines

        self.query_one("#due-panel").display = False
        # A lead who logs nothing themselves sees their team's weeks, not rows of zeros.
        mine = any(w.visits for w in view.trend.weeks) or bool(view.trend.by_scenario)
        for box in ("#quota-box", "#activities-box"):
            self.query_one(box).display = mine or not view.team
        lines = trend_lines(view.trend)
        chart = [
            Line(x, OK if x.endswith("✓") else (BAD if x.endswith("✗") else PLAIN))
            for x in lines[1 : len(view.trend.weeks) + 1]
        ]
        self.query_one("#quota-box", Box).show(lines[0], chart)
        scenarios = [Line(f"{scenario_label(s)}  {n}") for s, n in view.trend.by_scenario]
        figures = Line(lines[len(view.trend.weeks) + 1], PLAIN)
        self.query_one("#activities-box", Box).show(
            t("reviews.ui.scenarios_title"), [figures, *scenarios]
        )
        team = self.query_one("#team-box", Box)
        team.display = bool(view.team)
        if view.team:
            team.show(
                t("reviews.ui.team_title", weeks=len(view.trend.weeks)),
                [team_line(x) for x in view.team],
            )

    # --- the checklist ---------------------------------------------------------------------
    def _current_checklist(self) -> Any:
        view = self.view
        if view is None:
            return None
        return view.checklist if isinstance(view, DayView) else view.trend.checklist

    @on(OptionList.OptionHighlighted, "#checklist")
    def _show_evidence(self) -> None:
        checklist = self._current_checklist()
        evidence = self.query_one("#evidence", Static)
        highlighted = self.query_one(ChecklistList).highlighted
        if checklist is None or highlighted is None or highlighted >= len(checklist.items):
            evidence.update("")
            evidence.add_class("-empty")
            return
        lines = evidence_lines(checklist, checklist.items[highlighted])
        evidence.update("\n".join(lines))
        evidence.set_class(not lines, "-empty")

    @on(OptionList.OptionSelected, "#checklist")
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        checklist = self._current_checklist()
        item = checklist.item(event.option.id) if checklist else None
        if item is None:
            return
        if item.kind != "manual":
            self.notify(t("reviews.cli.measured_item", key=item.label), timeout=3)
            return
        if checklist.read_only:
            self.notify(t("reviews.err.read_only", period=checklist.period.key), severity="warning")
            return
        self._write(lambda ws, today: _mark(ws, checklist, item.key, not item.done, today))

    @work(thread=True, exclusive=True, exit_on_error=False, group="reviews-save")
    def _write(self, job: Any, done_text: str | None = None) -> None:
        from katerm.core.errors import KatermError

        ws = workspace_of(self)
        try:
            job(ws, clock_of(self).today())
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(katerm_app(self).data_changed)
        if done_text:
            self.app.call_from_thread(self.notify, done_text, timeout=3)

    # --- actions ---------------------------------------------------------------------------
    def _moving(
        self, move: Callable[[], object], stay: Callable[[], object] = lambda: None
    ) -> None:
        """Show another period or person: a plan being typed is saved, dropped or kept."""
        self.query_one(PlanBox).before_moving(move, stay)

    def action_shift(self, steps: int) -> None:
        from datetime import timedelta

        day = self.day
        if day is None:
            return

        def move() -> None:
            self.day = day + timedelta(days=steps * (7 if self.week_mode else 1))
            self.load()

        self._moving(move)

    def action_today(self) -> None:
        def move() -> None:
            self.day = None
            self.load()

        self._moving(move)

    def action_toggle_week(self) -> None:
        def move() -> None:
            self.week_mode = not self.week_mode
            self.load()

        self._moving(move)

    @on(Select.Changed, "#person")
    def _person(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or event.value == self.user_id:
            return
        wanted, before = str(event.value), self.user_id or workspace_of(self).me.id
        select: Select[str] = self.query_one("#person", Select)

        def move() -> None:
            self.user_id = wanted
            self.load()

        def stay() -> None:
            with select.prevent(Select.Changed):
                select.value = before

        self._moving(move, stay)

    def action_save_plan(self) -> None:
        self.query_one(PlanBox).save()

    def action_follow_up_done(self) -> None:
        follow_up_id = self._follow_up()
        if follow_up_id is None:
            return

        def job(ws: Any, today: date) -> None:
            from katerm.core.reviews import set_follow_up_done

            set_follow_up_done(ws, follow_up_id)

        self._write(job, t("reviews.ui.follow_up_done"))

    def action_reopen(self) -> None:
        view = self.view
        if view is None or not view.can_reopen:
            return
        period = view.day if isinstance(view, DayView) else view.week
        user = view.person.id

        def job(ws: Any, today: date) -> None:
            from katerm.core.reviews import set_reopened

            set_reopened(ws, user, period, True)

        self._write(job, t("reviews.cli.reopened", name=view.person.display, period=period.key))

    def action_meeting(self) -> None:
        from katerm.app.reviews.meeting import start_meeting

        start_meeting(self.app, self.day)

    def action_month(self) -> None:
        from katerm.app.reviews.month import MonthScreen
        from katerm.core.cadence import Month

        self.app.push_screen(MonthScreen(Month.of(self.day or clock_of(self).today())))

    def action_lead_meeting(self) -> None:
        from katerm.app.leads.screen import LeadMeetingScreen

        self.app.push_screen(LeadMeetingScreen(self.day or clock_of(self).today()))

    def action_edit_template(self) -> None:
        from katerm.app.reviews.template import TemplateScreen

        self.app.push_screen(TemplateScreen())


def _mark(ws: Any, checklist: Any, key: str, done: bool, today: date) -> None:
    from katerm.core.reviews import set_mark

    set_mark(ws, checklist.user.id, checklist.period, key, done=done, today=today)
