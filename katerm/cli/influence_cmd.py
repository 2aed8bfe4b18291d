"""`katerm influence ACCOUNT`: print an account's influence map, as the screen shows it."""

from __future__ import annotations

import argparse

from katerm.cli.context import CliContext
from katerm.i18n import t

FORMATS = ("text", "json", "md")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "influence",
        parents=[common],
        help=t("influence.cli.help"),
        description=t("influence.cli.description"),
    )
    cmd.add_argument("account", metavar="ACCOUNT", help=t("influence.cli.account"))
    cmd.add_argument("--format", choices=FORMATS, default="text", help=t("influence.cli.format"))
    cmd.set_defaults(handler=influence_cmd)


def influence_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.output import as_json
    from katerm.core.accounts import resolve_account
    from katerm.core.influence import as_markdown, as_text, coverage, coverage_json, load_map

    ws = ctx.workspace()
    with ws.db.reading() as conn:
        account_id, _ = resolve_account(conn, args.account)
        found = load_map(conn, account_id)
        cover = coverage(conn, found)
    if args.format == "json":
        from katerm.core.influence import as_json as map_json

        data = map_json(found)
        data["coverage"] = coverage_json(found, cover)
        as_json(data, ctx.out)
    elif args.format == "md":
        ctx.out.write(as_markdown(found, cover))
    else:
        # Titles are cut with "…" only to keep a terminal's width; a file or a pipe gets them
        # whole.
        ctx.out.write(as_text(found, cover, cut=ctx.out.isatty()))
    return 0
