"""Step ``accounts``: the portfolio, with the revenue spread of a real account pyramid.

The shape follows the jewellery brand in DOMAIN.md §2: about 1% of accounts at or above
5M CNY hold about a fifth of the revenue, then 8% at 3-5M, 9% at 1-3M and 82% below 1M
(a quarter of those buy nothing yet, or no longer). Counts per band are exact; within a band
revenue is drawn by stratified quantiles, so even 300 accounts show the shape without a lucky
seed. A few accounts carry a tier their revenue no longer supports (or a prospect is tiered by
its potential), so promotion and demotion suggestions have something to show.
"""

from __future__ import annotations

import random
from array import array
from dataclasses import dataclass, field
from itertools import chain, count
from typing import TYPE_CHECKING

from katerm.core.demo.pipeline import DemoAccount, DemoContext, Weighted, pick, uuid4
from katerm.core.pyramid import RULES

if TYPE_CHECKING:
    from types import ModuleType

# The "revenue" scheme's default thresholds (katerm.core.pyramid.read, the one source), in tier
# order: (tier, least revenue), the fallback tier last with 0.
THRESHOLDS = (
    *((spec.tier, spec.default) for spec in RULES["revenue"].thresholds),
    (RULES["revenue"].fallback or "D", 0.0),
)
COUNT_SHARES = {"A": 0.01, "B": 0.08, "C": 0.09, "D": 0.82}
TIERS = ("A", "B", "C", "D")
# Share of accounts per revenue tier whose tier is one step off what the revenue says (few
# in D, or the small C band would swell with D accounts moved up).
OFF_TIER_SHARE = {"A": 0.05, "B": 0.05, "C": 0.05, "D": 0.005}
HOME_REGION_SHARE = 0.85  # of a seller's accounts, in the seller's own region
NOTE_SHARE = 0.3

# Lifecycle mix per band; prospects and former customers buy nothing this year.
_LIFECYCLES = {
    "A": Weighted(("loyal", "customer"), (0.65, 0.35)),
    "B": Weighted(("loyal", "customer"), (0.45, 0.55)),
    "C": Weighted(("loyal", "customer"), (0.3, 0.7)),
    "D": Weighted(("prospect", "former", "customer", "loyal"), (0.2, 0.06, 0.6, 0.14)),
}


def tier_for(revenue: float) -> str:
    for tier, low in THRESHOLDS:
        if revenue >= low:
            return tier
    return "D"


def band_counts(total: int) -> dict[str, int]:
    """Accounts per band: the shares of ``total``, rounded so they add up (largest remainder)."""
    exact = {t: total * COUNT_SHARES[t] for t in TIERS}
    counts = {t: int(v) for t, v in exact.items()}
    for tier in sorted(TIERS, key=lambda t: counts[t] - exact[t])[: total - sum(counts.values())]:
        counts[tier] += 1
    return counts


_LOW = dict(THRESHOLDS)


def _revenue(tier: str, u: float) -> float:
    """Revenue at quantile ``u`` (0..1) of a band, between the band's thresholds."""
    if tier == "A":  # bounded Pareto 5M..80M: a few very large accounts
        low, high, alpha = _LOW["A"], 16 * _LOW["A"], 0.6
        return low / (1 - u * (1 - (low / high) ** alpha)) ** (1 / alpha)
    if tier == "B":
        return _LOW["B"] + (_LOW["A"] - _LOW["B"]) * u**2
    if tier == "C":
        return _LOW["C"] + (_LOW["B"] - _LOW["C"]) * u**0.7
    return 20_000 + (_LOW["C"] - 20_000) * u**1.3  # no pile-up at a floor


@dataclass
class _Plan:
    """What the step keeps between batches: which band each account falls in, names used."""

    order: array[int]  # account k takes slot order[k]; slots are numbered band by band
    bands: list[tuple[str, int, int]]  # (band, first slot, slots in band)
    industries: Weighted[int]
    all_cities: list[tuple[str, str]]
    taken: set[str] = field(default_factory=set)  # casefolded names so far

    def slot(self, k: int) -> tuple[str, int, int]:
        """Account k's band, its place in the band and the band's size."""
        slot = self.order[k]
        for band, first, size in self.bands:
            if slot < first + size:
                return band, slot - first, size
        raise IndexError(k)


