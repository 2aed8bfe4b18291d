"""The steps a seller and their lead take on an order: validate the lead, lock it, reach
milestones, explain a stuck order, close it lost, renew a won one.

Each step checks what it is given, then writes through :mod:`katerm.core.store` in one
transaction. Refusals are :class:`~katerm.core.errors.ValidationFailed` (naming the field)
or :class:`~katerm.core.errors.BadInput`; nothing is written then. The rules themselves
are described in :mod:`katerm.core.pipeline.orders`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING

from katerm.core import store
from katerm.core.errors import BadInput
from katerm.core.fields import MAX_NOTES, collect, text
from katerm.core.leads import review_changes
from katerm.core.pipeline.opportunities import (
    LEAD_DECISIONS,
    LEAD_POINTS,
    LEAD_QUESTIONS,
    OpportunityRecord,
    get_opportunity,
    update_fields,
)
from katerm.core.pipeline.orders import OrderStatus, load_milestones, may_confirm_lock, order_status
from katerm.core.pipeline.rules import DEFAULT_RULES, OrderRules, lock_check, not_open, refuse
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace


_ANALYSIS_RULES = {
    "analysis": lambda v: text("analysis", v, required=True, limit=MAX_NOTES),
    "improvement": lambda v: text("improvement", v, required=True, limit=MAX_NOTES),
}


def _load(ws: Workspace, opportunity_id: str) -> OpportunityRecord:
    with ws.db.reading() as conn:
        return get_opportunity(conn, opportunity_id)


def status_of(
    ws: Workspace, opp: OpportunityRecord, today: date, rules: OrderRules = DEFAULT_RULES
) -> OrderStatus:
    """The order's four-order state and milestones on ``today``."""
    with ws.db.reading() as conn:
        rows = load_milestones(conn, opportunity_ids=[opp.id]).get(opp.id, {})
    return order_status(opp.outcome, opp.locked_on, opp.renewal_of, rows, rules, today)


def _lead_steps(
    ws: Workspace, opp: OpportunityRecord, decision: str, today: date
) -> dict[str, object]:
    """The lead's status and days after a decision (``katerm.core.leads``)."""
    with ws.db.reading() as conn:
        status, reviewed = conn.execute(
            "SELECT lead_status, reviewed_on FROM opportunities WHERE id = ?", (opp.id,)
        ).fetchone()
    reviewed_on = date.fromisoformat(reviewed) if reviewed else None
    return review_changes(status, opp.stage, reviewed_on, decision, today)


def check_review(checks: Iterable[str], decision: str) -> set[str]:
    """The lead review's points and decision checked (known points, a known decision, convert
    only when the lead is real); the points chosen. Refusals name the field."""
    chosen = set(checks)
    unknown = chosen - set(LEAD_POINTS)
    if unknown:
        raise refuse(
            "lead_checks",
            "fields.err.bad_choice",
            value=sorted(unknown),
            choices=tuple(LEAD_POINTS),
        )
    if decision not in LEAD_DECISIONS:
        raise refuse(
            "lead_decision",
            "fields.err.bad_choice",
            value=decision,
            choices=tuple(LEAD_DECISIONS),
        )
    if decision == "convert" and not set(LEAD_QUESTIONS["real"]) <= chosen:
        raise refuse("lead_decision", "orders.err.convert_not_real")
    return chosen


def validate_lead(
    ws: Workspace, opportunity_id: str, checks: Iterable[str], decision: str, *, today: date
) -> None:
    """Record the lead review: which points are confirmed and the decision.

    ``convert`` needs the first question ("is it a real lead?") answered yes on every point
    and makes the lead an opportunity; ``nurture`` keeps (or puts back) a lead to grow;
    ``close`` drops it.
    """
    opp = _load(ws, opportunity_id)
    if not opp.is_open:
        raise not_open(opp.outcome)
    chosen = check_review(checks, decision)
    if decision != "close" and opp.locked_on is not None:
        raise BadInput("orders.already_locked")
    values: dict[str, object] = {
        "lead_checks": " ".join(p for p in LEAD_POINTS if p in chosen),
        "lead_decision": decision,
        "decided_on": today,
    }
    values.update(_lead_steps(ws, opp, decision, today))
    if decision == "convert" and opp.stage == "lead":
        values.update(stage="opportunity", stage_on=today)
    elif decision == "nurture" and opp.stage != "lead":
        values.update(stage="lead", stage_on=today)
    elif decision == "close":
        values.update(outcome="dropped", closed_on=today)
    update_fields(ws, opp.id, values)


def lock(ws: Workspace, opportunity_id: str, *, today: date) -> None:
    """Lock the order (锁单), confirmed by me: its key information must be complete and I
    must be above its owner (or its owner with nobody above me)."""
    opp = _load(ws, opportunity_id)
    if not opp.is_open:
        raise not_open(opp.outcome)
    if opp.locked_on is not None:
        raise BadInput("orders.already_locked")
    check = lock_check(asdict(opp))
    if not check.complete:
        raise BadInput(
            "orders.lock_incomplete",
            missing=[t(f"orders.lock_key.{k}") for k in check.missing],
        )
    with ws.db.reading() as conn:
        allowed = may_confirm_lock(conn, ws.me.id, opp.owner_id)
    if not allowed:
        raise BadInput("orders.lock_needs_lead", owner=opp.owner_name)
    values: dict[str, object] = {"locked_on": today, "locked_by": ws.me.id}
    if opp.stage == "lead":
        values.update(stage="opportunity", stage_on=today)
        values.update(_lead_steps(ws, opp, "convert", today))
    update_fields(ws, opp.id, values)


