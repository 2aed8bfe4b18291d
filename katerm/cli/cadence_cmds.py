"""`katerm review monthly [--month YYYY-MM] [--format table|json|md] [-o FILE]`: the monthly
review's league table of every seller and team below me."""

from __future__ import annotations

import argparse
import io

from katerm.cli.context import CliContext
from katerm.i18n import t

FORMATS = ("table", "json", "md")


def register_monthly(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    monthly = actions.add_parser(
        "monthly", parents=[common], help=t("cadence.help"), description=t("cadence.description")
    )
    monthly.add_argument("--month", metavar="YYYY-MM", help=t("cadence.month"))
    monthly.add_argument("--format", choices=FORMATS, default="table", help=t("reviews.cli.format"))
    monthly.add_argument("-o", "--output", metavar="FILE", help=t("reviews.cli.output"))
    monthly.set_defaults(handler=monthly_cmd)


def monthly_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.output import as_json, table
    from katerm.core.cadence import (
        headers,
        load_monthly_review,
        parse_month,
        review_json,
        review_markdown,
        tables,
        title,
    )
    from katerm.core.pipeline import rules_from_settings

    rules = rules_from_settings(ctx.settings)
    ws = ctx.workspace()
    clock = ws.clock
    month = parse_month(args.month, clock.today())
    review = load_monthly_review(
        ws.db, ws.me.id, month, tz=clock.tz, today=clock.today(), rules=rules
    )
    buffer = io.StringIO()
    if args.format == "json":
        as_json(review_json(review), buffer)
    elif args.format == "md":
        buffer.write(review_markdown(review))
    else:
        buffer.write(title(review) + "\n")
        cols = headers()
        for heading, rows in tables(review):
            buffer.write(f"\n{heading}\n")
            table(rows, cols, buffer, numeric=list(range(2, len(cols))))
        buffer.write("\n" + t("cadence.legend") + "\n")
    _write(ctx, args.output, buffer.getvalue())
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
