"""What a file's columns mean to katerm, before anything is imported: the import screen shows
each of the file's columns beside the field it feeds (or why it feeds none) with its first
values, and the file's first rows.

Reading goes through the same checks as an import (a FIFO, a huge or mixed-encoding file is
refused the same way); the mapping is :func:`katerm.core.io.mapping.map_headers`'s, with the
user's choices and profile, so what the screen shows is what an import will do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from katerm.core.io.columns import IGNORED, check_kind, columns_of, label
from katerm.core.io.mapping import UNKNOWN_COLUMN, map_headers
from katerm.core.io.options import Options
from katerm.core.io.report import ImportReport, Problem
from katerm.core.io.tabular import read_table

# What becomes of a file's column: it feeds a field, is a row counter (序号), is left out by
# the user's choice, is not known, or repeats another column.
FEEDS, COUNTER, LEFT_OUT, UNKNOWN, REPEATED = "feeds", "counter", "left_out", "unknown", "repeated"


@dataclass(frozen=True)
class ColumnPreview:
    header: str  # as the file writes it
    field: str | None  # the katerm column it feeds
    field_label: str  # that column's title in the interface language
    status: str  # FEEDS, COUNTER, LEFT_OUT, UNKNOWN or REPEATED
    samples: tuple[str, ...]  # its first values


@dataclass
class FilePreview:
    path: str
    format: str
    encoding: str | None
    kind: str
    rows: int
    headers: list[str]
    columns: list[ColumnPreview]
    first_rows: list[list[str]]
    sheet: str | None = None
    problems: list[Problem] = field(default_factory=list)  # of the header, as an import

    @property
    def unknown(self) -> list[str]:
        return [c.header for c in self.columns if c.status == UNKNOWN]


def fields_of(kind: str) -> list[tuple[str, str]]:
    """The columns a file of ``kind`` may feed, as (name, title): the choices of the map."""
    return [(c.name, label(kind, c.name)) for c in columns_of(kind)]


def preview_file(
    path: str | Path, kind: str, options: Options | None = None, *, first: int = 5
) -> FilePreview:
    """Read ``path`` as an import of ``kind`` would, and say what each column becomes.

    Raises :class:`~katerm.core.io.tabular.FileProblem` for a file an import would refuse
    whole. Nothing is written.
    """
    options = options or Options()
    kind = check_kind(kind)
    table = read_table(path, encoding=options.encoding, kind=kind, max_size=options.max_size)
    report = ImportReport(kind, table.display, table.format, table.encoding)
    problems: list[Problem] = []
    # Unknown columns are listed, not refused, while the user is still mapping them.
    mapping = map_headers(
        kind,
        table,
        problems,
        report,
        Options(columns=options.columns, skip_unknown=False, values=options.values),
    )
    fed = dict(mapping.columns)
    repeated = {p.column for p in problems if p.key == "io.err.duplicate_column"}
    unknown = {p.column for p in problems if p.key in UNKNOWN_COLUMN}
    headers = ["" if h is None else str(h).strip() for h in table.headers]
    columns = []
    for index, header in enumerate(headers):
        samples = tuple(
            _shown(cells[index]) for _, cells in table.rows[:first] if index < len(cells)
        )
        name = fed.get(index)
        if name is not None:
            status = FEEDS
        elif header in repeated:
            status = REPEATED
        elif header in unknown:
            status = UNKNOWN
        elif header in report.ignored_columns:
            status = COUNTER
        else:
            status = LEFT_OUT
        if not header:
            continue
        columns.append(
            ColumnPreview(header, name, label(kind, name) if name else "", status, samples)
        )
    first_rows = [[_shown(c) for c in cells] for _, cells in table.rows[:first]]
    return FilePreview(
        table.display,
        table.format,
        table.encoding,
        kind,
        len(table.rows),
        headers,
        columns,
        first_rows,
        table.sheet,
        [p for p in problems if p.key not in UNKNOWN_COLUMN],
    )


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split())


__all__ = [
    "COUNTER",
    "FEEDS",
    "IGNORED",
    "LEFT_OUT",
    "REPEATED",
    "UNKNOWN",
    "ColumnPreview",
    "FilePreview",
    "fields_of",
    "preview_file",
]
