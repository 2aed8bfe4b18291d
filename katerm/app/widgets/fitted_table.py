"""A small table (one account's rows) whose columns fit its width, laid out again on resize.

A plain ``DataTable`` sizes each column to its values and scrolls sideways when they do not
fit: the Stages tab lost "Their people" off the right edge at 120 columns, the Competitors and
Routines tabs their last columns at 80. Here the columns come from ``fit_columns`` like the big
tables': the names take the room left, a value too long is cut with an ellipsis, and the least
important columns are hidden (``hidden`` names them, for a line under the table).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from katerm.app.widgets.columns import Column, fit_cell, fit_columns

Row = tuple[str, Sequence[Text | str]]  # (row key, one cell per column, in the columns' order)


class FittedTable(DataTable[Text]):
    """``show(rows)`` fills it; ``on_hidden`` hears which column labels a narrow width hides."""

    SPARE = 1  # cells left free at the right of the widest layout
    MAX_ROWS: int | None = None  # the rows the table shows at most (its CSS max-height), if set

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        id: str | None = None,
        on_hidden: Callable[[list[str]], None] | None = None,
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.specs = list(columns)
        self.on_hidden = on_hidden
        self.hidden: list[str] = []
        self._rows: list[tuple[str, list[Text]]] = []
        self._width = -1

    def show(self, rows: Sequence[Row], columns: Sequence[Column] | None = None) -> None:
        """Fill the table (and, for a table whose columns follow the data, set them)."""
        if columns is not None:
            self.specs = list(columns)
        self._rows = [
            (key, [c if isinstance(c, Text) else Text(c) for c in cells]) for key, cells in rows
        ]
        self._lay_out()

    def header(self, column: Column) -> Text:
        """A column's label as its header shows it."""
        return Text(column.label)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._lay_out()

    def _lay_out(self) -> None:
        row = self.cursor_row
        self._width = self.size.width
        width = self.size.width or max(1, self.app.size.width - 2)
        if len(self._rows) + 1 > (self.MAX_ROWS or max(self.size.height, 1)):
            width -= 2  # the vertical scrollbar's room
        content = {
            c.key: max([cell_len(c.label), *(r[i].cell_len for _, r in self._rows)])
            for i, c in enumerate(self.specs)
        }
        # As wide as the values, no wider: the room left stays empty at the table's right.
        fitted = fit_columns(self.specs, max(1, width - self.SPARE), content)
        layout = [(c, min(w, content[c.key])) for c, w in fitted]
        place = {c.key: i for i, c in enumerate(self.specs)}
        self.clear(columns=True)
        for column, w in layout:
            self.add_column(_cut(self.header(column), w), key=column.key, width=w)
        for key, cells in self._rows:
            self.add_row(*(_cut(cells[place[c.key]], w) for c, w in layout), key=key)
        if self._rows:
            self.move_cursor(row=min(max(row, 0), len(self._rows) - 1))
        shown = {c.key for c, _ in layout}
        self.hidden = [c.label for c in self.specs if c.key not in shown]
        if self.on_hidden is not None:
            self.on_hidden(self.hidden)
        # A DataTable measures new rows when idle, after a message of its own: it is woken,
        # or a terminal with no further input would show the page without them.
        self.call_later(self.refresh)


def _cut(text: Text, width: int) -> Text:
    """``text`` as it is if it fits (the table pads it), else cut with an ellipsis."""
    if text.cell_len <= width:
        return text
    cut = fit_cell(text.plain, width).rstrip(" ")  # "Management…", not "Management …"
    return Text(cut, style=text.style, justify=text.justify)
