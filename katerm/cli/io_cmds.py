"""`katerm import` and `katerm export`: accounts and contacts to and from CSV, XLSX, JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from katerm.cli.context import CliContext
from katerm.core.errors import BadInput
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.io import ImportReport

KINDS = ("accounts", "contacts")  # katerm.core.io.KINDS, without importing it for --help
FORMATS = ("csv", "xlsx", "json")
_PROGRESS_FROM = 5000  # rows; smaller files import before a progress line would help


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    imp = sub.add_parser(
        "import",
        parents=[common],
        help=t("io.cli.import_help"),
        description=t("io.cli.import_description"),
    )
    imp.add_argument(
        "kind", choices=KINDS, metavar="accounts|contacts", help=t("io.cli.import_kind")
    )
    imp.add_argument("file", nargs="?", metavar="FILE", help=t("io.cli.import_file"))
    imp.add_argument("--dry-run", action="store_true", help=t("io.cli.dry_run"))
    imp.add_argument("--encoding", metavar="ENC", help=t("io.cli.encoding"))
    imp.add_argument("--template", action="store_true", help=t("io.cli.template"))
    imp.add_argument("-o", "--output", metavar="FILE", help=t("io.cli.template_output"))
    imp.set_defaults(handler=import_cmd)

    exp = sub.add_parser(
        "export",
        parents=[common],
        help=t("io.cli.export_help"),
        description=t("io.cli.export_description"),
    )
    exp.add_argument(
        "kind", choices=KINDS, metavar="accounts|contacts", help=t("io.cli.export_kind")
    )
    exp.add_argument("-o", "--output", metavar="FILE", help=t("io.cli.export_output"))
    exp.add_argument("--format", choices=FORMATS, help=t("io.cli.export_format"))
    exp.add_argument("--include-personal", action="store_true", help=t("io.cli.include_personal"))
    exp.add_argument("--encoding", metavar="ENC", help=t("io.cli.export_encoding"))
    exp.add_argument("--labels", action="store_true", help=t("io.cli.labels"))
    exp.set_defaults(handler=export_cmd)


def import_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.template:
        return _template(ctx, args)
    if args.output:
        raise BadInput("io.cli.output_without_template")
    if not args.file:
        raise BadInput("io.cli.file_required")
    from katerm.core.io import ImportFailed, import_file

    ws = ctx.workspace()
    progress = _progress_line(ctx, args.file)
    try:
        report = import_file(
            ws,
            args.kind,
            args.file,
            dry_run=args.dry_run,
            encoding=args.encoding,
            progress=progress,
        )
    except ImportFailed as exc:
        _clear_progress(ctx, progress)
        for problem in exc.problems:
            ctx.warn(str(problem))
        raise
    except BaseException:
        _clear_progress(ctx, progress)
        raise
    _clear_progress(ctx, progress)
    _print_report(ctx, report)
    return 0


def _template(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.io import write_template

    if args.file:
        raise BadInput("io.cli.template_takes_no_file")
    if not args.output or args.output == "-":
        write_template(args.kind, out=ctx.out)
        return 0
    write_template(args.kind, args.output)
    ctx.say(t("io.cli.template_written", kind=t(f"io.kind.{args.kind}"), path=args.output))
    return 0


def _print_report(ctx: CliContext, report: ImportReport) -> None:
    source = report.format.upper()
    if report.encoding:
        source += f", {report.encoding}"
    if report.ignored_columns:
        ctx.say(
            t(
                "io.cli.ignored",
                count=len(report.ignored_columns),
                columns=", ".join(report.ignored_columns),
            )
        )
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
        ctx.say(t(f"io.cli.new_members{dry}", logins=", ".join(report.new_members)))


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
    from katerm.core.io import export_file, format_for

    to_file = bool(args.output) and args.output != "-"
    fmt = format_for(args.output if to_file else None, args.format)
    ws = ctx.workspace()
    if not to_file:
        export_file(
            ws,
            args.kind,
            None,
            out=ctx.out,
            fmt=fmt,
            include_personal=args.include_personal,
            labels=args.labels,
        )
        return 0
    count = export_file(
        ws,
        args.kind,
        args.output,
        fmt=fmt,
        include_personal=args.include_personal,
        encoding=args.encoding,
        labels=args.labels,
    )
    ctx.say(t("io.cli.exported", count=count, kind=t(f"io.kind.{args.kind}"), path=args.output))
    return 0
