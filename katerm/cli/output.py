"""Printing results as an aligned table (CJK-aware), JSON or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from rich.cells import cell_len

FORMATS = ("table", "json", "csv")

# What each written format's file may be called: one table for every command with -o, so no
# command writes iCalendar, HTML or JSON under a name that opens as something else ("" = no
# extension, fine for plain text only).
OUTPUT_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "ics": (".ics",),
    "html": (".html", ".htm"),
    "json": (".json",),
    "xlsx": (".xlsx",),
    "csv": (".csv", ".txt", ".tsv"),
    "md": (".md", ".markdown", ".txt", ""),
    "text": (".txt", ".text", ".md", ""),
    "table": (".txt", ".text", ".md", ""),
}


def check_output_name(output: str | None, fmt: str) -> None:
    """Refuse (exit 2, nothing written) an output file whose name does not fit what the
    command writes into it; the terminal (no -o, or -o -) and folders are left to the writer."""
    from katerm.core.errors import BadInput
    from katerm.i18n import t

    if not output or output == "-" or fmt not in OUTPUT_EXTENSIONS:
        return
    path = Path(output).expanduser()
    if path.is_dir():
        return  # "is a folder" is the clearer message, said where the file is written
    allowed = OUTPUT_EXTENSIONS[fmt]
    if path.suffix.lower() in allowed:
        return
    raise BadInput(
        "cli.output_extension",
        path=output,
        kind=t(f"cli.output_kind.{fmt}"),
        extensions=[e for e in allowed if e],
    )


def output_format(
    given: str | None, output: str | None, *, default: str, formats: Sequence[str]
) -> str:
    """The format to write: the one asked for (its file name checked), else the one the -o
    file's name says (``-o m.xlsx`` wrote the text table under that name, ``-o q.md`` plain
    text), else ``default``. A name that says none of ``formats`` is refused (exit 2)."""
    from katerm.core.errors import BadInput

    if not output or output == "-":
        return given or default
    if given is not None:
        check_output_name(output, given)
        return given
    suffix = Path(output).expanduser().suffix.lower()
    known = [f for f in formats if f in OUTPUT_EXTENSIONS]
    # A format's own extension first (.md is Markdown), then any it accepts (.text is a table).
    for named in (f for f in known if OUTPUT_EXTENSIONS[f][0] == suffix):
        return named
    for named in (f for f in known if suffix and suffix in OUTPUT_EXTENSIONS[f]):
        return named
    raise BadInput(
        "cadence.xlsx.unknown_extension",
        hint="cadence.xlsx.extension_hint",
        path=output,
        extensions=sorted({OUTPUT_EXTENSIONS[f][0] for f in known}),
        formats=list(formats),
    )


def pad(text: str, width: int, *, right: bool = False) -> str:
    """Pad to a width in terminal cells (a Chinese character takes two)."""
    gap = max(0, width - cell_len(text))
    return " " * gap + text if right else text + " " * gap


def table(
    rows: Sequence[Sequence[Any]],
    headers: Sequence[str],
    out: TextIO,
    *,
    numeric: Sequence[int] = (),
) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [cell_len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], cell_len(value))
    line = "  ".join(pad(h, widths[i], right=i in numeric) for i, h in enumerate(headers))
    print(line.rstrip(), file=out)
    print("  ".join("─" * w for w in widths), file=out)
    for row in cells:
        print(
            "  ".join(pad(v, widths[i], right=i in numeric) for i, v in enumerate(row)).rstrip(),
            file=out,
        )


def as_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def as_csv(rows: Sequence[Sequence[Any]], headers: Sequence[str], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(["" if v is None else v for v in row] for row in rows)


def emit(
    fmt: str,
    records: Sequence[dict[str, Any]],
    columns: Sequence[str],
    headers: Sequence[str],
    out: TextIO,
    *,
    numeric: Sequence[str] = (),
    display: dict[str, Any] | None = None,
) -> None:
    """Print records in the chosen format. JSON keeps raw values; the table may use ``display``
    (column -> function) to format them for people."""
    if fmt == "json":
        as_json([{c: r.get(c) for c in columns} for r in records], out)
        return
    if fmt == "csv":
        as_csv([[r.get(c) for c in columns] for r in records], columns, out)
        return
    display = display or {}
    rows = [[display[c](r.get(c)) if c in display else r.get(c) for c in columns] for r in records]
    table(rows, headers, out, numeric=[i for i, c in enumerate(columns) if c in numeric])
