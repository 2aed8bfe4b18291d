"""`katerm competitors [ACCOUNT]`: the team's competitors with our win/loss against each, or
those present at one account with the seed's questions answered and who favours them; adding
a competitor and recording a presence. `katerm lost OPPORTUNITY`: close an order as lost,
with its reason and winner (both required)."""

from __future__ import annotations

import argparse
from typing import Any

from katerm.cli.context import CliContext
from katerm.i18n import t
from katerm.i18n.fmt import fmt_share

FORMATS = ("table", "json", "csv")
_WL_COLUMNS = ("competitor", "won", "lost", "open", "win_rate", "notes")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from katerm.core.competitors import QUESTIONS

    cmd = sub.add_parser(
        "competitors",
        parents=[common],
        help=t("competitors.cli.help"),
        description=t("competitors.cli.description"),
    )
    cmd.add_argument("account", metavar="ACCOUNT", nargs="?", help=t("competitors.cli.account"))
    cmd.add_argument("--format", choices=FORMATS, default="table", help=t("competitors.cli.format"))
    cmd.add_argument("--add", metavar="NAME", help=t("competitors.cli.add"))
    cmd.add_argument("--notes", metavar="TEXT", default="", help=t("competitors.cli.notes"))
    cmd.add_argument("--present", metavar="NAME", help=t("competitors.cli.present"))
    cmd.add_argument("--opportunity", metavar="OPP", help=t("competitors.cli.opportunity"))
    for q in QUESTIONS:
        cmd.add_argument(
            f"--{q.replace('_', '-')}", dest=q, metavar="TEXT", help=t(f"competitors.q.{q}")
        )
    cmd.add_argument("--since", metavar="D", help=t("competitors.cli.since"))
    cmd.add_argument("--until", metavar="D", help=t("competitors.cli.until"))
    cmd.set_defaults(handler=competitors_cmd)

    lost = sub.add_parser(
        "lost", parents=[common], help=t("lost.cli.help"), description=t("lost.cli.description")
    )
    lost.add_argument("opportunity", metavar="OPPORTUNITY", help=t("lost.cli.opportunity"))
    lost.add_argument("--reason", default="", help=t("lost.cli.reason"))
    lost.add_argument("--winner", default="", help=t("lost.cli.winner"))
    lost.add_argument("--date", metavar="D", help=t("plan.cli.date"))
    lost.set_defaults(handler=lost_cmd)


# The option a refused field came from, for the message (the answers: --offer, ...).
_OPTIONS = {
    "loss_reason": "--reason",
    "winner": "--winner",
    "name": "--add",
    "notes": "--notes",
    "competitor": "--present",
}


def _saving(ctx: CliContext, action: Any, *args: Any, **kwargs: Any) -> Any:
    return ctx.saving(_OPTIONS, action, *args, **kwargs)


def _day(value: str | None) -> Any:
    from katerm.core.errors import BadInput
    from katerm.core.fields import day

    if not value:
        return None
    try:
        return day("date", value)
    except BadInput:
        raise BadInput("plan.cli.bad_date", value=value) from None


def competitors_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.accounts import resolve_account
    from katerm.core.competitors import QUESTIONS, add_competitor, set_presence
    from katerm.core.errors import BadInput
    from katerm.core.team import below

    ws = ctx.workspace()
    answers = {q: getattr(args, q) for q in QUESTIONS if getattr(args, q) is not None}
    if (answers or args.opportunity) and not args.present:
        raise BadInput("competitors.cli.needs_present")
    if args.add:
        _saving(ctx, add_competitor, ws, args.add, args.notes)
        ctx.say(t("competitors.cli.added", name=args.add.strip()))
        if not args.present:
            return 0
    if args.present:
        if not args.account:
            raise BadInput("competitors.cli.present_needs_account")
        with ws.db.reading() as conn:
            owners = below(conn, ws.me.id)
            account_id, account = resolve_account(conn, args.account, owners)
            opp_id = None
            if args.opportunity:
                opp_id = _opportunity_at(conn, args.opportunity, owners, account_id, account)
        _saving(ctx, set_presence, ws, args.present, account_id, opp_id, answers)
        ctx.say(t("competitors.cli.recorded", name=args.present.strip(), account=account))
        return 0
    if args.account:
        _print_account(ctx, args)
    else:
        _print_team(ctx, args)
    return 0


def _opportunity_at(conn: Any, text: str, owners: Any, account_id: str, account: str) -> str:
    from katerm.core.competitors import resolve_opportunity
    from katerm.core.errors import BadInput

    opp_id, name, at = resolve_opportunity(conn, text, owners)
    if at != account_id:
        raise BadInput("competitors.cli.other_account", name=name, account=account)
    return opp_id


