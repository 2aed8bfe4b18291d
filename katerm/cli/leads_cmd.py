"""`katerm leads [ACCOUNT]`: the weekly lead meeting (每周线索管理例会) — per seller, the
week's new leads, leads reviewed, converted and dropped, and the week's list; with ACCOUNT,
add a lead (--add), set a lead's source, referrer and nurturer (--lead), or record its
three-question review (--decide)."""

from __future__ import annotations

import argparse
import io
from typing import Any

from katerm.cli.context import CliContext
from katerm.cli.output import as_json, table
from katerm.core.errors import BadInput
from katerm.i18n import t

FORMATS = ("table", "json", "md")
_OPTIONS = {
    "lead_source": "--source",
    "referred_by": "--referred-by",
    "nurturer": "--nurturer",
    "name": "--add",
    "lead_decision": "--decide",
    "lead_checks": "--checks",
}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "leads", parents=[common], help=t("leads.cli.help"), description=t("leads.cli.description")
    )
    cmd.add_argument("account", metavar="ACCOUNT", nargs="?", help=t("leads.cli.account"))
    cmd.add_argument("--week", metavar="YYYY-Www", help=t("leads.cli.week"))
    cmd.add_argument("--add", metavar="NAME", help=t("leads.cli.add"))
    cmd.add_argument("--lead", metavar="NAME", help=t("leads.cli.lead"))
    cmd.add_argument("--source", help=t("leads.cli.source"))
    cmd.add_argument("--referred-by", metavar="WHO", help=t("leads.cli.referred_by"))
    cmd.add_argument("--nurturer", metavar="LOGIN", help=t("leads.cli.nurturer"))
    cmd.add_argument("--budget", action="store_true", help=t("leads.cli.budget"))
    cmd.add_argument("--decide", metavar="DECISION", help=t("leads.cli.decide"))
    cmd.add_argument("--checks", default="", help=t("leads.cli.checks"))
    cmd.add_argument("--format", choices=FORMATS, default="table", help=t("leads.cli.format"))
    cmd.set_defaults(handler=leads_cmd)


def _saving(ctx: CliContext, action: Any, *args: Any, **kwargs: Any) -> Any:
    return ctx.saving(_OPTIONS, action, *args, **kwargs)


def _find_lead(conn: Any, account_id: str, name: str) -> str:
    rows = conn.execute(
        "SELECT id FROM opportunities WHERE account_id = ? AND deleted = 0 "
        "AND (id = ? OR name = ? COLLATE NOCASE)",
        (account_id, name, name),
    ).fetchall()
    if len(rows) != 1:
        raise BadInput("leads.err.unknown_lead", name=name)
    return str(rows[0][0])


def _edits(args: argparse.Namespace) -> dict[str, Any]:
    given = {"lead_source": args.source, "referred_by": args.referred_by, "nurturer": args.nurturer}
    return {k: v for k, v in given.items() if v is not None}


def leads_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.accounts import resolve_account
    from katerm.core.leads import clean_lead, lead_meeting, save_lead
    from katerm.core.periods import parse_week
    from katerm.core.team import below

    ws = ctx.workspace()
    today = ws.clock.today()
    week = parse_week(args.week, today)
    edits = _edits(args)
    writing = args.add or args.lead or args.decide
    if (edits or args.decide or args.budget) and not (args.add or args.lead):
        raise BadInput("leads.err.needs_lead")
    checks = [c for c in args.checks.replace("，", ",").replace(" ", ",").split(",") if c]
    decision = (args.decide or "").strip().casefold()
    if args.decide:
        from katerm.core.pipeline import check_review

        _saving(ctx, check_review, checks, decision)  # refused before the lead is made
    with ws.db.reading() as conn:
        owners = below(conn, ws.me.id)
        lead_id: str | None = None
        if writing:
            if not args.account:
                raise BadInput("leads.err.needs_account")
            account_id, _ = resolve_account(conn, args.account, owners)
            if args.lead:
                lead_id = _find_lead(conn, account_id, args.lead)
            elif edits:
                _saving(ctx, clean_lead, conn, edits)  # refused before the lead is made
    if args.add:
        from katerm.core.pipeline import save_opportunity

        values = {"name": args.add, "stage": "lead", "has_budget": args.budget}
        lead_id = _saving(ctx, save_opportunity, ws, account_id, None, values, today=today)
    elif args.budget and lead_id:
        from katerm.core.pipeline import update_fields

        update_fields(ws, lead_id, {"has_budget": True})
    if lead_id and edits:
        _saving(ctx, save_lead, ws, lead_id, edits)
    if lead_id and args.decide:
        from katerm.core.pipeline import validate_lead

        _saving(ctx, validate_lead, ws, lead_id, checks, decision, today=today)
    if writing:
        ctx.warn(t("leads.cli.saved", name=args.add or args.lead))
    with ws.db.reading() as conn:
        meeting = lead_meeting(conn, owners, week.start)
    _print(ctx, meeting, args.format)
    return 0


def _print(ctx: CliContext, meeting: Any, fmt: str) -> None:
    from katerm.core.leads import meeting_json, meeting_markdown, meeting_sections, meeting_title

    if fmt == "json":
        as_json(meeting_json(meeting), ctx.out)
        return
    if fmt == "md":
        ctx.out.write(meeting_markdown(meeting))
        return
    buffer = io.StringIO()
    buffer.write(meeting_title(meeting) + "\n")
    for number, (heading, cols, rows) in enumerate(meeting_sections(meeting)):
        buffer.write(f"\n{heading}\n")
        if rows:
            table(rows, cols, buffer, numeric=(1, 2, 3, 4) if number == 0 else ())
        else:
            buffer.write(t("leads.none") + "\n")
    ctx.out.write(buffer.getvalue())
