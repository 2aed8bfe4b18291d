"""My month (screen 5 → `y`): the monthly review's league tables of sellers and teams, each
figure with its rank and the places moved since last month, the new key accounts per seller
against the team's target, then the month's A-account analysis (accounts and revenue by tier,
the top risks); ← → change the month, `q` opens its quarter.

The same data as ``katerm review monthly`` (``katerm.core.cadence``), loaded in a worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from katerm.app.context import clock_of, workspace_of
from katerm.app.localize import Localized
from katerm.app.reviews.bars import BarChart
from katerm.app.reviews.tables import ReviewTable
from katerm.app.styles import tcss
from katerm.app.widgets.chrome import AppFooter
from katerm.core.cadence import Month, MonthlyReview
from katerm.i18n import t

CHARTS = ("won-by-seller", "tiers", "won-by-month", "orders-by-month", "visits-by-week")


class MonthScreen(Localized, Screen[None]):
    """The month's league tables."""

    DEFAULT_CSS = tcss(__file__, "month_screen.tcss")
    BINDINGS = [
        Binding("escape", "close", "keys.back", id="month.close"),
        # Priority: the focused table (or the scrolling body) binds ← → too, and a focused
        # widget's binding hid these from the footer although the keys worked.
        Binding(
            "left", "shift(-1)", "cadence.keys.previous_month", id="month.previous", priority=True
        ),
        Binding("right", "shift(1)", "cadence.keys.next_month", id="month.next", priority=True),
        Binding("q", "quarter", "cadence.keys.quarter", id="month.quarter"),
    ]

    def __init__(self, month: Month) -> None:
        super().__init__()
        self.month = month

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="month-title")
        with VerticalScroll(id="month-body"):
            yield Static(t("cadence.sellers"), classes="month-heading", id="sellers-heading")
            yield ReviewTable(id="sellers")
            yield Static(t("cadence.teams"), classes="month-heading", id="teams-heading")
            yield ReviewTable(id="teams")
            yield Static(t("cadence.legend"), id="month-legend")
            yield Static("", classes="month-heading", id="new-accounts-heading")
            yield ReviewTable(id="new-accounts")
            yield Static("", classes="month-heading", id="routines-heading")
            yield ReviewTable(id="routines")
            for key in CHARTS:
                yield BarChart(id=f"chart-{key}")
            yield Static("", classes="month-heading", id="tiers-heading")
            yield ReviewTable(id="tiers")
            yield Static("", classes="month-heading", id="risks-heading")
            yield ReviewTable(id="risks")
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
        from katerm.core.cadence import (
            analysis_sections,
            headers,
            legend,
            monthly_charts,
            new_accounts_section,
            routines_section,
            tables,
            title,
        )

        self.query_one("#month-title", Static).update(title(review))
        self.query_one("#month-legend", Static).update(legend(review))
        found = tables(review)
        cols = headers()
        for name, (_heading, rows) in zip(("sellers", "teams"), found, strict=False):
            self._fill(name, t(f"cadence.{name}"), cols, rows)
        has_teams = len(found) > 1
        self.query_one("#teams").display = has_teams
        self.query_one("#teams-heading").display = has_teams
        heading, cols, rows = new_accounts_section(review)
        self._fill("new-accounts", heading, cols, rows)
        heading, cols, rows = routines_section(review)
        self._fill("routines", heading, cols, rows)
        analysis = analysis_sections(review.accounts)
        for name, (heading, cols, rows) in zip(("tiers", "risks"), analysis, strict=False):
            self._fill(name, heading, cols, rows)
        charts = {chart.key: chart for chart in monthly_charts(review)}
        for key in CHARTS:
            widget = self.query_one(f"#chart-{key}", BarChart)
            widget.display = key in charts
            if key in charts:
                widget.show(charts[key])

    def _fill(self, name: str, heading: str, columns: Sequence[str], rows: Sequence[Any]) -> None:
        """A section's table under its heading (which says what a narrow terminal hides)."""
        title = self.query_one(f"#{name}-heading", Static)
        self.query_one(f"#{name}", ReviewTable).show(columns, rows, title, heading)

    def action_shift(self, steps: int) -> None:
        month = self.month
        for _ in range(abs(steps)):
            month = month.previous() if steps < 0 else Month.of(month.end)
        self.month = month
        self.load()

    def action_quarter(self) -> None:
        from katerm.app.reviews.quarter import QuarterScreen
        from katerm.core.cadence import Quarter

        self.app.push_screen(QuarterScreen(Quarter.of(self.month.start)))

    def action_close(self) -> None:
        self.app.pop_screen()
