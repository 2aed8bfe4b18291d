"""`katerm team grade` and `katerm yearly`: who serves which tier, and each account's yearly
revenue and satisfaction for the periodic evaluation (issue 17, part 7)."""

from __future__ import annotations

import argparse

from katerm.cli.context import CliContext
from katerm.cli.output import FORMATS, as_csv, as_json, table
from katerm.i18n import t


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``katerm yearly ACCOUNT [--year Y --revenue X --currency C --satisfaction N]``."""
    yearly = sub.add_parser(
        "yearly",
        parents=[common],
        help=t("pyramid.cli.yearly_help"),
        description=t("pyramid.cli.yearly_description"),
    )
    yearly.add_argument("account", metavar="ACCOUNT", help=t("pyramid.cli.yearly_account"))
    yearly.add_argument("--year", metavar="Y", help=t("pyramid.cli.yearly_year"))
    yearly.add_argument("--revenue", metavar="AMOUNT", help=t("pyramid.cli.yearly_revenue"))
    yearly.add_argument("--currency", metavar="CUR", help=t("pyramid.cli.yearly_currency"))
    yearly.add_argument("--satisfaction", metavar="1-5", help=t("pyramid.cli.yearly_satisfaction"))
    yearly.add_argument("--format", choices=FORMATS, default="table")
    yearly.set_defaults(handler=yearly_cmd)


def yearly_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.accounts import resolve_account
    from katerm.core.errors import BadInput, ValidationFailed
    from katerm.core.pyramid import account_years, save_year
    from katerm.core.team import below
    from katerm.i18n.fmt import fmt_money

    ws = ctx.workspace()
    with ws.db.reading() as conn:
        account_id, name = resolve_account(conn, args.account, below(conn, ws.me.id))
    values = {"amount": args.revenue, "currency": args.currency, "satisfaction": args.satisfaction}
    if any(v is not None for v in values.values()):
        if args.year is None:
            raise BadInput("pyramid.err.yearly_needs_year")
        try:
            save_year(ws, account_id, args.year, **values)
        except ValidationFailed as exc:  # name each bad option and what is wrong, then exit 2
            options = {"amount": "--revenue"}
            for error in exc.errors:
                ctx.warn(f"katerm: {options.get(error.field, '--' + error.field)}: {error.message}")
            raise
    with ws.db.reading() as conn:
        years = account_years(conn, account_id)
    records = [y.record() for y in years]
    if args.format == "json":
        as_json(records, ctx.out)
    elif args.format == "csv":
        columns = ["year", "amount", "currency", "satisfaction"]
        as_csv([[r[c] for c in columns] for r in records], columns, ctx.out)
    else:
        ctx.say(name)
        table(
            [
                [
                    str(y.year),
                    fmt_money(y.amount),
                    y.currency,
                    t(f"pyramid.satisfaction.s{y.satisfaction}") if y.satisfaction else "",
                ]
                for y in years
            ],
            [
                t("pyramid.col.year"),
                t("pyramid.col.revenue"),
                t("pyramid.col.currency"),
                t("pyramid.col.satisfaction"),
            ],
            ctx.out,
            numeric=[1],
        )
    return 0


def register_grade(acts: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``katerm team grade [LOGIN] [--grade G] [--joined DAY]``: who serves which tier."""
    from katerm.core.config import GRADES

    grade = acts.add_parser(
        "grade",
        parents=[common],
        help=t("pyramid.cli.grade_help"),
        description=t("pyramid.cli.grade_description", grades=list(GRADES)),
    )
    grade.add_argument("login", nargs="?", metavar="LOGIN", help=t("pyramid.cli.grade_login"))
    grade.add_argument("--grade", metavar="GRADE", help=t("pyramid.cli.opt_grade"))
    grade.add_argument("--joined", metavar="YYYY-MM-DD", help=t("pyramid.cli.opt_joined"))
    grade.add_argument("--format", choices=FORMATS, default="table")
    grade.set_defaults(handler=grade_cmd)


def grade_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.errors import BadInput, NotFound
    from katerm.core.pyramid import member_grades, set_grade

    ws = ctx.workspace()
    with ws.db.reading() as conn:
        grades = member_grades(conn, ws.clock.today())
    by_login = {m.login.casefold(): m for m in grades.values()}
    rows = list(grades.values())
    if args.login:
        found = by_login.get(args.login.strip().casefold())
        if found is None:
            raise NotFound(
                "pyramid.err.unknown_owner", login=args.login, known=tuple(sorted(by_login))
            )
        if args.grade is not None or args.joined is not None:
            set_grade(ws, found.user_id, grade=args.grade, joined_on=args.joined)
            with ws.db.reading() as conn:
                found = member_grades(conn, ws.clock.today())[found.user_id]
        rows = [found]
    elif args.grade is not None or args.joined is not None:
        raise BadInput("pyramid.err.grade_needs_login")
    records = [m.record() for m in rows]
    if args.format == "json":
        as_json(records, ctx.out)
    elif args.format == "csv":
        columns = ["login", "name", "grade", "joined_on", "effective_grade"]
        as_csv([[r[c] for c in columns] for r in records], columns, ctx.out)
    else:
        table(
            [
                [
                    m.login,
                    m.name,
                    t(f"pyramid.grade.{m.grade}") if m.grade else "",
                    m.joined_on,
                    t(f"pyramid.grade.{m.effective or 'unknown'}"),
                ]
                for m in rows
            ],
            [
                t("pyramid.col.login"),
                t("pyramid.col.name"),
                t("pyramid.col.grade"),
                t("pyramid.col.joined"),
                t("pyramid.col.effective_grade"),
            ],
            ctx.out,
        )
    return 0
