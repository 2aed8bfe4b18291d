"""`katerm log KIND ACCOUNT ...`: log a visit, call, meeting... from the shell; `katerm log
list` shows what was logged."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from katerm.cli.context import CliContext
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.clock import Clock
    from katerm.core.reviews import ActivityRow
    from katerm.core.workspace import Workspace

# katerm.core.reviews.activities.KINDS, without importing it for --help.
KINDS = ("visit", "call", "meeting", "proposal", "dinner", "event", "other")
# Errors name the argument the user typed (the same in every language), not the field's
# internal name: "katerm: --date: ..." rather than "katerm: date: ...".
ARGUMENTS = {
    "kind": "KIND",
    "account": "ACCOUNT",
    "contacts": "--contact",
    "note": "--note",
    "next_step": "--next",
    "date": "--date",
    "time": "--time",
    "scenario": "--scenario",
    "opportunity": "--opportunity",
    "stage": "--stage",
}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    log = sub.add_parser(
        "log",
        parents=[common],
        help=t("reviews.cli.log_help"),
        description=t("reviews.cli.log_description"),
    )
    kinds = log.add_subparsers(
        dest="log_kind", metavar="KIND", required=True, title=t("cli.commands_title")
    )
    for kind in KINDS:
        one = kinds.add_parser(kind, parents=[common], help=t(f"reviews.cli.kind_help.{kind}"))
        one.add_argument("account", metavar="ACCOUNT", help=t("reviews.cli.account"))
        one.add_argument(
            "--contact", action="append", default=[], metavar="NAME", help=t("reviews.cli.contact")
        )
        one.add_argument("--note", default="", metavar="TEXT", help=t("reviews.cli.note"))
        one.add_argument("--next", default="", metavar="TEXT", help=t("reviews.cli.next"))
        one.add_argument("--date", metavar="D", help=t("reviews.cli.date"))
        one.add_argument("--time", metavar="HH:MM", help=t("reviews.cli.time"))
        one.add_argument("--scenario", metavar="S", help=t("reviews.cli.scenario"))
        one.add_argument("--opportunity", metavar="OPP", help=t("reviews.cli.opportunity"))
        one.add_argument("--stage", metavar="STAGE", help=t("reviews.cli.stage"))
        one.set_defaults(handler=log_cmd, kind=kind)
    lst = kinds.add_parser("list", parents=[common], help=t("reviews.cli.list_help"))
    when = lst.add_mutually_exclusive_group()
    when.add_argument("--date", metavar="D", help=t("reviews.cli.list_date"))
    when.add_argument("--week", metavar="W", help=t("reviews.cli.list_week"))
    lst.add_argument("--user", metavar="LOGIN", help=t("reviews.cli.user"))
    lst.add_argument("--opportunity", metavar="OPP", help=t("reviews.cli.list_opportunity"))
    lst.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help=t("reviews.cli.list_format"),
    )
    lst.set_defaults(handler=list_cmd)


def log_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.errors import ValidationFailed
    from katerm.core.reviews import log_activity
    from katerm.i18n.fmt import fmt_date

    ws = ctx.workspace()
    clock = ws.clock
    values = {
        "kind": args.kind,
        "account": args.account,
        "contacts": args.contact,
        "note": args.note,
        "next_step": args.next,
        "date": args.date,
        "time": args.time,
        "scenario": args.scenario,
        "opportunity": args.opportunity,
        "stage": args.stage,
    }
    try:
        new_id = log_activity(ws, values)
    except ValidationFailed as exc:
        for error in exc.errors:
            ctx.warn(f"katerm: {ARGUMENTS.get(error.field, error.field)}: {error.message}")
        raise
    row = _saved(ws, new_id, clock)
    ctx.say(
        t(
            "reviews.cli.logged",
            kind=t(f"reviews.kind.{row.kind}"),
            account=row.account_name,
            date=fmt_date(row.local(clock.tz)),
            time=f"{row.local(clock.tz):%H:%M}",
            people=list(row.contacts) or "—",
        )
    )
    return 0


def _saved(ws: Workspace, activity_id: str, clock: Clock) -> ActivityRow:
    from katerm.core.reviews import get_activity

    with ws.db.reading() as conn:
        return get_activity(conn, activity_id)


def list_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.output import emit
    from katerm.cli.review_cmds import resolve_user
    from katerm.core.periods import Period, parse_day, parse_week
    from katerm.core.reviews import activities_between

    clock = ctx.workspace().clock
    ws = ctx.workspace()
    today = clock.today()
    period = parse_week(args.week, today) if args.week else Period.day(parse_day(args.date, today))
    with ws.db.reading() as conn:
        if args.opportunity:
            rows = _history(conn, ws, args.opportunity)
        else:
            user = resolve_user(conn, ws, args.user)
            start, end = period.utc_range(clock.tz)
            rows = activities_between(conn, [user.id], start, end)
    records = [
        {
            "id": r.id,
            "date": f"{r.local(clock.tz):%Y-%m-%d}",
            "time": f"{r.local(clock.tz):%H:%M}",
            "kind": r.kind,
            "account": r.account_name,
            "contacts": ", ".join(r.contacts),
            "scenario": r.scenario,
            "note": r.note,
            "next_step": r.next_step,
            "opportunity": r.opportunity_name,
            "stage": r.stage,
        }
        for r in rows
    ]
    columns = ["date", "time", "kind", "account", "contacts", "scenario", "note", "next_step"]
    if args.opportunity:  # one opportunity's history: its stages instead of its account
        columns[3] = "stage"
    if args.format != "table":
        columns = ["id", *columns, *(c for c in ("opportunity", "stage") if c not in columns)]
    headers = [t(f"reviews.cli.col.{c}") for c in columns]
    display = {
        "kind": lambda v: t(f"reviews.kind.{v}"),
        "scenario": lambda v: t(f"reviews.scenario.{v}") if v else "",
        "stage": lambda v: t(f"ltc.stage.{v}") if v else "",
    }
    emit(args.format, records, columns, headers, ctx.out, display=display)
    return 0


def _history(conn: Any, ws: Workspace, text: str) -> list[ActivityRow]:
    """The activities that served the opportunity ``text`` names (among those I see)."""
    from katerm.core.competitors import resolve_opportunity
    from katerm.core.reviews import opportunity_history
    from katerm.core.team import below

    opp_id, _, _ = resolve_opportunity(conn, text, below(conn, ws.me.id))
    return opportunity_history(conn, opp_id)
