"""The review screens' tables (My month, the quarter): filled whole from a review's rows,
fitted to the terminal's width.

A ``DataTable`` sizes each column to its values and scrolls sideways when they do not fit: at
80 columns the quarter's plans lost their figures off the right edge. Here the columns come
from ``fit_columns`` like every other table: the first text column (the account or seller)
is cut with an ellipsis, the other columns are never cut, and the last columns are hidden, least
important first, with a line under the heading that says which.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.widgets import DataTable, Static

from katerm.app.widgets.lazy_table import Column, fit_cell, fit_columns
from katerm.i18n import t

NAME_LEAST = 14  # a cut account or seller name keeps this many cells
_FIGURE = re.compile(r"^[\s\d.,%+−\-—#↑↓万亿]*$")  # an amount, a share, a rank…


class ReviewTable(DataTable[str]):
    """A review section's table, laid out again when the terminal's width changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._columns: list[str] = []
        self._rows: list[list[str]] = []
        self._heading: Static | None = None
        self._title = ""
        self._width = -1
        self.hidden: list[str] = []  # the labels of the columns that did not fit

    def show(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        heading: Static | None = None,
        title: str = "",
    ) -> None:
        """Show ``rows`` under ``columns``; ``heading`` (showing ``title``) says which columns
        a narrow terminal hides."""
        self._columns = list(columns)
        self._rows = [[str(v) for v in row] for row in rows]
        self._heading, self._title = heading, title
        self._lay_out()

    def on_resize(self, event: events.Resize) -> None:
        if self._columns and event.size.width != self._width:
            self._lay_out()

    def _lay_out(self) -> None:
        width = self.size.width or max(1, self.app.size.width - 2)
        self._width = self.size.width
        if len(self._rows) + 1 > 20:  # the table's max-height: its scrollbar takes room
            width -= 2
        content = {
            str(i): max([cell_len(label), *(cell_len(r[i]) for r in self._rows if i < len(r))])
            for i, label in enumerate(self._columns)
        }
        figures = [all(_FIGURE.match(r[i]) for r in self._rows) for i in range(len(content))]
        name = next((i for i in range(min(2, len(content))) if not figures[i]), 0)
        columns = [
            Column(
                str(i),
                label,
                NAME_LEAST if i == name else content[str(i)],
                priority=0 if i == name else i,
                grow=1 if i == name else 0,
            )
            for i, label in enumerate(self._columns)
        ]
        # As wide as the values, no wider: the room left stays empty at the table's right.
        layout = [(c, min(w, content[c.key])) for c, w in fit_columns(columns, width, content)]
        self.clear(columns=True)
        for column, w in layout:
            self.add_column(_cut(column.label, w), key=column.key, width=w)
        self.add_rows([_cut(row[int(c.key)], w) for c, w in layout] for row in self._rows)
        shown = {c.key for c, _ in layout}
        self.hidden = [c.label for c in columns if c.key not in shown]
        if self._heading is not None:
            note = t("cadence.hidden_columns", names=self.hidden)
            self._heading.update(f"{self._title}\n{note}" if self.hidden else self._title)
        # A DataTable measures new rows when idle, after a message of its own: it is woken,
        # or a terminal with no further input would show the page without them.
        self.call_later(self.refresh)


def _cut(text: str, width: int) -> str:
    """``text`` as it is if it fits (the table pads it), else cut with an ellipsis."""
    return text if cell_len(text) <= width else fit_cell(text, width).rstrip(" ")
