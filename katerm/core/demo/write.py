"""Steps ``write_team`` and ``write``: store the team, then each batch's accounts and contacts.

Steps that change these records (tier overrides, influence roles, ...) run before them;
steps with tables of their own run after them and call ``ctx.write`` themselves. A new
column on these tables is one more key in the row functions below.
"""

from __future__ import annotations

import json
import random
from typing import Any

from katerm.core.demo.competitors import strength_of
from katerm.core.demo.money import rate_of
from katerm.core.demo.pipeline import DemoAccount, DemoContact, DemoContext, DemoMember
from katerm.core.pyramid import default_thresholds, tier_by_figures


def member_row(m: DemoMember) -> dict[str, Any]:
    return {
        "id": m.id,
        "owner_id": m.id,
        "login": m.login,
        "name": m.name,
        "email": m.email,
        "manager_id": m.manager_id,
    }


_DEFAULTS = {scheme: default_thresholds(scheme) for scheme in ("fish", "size")}


def _strategic(a: DemoAccount) -> str:
    """The strategic tier a lead gives by hand (potential, not this year's sales): top
    accounts with room to grow are strategic, the other top ones and middle ones with a big
    potential partners, the middle and the loyal small ones commercial, the rest general."""
    if a.tier == "A":
        return "strategic" if a.potential_revenue >= a.annual_revenue else "partner"
    if a.tier in ("B", "C"):
        return "partner" if a.potential_revenue >= 5_000_000 else "commercial"
    return "commercial" if a.lifecycle == "loyal" else "general"


def account_row(a: DemoAccount) -> dict[str, Any]:
    figures = {
        "annual_revenue": a.annual_revenue,
        "annual_orders": a.annual_orders,
        "contract_value": a.contract_value,
        "company_revenue": a.company_revenue,
    }
    return {
        "id": a.id,
        "owner_id": a.owner_id,
        "name": a.name,
        "industry": a.industry,
        "region": a.region,
        "annual_revenue": a.annual_revenue,
        "contract_value": a.contract_value,
        "potential_revenue": a.potential_revenue,
        "annual_orders": a.annual_orders,
        "company_revenue": a.company_revenue,
        # One stored tier per scheme, consistent by construction: revenue as the portfolio
        # drew it (a few off their figures, some held by hand), fish and size as the default
        # thresholds give them, strategic by hand from the revenue tier and the potential.
        "tier_revenue": a.tier,
        "tier_revenue_reason": a.tier_override_reason,
        "tier_fish": tier_by_figures("fish", _DEFAULTS["fish"], figures, rate_of(a.currency)),
        "tier_size": tier_by_figures("size", _DEFAULTS["size"], figures, rate_of(a.currency)),
        "tier_strategic": _strategic(a),
        "lifecycle": a.lifecycle,
        "notes": a.notes,
        "currency": a.currency,
    }


def contact_row(a: DemoAccount, c: DemoContact) -> dict[str, Any]:
    # Contacts belong to the account's seller: who sees an account sees its people. Dates and
    # flags are given as stored (``store.to_db``: ISO text, 0/1), so the write path takes the
    # row as it is instead of converting its values (a quarter of a million rows at 100k).
    return {
        "id": c.id,
        "owner_id": a.owner_id,
        "account_id": a.id,
        "name": c.name,
        "title": c.title,
        "department": c.department,
        "phone": c.phone,
        "email": c.email,
        "birthday": None if c.birthday is None else c.birthday.isoformat(),
        "notes": c.notes,
        "reports_to": c.reports_to,
        "role": c.decision_role,
        "other_roles": c.other_roles,
        "influence": c.influence,
        "attitude": c.attitude,
        "support_level": c.support_level,
        "level": c.closeness,
        "covered_by": c.covered_by,
        "also_covered_by": json.dumps(c.also_covered_by),
        "rising_star": 1 if c.rising_star else 0,
        "favours_competitor": c.favours_competitor,
        "favour_strength": strength_of(c.id) if c.favours_competitor else "",
        "left_on": None if c.left_on is None else c.left_on.isoformat(),
    }


def write_team(ctx: DemoContext, rng: random.Random) -> None:
    ctx.write("users", (member_row(m) for m in ctx.team), total=len(ctx.team), stage="team")


def write_portfolio(ctx: DemoContext, rng: random.Random) -> None:
    """The batch's accounts and contacts (per batch)."""
    wanted = ctx.accounts_wanted
    ctx.write("accounts", (account_row(a) for a in ctx.accounts), total=wanted)
    # How many contacts there will be is known only at the end: extrapolate from so far.
    done = ctx.batch_start + len(ctx.accounts)
    contacts = ctx.written.get("contacts", 0) + sum(len(a.contacts) for a in ctx.accounts)
    ctx.write(
        "contacts",
        (contact_row(a, c) for a, c in ctx.contacts()),
        total=round(contacts * wanted / max(done, 1)),
    )