def _plan(ctx: DemoContext, rng: random.Random) -> _Plan:
    bands, first = [], 0
    for band, size in band_counts(ctx.accounts_wanted).items():
        bands.append((band, first, size))
        first += size
    order = array("l", range(ctx.accounts_wanted))  # 8 bytes an account, even for a million
    rng.shuffle(order)
    names = ctx.names
    return _Plan(
        order,
        bands,
        Weighted(range(len(names.INDUSTRIES)), [i[2] for i in names.INDUSTRIES]),
        [c for cities in names.REGIONS.values() for c in cities],
    )


def make_accounts(ctx: DemoContext, rng: random.Random) -> None:
    """The batch's accounts (per batch: ``ctx.batch_size`` from ``ctx.batch_start`` on)."""
    plan = ctx.state.get("accounts")
    if plan is None:
        plan = ctx.state["accounts"] = _plan(ctx, rng)
    names = ctx.names
    sellers = ctx.sellers
    regions = list(names.REGIONS)
    for k in range(ctx.batch_start, ctx.batch_start + ctx.batch_size):
        band, place, size = plan.slot(k)
        u = (place + rng.random()) / size  # stratified: every band shows its whole range
        owner = pick(rng, sellers)
        region = owner.region if rng.random() < HOME_REGION_SHARE else pick(rng, regions)
        city = pick(rng, names.REGIONS[region])
        industry = plan.industries.draw(rng)
        name, domain = names.company(rng, city, industry, band in ("A", "B"))
        name = _unique(rng, names, name, city, plan.all_cities, plan.taken)
        lifecycle = _LIFECYCLES[band].draw(rng)
        buys = lifecycle in ("customer", "loyal")
        revenue = round(_revenue(band, u), -2) if buys else 0.0
        if lifecycle == "prospect":
            potential = round(10 ** rng.uniform(5, 7.3), -3)
        elif lifecycle == "former":
            potential = round(10 ** rng.uniform(5, 6.3), -3)
        else:
            headroom = rng.uniform(1.05, 1.6) if lifecycle == "loyal" else rng.uniform(1.1, 2.5)
            potential = round(revenue * headroom, -3)
        spread = rng.uniform(1.0, 2.5) if lifecycle == "loyal" else rng.uniform(0.5, 1.4)
        contract = round(revenue * spread, -3) if buys else 0.0
        revenue_tier = tier_for(revenue)
        tier = _tier(rng, revenue_tier, lifecycle, potential)
        notes = pick(rng, names.ACCOUNT_NOTES) if rng.random() < NOTE_SHARE else ""
        ctx.accounts.append(
            DemoAccount(
                id=uuid4(rng),
                name=name,
                owner_id=owner.id,
                industry=names.INDUSTRIES[industry][0],
                region=region,
                city=city[0],
                domain=domain,
                annual_revenue=revenue,
                contract_value=contract,
                potential_revenue=potential,
                tier=tier,
                revenue_tier=revenue_tier,
                lifecycle=lifecycle,
                notes=notes,
            )
        )


def _tier(rng: random.Random, revenue_tier: str, lifecycle: str, potential: float) -> str:
    """Mostly what the revenue says; a few one step off (a stale tier, or a prospect tiered
    by its potential: "no business yet is not the same as no value")."""
    if lifecycle == "prospect" and potential >= 5e6 and rng.random() < 0.2:
        return "C" if potential < 1e7 else "B"
    if rng.random() >= OFF_TIER_SHARE[revenue_tier]:
        return revenue_tier
    rank = TIERS.index(revenue_tier)
    step = rng.choice((-1, 1)) if 0 < rank < len(TIERS) - 1 else (1 if rank == 0 else -1)
    return TIERS[rank + step]


def _unique(
    rng: random.Random,
    names: ModuleType,
    name: str,
    city: tuple[str, str],
    all_cities: list[tuple[str, str]],
    taken: set[str],
) -> str:
    """The name, or else the same company's branch in another city: a few cities at random,
    then every city in turn, then numbered branches. Names are compared casefolded, as
    ``katerm.core.accounts.read.name_key`` does."""
    candidate = name
    if candidate.casefold() in taken:
        others = [c[0] for c in all_cities if c[0] != city[0]]
        tries = chain(
            (pick(rng, others) for _ in range(8)), others, (f"{others[0]} {n}" for n in count(2))
        )
        for other in tries:
            candidate = names.branch(name, other)
            if candidate.casefold() not in taken:
                break
    taken.add(candidate.casefold())
    return candidate
