"""Tier schemes as rules: thresholds, how figures give a tier, and the same as SQL.

The vocabulary (which tiers each scheme has) is ``katerm.core.tiers``; this module says how an
account's figures give its tier in each scheme (``katerm.core.pyramid.read`` explains the schemes),
once in Python (:func:`tier_by_figures`, the reference) and once as SQL (:func:`tier_sql`),
which the pyramid's figures use and a test holds to the reference.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from katerm.core.store import Lifecycle
from katerm.core.tiers import SCHEMES, reason_column, tier_column

LIFECYCLES = tuple(m.value for m in Lifecycle)

# Each measure as SQL over ``accounts a``. Average order value is revenue per order (0 without
# orders), so price x volume = annual revenue.
MEASURES: dict[str, str] = {
    "annual_revenue": "a.annual_revenue",
    "contract_value": "a.contract_value",
    "company_revenue": "a.company_revenue",
    "annual_orders": "a.annual_orders",
    "avg_order_value": (
        "(CASE WHEN a.annual_orders > 0 THEN a.annual_revenue * 1.0 / a.annual_orders ELSE 0.0 END)"
    ),
}


@dataclass(frozen=True)
class Threshold:
    """One threshold: the least ``measure`` an account needs for ``tier`` (ranked schemes),
    or the line between high and low ``measure`` (``tier`` empty: the fish scheme)."""

    tier: str
    measure: str
    default: float
    whole: bool = False  # a count of orders, not an amount of money

    @property
    def key(self) -> str:
        """The threshold's name in a scheme's threshold mapping (and form field)."""
        return f"{self.tier}.{self.measure}" if self.tier else self.measure


@dataclass(frozen=True)
class SchemeRule:
    name: str
    kind: str  # ranked | quadrant | manual
    thresholds: tuple[Threshold, ...] = ()
    fallback: str | None = None  # ranked: the tier of an account that meets no threshold

    @property
    def tiers(self) -> tuple[str, ...]:
        return SCHEMES[self.name]


RULES: dict[str, SchemeRule] = {
    "revenue": SchemeRule(
        "revenue",
        "ranked",
        (
            Threshold("A", "annual_revenue", 5_000_000.0),
            Threshold("B", "annual_revenue", 3_000_000.0),
            Threshold("C", "annual_revenue", 1_000_000.0),
        ),
        fallback="D",
    ),
    "fish": SchemeRule(
        "fish",
        "quadrant",
        (
            Threshold("", "avg_order_value", 100_000.0),
            Threshold("", "annual_orders", 12.0, whole=True),
        ),
    ),
    "strategic": SchemeRule("strategic", "manual"),
    "size": SchemeRule(
        "size",
        "ranked",
        (
            Threshold("super_large", "company_revenue", 3_000_000_000.0),
            Threshold("super_large", "contract_value", 5_000_000.0),
            Threshold("mid_large", "company_revenue", 1_000_000_000.0),
            Threshold("mid_large", "contract_value", 3_000_000.0),
            Threshold("large", "company_revenue", 300_000_000.0),
            Threshold("large", "contract_value", 1_000_000.0),
        ),
    ),
}
# fish: (high price, high volume) -> tier
QUADRANTS = {
    (True, True): "whale",
    (True, False): "dolphin",
    (False, True): "shark",
    (False, False): "minnow",
}

Thresholds = dict[str, float]


def default_thresholds(scheme: str) -> Thresholds:
    return {t.key: t.default for t in RULES[scheme].thresholds}


def load_thresholds(conn: sqlite3.Connection, scheme: str) -> Thresholds:
    """The team's thresholds for a scheme: the stored ones over the defaults."""
    values = default_thresholds(scheme)
    for tier, measure, value in conn.execute(
        "SELECT tier, measure, value FROM tier_thresholds WHERE scheme = ? AND deleted = 0",
        (scheme,),
    ):
        key = Threshold(tier, measure, 0.0).key
        if key in values:
            values[key] = float(value)
    return values


# --- one account, in Python (the reference the SQL must agree with) ----------------------


def measures_of(account: Mapping[str, Any]) -> dict[str, float]:
    """An account's measures (a row or form values with the account's figures)."""
    revenue = float(account.get("annual_revenue") or 0.0)
    orders = int(account.get("annual_orders") or 0)
    return {
        "annual_revenue": revenue,
        "contract_value": float(account.get("contract_value") or 0),
        "company_revenue": float(account.get("company_revenue") or 0.0),
        "annual_orders": float(orders),
        "avg_order_value": revenue * 1.0 / orders if orders > 0 else 0.0,
    }


def tier_by_figures(
    scheme: str, thresholds: Mapping[str, float], account: Mapping[str, Any]
) -> str | None:
    """The tier an account's figures give it in a scheme (manual: its own tier there)."""
    rule = RULES[scheme]
    if rule.kind == "manual":
        return account.get(tier_column(scheme))
    values = measures_of(account)
    if rule.kind == "quadrant":
        price, volume = rule.thresholds
        return QUADRANTS[
            (
                values[price.measure] >= thresholds[price.key],
                values[volume.measure] >= thresholds[volume.key],
            )
        ]
    for tier in rule.tiers:
        needs = [t for t in rule.thresholds if t.tier == tier]
        if needs and all(values[t.measure] >= thresholds[t.key] for t in needs):
            return tier
    return rule.fallback


