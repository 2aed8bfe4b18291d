"""Bar charts in the terminal for the monthly and quarterly views: the same charts as the HTML
export (``katerm.core.cadence.charts``), each bar a row of block characters with its value."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from katerm.app.styles import tcss
from katerm.core.cadence import Chart, text_bars


class BarChart(Static):
    """One chart: its title, then label · bar · value per row, labels aligned."""

    DEFAULT_CSS = tcss(__file__, "bars.tcss")

    def show(self, chart: Chart, width: int = 24, *, titled: bool = True) -> None:
        """Draw ``chart``; ``titled=False`` under a heading that already names it."""
        rows = text_bars(chart, width)
        label_width = max((cell_len(label) for label, _, _ in rows), default=0)
        out = Text(chart.title + "\n" if titled else "", style="bold")
        names = [name for name, _ in chart.series]
        theme = self.app.current_theme  # one colour per series, from the theme in use
        palette = [c for c in (theme.primary, theme.success, theme.warning, theme.accent) if c]
        for index, (label, bar, value) in enumerate(rows):
            colour = palette[(index % len(names)) % len(palette)] if palette else ""
            out.append(label + " " * (label_width - cell_len(label)) + "  ")
            out.append(bar, style=colour)
            out.append(f" {value}\n")
        out.rstrip()
        self.update(out)
