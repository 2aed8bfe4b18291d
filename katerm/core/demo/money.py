"""The demo's money in several currencies (issue 17 part 5): a few overseas accounts, and
their orders, in USD, HKD and EUR; the team's rates for USD and HKD and none for EUR, so the
"not converted" path shows (pyramid, pipeline, reviews, a re-tier suggestion that says why
it cannot compute a tier).

An overseas account's figures are the money the portfolio drew in CNY, in its own currency
at the rates below: converted back, the totals and tiers are those the rest of the demo was
built on — except EUR's, which no rate converts.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from katerm.core.money import rate_id

if TYPE_CHECKING:
    from katerm.core.demo.pipeline import DemoContext

# The rate each currency is drawn at; the team sets only those in SET.
RATES = {"USD": 7.1, "HKD": 0.91, "EUR": 7.8}
SET = ("USD", "HKD")
OVERSEAS = ("USD", "USD", "HKD", "HKD", "EUR")
SHARE = 1 / 60  # of the accounts: 5 of 300


def make_currencies(ctx: DemoContext, rng: random.Random) -> None:
    """Per batch, before the accounts are written: some become overseas accounts."""
    for account in ctx.accounts:
        if rng.random() >= SHARE:
            continue
        # In turn, so even a small demo has each currency (EUR's "not converted" included).
        done = ctx.written.get("overseas", 0)
        ctx.written["overseas"] = done + 1
        currency = OVERSEAS[(done + 2) % len(OVERSEAS)]
        rate = RATES[currency]
        account.currency = currency
        account.annual_revenue = round(account.annual_revenue / rate, 2)
        account.contract_value = round(account.contract_value / rate, 2)
        account.potential_revenue = round(account.potential_revenue / rate, 2)
        account.company_revenue = round(account.company_revenue / rate, 2)


def write_rates(ctx: DemoContext, rng: random.Random) -> None:
    ctx.write(
        "currency_rates",
        [{"id": rate_id("CNY", c), "base": "CNY", "currency": c, "rate": RATES[c]} for c in SET],
        total=len(SET),
    )


def rate_of(currency: str) -> float:
    """The rate the demo drew an account's figures at (its tiers are computed with it)."""
    return RATES.get(currency, 1.0)