def figures_tier(conn: sqlite3.Connection, scheme: str, account: Mapping[str, Any]) -> str | None:
    """The tier an account's figures give in a scheme with the team's thresholds."""
    if scheme not in RULES or RULES[scheme].kind == "manual":
        return None
    return tier_by_figures(scheme, load_thresholds(conn, scheme), account)


def figures_tier_rule(conn: sqlite3.Connection) -> Callable[[Mapping[str, Any]], dict[str, str]]:
    """The tiers an account's figures give in every scheme rated by figures, with the team's
    thresholds read once (``katerm.core.plugins`` gives it to the accounts: saving one account
    or a whole import). The same answers as :func:`tier_by_figures`, worked out for 100,000
    imported accounts without re-reading the rules for each."""
    compiled = {
        scheme: _compiled(rule, load_thresholds(conn, scheme))
        for scheme, rule in RULES.items()
        if rule.kind != "manual"
    }

    def tiers(account: Mapping[str, Any]) -> dict[str, str]:
        values = measures_of(account)
        out = {}
        for scheme, tier_of in compiled.items():
            tier = tier_of(values)
            if tier is not None:
                out[scheme] = tier
        return out

    return tiers


def _compiled(rule: SchemeRule, thresholds: Mapping[str, float]) -> Callable[..., str | None]:
    """:func:`tier_by_figures` for one scheme and fixed thresholds, over an account's
    measures."""
    if rule.kind == "quadrant":
        price, volume = rule.thresholds
        p_measure, p_limit = price.measure, thresholds[price.key]
        v_measure, v_limit = volume.measure, thresholds[volume.key]
        return lambda v: QUADRANTS[(v[p_measure] >= p_limit, v[v_measure] >= v_limit)]
    steps = [
        (tier, tuple((t.measure, thresholds[t.key]) for t in rule.thresholds if t.tier == tier))
        for tier in rule.tiers
    ]
    needed = [(tier, needs) for tier, needs in steps if needs]
    fallback = rule.fallback

    def ranked(values: Mapping[str, float]) -> str | None:
        for tier, needs in needed:
            if all(values[measure] >= limit for measure, limit in needs):
                return tier
        return fallback

    return ranked


def is_held(scheme: str, account: Mapping[str, Any]) -> bool:
    """Does a manual override keep this account's tier in this scheme?"""
    return bool(account.get(reason_column(scheme)))


def pyramid_tier(
    scheme: str, thresholds: Mapping[str, float], account: Mapping[str, Any]
) -> str | None:
    """The tier the pyramid counts an account in: the tier stored on it in this scheme
    (computed when saved, changed by a re-tier or an override: one truth, the one the accounts
    list and the exports show; None: not rated in this scheme)."""
    return account.get(tier_column(scheme))


# --- SQL ------------------------------------------------------------------------------------


class Params(dict[str, Any]):
    def add(self, value: Any, prefix: str = "p") -> str:
        name = f"{prefix}{len(self)}"
        self[name] = value
        return f":{name}"


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _conditions(
    rule: SchemeRule, tier: str, thresholds: Mapping[str, float], params: Params
) -> str | None:
    needs = [t for t in rule.thresholds if t.tier == tier]
    if not needs:
        return None
    return " AND ".join(
        f"{MEASURES[t.measure]} >= {params.add(float(thresholds[t.key]))}" for t in needs
    )


def tier_sql(scheme: str, thresholds: Mapping[str, float], params: Params) -> str:
    """SQL for the tier an account's figures give it (see :func:`tier_by_figures`)."""
    rule = RULES[scheme]
    if rule.kind == "manual":
        return f"a.{tier_column(scheme)}"
    if rule.kind == "quadrant":
        price, volume = rule.thresholds
        high_price = f"{MEASURES[price.measure]} >= {params.add(float(thresholds[price.key]))}"
        high_volume = f"{MEASURES[volume.measure]} >= {params.add(float(thresholds[volume.key]))}"
        return (
            f"(CASE WHEN {high_price} THEN (CASE WHEN {high_volume} THEN 'whale' "
            f"ELSE 'dolphin' END) WHEN {high_volume} THEN 'shark' ELSE 'minnow' END)"
        )
    whens = []
    for tier in rule.tiers:
        condition = _conditions(rule, tier, thresholds, params)
        if condition is not None:
            whens.append(f"WHEN {condition} THEN {quote(tier)}")
    fallback = quote(rule.fallback) if rule.fallback else "NULL"
    return f"(CASE {' '.join(whens)} ELSE {fallback} END)"


def pyramid_tier_sql(scheme: str, thresholds: Mapping[str, float], params: Params) -> str:
    """SQL for :func:`pyramid_tier`: the stored column of the scheme (no computing at all)."""
    return f"a.{tier_column(scheme)}"
