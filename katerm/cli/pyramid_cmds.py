"""`katerm pyramid` and `katerm retier`: the account pyramid's figures, and re-tiering."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from katerm.cli.context import CliContext
from katerm.cli.output import FORMATS, as_csv, as_json, table
from katerm.core.config import TIER_SCHEMES
from katerm.core.store import Lifecycle
from katerm.i18n import t, tn

if TYPE_CHECKING:
    from katerm.core.pyramid import Pyramid, PyramidQuery

LIFECYCLES = tuple(m.value for m in Lifecycle)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pyr = sub.add_parser(
        "pyramid",
        parents=[common],
        help=t("pyramid.cli.help"),
        description=t("pyramid.cli.description"),
    )
    _scope_options(pyr)
    pyr.add_argument("--year", metavar="Y", help=t("pyramid.cli.opt_year"))
    pyr.add_argument("--region", metavar="R", help=t("pyramid.cli.opt_region"))
    pyr.add_argument("--industry", metavar="I", help=t("pyramid.cli.opt_industry"))
    pyr.add_argument("--lifecycle", choices=LIFECYCLES, help=t("pyramid.cli.opt_lifecycle"))
    pyr.add_argument("--beside", choices=TIER_SCHEMES, help=t("pyramid.cli.opt_beside"))
    pyr.add_argument("--format", choices=FORMATS, default="table", help=t("pyramid.cli.opt_format"))
    pyr.set_defaults(handler=pyramid_cmd)

    ret = sub.add_parser(
        "retier",
        parents=[common],
        help=t("pyramid.cli.retier_help"),
        description=t("pyramid.cli.retier_description"),
    )
    _scope_options(ret)
    ret.add_argument("--apply", action="store_true", help=t("pyramid.cli.opt_apply"))
    ret.add_argument("--dry-run", action="store_true", help=t("pyramid.cli.opt_dry_run"))
    ret.add_argument("--format", choices=FORMATS, default="table", help=t("pyramid.cli.opt_format"))
    ret.set_defaults(handler=retier_cmd)


def _scope_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scheme", choices=TIER_SCHEMES, help=t("pyramid.cli.opt_scheme"))
    parser.add_argument("--owner", metavar="LOGIN", help=t("pyramid.cli.opt_owner"))


def _query(ctx: CliContext, args: argparse.Namespace) -> PyramidQuery:
    from katerm.core.errors import NotFound
    from katerm.core.pyramid import PyramidQuery, check_year
    from katerm.core.team import ids_by_login

    year = (
        check_year(args.year)
        if getattr(args, "year", None) is not None
        else ctx.workspace().clock.year()
    )
    owner_id = None
    if args.owner:
        ws = ctx.workspace()
        with ws.db.reading() as conn:
            logins = ids_by_login(conn)
        owner_id = logins.get(args.owner.strip().casefold())
        if owner_id is None:
            raise NotFound(
                "pyramid.err.unknown_owner", login=args.owner, known=tuple(sorted(logins))
            )
    return PyramidQuery(
        scheme=args.scheme or ctx.settings.tier_scheme,
        owner_id=owner_id,
        region=getattr(args, "region", None) or None,
        industry=getattr(args, "industry", None) or None,
        lifecycle=getattr(args, "lifecycle", None),
        year=year,
    )


def tier_label(tier: str | None) -> str:
    return t(f"fields.tier.{tier}") if tier else t("pyramid.untiered")


def pyramid_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.pyramid import RULES, beside, compute, flag_counts, grade_flags, serve_rules

    query = _query(ctx, args)
    ws = ctx.workspace()
    other = args.beside if args.beside and args.beside != query.scheme else None
    serve = serve_rules(ctx.settings)
    with ws.db.reading() as conn:
        pyramid = compute(conn, query, ws.me.id)
        cross = beside(conn, query, ws.me.id, other) if other else {}
        flags = grade_flags(conn, query, ws.me.id, serve, ws.clock.today())
    flagged = flag_counts(query.scheme, flags)
    records = [f.record() for f in pyramid.tiers]
    for record in records:  # who should serve the tier, and the owners who do not match
        tier = record["tier"]
        record["served_by"] = list(serve[query.scheme].get(tier, ())) if tier else []
        record["warnings"] = (
            [{"code": "owner_grade_mismatch", "count": flagged[tier]}] if flagged.get(tier) else []
        )
        record["flags"] = [f.record() for f in flags if f.tier == tier]
    others: list[str | None] = [*RULES[other].tiers, None] if other else []
    for record in records:
        if other:  # the same accounts by their tier in the other scheme
            counts = cross.get(record["tier"], {})
            record["beside"] = {
                "scheme": other,
                "counts": {o or "none": counts.get(o, 0) for o in others},
            }
    if args.format == "json":
        as_json(records, ctx.out)
    elif args.format == "csv":
        columns = ["tier", "count", "count_share", "revenue", "revenue_share", "target", "gap"]
        extra = [f"{other}:{o or 'none'}" for o in others]
        as_csv(
            [
                [r[c] for c in columns]
                + [r["lifecycle"][v] for v in LIFECYCLES]
                + [r["beside"]["counts"][o or "none"] for o in others]
                + [" ".join(r["served_by"]), len(r["flags"])]
                for r in records
            ],
            [*columns, *LIFECYCLES, *extra, "served_by", "owner_grade_mismatch"],
            ctx.out,
        )
    else:
        _print_table(ctx, pyramid)
        _print_serve(ctx, query.scheme, serve[query.scheme], flags)
        if other:
            ctx.say()
            ctx.say(t("pyramid.cli.beside", scheme=t(f"fields.scheme.{other}")))
            table(
                [
                    [
                        tier_label(r["tier"]),
                        *(str(r["beside"]["counts"][o or "none"]) for o in others),
                    ]
                    for r in records
                ],
                [t("pyramid.col.tier"), *(tier_label(o) for o in others)],
                ctx.out,
                numeric=range(1, len(others) + 1),
            )
    return 0


def _print_table(ctx: CliContext, pyramid: Pyramid) -> None:
    from katerm.core.money import approx, left_out
    from katerm.i18n.fmt import fmt_int, fmt_money, fmt_share, fmt_signed

    total = pyramid.revenue_total  # one figure: ≈ when converted
    ctx.say(
        t(
            "pyramid.cli.heading",
            scheme=t(f"fields.scheme.{pyramid.query.scheme}"),
            year=pyramid.year,
            count=fmt_int(pyramid.count),
            revenue=approx(total) if total else fmt_money(pyramid.revenue),
        )
    )
    from katerm.core.pyramid import describe_thresholds

    for line in left_out(pyramid.revenue_total):  # what has no rate (≈ says converted)
        ctx.say(line)
    lines = describe_thresholds(pyramid.query.scheme, pyramid.thresholds)
    if lines:
        ctx.say(t("pyramid.cli.thresholds", thresholds=" · ".join(lines)))
    ctx.say()
    headers = [
        t("pyramid.col.tier"),
        t("pyramid.col.count"),
        t("pyramid.col.count_share"),
        t("pyramid.col.revenue"),
        t("pyramid.col.revenue_share"),
        t("pyramid.col.target"),
        t("pyramid.col.gap"),
    ]

    def number(value: int | None) -> str:
        return "" if value is None else fmt_signed(value, plus=False)

    rows: list[list[Any]] = [
        [
            tier_label(f.tier),
            fmt_int(f.count),
            fmt_share(f.count_share),
            fmt_money(f.revenue),
            fmt_share(f.revenue_share),
            number(f.target),
            number(f.gap),
        ]
        for f in pyramid.tiers
    ]
    table(rows, headers, ctx.out, numeric=range(1, 7))
    if not pyramid.targets_apply:
        ctx.say(t("pyramid.targets_whole_portfolio"))
    ctx.say()
    headers = [t("pyramid.col.tier"), *(t(f"fields.lifecycle.{v}") for v in LIFECYCLES)]
    table(
        [
            [tier_label(f.tier), *(fmt_int(f.lifecycle[v]) for v in LIFECYCLES)]
            for f in pyramid.tiers
        ],
        headers,
        ctx.out,
        numeric=range(1, 5),
    )


_FLAGS_SHOWN = 15


def _print_serve(
    ctx: CliContext, scheme: str, serve: dict[str, tuple[str, ...]], flags: list[Any]
) -> None:
    """Who serves each tier, the owners who do not match, and the first of those accounts."""
    from katerm.core.pyramid import flag_counts
    from katerm.i18n.fmt import fmt_int

    counts = flag_counts(scheme, flags)
    ctx.say()
    ctx.say(t("pyramid.serve.title"))
    table(
        [
            [tier_label(tier), grades_label(serve.get(tier, ())), fmt_int(counts[tier])]
            for tier in counts
        ],
        [t("pyramid.col.tier"), t("pyramid.serve.served_by"), t("pyramid.serve.mismatch")],
        ctx.out,
        numeric=[2],
    )
    for flag in flags[:_FLAGS_SHOWN]:
        ctx.say(
            "  "
            + t(
                "pyramid.serve.flag",
                name=flag.name,
                tier=tier_label(flag.tier),
                owner=flag.owner,
                grade=t(f"pyramid.grade.{flag.grade}"),
                wanted=grades_label(flag.wanted),
            )
        )
    if len(flags) > _FLAGS_SHOWN:
        ctx.say("  " + tn("pyramid.serve.more", len(flags) - _FLAGS_SHOWN))


def grades_label(grades: tuple[str, ...]) -> str:
    """Grades in words (``Best seller / A year or more``; none: not served)."""
    if not grades:
        return t("pyramid.grade.none")
    return " / ".join(t(f"pyramid.grade.{g}") for g in grades)


def retier_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.pyramid import apply_suggestions, suggestions

    query = _query(ctx, args)
    ws = ctx.workspace()
    with ws.db.reading() as conn:
        found = suggestions(conn, query, ws.me.id)
    movable = [s for s in found if not s.held]
    held = len(found) - len(movable)
    if args.apply:
        result = apply_suggestions(
            ws, query.scheme, [s.account_id for s in movable], dry_run=args.dry_run
        )
        applied = set(result.applied)
        found = [s for s in found if s.account_id in applied]
    if args.format == "json":
        as_json([s.record() for s in found], ctx.out)
    elif args.format == "csv":
        columns = [
            "account_id",
            "name",
            "owner",
            "current",
            "suggested",
            "direction",
            "held",
            "basis",
            "reason",
        ]
        as_csv([[s.record()[c] for c in columns] for s in found], columns, ctx.out)
    else:
        headers = [
            t("pyramid.col.account"),
            t("pyramid.col.owner"),
            t("pyramid.col.change"),
            t("pyramid.col.reason"),
        ]
        table(
            [
                [
                    s.name,
                    s.owner,
                    t("money.no_rate", tier=tier_label(s.current))
                    if s.no_rate
                    else _change(s.current, s.suggested, s.direction, s.held),
                    s.reason,
                ]
                for s in found
            ],
            headers,
            ctx.out,
        )
    if args.format != "table":
        return 0
    if args.apply:
        key = "pyramid.cli.would_apply" if args.dry_run else "pyramid.cli.applied"
        ctx.say(tn(key, len(result.applied)))
    elif movable:
        ctx.say(tn("pyramid.cli.apply_hint", len(movable)))
    else:
        ctx.say(t("pyramid.cli.nothing"))
    if held:
        ctx.say(tn("pyramid.cli.held", held))
    return 0


def _change(current: str | None, suggested: str | None, direction: str, held: bool) -> str:
    arrow = "↑" if direction == "promote" else "↓" if direction == "demote" else "→"
    text = f"{tier_label(current)} {arrow} {tier_label(suggested)}"
    return t("pyramid.cli.change_held", change=text, held=t("pyramid.held")) if held else text
