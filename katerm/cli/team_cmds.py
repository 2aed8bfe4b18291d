"""`katerm server init|upgrade|gc` and `katerm team add|list|move|remove|reassign|password`.

For the administrator: these connect with ``--server URL`` (or ``KATERM_SERVER``), a URL of a
PostgreSQL superuser or database owner. Its password is best given the PostgreSQL way
(``PGPASSWORD`` or ``~/.pgpass``) rather than in the URL. Team members' passwords are read from
a prompt or ``--password-stdin``, never from the command line.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from katerm.cli.context import CliContext
from katerm.cli.output import FORMATS, emit
from katerm.core.errors import BadInput
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.sync.connect import Server
    from katerm.core.sync.server import SetupReport


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    admin = argparse.ArgumentParser(add_help=False)
    admin.add_argument("--server", metavar="URL", help=t("sync.cli.opt_server"))
    admin.add_argument("--insecure", action="store_true", help=t("sync.tls.opt_insecure"))

    srv = sub.add_parser(
        "server",
        parents=[common],
        help=t("sync.cli.server_help"),
        description=t("sync.cli.server_description"),
    )
    actions = srv.add_subparsers(
        dest="server_command", metavar="COMMAND", title=t("cli.commands_title"), required=True
    )
    for name, handler in (("init", server_init_cmd), ("upgrade", server_upgrade_cmd)):
        p = actions.add_parser(
            name, parents=[common, admin], help=t(f"sync.cli.server_{name}_help")
        )
        p.add_argument("url", nargs="?", metavar="URL", help=t("sync.cli.admin_url"))
        p.set_defaults(handler=handler)
    gc = actions.add_parser("gc", parents=[common, admin], help=t("sync.cli.server_gc_help"))
    gc.add_argument("url", nargs="?", metavar="URL", help=t("sync.cli.admin_url"))
    gc.add_argument("--days", metavar="N", default="90", help=t("sync.cli.gc_days"))
    gc.set_defaults(handler=server_gc_cmd)

    team = sub.add_parser(
        "team",
        parents=[common],
        help=t("sync.cli.team_help"),
        description=t("sync.cli.team_description"),
    )
    acts = team.add_subparsers(
        dest="team_command", metavar="COMMAND", title=t("cli.commands_title"), required=True
    )
    add = acts.add_parser("add", parents=[common, admin], help=t("sync.cli.team_add_help"))
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--name", metavar="NAME", required=True, help=t("sync.cli.opt_name"))
    add.add_argument("--manager", metavar="LOGIN", help=t("sync.cli.opt_manager"))
    add.add_argument("--email", metavar="EMAIL", default="", help=t("sync.cli.opt_email"))
    add.add_argument("--password-stdin", action="store_true", help=t("sync.cli.opt_pw_stdin"))
    add.set_defaults(handler=team_add_cmd)
    lst = acts.add_parser("list", parents=[common, admin], help=t("sync.cli.team_list_help"))
    lst.add_argument("--format", choices=FORMATS, default="table")
    lst.set_defaults(handler=team_list_cmd)
    mv = acts.add_parser("move", parents=[common, admin], help=t("sync.cli.team_move_help"))
    mv.add_argument("login", metavar="LOGIN")
    where = mv.add_mutually_exclusive_group(required=True)
    where.add_argument("--manager", metavar="LOGIN", help=t("sync.cli.opt_new_manager"))
    where.add_argument("--top", action="store_true", help=t("sync.cli.opt_top"))
    mv.set_defaults(handler=team_move_cmd)
    rm = acts.add_parser("remove", parents=[common, admin], help=t("sync.cli.team_remove_help"))
    rm.add_argument("login", metavar="LOGIN")
    rm.set_defaults(handler=team_remove_cmd)
    ra = acts.add_parser("reassign", parents=[common, admin], help=t("sync.cli.team_reassign_help"))
    ra.add_argument("source", metavar="FROM")
    ra.add_argument("target", metavar="TO")
    ra.set_defaults(handler=team_reassign_cmd)
    pw = acts.add_parser("password", parents=[common, admin], help=t("sync.cli.team_password_help"))
    pw.add_argument("login", metavar="LOGIN")
    pw.add_argument("--password-stdin", action="store_true", help=t("sync.cli.opt_pw_stdin"))
    pw.set_defaults(handler=team_password_cmd)
    from katerm.cli.evaluation_cmds import register_grade

    register_grade(acts, common)


def _server(args: argparse.Namespace) -> Server:
    from katerm.core.sync.connect import admin_server

    return admin_server(
        getattr(args, "url", None) or args.server, insecure=bool(getattr(args, "insecure", False))
    )


# --- server ---------------------------------------------------------------------------------


def server_init_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.server import init

    server = _server(args)
    report = init(server)
    key = "sync.cli.init_done" if report.created else "sync.cli.init_again"
    ctx.say(t(key, server=server.shown, tables=list(report.tables)))
    if report.created:
        ctx.say(t("sync.cli.init_next"))
    _say_added(ctx, report)
    return 0


def server_upgrade_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.server import upgrade

    server = _server(args)
    report = upgrade(server)
    if not (report.added_tables or report.added_columns):
        ctx.say(t("sync.cli.upgrade_nothing", server=server.shown))
    _say_added(ctx, report)
    return 0


def _say_added(ctx: CliContext, report: SetupReport) -> None:
    if report.added_tables:
        ctx.say(t("sync.cli.added_tables", tables=list(report.added_tables)))
    if report.added_columns:
        ctx.say(t("sync.cli.added_columns", columns=list(report.added_columns)))


def server_gc_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.server import collect_garbage

    try:
        days = int(args.days)
    except ValueError:
        raise BadInput("sync.gc.bad_days", days=args.days) from None
    removed = collect_garbage(_server(args), days)
    if not removed:
        ctx.say(t("sync.cli.gc_nothing", days=days))
        return 0
    detail = [t("sync.cli.table_count", table=n, count=c) for n, c in sorted(removed.items())]
    ctx.say(t("sync.cli.gc_done", days=days, detail=detail))
    return 0


# --- team -----------------------------------------------------------------------------------


def read_new_password(ctx: CliContext, from_stdin: bool, login: str) -> str:
    """A member's new password: the first line of stdin, or typed twice at a prompt."""
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise BadInput("sync.cli.empty_password")
        return line
    if not (sys.stdin is not None and sys.stdin.isatty()):
        raise BadInput("sync.cli.no_password_source", hint="sync.cli.no_password_source_hint")
    import getpass

    first = getpass.getpass(t("sync.cli.new_password", login=login))
    again = getpass.getpass(t("sync.cli.new_password_again"))
    if first != again:
        raise BadInput("sync.cli.passwords_differ")
    return first


