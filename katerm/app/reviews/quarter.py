"""The quarter (screen 5 → `y` → `q`): the quarterly review of the top-tier accounts' plans
and strategic relationships, the forecast by month and win/loss with the reasons; ← → change
the quarter.

The same data as ``katerm review quarterly`` (``katerm.core.cadence``), loaded in a worker.
"""

from __future__ import annotations

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
from katerm.core.cadence import Quarter, QuarterlyReview
from katerm.i18n import t

SECTIONS = ("plans", "forecast", "reasons", "competitors")


class QuarterScreen(Localized, Screen[None]):
    """The quarter's review, one table per section."""

    DEFAULT_CSS = tcss(__file__, "quarter_screen.tcss")
    BINDINGS = [
        Binding("escape", "close", "keys.back", id="quarter.close"),
        # Priority: the focused table (or the scrolling body) binds ← → too, and a focused
        # widget's binding hid these from the footer although the keys worked.
        Binding(
            "left",
            "shift(-1)",
            "cadence.keys.previous_quarter",
            id="quarter.previous",
            priority=True,
        ),
        Binding("right", "shift(1)", "cadence.keys.next_quarter", id="quarter.next", priority=True),
    ]

    def __init__(self, quarter: Quarter) -> None:
        super().__init__()
        self.quarter = quarter

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="month-title")
        with VerticalScroll(id="month-body"):
            for name in SECTIONS:
                yield Static("", classes="month-heading", id=f"{name}-heading")
                yield ReviewTable(id=name)
                if name == "forecast":
                    yield BarChart(id="chart-forecast")
            yield Static(t("cadence.q.legend"), id="month-legend")
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("cadence.q.screen_title")
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="quarter-load")
    def load(self) -> None:
        from katerm.core.cadence import load_quarterly_review

        ws, clock = workspace_of(self), clock_of(self)
        review = load_quarterly_review(
            ws.db, ws.me.id, self.quarter, tz=clock.tz, today=clock.today()
        )
        self.app.call_from_thread(self._show, review)

    def _show(self, review: QuarterlyReview) -> None:
        from katerm.core.cadence import (
            quarter_legend,
            quarter_sections,
            quarter_title,
            quarterly_charts,
        )

        self.query_one("#month-title", Static).update(quarter_title(review))
        self.query_one("#month-legend", Static).update(quarter_legend(review))
        found = quarter_sections(review)
        for index, name in enumerate(SECTIONS):
            shown = index < len(found)
            self.query_one(f"#{name}-heading").display = shown
            table = self.query_one(f"#{name}", ReviewTable)
            table.display = shown
            if shown:
                heading, cols, rows = found[index]
                table.show(cols, rows, self.query_one(f"#{name}-heading", Static), heading)
            else:
                table.clear(columns=True)

        (forecast,) = quarterly_charts(review)
        self.query_one("#chart-forecast", BarChart).show(forecast, titled=False)

    def action_shift(self, steps: int) -> None:
        self.quarter = self.quarter.previous() if steps < 0 else self.quarter.next()
        self.load()

    def action_close(self) -> None:
        self.app.pop_screen()
