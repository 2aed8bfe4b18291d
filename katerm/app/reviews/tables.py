"""The review screens' tables (My month, the quarter): filled whole from a review's rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import DataTable


def fill_table(
    table: DataTable[Any], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Replace a review table's columns and rows. A DataTable measures new rows when idle,
    after a message of its own: it is woken, or a terminal with no further input would show
    the page without them."""
    table.clear(columns=True)
    table.add_columns(*columns)
    table.add_rows(rows)
    table.call_later(table.refresh)
