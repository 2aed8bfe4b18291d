"""`katerm review monthly [--month YYYY-MM] [--format table|json|md|html|xlsx] [-o FILE]`:
the monthly review's league table of every seller and team below me; `katerm review quarterly
[--quarter 2027Q1]`: the quarterly review (plans, forecast by month, win/loss)."""

from __future__ import annotations

import argparse
import io
from typing import Any

from katerm.cli.context import CliContext
from katerm.i18n import t

FORMATS = ("table", "json", "md", "html", "xlsx")


def register_monthly(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    monthly = actions.add_parser(
        "monthly", parents=[common], help=t("cadence.help"), description=t("cadence.description")
    )
    monthly.add_argument("--month", metavar="YYYY-MM", help=t("cadence.month"))
    monthly.add_argument("--format", choices=FORMATS, default=None, help=t("reviews.cli.format"))
    monthly.add_argument("-o", "--output", metavar="FILE", help=t("reviews.cli.output"))
    monthly.set_defaults(handler=monthly_cmd)


def register_quarterly(
    actions: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    quarterly = actions.add_parser(
        "quarterly",
        parents=[common],
        help=t("cadence.q.help"),
        description=t("cadence.q.description"),
    )
    quarterly.add_argument("--quarter", metavar="YYYYQn", help=t("cadence.q.quarter"))
    quarterly.add_argument("--format", choices=FORMATS, default=None, help=t("reviews.cli.format"))
    quarterly.add_argument("-o", "--output", metavar="FILE", help=t("reviews.cli.output"))
    quarterly.set_defaults(handler=quarterly_cmd)


def quarterly_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.output import as_json, table
    from katerm.core.cadence import (
        figure_columns,
        load_quarterly_review,
        parse_quarter,
        quarter_json,
        quarter_legend,
        quarter_markdown,
        quarter_sections,
        quarter_title,
    )

    ws = ctx.workspace()
    clock = ws.clock
    quarter = parse_quarter(args.quarter, clock.today())
    args.format = output_format(args.format, args.output)
    review = load_quarterly_review(ws.db, ws.me.id, quarter, tz=clock.tz, today=clock.today())
    if args.format == "xlsx":
        from katerm.core.cadence import quarterly_sheets

        return _workbook(ctx, args.output, quarterly_sheets(review))
    buffer = io.StringIO()
    if args.format == "html":
        from katerm.core.cadence import quarterly_charts, report_html

        buffer.write(
            report_html(
                quarter_title(review),
                quarter_legend(review),
                quarter_sections(review),
                quarterly_charts(review),
            )
        )
    elif args.format == "json":
        as_json(quarter_json(review), buffer)
    elif args.format == "md":
        buffer.write(quarter_markdown(review))
    else:
        buffer.write(quarter_title(review) + "\n")
        for heading, cols, rows in quarter_sections(review):
            buffer.write(f"\n{heading}\n")
            table(rows, cols, buffer, numeric=figure_columns(rows))
        buffer.write("\n" + quarter_legend(review) + "\n")
    _write(ctx, args.output, buffer.getvalue())
    return 0


def monthly_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.output import as_json, table
    from katerm.core.cadence import (
        analysis_sections,
        figure_columns,
        headers,
        legend,
        load_monthly_review,
        parse_month,
        review_json,
        review_markdown,
        seller_sections,
        tables,
        title,
    )
    from katerm.core.leads import target_from_settings
    from katerm.core.pipeline import rules_from_settings

    rules = rules_from_settings(ctx.settings)
    ws = ctx.workspace()
    clock = ws.clock
    month = parse_month(args.month, clock.today())
    args.format = output_format(args.format, args.output)
    review = load_monthly_review(
        ws.db,
        ws.me.id,
        month,
        tz=clock.tz,
        today=clock.today(),
        rules=rules,
        target=target_from_settings(ctx.settings),
    )
    if args.format == "xlsx":
        from katerm.core.cadence import monthly_sheets

        return _workbook(ctx, args.output, monthly_sheets(review))
    buffer = io.StringIO()
    if args.format == "html":
        from katerm.core.cadence import monthly_charts, report_html

        sections = [(heading, headers(), rows) for heading, rows in tables(review)]
        sections += [*seller_sections(review), *analysis_sections(review.accounts)]
        buffer.write(report_html(title(review), legend(review), sections, monthly_charts(review)))
    elif args.format == "json":
        as_json(review_json(review), buffer)
    elif args.format == "md":
        buffer.write(review_markdown(review))
    else:
        buffer.write(title(review) + "\n")
        cols = headers()
        for heading, rows in tables(review):
            buffer.write(f"\n{heading}\n")
            table(rows, cols, buffer, numeric=figure_columns(rows))
        buffer.write("\n" + legend(review) + "\n")
        more = [*seller_sections(review), *analysis_sections(review.accounts)]
        for heading, cols, rows in more:
            buffer.write(f"\n{heading}\n")
            table(rows, cols, buffer, numeric=figure_columns(rows))
    _write(ctx, args.output, buffer.getvalue())
    return 0


def output_format(given: str | None, output: str | None) -> str:
    """The review's format: the one asked for, else the one the -o file's name says, else the
    terminal's table (:func:`katerm.cli.output.output_format`)."""
    from katerm.cli.output import output_format as named_format

    return named_format(given, output, default="table", formats=FORMATS)


def _workbook(ctx: CliContext, output: str | None, sheets: list[Any]) -> int:
    """A workbook goes to a file: without -o (or to a terminal) it is refused, not dumped."""
    from katerm.core.errors import BadInput
    from katerm.core.io import write_tables

    if not output or output == "-":
        raise BadInput("cadence.xlsx.needs_output")
    write_tables(output, sheets)
    ctx.say(t("reviews.cli.written", path=output))
    return 0


def _write(ctx: CliContext, output: str | None, text: str) -> None:
    """To stdout, or whole to a file (a missing folder is said, nothing half-written)."""
    from pathlib import Path

    from katerm.core.cards import write_calendar
    from katerm.core.errors import BadInput

    text = text if text.endswith("\n") else text + "\n"
    if not output or output == "-":
        ctx.out.write(text)
        return
    if not Path(output).expanduser().parent.is_dir():
        raise BadInput("io.err.no_folder", path=str(Path(output).expanduser().parent))
    write_calendar(output, text.encode("utf-8"))  # a temporary file, then a rename
    ctx.say(t("reviews.cli.written", path=output))
