"""Steps ``pyramid``, ``pyramid_history`` and ``pyramid_targets``: what the pyramid screen needs.

* ``pyramid`` (per batch, before ``write``): the figures the fish and size schemes tier by
  (orders this year, the customer's own revenue), and a few manual overrides with a reason:
  every prospect tiered by its potential, and some accounts kept above or below the tier
  their revenue gives. The other off-tier accounts stay as re-tier suggestions.
* ``pyramid_history`` (per batch, after ``write``): each override's entry in the tier
  history, set by the account's seller.
* ``pyramid_targets`` (once, at the end): this year's targets per tier for every portfolio
  (mine, each lead's, each seller's), a little more at the top than there is today: "from
  slogan to target". Counted with the pyramid's own figures on the file being built.
"""

from __future__ import annotations

import math
import random

from katerm.core.demo.pipeline import DemoContext, pick, uuid4
from katerm.core.tiers import tier_rank

OVERRIDE_SHARE = 0.3  # of the accounts off their revenue tier, other than prospects
# Per tier: the range of this year's target as a multiple of today's count.
GROWTH = {"A": (1.2, 1.5), "B": (1.1, 1.3), "C": (1.0, 1.15), "D": (0.9, 1.0)}


def add_pyramid_figures(ctx: DemoContext, rng: random.Random) -> None:
    names = ctx.names
    for account in ctx.accounts:
        revenue = account.annual_revenue
        if revenue > 0:
            order_value = 10 ** rng.uniform(4.0, 5.7)  # 10,000 to 500,000 per order
            account.annual_orders = max(1, round(revenue / order_value))
        base = revenue if revenue > 0 else account.potential_revenue
        account.company_revenue = round(base * 10 ** rng.uniform(1.3, 3.0), -4)
        if account.tier == account.revenue_tier:
            continue
        if account.lifecycle == "prospect":
            account.tier_override_reason = pick(rng, names.OVERRIDE_POTENTIAL)
        elif rng.random() < OVERRIDE_SHARE:
            up = tier_rank("revenue", account.tier) < tier_rank("revenue", account.revenue_tier)
            account.tier_override_reason = pick(
                rng, names.OVERRIDE_UP if up else names.OVERRIDE_DOWN
            )


def write_override_history(ctx: DemoContext, rng: random.Random) -> None:
    rows = [
        {
            "id": uuid4(rng),
            "owner_id": a.owner_id,
            "account_id": a.id,
            "changed_by": a.owner_id,
            "tier_scheme": "revenue",
            "old_tier": a.revenue_tier,
            "new_tier": a.tier,
            "source": "override",
            "reason": a.tier_override_reason,
        }
        for a in ctx.accounts
        if a.tier_override_reason
    ]
    done = ctx.batch_start + len(ctx.accounts)
    so_far = ctx.written.get("tier_changes", 0) + len(rows)
    ctx.write("tier_changes", rows, total=round(so_far * ctx.accounts_wanted / max(done, 1)))


def write_targets(ctx: DemoContext, rng: random.Random) -> None:
    from katerm.core.pyramid import PyramidQuery, compute, target_id

    year = ctx.today.year
    rows = []
    with ctx.db.reading() as conn:
        for member in ctx.team:
            figures = compute(conn, PyramidQuery(owner_id=member.id, year=year), ctx.me.id)
            for tier in figures.tiers:
                if tier.tier is None:
                    continue
                low, high = GROWTH[tier.tier]
                wanted = tier.count * rng.uniform(low, high)
                target = math.ceil(wanted) if tier.tier in ("A", "B") else round(wanted)
                rows.append(
                    {
                        "id": target_id(member.id, year, "revenue", tier.tier),
                        "owner_id": member.id,
                        "year": year,
                        "scheme": "revenue",
                        "tier": tier.tier,
                        "target": target,
                    }
                )
    ctx.write("tier_targets", rows, total=len(rows))
