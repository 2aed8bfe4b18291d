"""Importing accounts and contacts from a file: all rows or none.

:func:`import_file` reads the file (:mod:`.tabular`), maps its headers to columns
(:mod:`.columns`), checks every row with the same rules as the edit forms and matches it to an
existing record (:mod:`.planning`), then writes everything through
:func:`katerm.core.store.apply` in one transaction. Any problem anywhere means nothing is
written, and every problem is reported with its line and column so the user can fix the file
in one go. Re-importing a file changes nothing: rows match their records by id, else by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from katerm.core.errors import BadInput
from katerm.core.io.columns import IGNORED, KINDS, accepted_headers, column_names, match_header
from katerm.core.io.tabular import Table, read_table
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

Progress = Callable[[int, int], object]
_BULK_CACHE_KB = 32 * 1024


@dataclass
class Problem:
    """One thing wrong with the file: where (line and column as the file shows them) and what.

    ``line`` is the physical line (header = 1) or the sheet's row number; None for the file
    as a whole. The message is rendered when asked for, in the current interface language.
    """

    path: str
    line: int | None
    column: str | None
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    field: str | None = None  # the canonical column, when the problem is about one

    @property
    def message(self) -> str:
        return t(self.key, **self.params)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.column}: {self.message}" if self.column else \
            f"{where}: {self.message}"


class ImportFailed(BadInput):
    """The file has problems (listed in ``problems``, in file order); nothing was written."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        lines = {p.line for p in problems if p.line is not None}
        super().__init__("io.err.failed", hint="io.err.failed_hint", path=path,
                         count=len(problems), lines=len(lines))
        self.problems = problems


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    kind: str
    path: str
    format: str
    encoding: str | None
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    restored: int = 0  # deleted records the file brought back (not counted in ``updated``)
    new_members: list[str] = field(default_factory=list)  # logins added to my team
    dry_run: bool = False
    ignored_columns: list[str] = field(default_factory=list)  # row counters such as 序号


@dataclass
class Mapping:
    """Which cell of a row feeds which column."""

    columns: list[tuple[int, str]]  # (cell index, canonical column)
    headers: dict[str, str]  # canonical column -> the header as the file writes it
    scales: dict[str, float]  # money columns whose header names a unit (万元)
    unnamed: list[int]  # cells under an empty header: must stay empty
    width: int  # number of header cells


class _Rollback(Exception):
    """Ends a dry run's transaction without keeping anything."""


def import_file(ws: Workspace, kind: str, path: str | Path, *, dry_run: bool = False,
                encoding: str | None = None, progress: Progress | None = None) -> ImportReport:
    """Import accounts or contacts from a CSV, XLSX or JSON file, all rows or none.

    ``kind`` is ``"accounts"`` or ``"contacts"``. ``encoding`` overrides the detection of a
    text file's encoding. ``progress(done, total)`` is called every few thousand rows as they
    are checked and written, and once with ``done == total`` at the end; raise from it to
    cancel (nothing is kept).

    Raises :class:`~katerm.core.io.tabular.FileProblem` when the file cannot be read as a
    table and :class:`ImportFailed` listing every problem when any row or header is wrong;
    both are :class:`~katerm.core.errors.BadInput`. A file with a header and no rows imports
    nothing and reports ``rows == 0``.
    """
    from katerm.core import store
    from katerm.core.io.planning import planner_for

    if kind not in KINDS:
        raise BadInput("io.err.bad_kind", value=kind, choices=", ".join(KINDS))
    table = read_table(path, encoding=encoding, kind=kind)
    report = ImportReport(kind, table.display, table.format, table.encoding,
                          rows=len(table.rows), dry_run=dry_run)
    problems: list[Problem] = []
    mapping = map_headers(kind, table, problems, report)
    if problems and not mapping.columns:
        raise ImportFailed(table.display, problems)
    if not table.rows:
        if problems:
            raise ImportFailed(table.display, problems)
        return report
    total = len(table.rows)
    # Tier changes the file makes are kept in each account's tier history, naming the file.
    why = store.Why("import", reason=table.display)
    try:
        with ws.db.writing() as conn:
            # Checking inside the write transaction: nobody can change a matched record or
            # take a name between the check and the write.
            previous_cache = _bulk_cache(conn)
            try:
                planner = planner_for(kind, ws, conn, table, mapping, problems)
                report.new_members = planner.add_owners()
                for chunk in planner.plan(progress, total):
                    if problems:
                        continue  # keep checking, to list every problem; nothing will stay
                    result = store.apply(conn, planner.table_name, chunk, actor_id=ws.me.id,
                                         why=why)
                    report.created += len(result.created)
                    report.updated += len(result.updated)
                    report.unchanged += len(result.unchanged)
            finally:
                conn.exec_driver_sql(f"PRAGMA cache_size = {previous_cache}")
            if problems:
                order = {name: index for index, name in mapping.columns}
                problems.sort(key=lambda p: (p.line or 0, order.get(p.field or "", -1)))
                raise ImportFailed(table.display, problems)
            report.restored = planner.restored
            report.updated -= planner.restored
            if progress:
                progress(total, total)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


def _bulk_cache(conn: Any) -> int:
    """Give SQLite a bigger page cache for this transaction; returns the setting to restore.

    Rows keyed by random UUIDs land all over three indexes; with the default 2 MB cache a
    100,000-row import spends much of its time re-reading index pages.
    """
    previous = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KB}")
    return previous


def map_headers(kind: str, table: Table, problems: list[Problem],
                report: ImportReport | None = None) -> Mapping:
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
            problems.append(Problem(table.display, table.header_line, text,
                                    "io.err.unknown_column", {
                                        "known": ", ".join(column_names(kind))}))
            continue
        if name in where:
            problems.append(Problem(table.display, table.header_line, text,
                                    "io.err.duplicate_column", {
                                        "other": mapping.headers[name],
                                        "number": where[name] + 1}, name))
            continue
        where[name] = index
        mapping.columns.append((index, name))
        mapping.headers[name] = text
        if scale != 1:
            mapping.scales[name] = scale
    if "name" not in where and "id" not in where:
        problems.append(Problem(table.display, table.header_line, None, "io.err.no_key_column",
                                {"columns": accepted_headers(kind, "name")}))
        mapping.columns = []
    return mapping
