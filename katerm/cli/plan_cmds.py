"""`katerm plan ACCOUNT`: the whole account plan as a document; `katerm pipeline`: the
opportunities by stage, win rate and cycle time, or the stuck orders."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from katerm.cli.context import CliContext
from katerm.core.errors import BadInput, NotFound
from katerm.i18n import t

DOC_FORMATS = ("md", "html", "json")
LIST_FORMATS = ("table", "json", "csv")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    plan = sub.add_parser(
        "plan", parents=[common], help=t("plan.cli.help"), description=t("plan.cli.description")
    )
    plan.add_argument("account", metavar="ACCOUNT", help=t("plan.cli.account"))
    plan.add_argument("--format", choices=DOC_FORMATS, help=t("plan.cli.format"))
    plan.add_argument("-o", "--output", metavar="FILE", help=t("plan.cli.output"))
    plan.add_argument("--date", metavar="D", help=t("plan.cli.date"))
    plan.add_argument("--stages", action="store_true", help=t("stageplan.cli.stages"))
    plan.add_argument("--opportunity", metavar="NAME", help=t("stageplan.cli.opportunity"))
    plan.add_argument("--triangle", action="store_true", help=t("stageplan.cli.triangle"))
    plan.set_defaults(handler=plan_cmd)

    pipe = sub.add_parser(
        "pipeline",
        parents=[common],
        help=t("pipeline.cli.help"),
        description=t("pipeline.cli.description"),
    )
    pipe.add_argument("--owner", metavar="LOGIN", help=t("pipeline.cli.owner"))
    pipe.add_argument("--tier", metavar="TIER", help=t("pipeline.cli.tier"))
    pipe.add_argument("--stuck", action="store_true", help=t("pipeline.cli.stuck"))
    pipe.add_argument("--lost", action="store_true", help=t("pipeline.cli.lost"))
    pipe.add_argument(
        "--format", choices=LIST_FORMATS, default="table", help=t("pipeline.cli.format")
    )
    pipe.add_argument("--date", metavar="D", help=t("plan.cli.date"))
    pipe.set_defaults(handler=pipeline_cmd)


def _today(ctx: CliContext, value: str | None) -> date:
    """``--date`` or else the workspace clock's today."""
    if not value:
        return ctx.workspace().clock.today()
    from katerm.core.fields import day

    try:
        found = day("date", value)
    except BadInput:
        raise BadInput("plan.cli.bad_date", value=value) from None
    assert found is not None
    return found


def plan_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.output import check_output_name
    from katerm.core.accounts import resolve_account
    from katerm.core.pipeline import rules_from_settings
    from katerm.core.plan import plan_document, render
    from katerm.core.team import below

    if args.stages or args.opportunity or args.triangle:
        from katerm.cli.stageplan_cmd import stages_cmd

        return stages_cmd(ctx, args)
    if args.format == "json":
        raise BadInput("stageplan.cli.json_needs_stages")
    today = _today(ctx, args.date)
    fmt = args.format
    to_file = bool(args.output) and args.output != "-"
    if fmt is None:
        fmt = "html" if to_file and Path(args.output).suffix.lower() in (".html", ".htm") else "md"
    check_output_name(args.output, fmt)
    rules = rules_from_settings(ctx.settings)
    ws = ctx.workspace()
    with ws.db.reading() as conn:
        account_id, name = resolve_account(conn, args.account, below(conn, ws.me.id))
        text = render(plan_document(conn, account_id, today, rules), fmt, ctx.lang)
    if not to_file:
        ctx.out.write(text)
        return 0
    path = Path(args.output)
    if path.is_dir():
        raise BadInput("plan.cli.output_is_folder", path=str(path))
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput(
            "plan.cli.cannot_write", path=str(path), detail=exc.strerror or str(exc)
        ) from exc
    ctx.say(t("plan.cli.written", account=name, path=str(path)))
    return 0


def _owners(conn: Any, me: str, login: str | None) -> list[str]:
    from katerm.core.team import below, members

    visible = below(conn, me)
    if login is None:
        return visible
    found = next((m for m in members(conn) if m.login.casefold() == login.strip().casefold()), None)
    if found is None or found.id not in visible:
        raise NotFound("pipeline.cli.unknown_owner", login=login)
    return [u for u in below(conn, found.id) if u in visible]


def _tier(value: str | None) -> str | None:
    from katerm.core.tiers import SCHEMES, normalize_tier

    if value is None:
        return None
    for scheme in SCHEMES:
        found = normalize_tier(scheme, value)
        if found:
            return found
    raise BadInput("pipeline.cli.unknown_tier", value=value)


def pipeline_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.money import load_rates
    from katerm.core.pipeline import (
        figures_of,
        pipeline_rows,
        rules_from_settings,
        stuck_opportunities,
    )
    from katerm.core.workdays import unknown_years

    today = _today(ctx, args.date)
    rules = rules_from_settings(ctx.settings)
    ws = ctx.workspace()
    unknown = unknown_years(today.replace(day=1, month=1) - timedelta(days=1), today)
    if rules.business_days and unknown:  # said on stderr: the output may be JSON or CSV
        ctx.warn(t("orders.workdays_unknown", years=[str(y) for y in unknown]))
    with ws.db.reading() as conn:
        owners = _owners(conn, ws.me.id, args.owner)
        tier = _tier(args.tier)
        if args.stuck:
            stuck = [
                s
                for s in stuck_opportunities(conn, owners, today, rules)
                if tier is None or s.account_id in _tier_accounts(conn, tier)
            ]
            _print_stuck(ctx, args.format, stuck)
            return 0
        rows = pipeline_rows(conn, owners, today, rules, tier=tier)
        rates = load_rates(conn)
    if args.lost:
        from katerm.cli.competitors_cmd import print_lost

        print_lost(ctx, args.format, rows)
        return 0
    _print_pipeline(ctx, args.format, rows, figures_of(rows, rates), today)
    return 0


