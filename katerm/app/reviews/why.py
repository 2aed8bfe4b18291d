"""Why a key of my day / my week cannot act now (said instead of doing nothing)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.widgets import OptionList

from katerm.app.context import clock_of
from katerm.app.widgets.reach import reach
from katerm.app.widgets.waiting import WaitsForData
from katerm.core.reviews import DayView, WeekView
from katerm.i18n import t

if TYPE_CHECKING:
    from textual.screen import Screen as _Base
else:
    _Base = object


class SaysWhy(WaitsForData, _Base):
    """Mixed into the reviews screen (a Textual screen: ``query_one``, ``view``, ``day``).
    A key pressed before the first view is loaded acts once it is (WaitsForData)."""

    view: DayView | WeekView | None
    day: date | None
    week_mode: bool

    def waiting_for_data(self) -> bool:
        return self.view is None

    def view_shown(self) -> None:
        """A view is on screen: the footer's keys follow it, and keys pressed while it
        loaded act now."""
        self.refresh_bindings()
        self.data_arrived()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if action in ("meeting", "edit_template"):
            return bool(view and view.lead)  # hidden for a seller; pressing it says why
        if action == "reopen":
            return bool(view and view.can_reopen)
        if action == "today":
            return None if self.day in (None, clock_of(self).today()) else True
        if action == "follow_up_done":
            return None if self._follow_up() is None else True
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Why a key cannot act on this screen now (said instead of doing nothing)."""
        view = self.view
        if view is None:
            return t("reviews.why.loading")
        if action in ("meeting", "edit_template"):
            return t(f"reviews.why.{action}")
        if action == "reopen":
            period = view.day if isinstance(view, DayView) else view.week
            if not period.is_past(clock_of(self).today()):
                return t("reviews.why.reopen_open")
            return t("reviews.why.reopen_lead")
        if action == "today":
            return t("reviews.why.today_week" if self.week_mode else "reviews.why.today")
        if action == "follow_up_done":
            due = self.query_one("#due", OptionList)
            return reach(due, "reviews.why.follow_up")
        return None

    def _follow_up(self) -> str | None:
        """The id of the follow-up highlighted in the due list, if one is."""
        due = self.query_one("#due", OptionList)
        if due.highlighted is None or not isinstance(self.view, DayView):
            return None
        option_id = due.get_option_at_index(due.highlighted).id or ""
        return option_id[2:] if option_id.startswith("f:") else None
