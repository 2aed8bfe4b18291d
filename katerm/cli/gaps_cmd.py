"""`katerm gaps [ACCOUNT]`: the relationship-gap table, ordered by what matters most."""

from __future__ import annotations

import argparse

from katerm.cli.context import CliContext
from katerm.i18n import t

FORMATS = ("table", "json", "csv")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "gaps", parents=[common], help=t("gaps.cli.help"), description=t("gaps.cli.description")
    )
    cmd.add_argument("account", metavar="ACCOUNT", nargs="?", help=t("gaps.cli.account"))
    cmd.add_argument("--overdue", action="store_true", help=t("gaps.cli.overdue"))
    cmd.add_argument("--mine", action="store_true", help=t("gaps.cli.mine"))
    cmd.add_argument("--format", choices=FORMATS, default="table", help=t("gaps.cli.format"))
    cmd.add_argument("--date", metavar="D", help=t("plan.cli.date"))
    cmd.set_defaults(handler=gaps_cmd)


def gaps_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.output import as_json, emit
    from katerm.cli.plan_cmds import _today
    from katerm.core import gaps
    from katerm.core.accounts import resolve_account
    from katerm.core.gaps import RECORD_COLUMNS, TABLE_COLUMNS, display, record
    from katerm.core.team import below

    today = _today(ctx, args.date)
    ws = ctx.workspace()
    with ws.db.reading() as conn:
        owners = below(conn, ws.me.id)
        account_id = resolve_account(conn, args.account)[0] if args.account else None
        rows = gaps.load(conn, owners, account_id=account_id, trends=False)
    wanted = gaps.GapFilter(overdue=args.overdue, mine=ws.me.id if args.mine else None)
    shown = gaps.narrow(gaps.order(rows, today), wanted, today)
    if args.format == "json":
        as_json([record(v, today) for v in shown], ctx.out)
    elif args.format == "csv":
        emit("csv", [record(v, today) for v in shown], RECORD_COLUMNS, RECORD_COLUMNS, ctx.out)
    else:
        if shown:
            emit(
                "table",
                [display(v, today) for v in shown],
                TABLE_COLUMNS,
                [t(f"gaps.col.{c}") for c in TABLE_COLUMNS],
                ctx.out,
                numeric=("gap",),
            )
            ctx.say()
        ctx.say(
            t(
                "gaps.cli.summary",
                count=len(shown),
                overdue=t("gaps.overdue_count", n=sum(1 for v in shown if v.overdue(today))),
            )
        )
    return 0
