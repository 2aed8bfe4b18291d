"""`katerm login`, `katerm logout`, `katerm sync` and `katerm conflicts`."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from katerm.cli.context import CliContext
from katerm.core.errors import BadInput
from katerm.i18n import t, tn

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

CONFLICT_FORMATS = ("table", "json")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    login = sub.add_parser(
        "login",
        parents=[common],
        help=t("sync.cli.login_help"),
        description=t("sync.cli.login_description"),
    )
    login.add_argument("url", metavar="URL", help=t("sync.cli.login_url"))
    login.add_argument("--user", metavar="LOGIN", required=True, help=t("sync.cli.opt_user"))
    login.add_argument("--password-stdin", action="store_true", help=t("sync.cli.opt_pw_stdin"))
    login.add_argument("--ca-file", metavar="FILE", help=t("sync.tls.opt_ca_file"))
    login.add_argument("--insecure", action="store_true", help=t("sync.tls.opt_insecure"))
    login.set_defaults(handler=login_cmd)

    logout = sub.add_parser("logout", parents=[common], help=t("sync.cli.logout_help"))
    logout.set_defaults(handler=logout_cmd)

    sync = sub.add_parser(
        "sync",
        parents=[common],
        help=t("sync.cli.sync_help"),
        description=t("sync.cli.sync_description"),
    )
    sync.add_argument("--full", action="store_true", help=t("sync.cli.opt_full"))
    sync.set_defaults(handler=sync_cmd)

    conflicts = sub.add_parser(
        "conflicts",
        parents=[common],
        help=t("sync.cli.conflicts_help"),
        description=t("sync.cli.conflicts_description"),
    )
    conflicts.add_argument("--format", choices=CONFLICT_FORMATS, default="table")
    conflicts.add_argument("--all", action="store_true", help=t("sync.cli.opt_all"))
    conflicts.add_argument(
        "--keep", nargs=2, metavar=("ID", "current|lost"), help=t("sync.cli.opt_keep")
    )
    conflicts.set_defaults(handler=conflicts_cmd)


# --- login / logout -------------------------------------------------------------------------


def login_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    import os

    from katerm.core.sync import connect
    from katerm.core.sync.run import check_credentials, log_in

    server = connect.Server.parse(args.url, allow_user=False)
    if args.ca_file:
        from pathlib import Path

        ca = Path(args.ca_file).expanduser().absolute()
        if not ca.is_file():
            raise BadInput("sync.tls.no_ca_file", path=str(ca))
        server = server.with_ca_file(str(ca))
    server = connect.Server(server.url, bool(args.insecure))
    server.tls_params()  # a plain connection without --insecure: said before any password
    login = connect.check_login(args.user)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = os.environ.get(connect.PASSWORD_ENV, "")
        if not password:
            password = connect.password_for(server, login, prompt=True)
    if not password:
        raise BadInput("sync.cli.empty_password")
    name = check_credentials(server, login, password)
    ws = ctx.workspace()
    log_in(ws, server, login)
    ctx.say(t("sync.cli.logged_in", login=login, name=name or login, server=server.shown))
    if connect.store_password(server, login, password):
        ctx.say(t("sync.cli.password_kept"))
    else:
        ctx.warn(t("sync.cli.no_keyring"))
        ctx.warn(t("sync.cli.no_keyring_hint"))
    ctx.say(t("sync.cli.login_next"))
    return 0


def logout_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.connect import forget_password
    from katerm.core.sync.run import log_out

    found = log_out(ctx.workspace())
    if found is None:
        ctx.say(t("sync.cli.not_logged_in"))
        return 0
    forget_password(found.server, found.login)
    ctx.say(t("sync.cli.logged_out", login=found.login, server=found.server.shown))
    return 0


# --- sync -----------------------------------------------------------------------------------


def sync_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.sync.connect import driver
    from katerm.core.sync.run import NotLoggedIn, current_login, sync
    from katerm.i18n.fmt import fmt_int

    ws = ctx.workspace()
    if current_login(ws) is None:  # first what to do (log in), then what to install
        raise NotLoggedIn("sync.not_logged_in", hint="sync.not_logged_in_hint")
    driver()  # say how to install it before anything else
    _say_insecure(ctx, ws)
    with _progress(ctx) as progress:
        summary = sync(ws, progress=progress, full=args.full)
    ctx.say(
        t(
            "sync.cli.summary",
            pushed=fmt_int(summary.pushed),
            pulled=fmt_int(summary.pulled),
            changed=fmt_int(summary.changed),
        )
    )
    if summary.full and summary.purged:
        ctx.say(tn("sync.cli.was_full", summary.purged, n=fmt_int(summary.purged)))
    if summary.conflicts:
        ctx.say(tn("sync.cli.new_conflicts", summary.conflicts))
    if summary.denied:
        ctx.warn(tn("sync.cli.denied", summary.denied))
    if summary.held:
        ctx.warn(tn("sync.cli.held", summary.held, owners=list(summary.held_owners) or "?"))
    if summary.refused:
        ctx.warn(tn("sync.cli.refused", summary.refused))
        for table, field, why in summary.reasons[:10]:
            ctx.warn(f"  {table} · {field or '—'}: {why_text(why)}")
    _say_quarantined(ctx, ws)
    return 0


def _say_insecure(ctx: CliContext, ws: Workspace) -> None:
    """Every sync over a connection allowed without TLS says so."""
    from katerm.core.sync.connect import check_saved
    from katerm.core.sync.run import current_login

    found = current_login(ws)
    if found is not None and check_saved(found.server).insecure and not found.server.local:
        ctx.warn(t("sync.tls.insecure_warning", server=found.server.shown))


def why_text(code: str) -> str:
    """A server's reason for refusing a change, in the interface language."""
    from katerm.i18n import has_key

    return t(f"sync.why.{code}") if has_key(f"sync.why.{code}", "en") else code


