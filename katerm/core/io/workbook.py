"""The whole workspace as one workbook: a sheet per kind, written and read in dependency order.

``katerm export all -o team.xlsx`` writes every kind (:data:`katerm.core.io.kinds.KINDS`),
each on a sheet titled and headed as the seeds' tables are in the interface language (商机列表:
客户名称, 商机名称, 金额 ...), with numbers as numbers and dates as dates; a kind with no
records still gets its sheet, headers only, for a team to fill in on day one.

``katerm import all team.xlsx`` reads the sheets it knows (by title, in either language) in
dependency order — the team before accounts, accounts before contacts... — in one
transaction: one problem on any sheet and nothing is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from katerm.core.io.guard import DEFAULT_MAX_SIZE, FileProblem, read_bytes
from katerm.core.io.importer import _Rollback, bulk_work, write_rows
from katerm.core.io.kinds import KINDS, get
from katerm.core.io.mapping import map_headers
from katerm.core.io.options import Options
from katerm.core.io.report import ImportFailed, ImportReport, Problem
from katerm.core.io.tabular import _XLSX_MAGIC, Table
from katerm.core.io.words import worded_rows
from katerm.core.io.xlsx import open_workbook, read_sheet, sheet_names
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

Progress = Callable[[str, int, int], object]  # (kind, done, total)


@dataclass
class WorkbookReport:
    path: str
    dry_run: bool
    reports: list[ImportReport] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)


def export_workbook(
    ws: Workspace,
    path: str | Path,
    *,
    include_personal: bool = False,
    labels: bool = True,
    words: bool = False,
) -> dict[str, int]:
    """Write every kind to one .xlsx file (replaced atomically); rows written per kind.

    ``labels`` titles the columns in the interface language; ``words`` writes choices as
    their words too (``export all --labels``), which ``import all`` reads back."""
    from katerm.core.io.exporter import (
        column_types,
        column_words,
        export_rows,
        label,
        prepare_target,
        replace_file,
    )
    from katerm.core.io.sheets import _write_sheet, discard_workbook

    def write(handle: int, tmp: Path) -> dict[str, int]:
        from openpyxl import Workbook

        os.close(handle)
        counts: dict[str, int] = {}
        book = Workbook(write_only=True)
        try:
            for kind in KINDS:
                columns, rows = export_rows(ws, kind, include_personal=include_personal)
                headers = [label(kind, c) for c in columns] if labels else columns
                if words:
                    rows = worded_rows(column_words(kind, columns), rows)
                sheet = book.create_sheet(t(f"io.sheet.{kind}")[:31])
                counts[kind] = _write_sheet(sheet, headers, rows, column_types(kind, columns))
            book.save(tmp)
        except BaseException:
            discard_workbook(book)
            raise
        return counts

    return replace_file(prepare_target(path), write, shown=path)


def write_tables(
    path: str | Path, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]
) -> None:
    """Write (name, headers, rows) sheets to one .xlsx file (replaced atomically), numbers
    as numbers and dates as dates, with the same bold frozen headers as the exports."""
    from katerm.core.io.exporter import prepare_target, replace_file
    from katerm.core.io.sheets import _write_sheet, discard_workbook

    def write(handle: int, tmp: Path) -> None:
        from openpyxl import Workbook

        os.close(handle)
        book = Workbook(write_only=True)
        try:
            used: set[str] = set()
            for name, headers, rows in sheets:
                title = name[:31]
                while title in used:  # sheet names are unique in a workbook
                    title = f"{title[:28]}_{len(used)}"
                used.add(title)
                _write_sheet(book.create_sheet(title), headers, rows)
            book.save(tmp)
        except BaseException:
            discard_workbook(book)
            raise

    replace_file(prepare_target(path), write, shown=path)


def personal_left_out(ws: Workspace) -> int:
    """How many personal records (birthdays, personal key dates) an export leaves out
    unless personal data is asked for."""
    with ws.db.reading() as conn:
        birthdays = conn.execute(
            "SELECT count(*) FROM contacts WHERE deleted = 0 AND birthday IS NOT NULL"
        ).fetchone()[0]
        dates = conn.execute(
            "SELECT count(*) FROM key_dates WHERE deleted = 0 AND personal = 1"
        ).fetchone()[0]
    return int(birthdays + dates)


def read_workbook(
    path: str | Path, *, max_size: int = DEFAULT_MAX_SIZE, skip_unknown: bool = False
) -> tuple[dict[str, Table], list[str]]:
    """The sheets of a workbook by the kind they hold, and the titles of sheets skipped.

    A sheet katerm does not know is refused (its title named) unless ``skip_unknown``.
    """
    display = str(path)
    data = read_bytes(Path(path).expanduser(), display, max_size)
    if not data.startswith(_XLSX_MAGIC):
        raise FileProblem("io.err.all_needs_xlsx", path=display)
    titles = {kind: sheet_names(get(kind)) for kind in KINDS}
    book = open_workbook(data, display)
    tables: dict[str, Table] = {}
    skipped: list[str] = []
    try:
        for sheet in book.worksheets:
            title = sheet.title.strip().casefold()
            kind = next((k for k, names in titles.items() if title in names), None)
            if kind is None:
                if not skip_unknown:
                    raise FileProblem(
                        "io.err.unknown_sheet",
                        hint="io.err.unknown_sheet_hint",
                        path=display,
                        sheet=sheet.title,
                        known=tuple(t(f"io.sheet.{k}") for k in KINDS),
                    )
                skipped.append(sheet.title)
                continue
            if kind in tables:
                raise FileProblem(
                    "io.err.same_sheet", path=display, sheet=sheet.title, other=tables[kind].sheet
                )
            table = Table(Path(path), f"{display}[{sheet.title}]", "xlsx")
            read_sheet(table, sheet)
            tables[kind] = table
    finally:
        book.close()
    return tables, skipped


def import_workbook(
    ws: Workspace,
    path: str | Path,
    options: Options | None = None,
    progress: Progress | None = None,
) -> WorkbookReport:
    """Import every sheet of a workbook in dependency order, all sheets or none."""
    options = options or Options()
    with bulk_work():
        return _import_workbook(ws, path, options, progress)


def _import_workbook(
    ws: Workspace, path: str | Path, options: Options, progress: Progress | None
) -> WorkbookReport:
    from katerm.core.io.lookups import Lookups

    tables, skipped = read_workbook(
        path, max_size=options.max_size, skip_unknown=options.skip_unknown
    )
    result = WorkbookReport(str(path), options.dry_run, skipped_sheets=skipped)
    problems: list[Problem] = []
    unknown: list[str] = []
    failed: set[str] = set()
    me = ws.me
    try:
        with ws.db.writing() as conn:
            lookups = Lookups(conn.connection.driver_connection)
            for kind in KINDS:
                table = tables.get(kind)
                if table is None or (not table.rows and not table.headers):
                    continue
                report = ImportReport(
                    kind,
                    table.display,
                    "xlsx",
                    None,
                    rows=len(table.rows),
                    dry_run=options.dry_run,
                    sheet=table.sheet,
                )
                blocked = [d for d in _needs(kind) if d in failed]
                if blocked:
                    problems.append(
                        Problem(
                            table.display,
                            None,
                            None,
                            "io.err.not_checked",
                            {"sheet": tables[blocked[0]].sheet},
                        )
                    )
                    failed.add(kind)
                    continue
                before = len(problems)
                mapping = map_headers(kind, table, problems, report, options)
                if mapping.columns and table.rows:
                    write_rows(
                        ws,
                        conn,
                        kind,
                        table,
                        mapping,
                        options,
                        report,
                        problems,
                        _per_kind(progress, kind),
                        lookups=lookups,
                        unknown=unknown,
                    )
                if len(problems) > before:
                    failed.add(kind)
                result.reports.append(report)
            if problems:
                raise ImportFailed(str(path), problems, unknown)
            if options.dry_run:
                raise _Rollback
    except _Rollback:
        ws.me = me
    except BaseException:
        ws.me = me
        raise
    return result


def _needs(kind: str) -> set[str]:
    """Every kind ``kind`` points at, directly or through others."""
    found: set[str] = set()
    stack = list(get(kind).depends)
    while stack:
        name = stack.pop()
        if name not in found:
            found.add(name)
            stack.extend(get(name).depends)
    return found


def _per_kind(progress: Progress | None, kind: str) -> Callable[[int, int], object] | None:
    if progress is None:
        return None
    return lambda done, total: progress(kind, done, total)
