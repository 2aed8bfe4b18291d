"""`katerm review template show|add|remove|target|rename`: a team lead's checklist template.

Edits apply from the next day (daily checklist) or the next Monday (weekly), so checklists
already under way and past ones keep their items.
"""

from __future__ import annotations

import argparse

from katerm.cli.context import CliContext
from katerm.i18n import t


def register_template(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    tpl = actions.add_parser(
        "template",
        parents=[common],
        help=t("reviews.cli.template_help"),
        description=t("reviews.cli.template_description"),
    )
    edits = tpl.add_subparsers(
        dest="template_command", metavar="COMMAND", required=True, title=t("cli.commands_title")
    )

    def period(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--period", choices=("day", "week"), default="day", help=t("reviews.cli.period")
        )

    show = edits.add_parser("show", parents=[common], help=t("reviews.cli.template_show"))
    period(show)
    show.add_argument("--date", metavar="D", help=t("reviews.cli.template_on"))
    show.set_defaults(handler=show_cmd)
    add = edits.add_parser("add", parents=[common], help=t("reviews.cli.template_add"))
    period(add)
    what = add.add_mutually_exclusive_group(required=True)
    what.add_argument("--label", metavar="TEXT", help=t("reviews.cli.label"))
    what.add_argument("--measure", metavar="KEY", help=t("reviews.cli.measure"))
    add.add_argument("--target", metavar="N", help=t("reviews.cli.target"))
    add.set_defaults(handler=add_cmd)
    remove = edits.add_parser("remove", parents=[common], help=t("reviews.cli.template_remove"))
    period(remove)
    remove.add_argument("key", metavar="KEY", help=t("reviews.cli.item_key"))
    remove.set_defaults(handler=remove_cmd)
    target = edits.add_parser("target", parents=[common], help=t("reviews.cli.template_target"))
    period(target)
    target.add_argument("key", metavar="KEY", help=t("reviews.cli.item_key"))
    target.add_argument("target", metavar="N", help=t("reviews.cli.target"))
    target.set_defaults(handler=target_cmd)
    rename = edits.add_parser("rename", parents=[common], help=t("reviews.cli.template_rename"))
    period(rename)
    rename.add_argument("key", metavar="KEY", help=t("reviews.cli.item_key"))
    rename.add_argument("label", metavar="TEXT", help=t("reviews.cli.label"))
    rename.set_defaults(handler=rename_cmd)


def _number(text: str | None) -> int | None:
    from katerm.core.errors import BadInput
    from katerm.core.reviews import MAX_TARGET

    if text is None:
        return None
    try:
        return int(str(text).strip())
    except ValueError:
        raise BadInput("reviews.err.bad_target", value=text, high=MAX_TARGET) from None


def show_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.output import table
    from katerm.core.periods import Period, parse_day
    from katerm.core.reviews import effective_from, item_label, items_for, source_of

    clock = ctx.workspace().clock
    ws = ctx.workspace()
    today = clock.today()
    day = parse_day(args.date, today)
    period = Period.day(day) if args.period == "day" else Period.week_of(day)
    with ws.db.reading() as conn:
        owner, _ = source_of(conn, ws.me.id, args.period)
        items = items_for(conn, ws.me.id, period)
        owner_name = (
            conn.execute(
                "SELECT coalesce(nullif(name, ''), login) FROM users WHERE id = ?", (owner,)
            ).fetchone()
            if owner
            else None
        )
    ctx.say(
        t(
            "reviews.cli.template_of",
            period=period.key,
            owner=owner_name[0] if owner_name else t("reviews.cli.builtin"),
        )
    )
    rows = [
        [
            i.key,
            t(f"reviews.cli.kind_{i.kind}"),
            item_label(i.key, i.label),
            "" if i.target is None else i.target,
        ]
        for i in items
    ]
    headers = [
        t("reviews.cli.col.key"),
        t("reviews.cli.col.item_kind"),
        t("reviews.cli.col.label"),
        t("reviews.cli.col.target"),
    ]
    table(rows, headers, ctx.out, numeric=[3])
    ctx.say(t("reviews.cli.edits_from", date=effective_from(args.period, today).isoformat()))
    return 0


def _done(ctx: CliContext, args: argparse.Namespace, key: str) -> None:
    from katerm.core.reviews import effective_from

    starts = effective_from(args.period, ctx.workspace().clock.today())
    ctx.say(t(key, key=getattr(args, "key", "") or "", date=starts.isoformat()))


def add_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.reviews import add_item

    ws = ctx.workspace()
    key = add_item(
        ws,
        args.period,
        today=ctx.workspace().clock.today(),
        label=args.label or "",
        measure=args.measure or "",
        target=_number(args.target),
    )
    args.key = key
    _done(ctx, args, "reviews.cli.item_added")
    return 0


def remove_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.reviews import remove_item

    remove_item(ctx.workspace(), args.period, args.key, today=ctx.workspace().clock.today())
    _done(ctx, args, "reviews.cli.item_removed")
    return 0


def target_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.reviews import set_target

    set_target(
        ctx.workspace(),
        args.period,
        args.key,
        _number(args.target),
        today=ctx.workspace().clock.today(),
    )
    _done(ctx, args, "reviews.cli.item_changed")
    return 0


def rename_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.reviews import set_label

    ws = ctx.workspace()
    set_label(ws, args.period, args.key, args.label, today=ws.clock.today())
    _done(ctx, args, "reviews.cli.item_changed")
    return 0
