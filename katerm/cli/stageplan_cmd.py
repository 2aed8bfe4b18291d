"""`katerm plan ACCOUNT --stages`: the stage expansion plan (LTC stage × customer department)
of the account's default and each opportunity still worked for; `--triangle`: the iron
triangle's coverage matrix, gaps and warnings (both together with both flags); Markdown or
JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from katerm.cli.context import CliContext
from katerm.core.errors import BadInput
from katerm.i18n import t


def stages_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.output import check_output_name
    from katerm.core.accounts import resolve_account
    from katerm.core.stageplan import (
        account_plans,
        find_opportunity,
        iron_triangle,
        plan_json,
        plan_markdown,
        stage_plan,
        triangle_json,
        triangle_markdown,
    )
    from katerm.core.team import below

    fmt = args.format or "md"
    if fmt == "html":
        raise BadInput("fields.err.bad_choice", value=fmt, choices=("md", "json"))
    check_output_name(args.output, fmt)
    ws = ctx.workspace()
    with ws.db.reading() as conn:
        owners = below(conn, ws.me.id)
        account_id, _ = resolve_account(conn, args.account, owners)
        tri = iron_triangle(conn, account_id) if args.triangle else None
        if args.opportunity:
            opp_id = find_opportunity(conn, account_id, args.opportunity)
            plans = [stage_plan(conn, account_id, opp_id)]
        else:
            plans = account_plans(conn, account_id)
    if tri is not None and not args.stages:
        data: object = triangle_json(tri)
        doc = triangle_markdown(tri)
    elif tri is not None:
        data = {"triangle": triangle_json(tri), "stages": [plan_json(p) for p in plans]}
        doc = triangle_markdown(tri) + "\n" + plan_markdown(plans, ctx.lang)
    else:
        data, doc = [plan_json(p) for p in plans], plan_markdown(plans, ctx.lang)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else doc
    if not args.output or args.output == "-":
        ctx.out.write(text)
        return 0
    path = Path(args.output)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput(
            "plan.cli.cannot_write", path=str(path), detail=exc.strerror or str(exc)
        ) from exc
    ctx.say(t("plan.cli.written", account=plans[0].account, path=str(path)))
    return 0
