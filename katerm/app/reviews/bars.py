"""Bar charts in the terminal for the monthly and quarterly views: the same charts as the HTML
export (``katerm.core.cadence.charts``), each bar a row of block characters with its value."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from katerm.core.cadence import Chart, text_bars

PALETTE = ("#1f6feb", "#2da44e", "#bf8700", "#8250df")


class BarChart(Static):
    """One chart: its title, then label · bar · value per row, labels aligned."""

    DEFAULT_CSS = "BarChart { height: auto; padding: 1 1 0 1; } #chart-forecast { padding-top: 0; }"

    def show(self, chart: Chart, width: int = 24, *, titled: bool = True) -> None:
        """Draw ``chart``; ``titled=False`` under a heading that already names it."""
        rows = text_bars(chart, width)
        label_width = max((cell_len(label) for label, _, _ in rows), default=0)
        out = Text(chart.title + "\n" if titled else "", style="bold")
        names = [name for name, _ in chart.series]
        for index, (label, bar, value) in enumerate(rows):
            colour = PALETTE[(index % len(names)) % len(PALETTE)]
            out.append(label + " " * (label_width - cell_len(label)) + "  ")
            out.append(bar, style=colour)
            out.append(f" {value}\n")
        out.rstrip()
        self.update(out)
