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
from katerm.app.widgets.filled_table import fill_table
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

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="leads-title")
        with VerticalScroll(id="leads-body"):
            yield Static("", classes="leads-heading", id="sellers-heading")
            yield DataTable(id="lead-sellers", cursor_type="row", zebra_stripes=True)
            yield Static("", classes="leads-heading", id="list-heading")
            yield DataTable(id="lead-list", cursor_type="row", zebra_stripes=True)
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
        self.query_one("#list-heading", Static).update(list_heading)
        listing = self.query_one("#lead-list", DataTable)
        listing.display = bool(rows)
        fill_table(listing, cols, rows)

    def action_shift(self, steps: int) -> None:
        self.week = self.week.shifted(steps)
        self.load()

    def action_this_week(self) -> None:
        self.week = Period.week_of(clock_of(self).today())
        self.load()

    def action_close(self) -> None:
        self.app.pop_screen()
