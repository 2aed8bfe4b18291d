"""`katerm routines [ACCOUNT]`: broad relationships — the routine actions kept at an account
(or every account you can see) with when each is due; set one up, log one done, count a
month's."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from katerm.cli.context import CliContext
from katerm.cli.output import table
from katerm.core.errors import BadInput
from katerm.i18n import t


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "routines",
        parents=[common],
        help=t("broad.cli.help"),
        description=t("broad.cli.description"),
    )
    cmd.add_argument("account", metavar="ACCOUNT", nargs="?", help=t("broad.cli.account"))
    cmd.add_argument("--add", metavar="KIND", help=t("broad.cli.add"))
    cmd.add_argument("--every", metavar="DAYS", default="30", help=t("broad.cli.every"))
    cmd.add_argument("--title", default="", help=t("broad.cli.title"))
    cmd.add_argument("--done", metavar="ROUTINE", help=t("broad.cli.done"))
    cmd.add_argument("--date", metavar="D", help=t("broad.cli.date"))
    cmd.add_argument("--contact", action="append", default=[], help=t("broad.cli.contact"))
    cmd.add_argument("--note", help=t("broad.cli.note"))
    cmd.add_argument("--month", metavar="YYYY-MM", help=t("broad.cli.month"))
    cmd.add_argument(
        "--format", choices=("table", "json"), default="table", help=t("broad.cli.format")
    )
    cmd.set_defaults(handler=routines_cmd)


def _month(value: str, today: date) -> tuple[str, date, date]:
    """The month's key, first and last day: the one month parser (``review monthly`` too), so
    a bad month is told the same way everywhere."""
    from datetime import timedelta

    from katerm.core.cadence import parse_month

    month = parse_month(value, today)
    return month.key, month.start, month.end - timedelta(days=1)


_OPTIONS = {"kind": "--add", "cadence_days": "--every", "contacts": "--contact"}


def _saving(ctx: CliContext, action: Any, *args: Any) -> Any:
    """Run a write; a refusal names each bad option and what is wrong before exiting 2."""
    from katerm.core.errors import ValidationFailed

    try:
        return action(*args)
    except ValidationFailed as exc:
        for error in exc.errors:
            option = _OPTIONS.get(error.field, f"--{error.field.replace('_', '-')}")
            ctx.warn(f"katerm: {option}: {error.message}")
        raise


def routines_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.accounts import resolve_account
    from katerm.core.broad import (
        add_routine,
        broad_count,
        find_routine,
        log_routine,
        routines,
        routines_json,
    )
    from katerm.core.team import below

    ws = ctx.workspace()
    today = ws.clock.today()
    with ws.db.reading() as conn:
        owners = below(conn, ws.me.id)
        account_id: str | None = None
        if args.account:
            account_id, _ = resolve_account(conn, args.account, owners)
        if (args.add or args.done) and account_id is None:
            raise BadInput("broad.err.unknown", name=args.done or args.add)
        routine = find_routine(conn, account_id, args.done) if args.done and account_id else None
    if args.month:
        key, start, end = _month(args.month, today)
        with ws.db.reading() as conn:
            count = broad_count(conn, owners, start, end)
        if args.format == "json":
            data = {"month": key, "total": count.total, "by_kind": count.by_kind}
            ctx.out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            ctx.out.write(t("broad.cli.count", month=key, total=count.total) + "\n")
        return 0
    if args.add and account_id is not None:
        values = {"kind": args.add, "cadence_days": args.every, "title": args.title}
        _saving(ctx, add_routine, ws, account_id, values)
    if routine is not None:
        given = {"date": args.date, "contacts": args.contact}
        if args.note:
            given["note"] = args.note
        _saving(ctx, log_routine, ws, routine, {k: v for k, v in given.items() if v})
    with ws.db.reading() as conn:
        found = routines(conn, today, account_id=account_id, owner_ids=owners)
    if args.format == "json":
        ctx.out.write(json.dumps(routines_json(found, today), ensure_ascii=False, indent=2) + "\n")
        return 0
    if not found:
        ctx.say(t("broad.nothing"))
        return 0
    rows = [
        (
            r.account,
            r.title,
            t(f"broad.kind.{r.kind}"),
            r.cadence_days,
            r.last_done.isoformat() if r.last_done else t("broad.never"),
            ("⚠ " if r.overdue(today) else "") + r.next_due.isoformat(),
            r.done_count,
        )
        for r in found
    ]
    cols = ("account", "title", "kind", "cadence_days", "last_done", "next_due", "done_count")
    table(rows, [t(f"broad.col.{c}") for c in cols], ctx.out, numeric=(3, 6))
    return 0
