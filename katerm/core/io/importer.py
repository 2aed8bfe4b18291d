"""Importing accounts and contacts from a file: all rows or none.

:func:`import_file` reads the file (:mod:`.tabular`), maps its headers to columns
(:mod:`.columns`), checks every row with the same rules as the edit forms and matches it to an
existing record (:mod:`.planning`), then writes everything through
:func:`katerm.core.store.apply` in one transaction. Any problem anywhere means nothing is
written, and every problem is reported with its line and column so the user can fix the file
in one go. Re-importing a file changes nothing: rows match their records by id, else by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from katerm.core.errors import BadInput
from katerm.core.io.columns import KINDS
from katerm.core.io.contact_planning import ContactPlanner
from katerm.core.io.mapping import Mapping, map_headers
from katerm.core.io.planning import AccountPlanner, Planner
from katerm.core.io.report import ImportFailed, ImportReport, Problem, Progress
from katerm.core.io.tabular import Table, read_table

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from katerm.core.workspace import Workspace

_BULK_CACHE_KB = 32 * 1024


def planner_for(
    kind: str,
    ws: Workspace,
    conn: Connection,
    table: Table,
    mapping: Mapping,
    problems: list[Problem],
) -> Planner:
    cls = AccountPlanner if kind == "accounts" else ContactPlanner
    return cls(ws, conn, table, mapping, problems)


class _Rollback(Exception):
    """Ends a dry run's transaction without keeping anything."""


def import_file(
    ws: Workspace,
    kind: str,
    path: str | Path,
    *,
    dry_run: bool = False,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
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

    if kind not in KINDS:
        raise BadInput("io.err.bad_kind", value=kind, choices=", ".join(KINDS))
    table = read_table(path, encoding=encoding, kind=kind)
    report = ImportReport(
        kind, table.display, table.format, table.encoding, rows=len(table.rows), dry_run=dry_run
    )
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
                    result = store.apply(
                        conn, planner.table_name, chunk, actor_id=ws.me.id, why=why
                    )
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
