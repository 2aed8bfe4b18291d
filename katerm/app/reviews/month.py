"""My month (screen 5 → `y`): the monthly review's league tables of sellers and teams, each
figure with its rank and the places moved since last month; ← → change the month.

The same data as ``katerm review monthly`` (``katerm.core.cadence``), loaded in a worker.
"""

from __future__ import annotations

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
from katerm.core.cadence import Month, MonthlyReview
from katerm.i18n import t


class MonthScreen(Localized, Screen[None]):
    """The month's league tables."""

    DEFAULT_CSS = tcss(__file__, "month_screen.tcss")
    BINDINGS = [
        Binding("escape", "close", "keys.back", id="month.close"),
        Binding("left", "shift(-1)", "reviews.keys.previous", id="month.previous"),
        Binding("right", "shift(1)", "reviews.keys.next", id="month.next"),
    ]

    def __init__(self, month: Month) -> None:
        super().__init__()
        self.month = month

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="month-title")
        with VerticalScroll(id="month-body"):
            yield Static(t("cadence.sellers"), classes="month-heading")
            yield DataTable(id="sellers", cursor_type="row", zebra_stripes=True)
            yield Static(t("cadence.teams"), classes="month-heading", id="teams-heading")
            yield DataTable(id="teams", cursor_type="row", zebra_stripes=True)
            yield Static(t("cadence.legend"), id="month-legend")
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("cadence.screen_title")
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="month-load")
    def load(self) -> None:
        from katerm.core.cadence import load_monthly_review
        from katerm.core.pipeline import order_rules

        ws, clock = workspace_of(self), clock_of(self)
        review = load_monthly_review(
            ws.db, ws.me.id, self.month, tz=clock.tz, today=clock.today(), rules=order_rules()
        )
        self.app.call_from_thread(self._show, review)

    def _show(self, review: MonthlyReview) -> None:
        from katerm.core.cadence import headers, tables, title

        self.query_one("#month-title", Static).update(title(review))
        found = tables(review)
        cols = headers()
        for table_id, (_heading, rows) in zip(("#sellers", "#teams"), found, strict=False):
            table = self.query_one(table_id, DataTable)
            table.clear(columns=True)
            table.add_columns(*cols)
            table.add_rows(rows)
        has_teams = len(found) > 1
        self.query_one("#teams").display = has_teams
        self.query_one("#teams-heading").display = has_teams

    def action_shift(self, steps: int) -> None:
        month = self.month
        for _ in range(abs(steps)):
            month = month.previous() if steps < 0 else Month.of(month.end)
        self.month = month
        self.load()

    def action_close(self) -> None:
        self.app.pop_screen()
