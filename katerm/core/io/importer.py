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

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from katerm.core.io.columns import check_kind
from katerm.core.io.mapping import Mapping, map_headers
from katerm.core.io.options import Options
from katerm.core.io.planning import NewRows
from katerm.core.io.report import ImportFailed, ImportReport, Problem, Progress
from katerm.core.io.tabular import Table, read_table

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from katerm.core.io.lookups import Lookups
    from katerm.core.io.planning import Planner
    from katerm.core.workspace import Workspace

_BULK_CACHE_KB = 32 * 1024


class _Rollback(Exception):
    """Ends a dry run's transaction without keeping anything."""


@contextmanager
def bulk_work() -> Iterator[None]:
    """No cycle collection while a file's rows are read, checked and written.

    An import makes a few objects per cell and keeps most of them until it is written; the
    collector would walk them all again and again (a tenth of a 100,000-row import's time)
    to find no garbage: what an import frees, reference counting frees. It runs as before
    once the import ends.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def import_file(
    ws: Workspace,
    kind: str,
    path: str | Path,
    *,
    dry_run: bool = False,
    encoding: str | None = None,
    progress: Progress | None = None,
    options: Options | None = None,
    add_owners: bool = False,
) -> ImportReport:
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
    with bulk_work():
        return _import(ws, kind, path, options, progress)


def _import(
    ws: Workspace, kind: str, path: str | Path, options: Options, progress: Progress | None
) -> ImportReport:
    table = read_table(path, encoding=options.encoding, kind=kind, max_size=options.max_size)
    report = ImportReport(
        kind,
        table.display,
        table.format,
        table.encoding,
        rows=len(table.rows),
        dry_run=options.dry_run,
    )
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
            write_rows(
                ws, conn, kind, table, mapping, options, report, problems, progress, unknown=unknown
            )
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


def write_rows(
    ws: Workspace,
    conn: Connection,
    kind: str,
    table: Table,
    mapping: Mapping,
    options: Options,
    report: ImportReport,
    problems: list[Problem],
    progress: Progress | None = None,
    *,
    lookups: Lookups | None = None,
    unknown: list[str] | None = None,
) -> None:
    """Check a table's rows and write them in the caller's write transaction.

    Problems are added to ``problems`` (sorted by line); once there is one, nothing more is
    written, and the caller must roll the transaction back.
    """
    from katerm.core import store

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
        # A big file into a smaller table: its indexes are built once at the end, not
        # updated row by row (rolled back with the rows if anything goes wrong).
        name = planner.table_name
        with store.indexes_set_aside(conn, {name: total}, {name: planner.fields_left()}):
            for chunk in planner.plan(progress, total):
                if problems:
                    continue  # keep checking, to list every problem; nothing will stay
                if isinstance(chunk, NewRows):  # new records only, as tuples
                    report.created += len(
                        store.insert_new_rows(
                            conn, name, chunk.columns, chunk.rows, actor_id=ws.me.id
                        )
                    )
                    continue
                result = store.apply(conn, name, chunk, actor_id=ws.me.id, why=why)
                report.created += len(result.created)
                report.updated += len(result.updated)
                report.unchanged += len(result.unchanged)
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {previous_cache}")
    if len(problems) > first:
        order = {name: index for index, name in mapping.columns}
        problems[first:] = sorted(
            problems[first:], key=lambda p: (p.line or 0, order.get(p.field or "", -1))
        )
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
        problems.append(
            Problem(
                table.display, line, mapping.headers[name], "io.err.formula", {"value": shown}, name
            )
        )


def _bulk_cache(conn: Any) -> int:
    """Give SQLite a bigger page cache for this transaction; returns the setting to restore.

    Rows keyed by random UUIDs land all over three indexes; with the default 2 MB cache a
    100,000-row import spends much of its time re-reading index pages.
    """
    previous = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KB}")
    return previous


def planner_for(
    kind: str,
    ws: Workspace,
    conn: Connection,
    table: Table,
    mapping: Mapping,
    problems: list[Problem],
    options: Options,
    lookups: Lookups | None = None,
) -> Planner:
    """The planner of a kind: its own (accounts, contacts, team) or the declared one."""
    import importlib

    from katerm.core.io.generic import KindPlanner
    from katerm.core.io.kinds import get

    declared = get(kind)
    if declared.planner is None:
        return KindPlanner(ws, conn, table, mapping, problems, declared, options, lookups)
    module, _, name = declared.planner.partition(":")
    cls: type[Planner] = getattr(importlib.import_module(module), name)
    return cls(ws, conn, table, mapping, problems, options)