def _print_team(ctx: CliContext, args: argparse.Namespace) -> None:
    from katerm.cli.output import emit
    from katerm.core.competitors import list_competitors, win_loss
    from katerm.core.team import below

    ws = ctx.workspace()
    with ws.db.reading() as conn:
        notes = {c.name: c.notes for c in list_competitors(conn)}
        rows = win_loss(conn, below(conn, ws.me.id), since=_day(args.since), until=_day(args.until))
    records = [
        {
            "competitor": w.competitor,
            "won": w.won,
            "lost": w.lost,
            "open": w.open,
            "win_rate": None if w.win_rate is None else round(w.win_rate, 4),
            "notes": notes.get(w.competitor, ""),
            "listed": w.competitor in notes,
        }
        for w in rows
    ]
    if args.format == "table" and not records:
        ctx.say(t("competitors.cli.none"))
        return
    columns = (*_WL_COLUMNS, "listed") if args.format == "json" else _WL_COLUMNS
    emit(
        args.format,
        records,
        columns,
        [t(f"competitors.col.{c}") for c in _WL_COLUMNS],
        ctx.out,
        numeric=("won", "lost", "open", "win_rate"),
        display={"win_rate": lambda v: "—" if v is None else fmt_share(v)},
    )


def _print_account(ctx: CliContext, args: argparse.Namespace) -> None:
    from katerm.cli.output import as_json, emit
    from katerm.core.accounts import resolve_account
    from katerm.core.competitors import QUESTIONS, favourers, presences
    from katerm.core.roles import label
    from katerm.core.team import below

    ws = ctx.workspace()
    with ws.db.reading() as conn:
        account_id, account = resolve_account(conn, args.account, below(conn, ws.me.id))
        present = presences(conn, account_id=account_id)
        friends = favourers(conn, account_id)
    records = [
        {
            "competitor": p.competitor,
            "opportunity": p.opportunity or None,
            **{q: p.answers[q] for q in QUESTIONS},
        }
        for p in present
    ]
    people = [
        {
            "contact": f.name,
            "title": f.title,
            "influence": f.influence or None,
            "competitor": f.competitor,
            "strength": f.strength or None,
        }
        for f in friends
    ]
    if args.format == "json":
        as_json({"account": account, "present": records, "favoured_by": people}, ctx.out)
        return
    columns = ("competitor", "opportunity", *QUESTIONS)
    if args.format == "csv":
        emit("csv", records, columns, columns, ctx.out)
        return
    ctx.say(t("competitors.cli.at", account=account))
    if records:
        for r in records:
            where = r["opportunity"] or t("competitors.cli.account_wide")
            ctx.say(f"\n{r['competitor']} · {where}")
            for q in QUESTIONS:
                ctx.say(
                    t(
                        "competitors.cli.answer",
                        question=t(f"competitors.q.{q}"),
                        answer=r[q] or "—",
                    )
                )
    else:
        ctx.say(t("competitors.cli.none_present"))
    if people:
        ctx.say()
        ctx.say(t("competitors.cli.favoured_by"))
        for f in friends:
            strength = label("strength", f.strength) if f.strength else "—"
            ctx.say(
                t(
                    "competitors.cli.favourer",
                    name=f.name,
                    title=f.title or "—",
                    competitor=f.competitor,
                    strength=strength,
                )
            )


def lost_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.competitors import resolve_opportunity
    from katerm.core.pipeline import close_lost
    from katerm.core.team import below

    ws = ctx.workspace()
    today = _day(args.date) or ws.clock.today()
    with ws.db.reading() as conn:
        opp_id, name, _ = resolve_opportunity(conn, args.opportunity, below(conn, ws.me.id))
    _saving(ctx, close_lost, ws, opp_id, today=today, loss_reason=args.reason, winner=args.winner)
    ctx.say(t("lost.cli.done", name=name, winner=args.winner.strip()))
    return 0


def print_lost(ctx: CliContext, fmt: str, rows: list) -> None:
    """`katerm pipeline --lost`: the lost orders with why and to whom, newest first."""
    from katerm.cli.output import emit
    from katerm.i18n.fmt import fmt_date, fmt_money

    lost = sorted(
        (r.opportunity for r in rows if r.opportunity.outcome == "lost"),
        key=lambda o: (o.closed_on is None, -(o.closed_on.toordinal() if o.closed_on else 0)),
    )
    records = [
        {
            "id": o.id,
            "name": o.name,
            "account": o.account_name,
            "owner": o.owner_name,
            "amount": o.amount,
            "currency": o.currency,
            "closed_on": o.closed_on,
            "loss_reason": o.loss_reason,
            "winner": o.winner,
        }
        for o in lost
    ]
    columns = ("name", "account", "owner", "amount", "closed_on", "loss_reason", "winner")
    if fmt == "json":
        emit("json", records, ("id", *columns, "currency"), (), ctx.out)
        return
    if fmt == "table" and not records:
        ctx.say(t("lost.cli.none"))
        return
    emit(
        fmt,
        records,
        columns,
        [t(f"lost.col.{c}") for c in columns],
        ctx.out,
        numeric=("amount",),
        display={"amount": fmt_money, "closed_on": fmt_date},
    )
