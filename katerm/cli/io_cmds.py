"""`katerm import` and `katerm export`: every kind of record to and from CSV, XLSX and JSON,
and the whole workspace as one workbook (`all`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from katerm.cli.context import CliContext
from katerm.core.errors import BadInput
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.io import ImportFailed, ImportReport, Options

FORMATS = ("csv", "xlsx", "json")
# katerm.core.io.KINDS, without importing it for --help (a test keeps the two the same).
KINDS = (
    "team",
    "accounts",
    "contacts",
    "influence_lines",
    "opportunities",
    "milestones",
    "voice",
    "competitors",
    "competitor_presences",
    "stage_plan",
    "routines",
    "gaps",
    "gap_scores",
    "cards",
    "key_dates",
    "key_events",
    "strategic",
    "plan",
    "activities",
    "tier_thresholds",
    "tier_targets",
    "tier_revenue_targets",
    "account_revenues",
    "member_grades",
    "rates",
    "checklist_items",
    "checklists",
    "checklist_marks",
    "work_plans",
    "evening_reviews",
    "review_notes",
    "follow_ups",
)
_PROGRESS_FROM = 5000  # rows; smaller files import before a progress line would help
_SHOWN_PROBLEMS = 200  # a file with a typo in every row lists this many, then a count


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    kinds = list(KINDS)
    imp = sub.add_parser(
        "import",
        parents=[common],
        help=t("io.cli.import_help"),
        description=t("io.cli.import_description", kinds=kinds),
    )
    imp.add_argument("kind", metavar="KIND", help=t("io.cli.import_kind"))
    imp.add_argument("file", nargs="?", metavar="FILE", help=t("io.cli.import_file"))
    imp.add_argument("--dry-run", action="store_true", help=t("io.cli.dry_run"))
    imp.add_argument("--encoding", metavar="ENC", help=t("io.cli.encoding"))
    imp.add_argument("--add-owners", action="store_true", help=t("io.cli.add_owners"))
    imp.add_argument("--max-size", metavar="SIZE", default="200MB", help=t("io.cli.max_size"))
    imp.add_argument(
        "--map", action="append", default=[], metavar="'HEADER=COLUMN'", help=t("io.cli.map")
    )
    imp.add_argument("--skip-unknown", action="store_true", help=t("io.cli.skip_unknown"))
    imp.add_argument("--profile", metavar="NAME", help=t("io.cli.profile"))
    imp.add_argument("--save-profile", metavar="NAME", help=t("io.cli.save_profile"))
    imp.add_argument("--template", action="store_true", help=t("io.cli.template"))
    imp.add_argument("-o", "--output", metavar="FILE", help=t("io.cli.template_output"))
    imp.set_defaults(handler=import_cmd)

    exp = sub.add_parser(
        "export",
        parents=[common],
        help=t("io.cli.export_help"),
        description=t("io.cli.export_description", kinds=kinds),
    )
    exp.add_argument("kind", metavar="KIND", help=t("io.cli.export_kind"))
    exp.add_argument("-o", "--output", metavar="FILE", help=t("io.cli.export_output"))
    exp.add_argument("--format", choices=FORMATS, help=t("io.cli.export_format"))
    exp.add_argument("--include-personal", action="store_true", help=t("io.cli.include_personal"))
    exp.add_argument("--encoding", metavar="ENC", help=t("io.cli.export_encoding"))
    exp.add_argument("--labels", action="store_true", help=t("io.cli.labels"))
    exp.set_defaults(handler=export_cmd)


def _options(ctx: CliContext, args: argparse.Namespace, kind: str) -> Options:
    from katerm.core.io import Options, load_profile, parse_maps, parse_size

    columns: dict[str, str] = {}
    values: dict[str, dict[str, Any]] = {}
    dates = "year_first"
    if args.profile:
        profile = load_profile(args.profile, kind, ctx.paths.config_dir)
        columns.update(profile.columns)
        values, dates = profile.values, profile.dates
    columns.update(parse_maps(args.map))
    return Options(
        dry_run=args.dry_run,
        encoding=args.encoding,
        add_owners=args.add_owners,
        max_size=parse_size(args.max_size),
        columns=columns,
        skip_unknown=args.skip_unknown,
        values=values,
        dates=dates,
    )


def import_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.io import check_kind

    if args.template:
        return _template(ctx, args)
    if args.output:
        raise BadInput("io.cli.output_without_template")
    if not args.file:
        raise BadInput("io.cli.file_required")
    if args.kind.strip().casefold() == "all":
        return _import_all(ctx, args)
    kind = check_kind(args.kind)
    options = _options(ctx, args, kind)
    from katerm.core.io import ImportFailed, import_file, read_table

    # The file is checked before the database is opened: a refused file changes nothing,
    # not even by creating a database that was not there.
    read_table(args.file, encoding=options.encoding, kind=kind, max_size=options.max_size)
    ws = ctx.workspace()
    progress = _progress_line(ctx, args.file)
    try:
        report = import_file(ws, kind, args.file, progress=progress, options=options)
    except ImportFailed as exc:
        _clear_progress(ctx, progress)
        _show_problems(ctx, exc)
        raise
    except BaseException:
        _clear_progress(ctx, progress)
        raise
    _clear_progress(ctx, progress)
    _print_report(ctx, report)
    if args.save_profile:
        _save_profile(ctx, args, kind, options)
    return 0


def _import_all(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.io import ImportFailed, import_workbook, read_workbook

    options = _options(ctx, args, "all")
    read_workbook(args.file, max_size=options.max_size, skip_unknown=options.skip_unknown)
    ws = ctx.workspace()
    try:
        result = import_workbook(ws, args.file, options)
    except ImportFailed as exc:
        _show_problems(ctx, exc)
        raise
    key = "io.cli.all_dry_run" if options.dry_run else "io.cli.all_done"
    ctx.say(t(key, path=args.file))
    for title in result.skipped_sheets:
        ctx.say(t("io.cli.skipped_sheet", sheet=title))
    for report in result.reports:
        if report.ignored_columns or report.skipped_columns:
            _print_report(ctx, report, counts=False)
        key = "io.cli.sheet_empty" if report.rows == 0 else "io.cli.sheet_done"
        ctx.say(
            t(
                key,
                sheet=report.sheet,
                created=report.created,
                updated=report.updated,
                unchanged=report.unchanged,
            )
        )
        if report.new_members:
            dry = "_dry" if report.dry_run else ""
            ctx.say(t(f"io.cli.new_members{dry}", logins=list(report.new_members)))
    return 0


def _show_problems(ctx: CliContext, exc: ImportFailed) -> None:
    for problem in exc.problems[:_SHOWN_PROBLEMS]:
        ctx.warn(str(problem))
    if len(exc.problems) > _SHOWN_PROBLEMS:
        ctx.warn(t("io.err.more_problems", count=len(exc.problems) - _SHOWN_PROBLEMS))
    if exc.unknown_owners:
        ctx.warn(t("io.err.unknown_owners", logins=list(exc.unknown_owners)))


def _save_profile(ctx: CliContext, args: argparse.Namespace, kind: str, options: Options) -> None:
    from katerm.core.io import save_profile

    path = save_profile(ctx.paths.config_dir, args.save_profile, kind, options.columns)
    ctx.say(t("io.cli.profile_saved", name=args.save_profile, path=str(path)))


def _template(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.io import check_kind, write_template

    if args.file:
        raise BadInput("io.cli.template_takes_no_file")
    kind = check_kind(args.kind)
    if not args.output or args.output == "-":
        write_template(kind, out=ctx.out)
        return 0
    write_template(kind, args.output)
    ctx.say(t("io.cli.template_written", kind=t(f"io.kind.{kind}"), path=args.output))
    return 0


def _print_report(ctx: CliContext, report: ImportReport, *, counts: bool = True) -> None:
    source = report.sheet or report.format.upper()
    if report.encoding:
        source = t("io.cli.source_encoding", source=source, encoding=report.encoding)
    if report.ignored_columns:
        ctx.say(
            t(
                "io.cli.ignored",
                count=len(report.ignored_columns),
                columns=list(report.ignored_columns),
            )
        )
    if report.skipped_columns:
        ctx.say(t("io.cli.skipped", columns=list(report.skipped_columns)))
    if not counts:
        return
    if report.rows == 0:
        ctx.say(t("io.cli.header_only", path=report.path))
        return
    key = "io.cli.dry_run_done" if report.dry_run else "io.cli.done"
    ctx.say(
        t(
            key,
            path=report.path,
            source=source,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
        )
    )
    dry = "_dry" if report.dry_run else ""
    if report.restored:
        ctx.say(t(f"io.cli.restored{dry}", count=report.restored))
    if report.new_members:
        ctx.say(t(f"io.cli.new_members{dry}", logins=list(report.new_members)))


class _Progress:
    """A one-line percentage on a terminal's stderr, for imports big enough to wait for."""

    def __init__(self, ctx: CliContext, path: str) -> None:
        self.ctx, self.path, self.shown, self.last = ctx, path, False, -1

    def __call__(self, done: int, total: int) -> None:
        if total < 2 * _PROGRESS_FROM:
            return
        percent = done * 100 // max(total, 1)
        if percent != self.last:
            self.last, self.shown = percent, True
            self.ctx.err.write("\r" + t("io.cli.progress", path=self.path, percent=percent))
            self.ctx.err.flush()


