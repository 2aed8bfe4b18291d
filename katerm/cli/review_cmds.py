"""`katerm review daily|weekly|summary|template|reopen|plan|tick`: checklists and the evening
review from the shell. Output is computed by the same core functions as the screen."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from katerm.cli.context import CliContext
from katerm.cli.output import output_format
from katerm.core.errors import BadInput
from katerm.i18n import t

if TYPE_CHECKING:
    import sqlite3

    from katerm.core.team import Member
    from katerm.core.workspace import Workspace

FORMATS = ("text", "json", "md")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    review = sub.add_parser(
        "review",
        parents=[common],
        help=t("reviews.cli.review_help"),
        description=t("reviews.cli.review_description"),
    )
    actions = review.add_subparsers(
        dest="review_command", metavar="COMMAND", required=True, title=t("cli.commands_title")
    )

    def output(p: argparse.ArgumentParser, formats: tuple[str, ...] = FORMATS) -> None:
        # No default here: the -o file's name says the format (_format), else formats[0].
        p.add_argument("--format", choices=formats, default=None, help=t("reviews.cli.format"))
        p.set_defaults(formats=formats)
        p.add_argument("-o", "--output", metavar="FILE", help=t("reviews.cli.output"))

    daily = actions.add_parser("daily", parents=[common], help=t("reviews.cli.daily_help"))
    daily.add_argument("--date", metavar="D", help=t("reviews.cli.date"))
    daily.add_argument("--user", metavar="LOGIN", help=t("reviews.cli.user"))
    output(daily)
    daily.set_defaults(handler=daily_cmd)

    weekly = actions.add_parser("weekly", parents=[common], help=t("reviews.cli.weekly_help"))
    weekly.add_argument("--week", metavar="W", help=t("reviews.cli.week"))
    weekly.add_argument("--user", metavar="LOGIN", help=t("reviews.cli.user"))
    output(weekly)
    weekly.set_defaults(handler=weekly_cmd)

    summary = actions.add_parser("summary", parents=[common], help=t("reviews.cli.summary_help"))
    summary.add_argument("--date", metavar="D", help=t("reviews.cli.date"))
    summary.add_argument("--team", metavar="LOGIN", help=t("reviews.cli.team"))
    output(summary, ("md", "text", "json"))
    summary.set_defaults(handler=summary_cmd)

    reopen = actions.add_parser("reopen", parents=[common], help=t("reviews.cli.reopen_help"))
    reopen.add_argument("--user", metavar="LOGIN", required=True, help=t("reviews.cli.user"))
    when = reopen.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", metavar="D", help=t("reviews.cli.date"))
    when.add_argument("--week", metavar="W", help=t("reviews.cli.week"))
    reopen.add_argument("--close", action="store_true", help=t("reviews.cli.close"))
    reopen.set_defaults(handler=reopen_cmd)

    plan = actions.add_parser("plan", parents=[common], help=t("reviews.cli.plan_help"))
    plan.add_argument("text", metavar="TEXT", help=t("reviews.cli.plan_text"))
    when = plan.add_mutually_exclusive_group()
    when.add_argument("--date", metavar="D", help=t("reviews.cli.plan_date"))
    when.add_argument("--week", metavar="W", help=t("reviews.cli.week"))
    plan.set_defaults(handler=plan_cmd)

    tick = actions.add_parser("tick", parents=[common], help=t("reviews.cli.tick_help"))
    tick.add_argument("key", metavar="KEY", help=t("reviews.cli.item_key"))
    when = tick.add_mutually_exclusive_group()
    when.add_argument("--date", metavar="D", help=t("reviews.cli.date"))
    when.add_argument("--week", metavar="W", help=t("reviews.cli.week"))
    tick.add_argument("--note", metavar="TEXT", help=t("reviews.cli.note"))
    tick.add_argument("--undo", action="store_true", help=t("reviews.cli.undo"))
    tick.set_defaults(handler=tick_cmd)

    from katerm.cli.cadence_cmds import register_monthly, register_quarterly
    from katerm.cli.template_cmd import register_template

    register_monthly(actions, common)
    register_quarterly(actions, common)
    register_template(actions, common)


# --- helpers ----------------------------------------------------------------------------------


def resolve_user(conn: sqlite3.Connection, ws: Workspace, login: str | None) -> Member:
    """Me, or someone below me by login (anyone else is refused)."""
    from katerm.core.errors import NotFound
    from katerm.core.reviews import person
    from katerm.core.team import below

    if not login:
        return person(conn, ws.me.id)
    row = conn.execute(
        "SELECT id FROM users WHERE login = ? COLLATE NOCASE AND deleted = 0", (login.strip(),)
    ).fetchone()
    if row is None or row[0] not in below(conn, ws.me.id):
        raise NotFound("reviews.err.no_user", login=login)
    return person(conn, row[0])


def write_out(ctx: CliContext, args: argparse.Namespace, text: str) -> None:
    if not args.output or args.output == "-":
        ctx.out.write(text if text.endswith("\n") else text + "\n")
        return
    path = Path(args.output).expanduser()
    if not path.parent.is_dir():
        raise BadInput("cli.db.backup_no_folder", path=str(path.parent))
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    ctx.say(t("reviews.cli.written", path=str(path)))


def _format(args: argparse.Namespace) -> str:
    """The format asked for, else the one the -o file's name says (.md, .json, .txt), else the
    command's own: `-o day.md` wrote plain text under that name."""
    return output_format(args.format, args.output, default=args.formats[0], formats=args.formats)


