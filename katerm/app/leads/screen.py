"""The weekly lead meeting (每周线索管理例会; screen 5 → `n`): per seller, the week's new
leads, leads reviewed, converted and dropped, then the week's leads with their source, who
referred them and who nurtures them; ← → change the week, `t` this week.

The same data as ``katerm leads`` (``katerm.core.leads``), loaded in a worker.
"""

from __future__ import annotations

from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from katerm.app.context import clock_of, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.chrome import AppFooter
from katerm.app.widgets.columns import Column
from katerm.app.widgets.filled_table import fill_table
from katerm.app.widgets.fitted_table import FittedTable
from katerm.core.leads import LeadMeeting
from katerm.core.periods import Period
from katerm.i18n import t


class LeadMeetingScreen(Localized, Screen[None]):
    """One week's lead meeting, for everyone below me (myself included)."""

    DEFAULT_CSS = tcss(__file__, "meeting_screen.tcss")
    BINDINGS = [
        Binding("escape", "close", "keys.back", id="leads.close"),
        Binding("left", "shift(-1)", "reviews.keys.previous", id="leads.previous"),
        Binding("right", "shift(1)", "reviews.keys.next", id="leads.next"),
        Binding("t", "this_week", "leads.keys.this_week", id="leads.this_week"),
    ]

    def __init__(self, day: date) -> None:
        super().__init__()
        self.week = Period.week_of(day)
        self._list_heading = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="leads-title")
        with VerticalScroll(id="leads-body"):
            yield Static("", classes="leads-heading", id="sellers-heading")
            yield DataTable(id="lead-sellers", cursor_type="row", zebra_stripes=True)
            yield Static("", classes="leads-heading", id="list-heading")
            # Fitted like every other table: at 80 columns a plain table cut the source
            # mid-word ("销售拜") and dropped the referrer and nurturer without a word.
            yield FittedTable(lead_columns([]), id="lead-list", on_hidden=self._say_hidden)
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("leads.screen_title")
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="leads-load")
    def load(self) -> None:
        from katerm.core.leads import load_meeting

        ws = workspace_of(self)
        meeting = load_meeting(ws.db, ws.me.id, self.week.start)
        self.app.call_from_thread(self._show, meeting)

    def _show(self, meeting: LeadMeeting) -> None:
        from katerm.core.leads import meeting_sections, meeting_title

        self.query_one("#leads-title", Static).update(meeting_title(meeting))
        (counts_heading, count_cols, counts), (list_heading, cols, rows) = meeting_sections(meeting)
        self.query_one("#sellers-heading", Static).update(counts_heading)
        fill_table(self.query_one("#lead-sellers", DataTable), count_cols, counts)
        self._list_heading = list_heading
        self.query_one("#list-heading", Static).update(list_heading)
        listing = self.query_one("#lead-list", FittedTable)
        listing.display = bool(rows)
        listing.show([(str(i), row) for i, row in enumerate(rows)], lead_columns(cols))

    def _say_hidden(self, hidden: list[str]) -> None:
        note = t("dialog.hidden_columns", names=hidden) if hidden else ""
        heading = self._list_heading
        self.query_one("#list-heading", Static).update(f"{heading}\n{note}" if note else heading)

    def action_shift(self, steps: int) -> None:
        self.week = self.week.shifted(steps)
        self.load()

    def action_this_week(self) -> None:
        self.week = Period.week_of(clock_of(self).today())
        self.load()

    def action_close(self) -> None:
        self.app.pop_screen()


# The week's leads (katerm.core.leads.meeting_sections' columns, in its order): the lead and
# its account are names and grow; the seller reads whole; then the status, the steps and
# the maturity; the source, referrer and nurturer give way first on a narrow terminal.
_LEAD_COLUMNS = (
    ("lead", 12, 0, 2, False),
    ("account", 12, 1, 3, False),
    ("seller", 6, 2, 0, True),
    ("steps", 8, 4, 0, False),
    ("status", 6, 3, 0, False),
    ("source", 8, 6, 0, False),
    ("referred_by", 8, 7, 0, False),
    ("nurturer", 8, 8, 0, False),
    ("maturity", 6, 5, 0, False),
)


def lead_columns(labels: list[str]) -> list[Column]:
    """The lead list's columns under ``labels`` (none yet: the keys)."""
    return [
        Column(key, labels[i] if i < len(labels) else key, least, priority, grow=grow, whole=whole)
        for i, (key, least, priority, grow, whole) in enumerate(_LEAD_COLUMNS)
    ]