def _progress_line(ctx: CliContext, path: str) -> _Progress | None:
    isatty = getattr(ctx.err, "isatty", None)
    return _Progress(ctx, path) if isatty and isatty() else None


def _clear_progress(ctx: CliContext, progress: _Progress | None) -> None:
    if progress is not None and progress.shown:
        ctx.err.write("\r\033[K")
        ctx.err.flush()


def export_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.io import check_kind, export_file, format_for

    if args.kind.strip().casefold() == "all":
        return _export_all(ctx, args)
    kind = check_kind(args.kind)
    to_file = bool(args.output) and args.output != "-"
    fmt = format_for(args.output if to_file else None, args.format)
    ws = ctx.workspace()
    if not to_file:
        export_file(
            ws,
            kind,
            None,
            out=ctx.out,
            fmt=fmt,
            include_personal=args.include_personal,
            labels=args.labels,
        )
        return 0
    count = export_file(
        ws,
        kind,
        args.output,
        fmt=fmt,
        include_personal=args.include_personal,
        encoding=args.encoding,
        labels=args.labels,
    )
    ctx.say(t("io.cli.exported", count=count, kind=t(f"io.kind.{kind}"), path=args.output))
    return 0


def _export_all(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.io import export_workbook

    if not args.output or args.output == "-" or (args.format and args.format != "xlsx"):
        raise BadInput("io.cli.all_needs_xlsx")
    from katerm.core.io import personal_left_out

    ws = ctx.workspace()
    counts = export_workbook(
        ws, args.output, include_personal=args.include_personal, words=args.labels
    )
    ctx.say(
        t("io.cli.exported_all", path=args.output, sheets=len(counts), count=sum(counts.values()))
    )
    left_out = 0 if args.include_personal else personal_left_out(ws)
    if left_out:
        ctx.say(t("io.cli.personal_left_out", count=left_out))
    return 0
