"""Step ``opportunities``: each account's orders across every stage, some of them stuck.

Big accounts have more (A: 3-5, B: 1-3, C: up to 2, and about a third of D accounts one).
Every stage of lead to cash shows up, lost and dropped ones too, so the win rate and the
cycle time have something to say; locked orders either keep to their milestone limits or are
stuck (卡单) relative to the demo's "today", some with their analysis already written, and a
few moved today so the evening review has orders to talk about.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from katerm.core.demo.competitors import loss_of
from katerm.core.demo.leads import NOT_A_LEAD, lead_fields
from katerm.core.demo.pipeline import DemoAccount, DemoContext, Weighted, pick, uuid4
from katerm.core.demo.plan_texts import texts_for
from katerm.core.pipeline import DEFAULT_RULES, LEAD_POINTS, LEAD_QUESTIONS, add_days

COUNTS = {"A": (3, 5), "B": (1, 3), "C": (0, 2), "D": (0, 1)}
D_SHARE = 0.33  # of D accounts with an opportunity at all
# What becomes of an opportunity (the stage mix of a healthy pipeline).
FATES = Weighted(
    (
        "lead",
        "nurture",
        "dropped",
        "converted",
        "following",
        "stuck",
        "contract",
        "delivery",
        "cash",
        "lost",
    ),
    (10, 5, 4, 8, 14, 10, 8, 8, 10, 9),
)
ANALYSED_SHARE = 0.4  # of stuck orders whose analysis is already written
TODAY_SHARE = 0.08  # of following orders that moved today
RENEWAL_SHARE = 0.3  # of cash-collected orders with a renewal under way


def _manager(ctx: DemoContext, owner_id: str) -> str:
    """Who confirmed the lock: the seller's team lead."""
    boss = next((m.manager_id for m in ctx.team if m.id == owner_id), None)
    return boss or owner_id


def _amount(rng: random.Random, account: DemoAccount) -> float:
    base = max(account.potential_revenue, account.annual_revenue, 200_000.0)
    return max(50_000.0, round(base * rng.uniform(0.05, 0.35), -3))


def _checks(rng: random.Random, converted: bool) -> str:
    """Lead-review points confirmed: all of "is it real?" when converted, and some more."""
    chosen = set(LEAD_QUESTIONS["real"]) if converted else set()
    chosen.update(p for p in LEAD_POINTS if rng.random() < 0.5)
    return " ".join(p for p in LEAD_POINTS if p in chosen)


def _milestones(
    ctx: DemoContext,
    rng: random.Random,
    opp: dict[str, Any],
    stuck: bool,
    rows: list[dict[str, Any]],
) -> None:
    """Milestone rows of a locked open order: reached in time up to now, or, when stuck,
    reached up to one that was missed (perhaps with its analysis written)."""
    today: date = ctx.today
    locked: date = opp["locked_on"]
    texts = texts_for(ctx.lang)
    dues = [(m.key, add_days(locked, m.days, business=False)) for m in DEFAULT_RULES.milestones]
    overdue = [key for key, due in dues if due < today]
    missed = pick(rng, overdue) if stuck and overdue else None
    for key, due in dues:
        row = {
            "id": uuid4(rng),
            "owner_id": opp["owner_id"],
            "opportunity_id": opp["id"],
            "milestone": key,
        }
        if key == missed:
            if rng.random() < ANALYSED_SHARE:
                why, step = pick(rng, texts.analysis)
                analysed = min(today, due + timedelta(days=1 + int(rng.random() * 5)))
                rows.append({**row, "analysis": why, "improvement": step, "analysed_on": analysed})
            return  # nothing after a missed milestone is reached yet
        if opp.get("moved_today") == key:
            rows.append({**row, "done_on": today})
        elif due < today or rng.random() < 0.3:
            span = max(0, (min(due, today) - locked).days)
            rows.append({**row, "done_on": locked + timedelta(days=int(rng.random() * (span + 1)))})
        else:
            return