def _tier_accounts(conn: Any, tier: str) -> set[str]:
    from katerm.core.tiers import stored_tier_sql

    return {
        r[0]
        for r in conn.execute(
            f"SELECT id FROM accounts WHERE {stored_tier_sql(alias='')} = ? AND deleted = 0",
            (tier,),
        )
    }


def _label(prefix: str, key: str) -> str:
    from katerm.core.plan import label

    return label(prefix, key)


def _print_stuck(ctx: CliContext, fmt: str, stuck: list) -> None:
    from katerm.cli.output import as_json, emit
    from katerm.i18n.fmt import fmt_date

    columns: tuple[str, ...] = (
        "seller",
        "account",
        "opportunity",
        "milestone",
        "due_on",
        "days_over",
        "analysis_written",
        "analysis",
        "improvement",
    )
    records = [asdict(s) for s in stuck]
    if fmt == "json":  # every field, ids included, for other tools
        as_json(records, ctx.out)
        return
    if fmt == "table":
        if not records:
            ctx.say(t("pipeline.cli.none_stuck"))
            return
        columns = columns[:7]
    headers = [t(f"pipeline.col.{c}") for c in columns]
    emit(
        fmt,
        records,
        columns,
        headers,
        ctx.out,
        numeric=("days_over",),
        display={
            "milestone": lambda v: _label("orders.milestone", v),
            "due_on": fmt_date,
            "analysis_written": lambda v: "✓" if v else "✗",
        },
    )


_ROW_COLUMNS = (
    "name",
    "account",
    "owner",
    "stage",
    "amount",
    "currency",
    "expected_close",
    "probability",
    "order_state",
    "milestone",
    "days_over",
)


def _print_pipeline(ctx: CliContext, fmt: str, rows: list, figures: Any, today: date) -> None:
    from katerm.cli.output import as_json, emit, table
    from katerm.core.pipeline import money_lines, rate_text
    from katerm.i18n.fmt import fmt_date, fmt_money

    listed = [r for r in rows if r.opportunity.outcome in ("open", "won")]
    records = []
    for r in listed:
        o, stuck = r.opportunity, r.status.stuck
        records.append(
            {
                "id": o.id,
                "name": o.name,
                "account": o.account_name,
                "owner": o.owner_name,
                "stage": o.stage,
                "amount": o.amount,
                "currency": o.currency,
                "expected_close": o.expected_close,
                "probability": o.probability,
                "order_state": r.status.state,
                "milestone": stuck.key if stuck else "",
                "days_over": stuck.days_over if stuck else 0,
            }
        )
    if fmt == "csv":
        emit("csv", records, _ROW_COLUMNS, _ROW_COLUMNS, ctx.out)
        return
    if fmt == "json":
        as_json(
            {
                "date": today.isoformat(),
                "base_currency": figures.open_total.base,
                "stages": [
                    {
                        "stage": s.stage,
                        "count": s.count,
                        "amount": s.amount_total.amount,
                        "weighted": s.weighted_total.amount,
                        "not_converted": s.amount_total.as_json()["not_converted"],
                    }
                    for s in figures.stages
                ],
                # Converted to the base at the team's rates; what has no rate is apart.
                "open": figures.open_total.as_json(),
                "won_amount": figures.won_total.as_json(),
                "weighted": figures.all_weighted.as_json(),
                "won": figures.won,
                "lost": figures.lost,
                "dropped": figures.dropped,
                "win_rate": figures.win_rate,
                "cycle_days": figures.cycle_days,
                "opportunities": [{c: r[c] for c in ("id", *_ROW_COLUMNS)} for r in records],
            },
            ctx.out,
        )
        return
    table(
        [
            (
                _label("opportunities.stage", s.stage),
                s.count,
                fmt_money(s.amount),
                fmt_money(s.weighted),
            )
            for s in figures.stages
        ],
        [
            t("fields.opportunity.stage"),
            t("pipeline.col.count"),
            t("fields.opportunity.amount"),
            t("pipeline.col.weighted"),
        ],
        ctx.out,
        numeric=(1, 2, 3),
    )
    ctx.say()
    for line in money_lines(figures):
        ctx.say(line)
    ctx.say(rate_text(figures))
    if not records:
        return
    ctx.say()
    columns = (
        "name",
        "account",
        "owner",
        "stage",
        "amount",
        "expected_close",
        "probability",
        "order_state",
    )
    emit(
        "table",
        records,
        columns,
        [t(f"pipeline.col.{c}") for c in columns],
        ctx.out,
        numeric=("amount", "probability"),
        display={
            "stage": lambda v: _label("opportunities.stage", v),
            "amount": fmt_money,
            "expected_close": fmt_date,
            "probability": lambda v: f"{v}%",
            "order_state": lambda v: _label("orders.state", v),
        },
    )
