"""`katerm calendar -o FILE.ics`: key dates, card reviews and gap actions for a calendar app."""

from __future__ import annotations

import argparse

from katerm.cli.context import CliContext
from katerm.i18n import t

DEFAULT_DAYS = 365
MAX_DAYS = 3660


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "calendar",
        parents=[common],
        help=t("cards.cli.help"),
        description=t("cards.cli.description"),
    )
    cmd.add_argument("-o", "--output", metavar="FILE", required=True, help=t("cards.cli.output"))
    cmd.add_argument(
        "--days",
        metavar="N",
        default=str(DEFAULT_DAYS),
        help=t("cards.cli.days", default=DEFAULT_DAYS),
    )
    cmd.add_argument(
        "--include-personal", action="store_true", help=t("cards.cli.include_personal")
    )
    cmd.set_defaults(handler=calendar_cmd)


def _days(raw: str) -> int:
    from katerm.core.errors import BadInput

    try:
        days = int(raw.strip())
    except ValueError:
        days = -1
    if not 1 <= days <= MAX_DAYS:
        raise BadInput("cards.cli.bad_days", value=raw, most=MAX_DAYS)
    return days


def calendar_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.cards import calendar_events, to_ical, write_calendar
    from katerm.core.team import below

    days = _days(args.days)
    clock = ctx.workspace().clock
    ws = ctx.workspace()
    with ws.db.reading() as conn:
        events = calendar_events(
            conn, below(conn, ws.me.id), clock.today(), days, include_personal=args.include_personal
        )
    write_calendar(args.output, to_ical(events, stamp=clock.now()))
    ctx.say(t("cards.cli.written", count=len(events), path=args.output, days=days))
    return 0
