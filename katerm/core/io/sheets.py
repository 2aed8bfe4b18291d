"""Writing workbooks: typed cells (numbers as numbers, dates as dates), bold frozen headers,
and text that starts like a formula kept as text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from katerm.core.io.kind import DATE, DATETIME


def _write_xlsx(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    types: Sequence[str] | None = None,
) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    try:
        count = _write_sheet(book.create_sheet(), headers, rows, types)
        book.save(path)
    except BaseException:
        discard_workbook(book)
        raise
    return count


def discard_workbook(book: Any) -> None:
    """Close a write-only workbook that failed to save (a full disk): its sheets' writers
    are generators writing to temporary files, which would otherwise complain with a
    traceback when garbage-collected, after katerm's own message, and stay in /tmp."""
    import contextlib
    import os

    for sheet in getattr(book, "_sheets", []):
        writer = getattr(sheet, "_writer", None)
        for generator in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            if generator is not None:
                with contextlib.suppress(Exception):  # it fails on the full disk again
                    generator.close()
        out = getattr(writer, "out", None)
        if isinstance(out, str):
            with contextlib.suppress(OSError):
                os.remove(out)


def _write_sheet(
    sheet: Any,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    types: Sequence[str] | None = None,
) -> int:
    """Headers (bold, frozen) and rows into a write-only worksheet; returns the rows."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        title = WriteOnlyCell(sheet, text)
        title.font = bold
        header_cells.append(title)
    for index, text in enumerate(headers):
        letter = _column_letter(index)
        sheet.column_dimensions[letter].width = max(10, min(40, 2 * len(text) + 4))
    sheet.freeze_panes = "A2"
    sheet.append(header_cells)

    def cell(value: Any) -> Any:
        if type(value) is not str:
            return value
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # characters a workbook cannot hold
        if value[:1] in ("=", "+", "-", "@"):
            # Text, not a formula: a name like "=cmd|..." must never run in Excel.
            text = WriteOnlyCell(sheet, value)
            text.data_type = "s"
            return text
        return value

    typed = typed_cells(types)
    count = 0
    for row in rows:
        sheet.append([cell(v) for v in typed(row)])
        count += 1
    return count


def typed_cells(types: Sequence[str] | None) -> Any:
    """A function giving a row's dates as dates and moments as local date-times (to the
    second: what a spreadsheet shows), so a workbook sorts and filters them as such."""
    from datetime import date, datetime

    dates = [i for i, kind in enumerate(types or ()) if kind == DATE]
    moments = [i for i, kind in enumerate(types or ()) if kind == DATETIME]
    if not dates and not moments:
        return lambda row: row

    def convert(row: Sequence[Any]) -> list[Any]:
        out = list(row)
        for i in dates:
            value = out[i]
            if type(value) is str and len(value) == 10:
                try:
                    out[i] = date.fromisoformat(value)
                except ValueError:
                    pass  # a yearly key date without its year (03-15) stays text
        for i in moments:
            value = out[i]
            if type(value) is str and value:
                out[i] = datetime.fromisoformat(value).replace(tzinfo=None, microsecond=0)
        return out

    return convert


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
