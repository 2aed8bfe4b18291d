"""Filling a plain ``DataTable`` with its column widths set at once.

Left to itself, a ``DataTable`` measures the rows added to it on its next idle moment and
repaints then; on a loaded machine a frame painted before that showed columns as wide as their
headers ("Account Na" at 80 columns with room to spare) or no rows at all, and a still
terminal kept it. Here each column is as wide as its widest value from the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable


def _width(value: Any) -> int:
    return value.cell_len if isinstance(value, Text) else cell_len(str(value))


def fill_table(
    table: DataTable[Any],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    keys: Sequence[str] | None = None,
) -> None:
    """Replace ``table``'s columns and rows, each column as wide as its widest value."""
    widths = [max([cell_len(h), *(_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    table.clear(columns=True)
    for header, width in zip(headers, widths, strict=True):
        table.add_column(header, width=width)
    for i, cells in enumerate(rows):
        table.add_row(*cells, key=keys[i] if keys is not None else None)
    table.call_later(table.refresh)  # woken after, so a still terminal shows the rows
