"""Reading workbooks: a sheet's header and rows, formula cells noted rather than computed, and
archives that would unpack to far more than a workbook holds refused before they are opened.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from katerm.core.io.guard import DEFAULT_MAX_SIZE, FileProblem

if TYPE_CHECKING:
    from katerm.core.io.tabular import Table


def _broken() -> tuple[type[BaseException], ...]:
    """What openpyxl raises for a damaged workbook."""
    import zipfile
    from xml.etree.ElementTree import ParseError

    from openpyxl.utils.exceptions import InvalidFileException

    return (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        ParseError,
        OSError,
        EOFError,
    )


# A workbook is a zip: what it unpacks to is capped too, or a small file could unpack to
# gigabytes (a "zip bomb"). Real workbooks unpack to 5-10 times their size.
UNPACKED_FACTOR = 20


def open_workbook(data: bytes, display: str) -> Any:
    """A read-only workbook; FileProblem when it is not a readable .xlsx."""
    import zipfile

    from openpyxl import load_workbook

    from katerm.core.io.guard import human_size

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileProblem(
            "io.err.bad_xlsx", path=display, detail=str(exc) or type(exc).__name__
        ) from None
    limit = max(DEFAULT_MAX_SIZE, len(data) * UNPACKED_FACTOR)
    if unpacked > limit:
        raise FileProblem(
            "io.err.unpacks_too_big",
            path=display,
            size=human_size(unpacked),
            limit=human_size(limit),
        )
    try:
        # Formulas as written (not their cached results), so a formula cell can be refused.
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except _broken() as exc:
        raise FileProblem(
            "io.err.bad_xlsx", path=display, detail=str(exc) or type(exc).__name__
        ) from None


def sheet_names(kind: Any) -> set[str]:
    """Every title a kind's sheet may have (casefolded): its name, its other names and its
    title in each language."""
    from katerm.i18n import LANGUAGES, t

    names = {
        kind.name,
        *kind.aliases,
        *kind.sheet_aliases,
        *(t(f"io.sheet.{kind.name}", lang=lang) for lang in LANGUAGES),
    }
    return {n.strip().casefold() for n in names}


def read_sheet(table: Table, sheet: Any) -> None:
    """A worksheet's header and rows into ``table``; formula cells are noted, not computed."""
    table.sheet = sheet.title
    try:
        for number, row in enumerate(sheet.iter_rows(), 1):
            cells = []
            for index, cell in enumerate(row):
                value = cell.value
                if getattr(cell, "data_type", None) == "f":
                    table.formulas.append((number, index))
                    value = str(value)
                cells.append(_cell(value))
            if not any(c != "" and not (type(c) is str and not c.strip()) for c in cells):
                continue
            if not table.headers:
                table.headers = ["" if c is None else str(c) for c in cells]
                table.header_line = number
            else:
                table.rows.append((number, cells))
    except _broken() as exc:
        raise FileProblem(
            "io.err.bad_xlsx", path=table.display, detail=str(exc) or type(exc).__name__
        ) from None


def _cell(value: Any) -> Any:
    # Excel keeps every number as a float; 5000000.0 is the integer its user typed.
    if type(value) is float and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return "" if value is None else value


# --- JSON ---------------------------------------------------------------------------------
