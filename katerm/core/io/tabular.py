"""Reading a table from a file: a header and rows of cells, each with its line number.

The format is decided by the content, not the name: ``PK\\x03\\x04`` is an Excel workbook
(.xlsx), text starting with ``[`` is JSON (a list of records, as katerm exports), anything
else is CSV with its delimiter sniffed among ``,`` ``;`` and tab. Text is read as UTF-8 (with
or without the BOM Excel adds), else as GB18030 (a superset of the GBK that Chinese Excel
writes), unless the caller names an encoding. Line numbers are physical lines of the file
(the header is line 1) or, for a workbook, sheet row numbers, so a message can point at the
spot a user must fix.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from katerm.core.io.guard import (
    DEFAULT_MAX_SIZE,
    MAX_JSON_DEPTH,
    FileProblem,
    failing_line,
    read_bytes,
    unneutralise,
    utf8_before,
    utf8_lines_in,
    validate,
)

# A JSON record without a key: the row leaves that field as it is.
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_SNIFF_BYTES = 65536
DELIMITERS = (",", ";", "\t")
# csv's own words for what is wrong, and how katerm says them.
_CSV_ERRORS = (
    ("unexpected end of data", "io.err.csv_open_quote"),
    ("expected after", "io.err.csv_stray_quote"),
    ("field larger than field limit", "io.err.csv_huge_cell"),
    ("line contains nul", "io.err.binary"),
)


@dataclass
class Table:
    path: Path
    display: str  # the file as the user named it, for messages
    format: str  # "csv" | "xlsx" | "json"
    encoding: str | None = None
    delimiter: str | None = None
    header_line: int = 1
    headers: list[Any] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (line, cells)
    sheet: str | None = None  # the workbook sheet read
    formulas: list[tuple[int, int]] = field(default_factory=list)  # (line, cell index)


def read_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    kind: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Table:
    """Read a CSV, XLSX or JSON file. Blank rows are skipped; the first other row is the header.

    Raises :class:`FileProblem` when the file cannot be read as a table at all: not a regular
    file, bigger than ``max_size`` bytes, in no single encoding, malformed.
    """
    display = str(path)
    path = Path(path).expanduser()
    data = read_bytes(path, display, max_size)
    if data.startswith(_XLSX_MAGIC):
        table = Table(path, display, "xlsx")
        _read_xlsx(table, data, kind)
    elif data.startswith(_OLE_MAGIC):
        raise FileProblem("io.err.old_excel", hint="io.err.old_excel_hint", path=display)
    else:
        codec, used, sample = _decode(data, encoding, display)
        start = sample.lstrip()[:1]
        if not start and len(data) <= _SNIFF_BYTES:
            raise FileProblem("io.err.empty", path=display)
        if start in ("[", "{"):
            table = Table(path, display, "json", encoding=used)
            text = data.decode(codec).removeprefix("\ufeff")
            _read_json(table, text)
            return table  # "[]" is a file with no rows, like a CSV with only a header
        table = Table(path, display, "csv", encoding=used)
        _read_csv(table, data, codec, sample)
    if not table.headers:
        raise FileProblem("io.err.empty", path=display)
    return table


# --- text ---------------------------------------------------------------------------------


def _decode(data: bytes, encoding: str | None, display: str) -> tuple[str, str, str]:
    """The codec that reads the whole file, its name for people, and the file's first text.

    The whole file is checked, but its text is not kept: the CSV reader decodes it again as it
    goes, so a large file is never in memory three times over (bytes, text, parser buffer).
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise FileProblem("io.err.bad_encoding", value=encoding) from None
        try:
            validate(data, codec)
        except UnicodeDecodeError:
            raise FileProblem(
                "io.err.decode_at",
                hint="io.err.decode_hint",
                path=display,
                line=failing_line(data, codec),
                encoding=encoding,
            ) from None
        label = encoding
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" is UTF-16 with a BOM (and tab-delimited).
        codec, label = "utf-16", "UTF-16"
        try:
            validate(data, codec)
        except UnicodeDecodeError:
            raise FileProblem("io.err.binary", path=display) from None
    elif b"\x00" in data:
        raise FileProblem("io.err.binary", path=display)
    else:
        codec, label = _guess(data, display)
    sample = codecs.getincrementaldecoder(codec)(errors="ignore").decode(data[:_SNIFF_BYTES])
    sample = sample.removeprefix("\ufeff")
    # Refuse binary content that happened to decode (an image, a database, a zip).
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise FileProblem("io.err.binary", path=display)
    return codec, label, sample