def _say_quarantined(ctx: CliContext, ws: Workspace) -> None:
    """Rows from the server set aside (they break the rules): said on every sync until a
    good version replaces them."""
    from katerm.core.sync.incoming import count, listing

    with ws.db.reading() as conn:
        found = count(conn)
        shown = listing(conn)
    if not found:
        return
    ctx.warn(tn("sync.cli.quarantined", found))
    for table, row_id, problem in shown:
        field, _, why = problem.partition(": ")
        ctx.warn(f"  {table} {row_id[:8]} · {field}: {why_text(why)}")
    ctx.warn(t("sync.cli.quarantine_hint.text"))


@contextlib.contextmanager
def _progress(ctx: CliContext) -> Iterator[Callable[[str, int, int], None] | None]:
    """A bar on stderr when it is a terminal (a log gets the summary alone)."""
    if not (hasattr(ctx.err, "isatty") and ctx.err.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(file=ctx.err),
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def show(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(t(f"sync.cli.stage_{stage}"), total=total)
        bar.update(tasks[stage], completed=done, total=total)

    with bar:
        yield show


# --- conflicts ------------------------------------------------------------------------------


def short_id(key: tuple[str, str, str, str]) -> str:
    """A stable short handle for a conflict (its key is four long values)."""
    return hashlib.sha1("\x1f".join(key).encode()).hexdigest()[:8]


def conflicts_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.output import as_json, table
    from katerm.core.sync.conflicts import describe, list_conflicts

    ws = ctx.workspace()
    if args.keep:
        return _keep(ctx, ws, *args.keep)
    with ws.db.reading() as conn:
        found = list_conflicts(conn, include_acknowledged=args.all)
        shown = [(c, describe(conn, c)) for c in found]
    if args.format == "json":
        as_json(
            [
                {
                    "id": short_id(c.key),
                    "table": c.tbl,
                    "row_id": c.row_id,
                    "record": c.label,
                    "field": c.field,
                    "kind": c.kind,
                    "current_value": c.current_value,
                    "lost_value": c.lost_value,
                    "won_value": c.won_value,
                    "lost_tag": c.lost_tag,
                    "detected_by": c.detected_by,
                    "detected_at": c.detected_at,
                    "acknowledged": c.acknowledged,
                    "reason": c.reason,
                }
                for c, _ in shown
            ],
            ctx.out,
        )
        return 0
    if not found:
        ctx.say(t("sync.cli.no_conflicts"))
        return 0
    headers = [
        t(f"sync.cli.col_{c}")
        for c in ("id", "record", "field", "current", "lost", "kind", "by", "when")
    ]
    rows = [
        [short_id(c.key), d.record, d.field, d.current, d.lost, d.kind, d.by, d.when]
        for c, d in shown
    ]
    table(rows, headers, ctx.out)
    ctx.say(t("sync.cli.conflicts_hint"))
    return 0


def _keep(ctx: CliContext, ws: Workspace, ident: str, which: str) -> int:
    from katerm.core.sync.conflicts import acknowledge, field_label, keep_lost, list_conflicts

    if which not in ("current", "lost"):
        raise BadInput("sync.cli.keep_which", value=which)
    with ws.db.reading() as conn:
        matches = [
            c
            for c in list_conflicts(conn, include_acknowledged=True)
            if short_id(c.key).startswith(ident.lower())
        ]
    if len(matches) != 1:
        raise BadInput("sync.conflicts.unknown_id", id=ident)
    c = matches[0]
    if which == "current":
        acknowledge(ws, c.key)
    else:
        keep_lost(ws, c.key)
    ctx.say(t(f"sync.cli.kept_{which}", record=c.label, field=field_label(c.tbl, c.field)))
    return 0