def team_add_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.connect import check_login
    from katerm.core.sync.server import add_member

    server = _server(args)
    login = check_login(args.login)
    password = read_new_password(ctx, args.password_stdin, login)
    new = add_member(
        server,
        login,
        name=args.name.strip(),
        password=password,
        manager=args.manager,
        email=args.email.strip(),
    )
    key = "sync.cli.added" if new else "sync.cli.readded"
    ctx.say(t(key, login=login, manager=args.manager or "—"))
    return 0


def team_password_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.server import set_password

    server = _server(args)
    set_password(server, args.login, read_new_password(ctx, args.password_stdin, args.login))
    ctx.say(t("sync.cli.password_set", login=args.login))
    return 0


def team_list_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.server import list_members
    from katerm.i18n.fmt import fmt_int

    members = list_members(_server(args))
    records = [
        {
            "login": m.login,
            "name": m.name,
            "email": m.email,
            "manager": m.manager,
            "active": m.active,
            "records": m.records,
        }
        for m in members
    ]
    columns = ["login", "name", "manager", "email", "active", "records"]
    headers = [t(f"sync.cli.col_{c}") for c in columns]
    emit(
        args.format,
        records,
        columns,
        headers,
        ctx.out,
        numeric=["records"],
        display={
            "active": lambda v: t("sync.cli.yes") if v else t("sync.cli.removed"),
            "records": fmt_int,
            "manager": lambda v: v or "—",
        },
    )
    return 0


def team_move_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.server import move_member

    move_member(_server(args), args.login, None if args.top else args.manager)
    ctx.say(t("sync.cli.moved", login=args.login, manager=args.manager or "—"))
    return 0


def team_remove_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.server import remove_member

    remove_member(_server(args), args.login)
    ctx.say(t("sync.cli.member_removed", login=args.login))
    return 0


def team_reassign_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.server import reassign

    moved = reassign(_server(args), args.source, args.target)
    total = sum(moved.values())
    detail = [t("sync.cli.table_count", table=n, count=c) for n, c in sorted(moved.items())]
    ctx.say(
        t(
            "sync.cli.reassigned",
            count=total,
            source=args.source,
            target=args.target,
            detail=detail or "—",
        )
    )
    return 0
