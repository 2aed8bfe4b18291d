"""Which cell of a file's rows feeds which column: the file's headers matched to columns,
with the user's own mapping (``--map``, a profile) first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from katerm.core.io.columns import IGNORED, accepted_headers, column_names, match_header
from katerm.core.io.options import Options
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


# A column katerm does not know: the first says which it knows, the others refer to it.
UNKNOWN_COLUMN = ("io.err.unknown_column", "io.err.unknown_column_again")


def map_headers(
    kind: str,
    table: Table,
    problems: list[Problem],
    report: ImportReport | None = None,
    options: Options | None = None,
) -> Mapping:
    """Match the file's headers to columns: the user's mapping first, then katerm's own
    names; unknown and repeated ones become problems (unknown ones are left out and listed
    with ``skip_unknown``)."""
    from katerm.core.io.profiles import normalize_mapping

    options = options or Options()
    chosen = normalize_mapping(kind, options.columns)
    mapping = Mapping([], {}, {}, [], len(table.headers))
    where: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        text = "" if header is None else str(header).strip()
        if not text:
            mapping.unnamed.append(index)
            continue
        name, scale = chosen.get(text.casefold(), (None, 1.0))
        if name is None:
            name, scale = match_header(kind, text)
        if name == IGNORED or name == "":
            if report is not None:
                (report.ignored_columns if name == IGNORED else report.skipped_columns).append(text)
            continue
        if name is None:
            if options.skip_unknown:
                if report is not None:
                    report.skipped_columns.append(text)
                continue
            # The known columns are listed once per table, under its first unknown one.
            listed = any(
                p.key in UNKNOWN_COLUMN and p.path == table.display and p.line == table.header_line
                for p in problems
            )
            problems.append(
                Problem(
                    table.display,
                    table.header_line,
                    text,
                    UNKNOWN_COLUMN[listed],
                    {} if listed else {"known": ", ".join(column_names(kind))},
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
    _check_key_column(kind, table, problems, mapping, where)
    return mapping


def _check_key_column(
    kind: str, table: Table, problems: list[Problem], mapping: Mapping, where: dict[str, int]
) -> None:
    """A file must say which record each row is: an id, or the kind's naming columns."""
    from katerm.core.io.kinds import get

    declared = get(kind)
    if kind in ("accounts", "contacts"):
        needed = ["name"]
    else:
        needed = [c.name for c in declared.columns if c.required and c.name != "id"]
    if "first_name" in where or "last_name" in where:
        where = {**where, "name": -1}  # a name in two columns (joined by the planner)
    if "id" in where or all(n in where or _linked(declared, n, where) for n in needed):
        return
    missing = next(n for n in needed if n not in where and not _linked(declared, n, where))
    problems.append(
        Problem(
            table.display,
            table.header_line,
            None,
            "io.err.no_key_column",
            {"columns": accepted_headers(kind, missing)},
        )
    )
    mapping.columns = []


def _linked(kind: Any, name: str, where: dict[str, int]) -> bool:
    """A link's name column stands in for its id column and the other way round; an account
    also follows from a contact or an opportunity the row names by id."""
    for ref in kind.refs:
        if name in (ref.id_col, ref.name_col):
            if ref.id_col in where or (ref.name_col and ref.name_col in where):
                return True
            if ref.table == "accounts":
                return any(r.id_col in where for r in kind.refs if r.within == ref.field)
    return False


def text_of(value: Any) -> str:
    if type(value) is str:
        return value.strip()
    return "" if value is None or value is MISSING else str(value).strip()