def _opportunity(
    ctx: DemoContext, rng: random.Random, account: DemoAccount, name: str, fate: str
) -> dict[str, Any]:
    today: date = ctx.today
    texts = texts_for(ctx.lang)
    contact = pick(rng, account.contacts[:4]).id if account.contacts else None
    opened = today - timedelta(days=10 + int(rng.random() * 300))
    opp: dict[str, Any] = {
        "id": uuid4(rng),
        "owner_id": account.owner_id,
        "account_id": account.id,
        "name": name,
        "stage": "lead",
        "outcome": "open",
        "amount": _amount(rng, account),  # in the account's currency (demo.money)
        "currency": account.currency,
        "expected_close": today + timedelta(days=20 + int(rng.random() * 160)),
        "probability": 10,
        "competitors": pick(rng, texts.competitors),
        "has_budget": rng.random() < 0.6,
        "contact_id": contact,
        "opened_on": opened,
        "stage_on": opened,
        "lead_checks": "",
        "lead_decision": "",
        "decided_on": None,
        "locked_on": None,
        "locked_by": None,
        "closed_on": None,
        "renewal_of": None,
    }
    if fate in ("lead", "nurture", "dropped"):
        opp["opened_on"] = opp["stage_on"] = today - timedelta(days=int(rng.random() * 60))
        if fate != "lead":
            opp.update(
                lead_checks=_checks(rng, False),
                lead_decision="nurture" if fate == "nurture" else "close",
                decided_on=today,
            )
            if fate == "dropped":
                opp.update(outcome="dropped", closed_on=today, probability=0)
        return opp
    decided = opened + timedelta(days=1 + int(rng.random() * 7))
    opp.update(
        stage="opportunity",
        stage_on=decided,
        lead_checks=_checks(rng, True),
        lead_decision="convert",
        decided_on=decided,
        probability=pick(rng, (20, 30, 40, 50, 60)),
    )
    if fate == "converted":
        return opp
    if fate in ("following", "stuck"):
        back = 17 + int(rng.random() * 60) if fate == "stuck" else 1 + int(rng.random() * 14)
        locked = max(decided, today - timedelta(days=back))
        if fate == "following" and rng.random() < TODAY_SHARE:
            locked = today
        opp.update(locked_on=locked, locked_by=_manager(ctx, account.owner_id))
        return opp
    locked = decided + timedelta(days=1 + int(rng.random() * 5))
    closed = min(today, locked + timedelta(days=15 + int(rng.random() * 120)))
    opp.update(
        locked_on=locked,
        locked_by=_manager(ctx, account.owner_id),
        closed_on=closed,
        expected_close=closed,
    )
    if fate == "lost":
        reason, winner = loss_of(opp["id"], opp["competitors"], ctx.lang)
        opp.update(outcome="lost", probability=0, loss_reason=reason, winner=winner)
    else:
        stage_on = (
            min(today, closed + timedelta(days=int(rng.random() * 60)))
            if fate != "contract"
            else closed
        )
        opp.update(outcome="won", probability=100, stage=fate, stage_on=stage_on)
    return opp


def make_opportunities(ctx: DemoContext, rng: random.Random) -> None:
    """The batch's opportunities and their milestones (per batch, after ``write``)."""
    texts = texts_for(ctx.lang)
    opportunities: list[dict[str, Any]] = []
    milestones: list[dict[str, Any]] = []
    links: dict[str, list[dict[str, Any]]] = {}
    for account in ctx.accounts:
        low, high = COUNTS[account.tier]
        if account.tier == "D" and rng.random() >= D_SHARE:
            continue
        count = low + int(rng.random() * (high - low + 1))
        names = rng.sample(texts.opportunities, min(count, len(texts.opportunities)))
        for name in names:
            fate = FATES.draw(rng)
            opp = _opportunity(ctx, rng, account, name, fate)
            opp.update(lead_fields(ctx, opp, account, _manager(ctx, account.owner_id)))
            opportunities.append(opp)
            links.setdefault(account.id, []).append(opp)
            if fate in ("following", "stuck"):
                if (
                    fate == "following"
                    and opp["locked_on"] != ctx.today
                    and rng.random() < TODAY_SHARE
                ):
                    opp["moved_today"] = DEFAULT_RULES.milestones[0].key
                _milestones(ctx, rng, opp, fate == "stuck", milestones)
            elif opp["outcome"] == "won":
                for m in DEFAULT_RULES.milestones:
                    milestones.append(
                        {
                            "id": uuid4(rng),
                            "owner_id": opp["owner_id"],
                            "opportunity_id": opp["id"],
                            "milestone": m.key,
                            "done_on": min(
                                opp["closed_on"], add_days(opp["locked_on"], m.days, business=False)
                            ),
                        }
                    )
                if fate == "cash" and rng.random() < RENEWAL_SHARE:
                    renewal = _opportunity(
                        ctx, rng, account, texts.renewal.format(name=name), "converted"
                    )
                    renewal.update(NOT_A_LEAD, renewal_of=opp["id"])  # past the lead review
                    opportunities.append(renewal)
    for opp in opportunities:
        opp.pop("moved_today", None)
    ctx.state["plan_links"] = links
    ctx.write(
        "opportunities", opportunities, total=estimate(ctx, "opportunities", len(opportunities))
    )
    ctx.write(
        "order_milestones", milestones, total=estimate(ctx, "order_milestones", len(milestones))
    )


def estimate(ctx: DemoContext, table: str, batch_rows: int) -> int:
    """The table's final row count for the progress bar, extrapolated from the batches so
    far (exact after the last batch, as the contacts' count is)."""
    done = ctx.batch_start + len(ctx.accounts)
    rows = ctx.written.get(table, 0) + batch_rows
    return round(rows * ctx.accounts_wanted / max(done, 1))