def _guess(data: bytes, display: str) -> tuple[str, str]:
    """UTF-8 (with or without a BOM), else GB18030 — but only when the whole file is in that
    one encoding: a file whose lines mix UTF-8 and GBK is refused at its first line in the
    other encoding, never read half as nonsense."""
    try:
        validate(data, "utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data.count(b"\n", 0, _utf8_failure(data, exc)) + 1
        start = data.rfind(b"\n", 0, _utf8_failure(data, exc)) + 1
        if utf8_before(data, start):
            raise FileProblem(
                "io.err.mixed_encoding",
                hint="io.err.mixed_hint",
                path=display,
                line=bad,
                first="UTF-8",
                other="GBK",
            ) from None
    else:
        return "utf-8-sig", "UTF-8 BOM" if data.startswith(codecs.BOM_UTF8) else "UTF-8"
    try:
        validate(data, "gb18030")
    except UnicodeDecodeError:
        raise FileProblem("io.err.undecodable", hint="io.err.decode_hint", path=display) from None
    mixed = utf8_lines_in(data)
    if mixed is not None:
        raise FileProblem(
            "io.err.mixed_encoding",
            hint="io.err.mixed_hint",
            path=display,
            line=mixed,
            first="GBK",
            other="UTF-8",
        )
    return "gb18030", "GB18030"


def _utf8_failure(data: bytes, exc: UnicodeDecodeError) -> int:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as whole:
        return whole.start
    return exc.start


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the header into the most columns (comma on a tie)."""
    best, most = ",", 0
    for delimiter in DELIMITERS:
        try:
            first = next(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        if len(first) > most:
            best, most = delimiter, len(first)
    return best


def _read_csv(table: Table, data: bytes, codec: str, sample: str) -> None:
    table.delimiter = delimiter = sniff_delimiter(sample.lstrip("\r\n"))
    text = io.TextIOWrapper(io.BytesIO(data), encoding=codec, newline="")
    # Strict: a quote left open or a stray one is an error, not a cell that swallows the
    # rest of the file.
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    rows = table.rows
    previous = 0
    try:
        for cells in reader:
            line = previous + 1
            previous = reader.line_num
            first = cells[0] if cells else ""
            # A row whose first cell has text is kept (most rows): only others are looked at.
            if not (first and not first.isspace()) and not any(c.strip() for c in cells):
                continue
            if not table.headers:
                cells[0] = cells[0].removeprefix("\ufeff")  # a BOM the named codec kept
                table.headers, table.header_line = cells, line
            else:
                rows.append((line, cells))
    except csv.Error as exc:
        detail = str(exc)
        key = next((k for words, k in _CSV_ERRORS if words in detail.lower()), "io.err.bad_csv")
        raise FileProblem(
            key, hint="io.err.csv_hint", path=table.display, line=previous + 1, detail=detail
        ) from None
    # Most files have no such cell: no need to look at each. (UTF-16 writes no plain ASCII.)
    if codec.startswith("utf-16") or _FIRST_CELL.match(data) or _CELL_START.search(data):
        _unquote_formulas(table)


# A cell that starts like a formula or an apostrophe, anywhere in the file's bytes (UTF-8
# and GB18030 write these characters as ASCII). An empty last cell before a CRLF line end is
# not a cell starting with CR (csv.writer ends every line so): it does not count.
# (No "^" alternative: it makes the search try every byte; the file's start is matched apart.)
_CELL_START = re.compile(rb"[,;\t\n](?:\"[=+\-@'\t\r]|[=+\-@'\t]|\r(?!\n))")
_FIRST_CELL = re.compile(rb"\"?[=+\-@'\t\r]")


def _unquote_formulas(table: Table) -> None:
    """Cells katerm's CSV export neutralised (``'=...``) read back as the text they hold;
    other cells a spreadsheet would run as formulas are noted for the planner to refuse."""
    from katerm.core.io.guard import looks_like_formula

    for line, cells in table.rows:
        for index, cell in enumerate(cells):
            if not cell:
                continue
            first = cell[0]
            if first == "'":
                cells[index] = unneutralise(cell)
            elif first in "=+-@\t\r" and looks_like_formula(cell):
                table.formulas.append((line, index))


# --- workbooks ----------------------------------------------------------------------------

_BROKEN: tuple[type[BaseException], ...] = ()


def _read_xlsx(table: Table, data: bytes, kind: str | None) -> None:
    from katerm.core.io.kinds import REGISTRY
    from katerm.core.io.xlsx import open_workbook, read_sheet, sheet_names

    book = open_workbook(data, table.display)
    try:
        sheets = book.worksheets
        declared = REGISTRY.find(kind or "")
        wanted = sheet_names(declared) if declared else set()
        sheet = next(
            (s for s in sheets if s.title.strip().casefold() in wanted),
            sheets[0] if sheets else None,
        )
        if sheet is None:
            raise FileProblem("io.err.empty", path=table.display)
        read_sheet(table, sheet)
    finally:
        book.close()


_SPACE = re.compile(r"\s*")


def _read_json(table: Table, text: str) -> None:
    """A list of records; each record's line is the line its ``{`` is on."""
    decoder = json.JSONDecoder()
    pos = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    if text[pos] != "[":
        raise FileProblem("io.err.json_not_list", path=table.display)
    pos += 1
    line, counted = 1, 0
    records: list[tuple[int, dict[str, Any]]] = []
    keys: dict[str, None] = {}
    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if pos < len(text) and text[pos] == "]" and not records:
            break
        try:
            record, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise FileProblem(
                "io.err.bad_json", path=table.display, line=exc.lineno, detail=exc.msg
            ) from None
        except RecursionError:
            # Nested thousands deep (a "JSON bomb"): the parser gives up at Python's
            # recursion limit, at once and without the memory a full parse would take.
            raise FileProblem(
                "io.err.json_too_deep",
                path=table.display,
                line=line + text.count("\n", counted, pos),
                limit=MAX_JSON_DEPTH,
            ) from None
        line += text.count("\n", counted, pos)
        counted = pos
        if not isinstance(record, dict):
            raise FileProblem("io.err.json_not_record", path=table.display, line=line)
        for key, value in record.items():
            if isinstance(value, dict | list):
                raise FileProblem("io.err.json_nested", path=table.display, line=line, column=key)
            keys.setdefault(key)
        records.append((line, record))
        pos = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        if pos < len(text) and text[pos] == "]":
            break
        _json_error(table, text)
    if text[pos + 1 :].strip():
        _json_error(table, text)
    if not records:
        table.headers = []
        return
    table.headers = list(keys)
    table.header_line = 1
    table.rows = [
        (number, [("" if (v := r.get(k, MISSING)) is None else v) for k in keys])
        for number, r in records
    ]


def _json_error(table: Table, text: str) -> None:
    """Raise the JSON parser's own account of where the structure breaks."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileProblem(
            "io.err.bad_json", path=table.display, line=exc.lineno, detail=exc.msg
        ) from None
    except RecursionError:
        raise FileProblem(
            "io.err.json_too_deep", path=table.display, line=1, limit=MAX_JSON_DEPTH
        ) from None
    raise FileProblem("io.err.json_not_list", path=table.display)
