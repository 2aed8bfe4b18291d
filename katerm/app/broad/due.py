"""Routines due in my day: each routine at my accounts due today or overdue, as a line of my
day's due list; ``l`` (log an activity) or Enter on one logs it done, as on the account's
Routines tab."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from textual.markup import escape
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from katerm.core.broad import Routine
from katerm.i18n import t

if TYPE_CHECKING:
    from textual.screen import Screen as _Base

    from katerm.core.store import Database
else:
    _Base = object


class RoutineOption(Option):
    """A due routine in an option list: it knows its routine."""

    def __init__(self, routine: Routine, today: date) -> None:
        late = routine.overdue(today)
        when = t("broad.ui.overdue", date=routine.next_due.isoformat()) if late else ""
        text = t("broad.ui.due_line", title=routine.title, account=routine.account)
        prompt = f"[{'$error' if late else '$warning'}]{escape(text)}[/]"
        if when:
            prompt += f"  [$text-muted]{escape(when)}[/]"
        super().__init__(prompt, id=f"routine:{routine.id}")
        self.routine = routine


def due_routine_options(db: Database, owner_id: str, day: date) -> list[Option]:
    """My day's routines due: a heading, then each routine due on ``day`` or overdue."""
    from katerm.core.broad import due_routines

    found: Sequence[Routine] = due_routines(db, owner_id, day)
    if not found:
        return []
    heading = Option(f"[b]{escape(t('broad.ui.due_heading'))}[/]", id="routine:head", disabled=True)
    return [heading, *(RoutineOption(r, day) for r in found)]


class LogsDueRoutine(_Base):
    """Mixed into a screen with an option list ``#due`` holding :class:`RoutineOption` lines:
    ``l`` (the app's log-activity key) on one logs that routine done at its account, and so
    does Enter."""

    def _due_routine(self) -> Routine | None:
        due = self.focused
        if not isinstance(due, OptionList) or due.id != "due" or due.highlighted is None:
            return None
        option = due.get_option_at_index(due.highlighted)
        return option.routine if isinstance(option, RoutineOption) else None

    def routine_to_log(self) -> tuple[str, str] | None:
        r = self._due_routine()
        return (r.id, r.title) if r is not None else None

    def highlighted_account(self) -> str | None:
        r = self._due_routine()
        return r.account_id if r is not None else None

    # By name, not ``@on``: Textual collects decorated handlers only from its own classes.
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "due" and isinstance(event.option, RoutineOption):
            event.stop()
            self.app.action_log_activity()  # type: ignore[attr-defined]
