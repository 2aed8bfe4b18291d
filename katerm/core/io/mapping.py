"""Which cell of a file's rows feeds which column: the file's headers matched to columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from katerm.core.io.columns import IGNORED, accepted_headers, column_names, match_header
from katerm.core.io.report import ImportReport, Problem
from katerm.core.io.tabular import MISSING, Table


@dataclass
class Mapping:
    """Which cell of a row feeds which column."""

    columns: list[tuple[int, str]]  # (cell index, canonical column)
    headers: dict[str, str]  # canonical column -> the header as the file writes it
    scales: dict[str, float]  # money columns whose header names a unit (万元)
    unnamed: list[int]  # cells under an empty header: must stay empty
    width: int  # number of header cells


def map_headers(
    kind: str, table: Table, problems: list[Problem], report: ImportReport | None = None
) -> Mapping:
    """Match the file's headers to columns; unknown and repeated ones become problems."""
    mapping = Mapping([], {}, {}, [], len(table.headers))
    where: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        text = "" if header is None else str(header).strip()
        if not text:
            mapping.unnamed.append(index)
            continue
        name, scale = match_header(kind, text)
        if name == IGNORED:
            if report is not None:
                report.ignored_columns.append(text)
            continue
        if name is None:
            problems.append(
                Problem(
                    table.display,
                    table.header_line,
                    text,
                    "io.err.unknown_column",
                    {"known": ", ".join(column_names(kind))},
                )
            )
            continue
        if name in where:
            problems.append(
                Problem(
                    table.display,
                    table.header_line,
                    text,
                    "io.err.duplicate_column",
                    {"other": mapping.headers[name], "number": where[name] + 1},
                    name,
                )
            )
            continue
        where[name] = index
        mapping.columns.append((index, name))
        mapping.headers[name] = text
        if scale != 1:
            mapping.scales[name] = scale
    if "name" not in where and "id" not in where:
        problems.append(
            Problem(
                table.display,
                table.header_line,
                None,
                "io.err.no_key_column",
                {"columns": accepted_headers(kind, "name")},
            )
        )
        mapping.columns = []
    return mapping


def text_of(value: Any) -> str:
    if type(value) is str:
        return value.strip()
    return "" if value is None or value is MISSING else str(value).strip()
