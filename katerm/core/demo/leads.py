"""The demo's leads (issue 21 part 6): each lead's source — a quarter of them referrals by
another customer of the batch, often naming the person who referred it —, a nurturer for the
early ones, and the status of the weekly lead meeting with the day of each step, following
what the three-question review recorded.

Each lead draws from a generator of its own (seeded by its id), so the rest of the demo is
the same with or without these fields.
"""

from __future__ import annotations

import random
from typing import Any

from katerm.core.demo.pipeline import DemoAccount, DemoContext, Weighted
from katerm.core.leads import SOURCES

SOURCE_MIX = Weighted(SOURCES, (25, 20, 8, 8, 8, 7, 6, 6, 6, 3, 3))
_STATUS = {"nurture": "reviewed", "convert": "converted", "close": "dropped"}


def lead_fields(
    ctx: DemoContext, opp: dict[str, Any], account: DemoAccount, manager: str
) -> dict[str, Any]:
    """The lead columns of one demo opportunity (every one of them went through the lead
    stage; a renewal is cleared afterwards)."""
    rng = random.Random(opp["id"])
    decision = opp["lead_decision"]
    decided = opp["decided_on"]
    status = _STATUS.get(decision, "new")
    source = SOURCE_MIX.draw(rng)
    picked = ctx.accounts[int(rng.random() * len(ctx.accounts))]  # another of the batch
    referrer = picked if picked.id != account.id else None
    if source == "referral" and referrer is None:
        source = "other"
    fields: dict[str, Any] = {
        "lead_source": source,
        "referred_account_id": referrer.id if source == "referral" and referrer else None,
        "referred_contact_id": None,
        "nurturer_id": None,
        "lead_status": status,
        "reviewed_on": decided if decision else None,
        "converted_on": decided if decision == "convert" else None,
        "dropped_on": decided if decision == "close" else None,
    }
    if source == "referral" and referrer and referrer.contacts and rng.random() < 0.7:
        fields["referred_contact_id"] = rng.choice(referrer.contacts[:4]).id
    if status in ("new", "reviewed") and not opp["has_budget"]:
        # An early lead (no budget) is given a nurturer: the seller, or their team lead.
        fields["nurturer_id"] = manager if rng.random() < 0.4 else opp["owner_id"]
    return fields


NOT_A_LEAD: dict[str, Any] = {
    "lead_source": "",
    "referred_account_id": None,
    "referred_contact_id": None,
    "nurturer_id": None,
    "lead_status": "",
    "reviewed_on": None,
    "converted_on": None,
    "dropped_on": None,
}
