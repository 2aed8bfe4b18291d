"""The review screens' tables (My month, the quarter): filled whole from a review's rows,
fitted to the terminal's width.

A ``DataTable`` sizes each column to its values and scrolls sideways when they do not fit: at
80 columns the quarter's plans lost their figures off the right edge. Here the columns come
from ``fit_columns`` like every other table: the first text column (the account or seller)
is cut with an ellipsis, the other columns are never cut, and the last columns are hidden, least
important first, with a line under the heading that says which.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from katerm.app.widgets.fitted_table import FittedTable
from katerm.app.widgets.lazy_table import Column
from katerm.core.cadence import is_figure
from katerm.i18n import t

NAME_LEAST = 14  # a cut account or seller name keeps this many cells


class ReviewTable(FittedTable):
    """A review section's table: its columns follow the section's data (the name column
    grows and is cut, figures never), laid out by :class:`FittedTable`."""

    SPARE = 0
    MAX_ROWS = 20  # the table's max-height: past it, its scrollbar takes room

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__([], id=id, on_hidden=self._say_hidden)
        self._heading: Static | None = None
        self._title = ""

    def show(  # type: ignore[override]
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        heading: Static | None = None,
        title: str = "",
    ) -> None:
        """Show ``rows`` under ``columns``; ``heading`` (showing ``title``) says which columns
        a narrow terminal hides."""
        self._heading, self._title = heading, title
        blank = [""] * len(columns)  # a short row is padded, never a missing cell
        cells = [([str(v) for v in row] + blank)[: len(columns)] for row in rows]
        specs = _specs(columns, cells)
        # Figures to the right like every money column. Padded here, not justified: the core
        # pads a league cell's rank and move to one width down the column ("249.00万 #3   "),
        # and a right-justified text loses those trailing spaces, so the digits would not line up.
        widths = [
            max([cell_len(c.label), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(specs)
        ]
        texts = [
            [
                " " * (w - cell_len(v)) + v if c.numeric else v
                for v, c, w in zip(row, specs, widths, strict=True)
            ]
            for row in cells
        ]
        super().show([(str(i), row) for i, row in enumerate(texts)], specs)

    def header(self, column: Column) -> Text:
        return Text(column.label, justify="right" if column.numeric else "left")

    def _say_hidden(self, hidden: list[str]) -> None:
        if self._heading is not None:
            note = t("cadence.hidden_columns", names=hidden)
            self._heading.update(f"{self._title}\n{note}" if hidden else self._title)


def _specs(labels: Sequence[str], rows: list[list[str]]) -> list[Column]:
    """The columns of a section: the first text column of the first two (the account or
    seller) takes the room left and is cut; the others keep their width, the last hidden
    first."""
    content = [
        max([cell_len(label), *(cell_len(r[i]) for r in rows)]) for i, label in enumerate(labels)
    ]
    figures = [all(is_figure(r[i]) for r in rows) for i in range(len(labels))]
    name = next((i for i in range(min(2, len(labels))) if not figures[i]), 0)
    return [
        Column(
            str(i),
            label,
            NAME_LEAST if i == name else content[i],
            priority=0 if i == name else i,
            grow=1 if i == name else 0,
            numeric=figures[i] and i != name,
        )
        for i, label in enumerate(labels)
    ]
