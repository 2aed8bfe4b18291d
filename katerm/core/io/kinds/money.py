"""The team's exchange rates (katerm.core.money): one row per currency and base currency.

A rate names its base (``1 USD = 7.1 CNY``: currency USD, rate 7.1, base CNY), so a file
says what it means whatever the team's base is today; the base currency itself is set with
``katerm config set base_currency``, not by a file.
"""

from __future__ import annotations

from typing import Any

from katerm.core.errors import FieldError
from katerm.core.fields import memo
from katerm.core.io.kind import ID, USER, Col, Kind
from katerm.core.money import check_code, check_rate, rate_refusal


def _pair(clean: dict[str, Any], stored: Any) -> list[FieldError]:
    """No rate of a base currency against itself (it is 1 by definition)."""
    base = clean.get("base", (stored or {}).get("base"))
    currency = clean.get("currency", (stored or {}).get("currency"))
    if base and base == currency:
        return [FieldError("currency", "money.err.rate_of_base", currency=currency)]
    return []


def _not_a_managers(ws: Any, clean: dict[str, Any], stored: Any) -> list[FieldError]:
    """A rate a manager above me set is theirs to change (issue 24)."""
    base = clean.get("base", (stored or {}).get("base"))
    currency = clean.get("currency", (stored or {}).get("currency"))
    if not base or not currency:
        return []
    with ws.db.reading() as conn:
        refused = rate_refusal(conn, ws.me.id, base, currency, clean.get("rate"))
    return [refused] if refused else []


RATES = Kind(
    name="rates",
    table="currency_rates",
    depends=("team",),
    owner="me",
    columns=(
        Col("id", ID, template=False),
        Col(
            "currency",
            required=True,
            rule=memo(lambda v: check_code("currency", v)),
            aliases=("币种", "货币", "币别"),
        ),
        Col("rate", required=True, rule=lambda v: check_rate("rate", v), aliases=("汇率",)),
        Col(
            "base",
            required=True,
            rule=memo(lambda v: check_code("base", v)),
            aliases=("base_currency", "本位币"),
        ),
        Col("owner", USER, template=False),
    ),
    key=("base", "currency"),
    check=_pair,
    guard=_not_a_managers,
    where=" AND t.currency <> t.base",
    sheet_aliases=("汇率", "汇率表"),
    aliases=("rate", "currency_rates", "exchange_rates"),
)