def _period(args: argparse.Namespace, today: Any) -> Any:
    from katerm.core.periods import Period, parse_day, parse_week

    if getattr(args, "week", None):
        return parse_week(args.week, today)
    return Period.day(parse_day(getattr(args, "date", None), today))


# --- commands ---------------------------------------------------------------------------------


def daily_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    args.format = _format(args)
    from katerm.core.periods import Period, parse_day
    from katerm.core.reviews import build_checklist, checklist_md, checklist_text, to_json

    clock = ctx.workspace().clock
    ws = ctx.workspace()
    today = clock.today()
    period = Period.day(parse_day(args.date, today))
    with ws.db.reading() as conn:
        user = resolve_user(conn, ws, args.user)
        checklist = build_checklist(conn, user.id, period, tz=clock.tz, today=today)
    text = {
        "json": lambda: to_json(checklist.as_json()),
        "md": lambda: checklist_md(checklist),
        "text": lambda: checklist_text(checklist),
    }[args.format]()
    write_out(ctx, args, text)
    return 0


def weekly_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    args.format = _format(args)
    from katerm.core.periods import parse_week
    from katerm.core.reviews import to_json, trend, weekly_md, weekly_text

    clock = ctx.workspace().clock
    ws = ctx.workspace()
    today = clock.today()
    week = parse_week(args.week, today)
    with ws.db.reading() as conn:
        user = resolve_user(conn, ws, args.user)
        found = trend(conn, user.id, week, tz=clock.tz, today=today)
    text = {
        "json": lambda: to_json(found.checklist.as_json()),
        "md": lambda: weekly_md(found),
        "text": lambda: weekly_text(found),
    }[args.format]()
    write_out(ctx, args, text)
    return 0


def summary_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    args.format = _format(args)
    from katerm.core.periods import parse_day
    from katerm.core.reviews import summaries, summary_md, summary_text, to_json

    clock = ctx.workspace().clock
    ws = ctx.workspace()
    today = clock.today()
    day = parse_day(args.date, today)
    with ws.db.reading() as conn:
        found = summaries(conn, ws.me.id, day, tz=clock.tz, today=today, lead_login=args.team)
    if not found:
        ctx.warn(t("reviews.cli.none_held", date=day.isoformat()))
        return 1
    if args.format == "json":
        text = to_json(found if len(found) != 1 else found[0])
    else:
        render = summary_md if args.format == "md" else summary_text
        text = "\n".join(render(s, clock.tz) for s in found)
    write_out(ctx, args, text)
    return 0


def reopen_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.reviews import set_reopened

    clock = ctx.workspace().clock
    ws = ctx.workspace()
    period = _period(args, clock.today())
    with ws.db.reading() as conn:
        user = resolve_user(conn, ws, args.user)
    set_reopened(ws, user.id, period, not args.close)
    key = "reviews.cli.closed" if args.close else "reviews.cli.reopened"
    ctx.say(t(key, name=user.display, period=period.key))
    return 0


def plan_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.periods import Period, next_working_day, parse_day
    from katerm.core.reviews import save_plan

    clock = ctx.workspace().clock
    ws = ctx.workspace()
    today = clock.today()
    if args.week or args.date:
        period = _period(args, today)
    else:
        period = Period.day(next_working_day(parse_day(None, today)))
    save_plan(ws, ws.me.id, period, args.text, today=today)
    ctx.say(t("reviews.cli.plan_saved", period=period.key))
    return 0


def tick_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.errors import NotFound
    from katerm.core.reviews import MANUAL, build_checklist, set_mark

    clock = ctx.workspace().clock
    ws = ctx.workspace()
    today = clock.today()
    period = _period(args, today)
    with ws.db.reading() as conn:
        checklist = build_checklist(conn, ws.me.id, period, tz=clock.tz, today=today)
    item = checklist.item(args.key)
    if item is None:
        raise NotFound("reviews.err.no_item", key=args.key)
    if item.kind != MANUAL:
        raise BadInput("reviews.cli.measured_item", key=args.key)
    set_mark(ws, ws.me.id, period, item.key, done=not args.undo, note=args.note, today=today)
    ctx.say(
        t(
            "reviews.cli.unticked" if args.undo else "reviews.cli.ticked",
            label=item.label,
            period=period.key,
        )
    )
    return 0
