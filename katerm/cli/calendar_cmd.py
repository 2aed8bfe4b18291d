"""`katerm calendar -o FILE.ics`: key dates, card reviews, gap and plan actions, joint-plan
milestones and four-order limits for a calendar app, each with an alarm ahead of time."""

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
    from katerm.cli.output import check_output_name
    from katerm.core.cards import to_ical, write_calendar
    from katerm.core.pipeline import rules_from_settings
    from katerm.core.reminders import reminder_events, reminders_from_settings
    from katerm.core.team import below

    check_output_name(args.output, "ics")  # x.txt, x.json or x would not open in a calendar
    days = _days(args.days)
    rules = reminders_from_settings(ctx.settings)  # a wrong [reminders] line is said, not skipped
    orders = rules_from_settings(ctx.settings)
    clock = ctx.workspace().clock
    ws = ctx.workspace()
    with ws.db.reading() as conn:
        events = reminder_events(
            conn,
            below(conn, ws.me.id),
            clock.today(),
            days,
            include_personal=args.include_personal,
            rules=rules,
            orders=orders,
        )
    write_calendar(args.output, to_ical(events, stamp=clock.now()))
    ctx.say(t("cards.cli.written", count=len(events), path=args.output, days=days))
    return 0
