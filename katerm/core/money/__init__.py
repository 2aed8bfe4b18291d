"""Money in several currencies (issue 17 part 5): the team's base currency (CNY unless set),
its rate table, and totals that convert to the base and say what they could not convert.

* :mod:`~katerm.core.money.rules`: what a currency code and a rate may be;
* :mod:`~katerm.core.money.read`: :class:`Rates` (convert one amount, fold per-currency sums
  into a :class:`Total`, the rate as SQL for the tier rules) and :func:`load_rates`;
* :mod:`~katerm.core.money.edit`: setting the base and the rates (``katerm config set``,
  ``katerm import rates``);
* :mod:`~katerm.core.money.text`: a total in words: converted, at whose rates, and what not.

The rates live in the database (table ``currency_rates``, synced), so every screen and every
member of the team converts alike.
"""

from katerm.core.money.edit import load, rate_refusal, remove_rate, set_base, set_rate
from katerm.core.money.read import (
    BASE_ID,
    Amount,
    Converted,
    NotConverted,
    Rates,
    Total,
    add,
    fold,
    load_rates,
    other_bases,
    rate_id,
    rate_owner,
    set_by_leads,
)
from katerm.core.money.rules import (
    DEFAULT_BASE,
    ISO_4217,
    MAX_RATE,
    MIN_RATE,
    check_code,
    check_pair,
    check_rate,
)
from katerm.core.money.text import (
    approx,
    currency_name,
    describe,
    in_base,
    left_out,
    not_converted_text,
    notes,
    short,
    total_text,
)

__all__ = [
    "BASE_ID",
    "DEFAULT_BASE",
    "ISO_4217",
    "MAX_RATE",
    "MIN_RATE",
    "Amount",
    "Converted",
    "NotConverted",
    "Rates",
    "Total",
    "add",
    "approx",
    "check_code",
    "check_pair",
    "check_rate",
    "currency_name",
    "describe",
    "fold",
    "in_base",
    "left_out",
    "load",
    "load_rates",
    "not_converted_text",
    "notes",
    "other_bases",
    "rate_id",
    "rate_owner",
    "rate_refusal",
    "remove_rate",
    "set_base",
    "set_by_leads",
    "set_rate",
    "short",
    "total_text",
]