def unlock(ws: Workspace, opportunity_id: str) -> None:
    """Undo a lock (e.g. confirmed by mistake); milestones reached are kept."""
    update_fields(ws, _load(ws, opportunity_id).id, {"locked_on": None, "locked_by": None})


def _milestone_row(
    ws: Workspace, opp: OpportunityRecord, key: str, rules: OrderRules
) -> str | None:
    if opp.locked_on is None:
        raise BadInput("orders.not_locked")
    if rules.milestone(key) is None:
        raise refuse(
            "milestone",
            "fields.err.bad_choice",
            value=key,
            choices=tuple(m.key for m in rules.milestones),
        )
    with ws.db.reading() as conn:
        row = load_milestones(conn, opportunity_ids=[opp.id]).get(opp.id, {}).get(key)
    return row.id if row else None


def reach_milestone(
    ws: Workspace,
    opportunity_id: str,
    key: str,
    done_on: date | None,
    rules: OrderRules = DEFAULT_RULES,
) -> None:
    """Record that a following milestone was reached on ``done_on`` (None: not reached)."""
    opp = _load(ws, opportunity_id)
    row_id = _milestone_row(ws, opp, key, rules)
    if done_on is not None and done_on < opp.locked_on:  # type: ignore[operator]
        raise refuse("done_on", "orders.err.before_lock", day=opp.locked_on)
    with ws.db.writing() as conn:
        if row_id is None:
            store.insert(
                conn,
                "order_milestones",
                {
                    "opportunity_id": opp.id,
                    "owner_id": opp.owner_id,
                    "milestone": key,
                    "done_on": done_on,
                },
                actor_id=ws.me.id,
            )
        else:
            store.update(conn, "order_milestones", row_id, {"done_on": done_on}, actor_id=ws.me.id)


def write_analysis(
    ws: Workspace,
    opportunity_id: str,
    key: str,
    analysis: str,
    improvement: str,
    *,
    today: date,
    rules: OrderRules = DEFAULT_RULES,
) -> None:
    """The written analysis of a stuck order (卡单分析) and its improvement step (卡单改进),
    for one milestone; both are required."""
    opp = _load(ws, opportunity_id)
    clean = collect({"analysis": analysis, "improvement": improvement}, _ANALYSIS_RULES)
    row_id = _milestone_row(ws, opp, key, rules)
    values = {**clean, "analysed_on": today}
    with ws.db.writing() as conn:
        if row_id is None:
            store.insert(
                conn,
                "order_milestones",
                {"opportunity_id": opp.id, "owner_id": opp.owner_id, "milestone": key, **values},
                actor_id=ws.me.id,
            )
        else:
            store.update(conn, "order_milestones", row_id, values, actor_id=ws.me.id)


def close_lost(
    ws: Workspace, opportunity_id: str, *, today: date, loss_reason: str = "", winner: str = ""
) -> None:
    """The customer chose someone else (or nobody): the order is lost today. Both the loss
    reason and the winner (a competitor, or "nobody") are required: a loss nobody explains
    teaches the team nothing, and win/loss per competitor needs the winner."""
    from katerm.core.fields import MAX_NAME, MAX_REASON, collect, text

    clean = collect(
        {"loss_reason": loss_reason, "winner": winner},
        {
            "loss_reason": lambda v: text("loss_reason", v, required=True, limit=MAX_REASON),
            "winner": lambda v: text("winner", v, required=True, limit=MAX_NAME),
        },
    )
    opp = _load(ws, opportunity_id)
    if not opp.is_open:
        raise not_open(opp.outcome)
    update_fields(ws, opp.id, {"outcome": "lost", "closed_on": today, "probability": 0, **clean})


def reopen(ws: Workspace, opportunity_id: str, *, today: date) -> None:
    """Take a lost or dropped order up again (a won one reopens by moving its stage back)."""
    opp = _load(ws, opportunity_id)
    if opp.outcome not in ("lost", "dropped"):
        raise BadInput("orders.not_closed")
    values: dict[str, object] = {"outcome": "open", "closed_on": None, "stage_on": today}
    if opp.outcome == "dropped":  # a dropped lead taken up again is nurtured
        values.update(_lead_steps(ws, opp, "nurture", today))
    update_fields(ws, opp.id, values)


def renew(ws: Workspace, opportunity_id: str, name: str, *, today: date) -> str:
    """Open the renewal (续单) of a won order: same account, key person, amount and
    competitors, already past lead review. Returns the new opportunity's id."""
    opp = _load(ws, opportunity_id)
    if opp.outcome != "won":
        raise BadInput("orders.renew_needs_won")
    clean_name = text("name", name, required=True)
    with ws.db.writing() as conn:
        return store.insert(
            conn,
            "opportunities",
            {
                "account_id": opp.account_id,
                "owner_id": opp.owner_id,
                "name": clean_name,
                "stage": "opportunity",
                "amount": opp.amount,
                "currency": opp.currency,
                "probability": 50,
                "competitors": opp.competitors,
                "has_budget": opp.has_budget,
                "contact_id": opp.contact_id,
                "opened_on": today,
                "stage_on": today,
                "lead_checks": " ".join(p for p in LEAD_POINTS if p in opp.lead_checks),
                "lead_decision": "convert",
                "decided_on": today,
                "renewal_of": opp.id,
            },
            actor_id=ws.me.id,
        )
