"""Tomorrow's plan (or next week's) on the reviews screen: typed here, saved with Ctrl+S.

The box holds input (:class:`~katerm.app.widgets.leaving.HoldsInput`): quitting, or showing
another day, week or person while the plan has unsaved text, asks first (save, discard,
stay). A reload while the user types (a save elsewhere, a background sync) keeps the text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from katerm.app.context import clock_of, katerm_app, workspace_of
from katerm.app.widgets.leaving import DISCARD, SAVE, HoldsInput, LeaveDialog
from katerm.app.widgets.text_box import TextBox
from katerm.core.reviews import DayView, WeekView
from katerm.i18n import t


class PlanBox(HoldsInput, Vertical):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.saved_text = ""  # the plan as stored, for the plan on screen
        self._key: tuple[str, str] | None = None  # whose plan, for which period
        self._target: tuple[str, Any] | None = None  # (user id, period) to save to

    def compose(self) -> ComposeResult:
        yield TextBox("", id="plan", soft_wrap=True, show_line_numbers=False)
        yield Static(t("reviews.ui.plan_hint"), id="plan-hint")

    @property
    def area(self) -> TextArea:
        return self.query_one("#plan", TextArea)

    def show(self, view: DayView | WeekView) -> None:
        period = view.plan_period if isinstance(view, DayView) else view.week
        title = "reviews.ui.plan_day" if isinstance(view, DayView) else "reviews.ui.plan_week"
        self.border_title = t(title, period=period.key)
        key = (view.person.id, period.key)
        if key != self._key or not self.unsaved():
            self.area.text = view.plan
        self.area.read_only = view.plan_read_only
        self.saved_text, self._key = view.plan, key
        self._target = (view.person.id, period)

    # --- saving --------------------------------------------------------------------------
    def save(self, then: Callable[[bool], object] | None = None) -> None:
        """Save the plan (Ctrl+S); ``then(ok)`` once the database has it (or refused it)."""
        done = then or (lambda ok: None)
        if self._target is None:
            done(False)
            return
        if self.area.read_only:
            self.notify(t("reviews.ui.plan_read_only"), severity="warning")
            done(False)
            return
        user, period = self._target
        self._write(user, period, self.area.text, done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="reviews-plan-save")
    def _write(self, user: str, period: Any, text: str, done: Callable[[bool], object]) -> None:
        from katerm.core.errors import KatermError
        from katerm.core.reviews import save_plan

        try:
            save_plan(workspace_of(self), user, period, text, today=clock_of(self).today())
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            self.app.call_from_thread(done, False)
            return
        self.app.call_from_thread(self._saved, text, period.key, done)

    def _saved(self, text: str, period: str, done: Callable[[bool], object]) -> None:
        self.saved_text = text
        katerm_app(self).data_changed()
        self.notify(t("reviews.cli.plan_saved", period=period), timeout=3)
        done(True)

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        return (
            self._key is not None
            and not self.area.read_only
            and (self.area.text != self.saved_text)
        )

    def unsaved_title(self) -> str:
        return str(self.border_title or "")

    def save_input(self, then: Callable[[bool], object]) -> None:
        self.save(then)

    def drop_input(self) -> None:
        self.area.text = self.saved_text

    def before_moving(
        self, move: Callable[[], object], stay: Callable[[], object] = lambda: None
    ) -> None:
        """Another period or person is about to be shown: ask first when the plan has
        unsaved text (save, then move; discard and move; or stay)."""
        if not self.unsaved():
            move()
            return

        def answered(choice: str | None) -> None:
            if choice == SAVE:
                self.save(lambda ok: move() if ok else stay())
            elif choice == DISCARD:
                self.drop_input()
                move()
            else:
                stay()

        self.app.push_screen(LeaveDialog([self.unsaved_title()]), answered)
