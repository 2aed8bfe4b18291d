"""Step ``expansion_cards``: cards, key dates, key events and strategic partners.

A and B accounts' key people (the decision chain, coaches and the highly influential) get an
expansion card: owned by whoever covers them (else the account's seller), sponsored by a lead
or the general manager, with some sponsor criteria ticked, commitments, a plan and a review
date around the demo's today (a few already due). Key dates: yearly holidays and company
events, family dates, a few falling this week so the daily checklist has something to say.
A few key events; about one key person in forty has left the company (off the map, history
kept). Strategic partners and suppliers for most A and B accounts.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from katerm.core.cards import SPONSOR_CRITERIA
from katerm.core.demo.card_texts import texts_for
from katerm.core.demo.pipeline import DemoContext, pick, uuid4

KEY_ROLES = frozenset({"decision_maker", "approver", "executive_sponsor", "coach"})
LEFT_SHARE = 0.025
EVENT_SHARE = 0.15
THIS_WEEK_SHARE = 0.08


def _estimate(ctx: DemoContext, table: str, rows: int) -> int:
    done = ctx.batch_start + len(ctx.accounts)
    so_far = ctx.written.get(table, 0) + rows
    return round(so_far * ctx.accounts_wanted / max(done, 1))


def _key(contact: Any) -> bool:
    return contact.decision_role in KEY_ROLES or contact.influence == "high"


def mark_people_left(ctx: DemoContext, rng: random.Random) -> None:
    """A few key people below the top of A and B accounts have left the company (per batch,
    before write); at least one in every demo, so that story is there to see."""
    for account in ctx.accounts:
        if account.tier not in ("A", "B"):
            continue
        for contact in account.contacts:
            if not _key(contact) or contact.level == 0:
                continue
            first = not ctx.state.get("key_people_left")
            if first or rng.random() < LEFT_SHARE:
                ctx.state["key_people_left"] = True
                contact.left_on = ctx.today - timedelta(days=int(rng.random() * 90) + 1)


def make_cards(ctx: DemoContext, rng: random.Random) -> None:
    """The batch's cards, key dates, events and strategic rows (per batch, after write)."""
    words = texts_for(ctx.lang)
    sponsors = [m for m in ctx.team if m.role in ("gm", "lead")]
    today = ctx.today
    cards: list[dict[str, Any]] = []
    dates: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    strategic: list[dict[str, Any]] = []
    for account in ctx.accounts:
        if account.tier not in ("A", "B"):
            continue
        base = {"owner_id": account.owner_id, "account_id": account.id}
        for contact in account.contacts:
            if not _key(contact):
                continue
            ticked = [k for k in SPONSOR_CRITERIA if rng.random() < 0.6]
            cards.append(
                {
                    **base,
                    "id": uuid4(rng),
                    "contact_id": contact.id,
                    "sponsor_id": pick(rng, sponsors).id if rng.random() < 0.8 else None,
                    "sponsor_criteria": ",".join(ticked),
                    "commitments": pick(rng, words.commitments),
                    "action_plan": pick(rng, words.plans),
                    "next_review": today + timedelta(days=int(rng.random() * 100) - 10),
                }
            )
            if rng.random() < 0.35:
                soon = rng.random() < THIS_WEEK_SHARE / 0.35
                day = (
                    today + timedelta(days=int(rng.random() * 7))
                    if soon
                    else today + timedelta(days=int(rng.random() * 365))
                )
                dates.append(
                    {
                        **base,
                        "id": uuid4(rng),
                        "contact_id": contact.id,
                        "kind": "anniversary" if rng.random() < 0.3 else "birthday",
                        "day": f"{day:%m-%d}",
                        "yearly": True,
                        "personal": True,
                        "label": pick(rng, words.family),
                    }
                )
            if rng.random() < EVENT_SHARE:
                kind = pick(rng, ("promotion", "promotion", "transfer", "other"))
                events.append(
                    {
                        **base,
                        "id": uuid4(rng),
                        "contact_id": contact.id,
                        "kind": kind,
                        "note": pick(rng, words.events[kind]),
                        "day": today - timedelta(days=int(rng.random() * 400)),
                    }
                )
            if contact.left_on is not None:
                events.append(
                    {
                        **base,
                        "id": uuid4(rng),
                        "contact_id": contact.id,
                        "kind": "left",
                        "note": pick(rng, words.events["left"]),
                        "day": contact.left_on,
                    }
                )
        founded = 1985 + int(rng.random() * 35)
        event_day = today + timedelta(days=int(rng.random() * 365))
        if rng.random() < THIS_WEEK_SHARE:
            event_day = today + timedelta(days=int(rng.random() * 7))
        dates.append(
            {
                **base,
                "id": uuid4(rng),
                "contact_id": None,
                "kind": "company_event",
                "day": f"{founded}-{event_day:%m-%d}",
                "yearly": True,
                "personal": False,
                "label": pick(rng, words.company_events),
            }
        )
        md, label = pick(rng, words.holidays)
        dates.append(
            {
                **base,
                "id": uuid4(rng),
                "contact_id": None,
                "kind": "holiday",
                "day": md,
                "yearly": True,
                "personal": False,
                "label": label,
            }
        )
        for _ in range(int(rng.random() * 4)):
            supplier = rng.random() < 0.4
            strategic.append(
                {
                    **base,
                    "id": uuid4(rng),
                    "partner": pick(rng, words.suppliers if supplier else words.partners),
                    "kind": "strategic_supplier" if supplier else "partner",
                    "relationship": pick(rng, words.relationship),
                    "how_to_use": pick(rng, words.how_to_use),
                }
            )
    for table, rows in (
        ("expansion_cards", cards),
        ("key_dates", dates),
        ("key_events", events),
        ("strategic_relationships", strategic),
    ):
        if rows:
            ctx.write(table, rows, total=_estimate(ctx, table, len(rows)))
