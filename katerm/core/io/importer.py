"""Importing records from a file: all rows or none.

:func:`import_file` reads the file (:mod:`.tabular`, behind the checks of :mod:`.guard`),
maps its headers to columns (:mod:`.columns`, the user's ``--map`` and profile:
:mod:`.profiles`), checks every row with the same rules as the edit forms and matches it to
an existing record (:mod:`.planning`, :mod:`.generic`), then writes everything through
:func:`katerm.core.store.apply` in one transaction. Any problem anywhere means nothing is
written, and every problem is reported with its line and column so the user can fix the file
in one go. Re-importing a file changes nothing: rows match their records by id, else by the
kind's key (a name).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from katerm.core.errors import BadInput
from katerm.core.io.columns import IGNORED, KINDS, accepted_headers, column_names, match_header
from katerm.core.io.tabular import DEFAULT_MAX_SIZE, Table, read_table
from katerm.i18n import t

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from katerm.core.io.lookups import Lookups
    from katerm.core.workspace import Workspace

Progress = Callable[[int, int], object]
_BULK_CACHE_KB = 32 * 1024


@dataclass(frozen=True)
class Options:
    """How to read and apply a file (the command line's options)."""

    dry_run: bool = False
    encoding: str | None = None
    add_owners: bool = False  # add logins the team lacks, instead of refusing the rows
    max_size: int = DEFAULT_MAX_SIZE
    columns: dict[str, str] = field(default_factory=dict)  # file header -> column ("" skips)
    skip_unknown: bool = False  # leave out columns katerm does not know, and say which
    # A profile's value translations: column -> {file value -> katerm value, or several
    # columns' values} (Salesforce's "Closed Lost" stage sets the outcome too).
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    dates: str = "year_first"  # how the file writes dates: month_first for 12/31/2026


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

    def __init__(self, path: str, problems: list[Problem],
                 unknown_owners: list[str] | None = None) -> None:
        lines = {(p.path, p.line) for p in problems if p.line is not None}
        super().__init__("io.err.failed", hint="io.err.failed_hint", path=path,
                         count=len(problems), lines=len(lines))
        self.problems = problems
        self.unknown_owners = unknown_owners or []


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
    skipped_columns: list[str] = field(default_factory=list)  # unknown, left out on request
    sheet: str | None = None  # the workbook sheet the rows came from


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


def check_kind(kind: str) -> str:
    """The canonical name of a kind the user typed (``orders`` -> ``opportunities``)."""
    from katerm.core.io.kinds import REGISTRY

    found = REGISTRY.find(kind)
    if found is None:
        raise BadInput("io.err.bad_kind", value=kind, choices=", ".join(KINDS))
    return found.name


def import_file(ws: Workspace, kind: str, path: str | Path, *, dry_run: bool = False,
                encoding: str | None = None, progress: Progress | None = None,
                options: Options | None = None, add_owners: bool = False) -> ImportReport:
    """Import one kind of record from a CSV, XLSX or JSON file, all rows or none.

    ``encoding`` overrides the detection of a text file's encoding; ``add_owners`` adds
    logins the team lacks (else rows naming them are problems). ``progress(done, total)``
    is called every few thousand rows as they are checked and written, and once with
    ``done == total`` at the end; raise from it to cancel (nothing is kept).

    Raises :class:`~katerm.core.io.tabular.FileProblem` when the file cannot be read as a
    table and :class:`ImportFailed` listing every problem when any row or header is wrong;
    both are :class:`~katerm.core.errors.BadInput`. A file with a header and no rows imports
    nothing and reports ``rows == 0``.
    """
    options = options or Options(dry_run=dry_run, encoding=encoding, add_owners=add_owners)
    kind = check_kind(kind)
    table = read_table(path, encoding=options.encoding, kind=kind, max_size=options.max_size)
    report = ImportReport(kind, table.display, table.format, table.encoding,
                          rows=len(table.rows), dry_run=options.dry_run)
    if not table.rows and not table.headers:
        return report  # "[]": a JSON file with no records
    problems: list[Problem] = []
    mapping = map_headers(kind, table, problems, report, options)
    if problems and not mapping.columns:
        raise ImportFailed(table.display, problems)
    if not table.rows:
        if problems:
            raise ImportFailed(table.display, problems)
        return report
    unknown: list[str] = []
    me = ws.me  # an imported team sheet may give me my id from the file
    try:
        with ws.db.writing() as conn:
            write_rows(ws, conn, kind, table, mapping, options, report, problems, progress,
                       unknown=unknown)
            if problems:
                raise ImportFailed(table.display, problems, unknown)
            if progress:
                progress(report.rows, report.rows)
            if options.dry_run:
                raise _Rollback
    except _Rollback:
        ws.me = me
    except BaseException:
        ws.me = me
        raise
    return report


def write_rows(ws: Workspace, conn: Connection, kind: str, table: Table, mapping: Mapping,
               options: Options, report: ImportReport, problems: list[Problem],
               progress: Progress | None = None, *, lookups: Lookups | None = None,
               unknown: list[str] | None = None) -> None:
    """Check a table's rows and write them in the caller's write transaction.

    Problems are added to ``problems`` (sorted by line); once there is one, nothing more is
    written, and the caller must roll the transaction back.
    """
    from katerm.core import store
    from katerm.core.io.planning import planner_for

    total = len(table.rows)
    # Tier changes the file makes are kept in each account's tier history, naming the file.
    why = store.Why("import", reason=table.display)
    first = len(problems)
    previous_cache = _bulk_cache(conn)
    formula_problems(table, mapping, problems)
    try:
        planner = planner_for(kind, ws, conn, table, mapping, problems, options, lookups)
        report.new_members = planner.add_owners()
        if unknown is not None:
            unknown.extend(u for u in planner.unknown_logins if u not in unknown)
        for chunk in planner.plan(progress, total):
            if problems:
                continue  # keep checking, to list every problem; nothing will stay
            result = store.apply(conn, planner.table_name, chunk, actor_id=ws.me.id, why=why)
            report.created += len(result.created)
            report.updated += len(result.updated)
            report.unchanged += len(result.unchanged)
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {previous_cache}")
    if len(problems) > first:
        order = {name: index for index, name in mapping.columns}
        problems[first:] = sorted(problems[first:],
                                  key=lambda p: (p.line or 0, order.get(p.field or "", -1)))
    report.restored = planner.restored
    report.updated -= planner.restored
    if lookups is not None:
        lookups.forget(planner.table_name)


def formula_problems(table: Table, mapping: Mapping, problems: list[Problem]) -> None:
    """A cell a spreadsheet would run (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``) is not
    imported: it may have come from anywhere, and exported again it would run."""
    if not table.formulas:
        return
    columns = dict(mapping.columns)
    cells = dict(table.rows)
    for line, index in table.formulas:
        name = columns.get(index)
        if name is None or line not in cells:
            continue
        value = str(cells[line][index])
        shown = value if len(value) <= 40 else value[:39] + "…"
        problems.append(Problem(table.display, line, mapping.headers[name], "io.err.formula",
                                {"value": shown}, name))


def _bulk_cache(conn: Any) -> int:
    """Give SQLite a bigger page cache for this transaction; returns the setting to restore.

    Rows keyed by random UUIDs land all over three indexes; with the default 2 MB cache a
    100,000-row import spends much of its time re-reading index pages.
    """
    previous = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KB}")
    return previous


def map_headers(kind: str, table: Table, problems: list[Problem],
                report: ImportReport | None = None,
                options: Options | None = None) -> Mapping:
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
                (report.ignored_columns if name == IGNORED else
                 report.skipped_columns).append(text)
            continue
        if name is None:
            if options.skip_unknown:
                if report is not None:
                    report.skipped_columns.append(text)
                continue
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
    _check_key_column(kind, table, problems, mapping, where)
    return mapping


def _check_key_column(kind: str, table: Table, problems: list[Problem], mapping: Mapping,
                      where: dict[str, int]) -> None:
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
    problems.append(Problem(table.display, table.header_line, None, "io.err.no_key_column",
                            {"columns": accepted_headers(kind, missing)}))
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
