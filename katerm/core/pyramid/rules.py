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
from typing import Any, TypeVar

from katerm.core import store
from katerm.core.errors import FieldError, ValidationFailed
from katerm.core.money import load_rates
from katerm.core.store import Lifecycle
from katerm.core.tiers import SCHEMES, reason_column, tier_column
from katerm.i18n.fmt import fmt_amount, fmt_number

T = TypeVar("T")

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
    line_of: str = ""  # fish: the tier whose line it is, named in forms ("" for ranked ones)

    @property
    def key(self) -> str:
        """The threshold's name in a scheme's threshold mapping (and form field)."""
        return f"{self.tier}.{self.measure}" if self.tier else self.measure

    @property
    def label_tier(self) -> str:
        """The tier a form names beside the threshold ("" for none)."""
        return self.line_of or self.tier

    def shown(self, value: float) -> str:
        """The threshold's value as the user types it, in forms and messages alike: money as
        the account form shows it (500万 / 5,000,000), a count of orders as a plain number."""
        return fmt_number(value).replace(",", "") if self.whole else fmt_amount(value)


@dataclass(frozen=True)
class SchemeRule:
    name: str
    kind: str  # ranked | fish | manual
    thresholds: tuple[Threshold, ...] = ()
    fallback: str | None = None  # ranked: the tier of an account that meets no threshold

    @property
    def tiers(self) -> tuple[str, ...]:
        return SCHEMES[self.name]

    def threshold(self, key: str) -> Threshold:
        """The threshold stored under ``key`` (:attr:`Threshold.key`)."""
        return next(spec for spec in self.thresholds if spec.key == key)


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
    # Two lines per measure (high, middle): see FISH_RULE. The high lines keep the key they
    # had when the scheme was a 2x2 grid (tier ""), so a team's stored lines still apply.
    "fish": SchemeRule(
        "fish",
        "fish",
        (
            Threshold("", "avg_order_value", 100_000.0, line_of="whale"),
            Threshold("dolphin", "avg_order_value", 30_000.0),
            Threshold("", "annual_orders", 12.0, whole=True, line_of="whale"),
            Threshold("dolphin", "annual_orders", 4.0, whole=True),
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
FISH_RULE = """The fish scheme by the book (客户金字塔, 客户分类):

    大鲸鱼客户 价高量大   whale:   high price and large volume
    海豚客户   价中量中   dolphin: middle price and middle volume
    鲨鱼客户   价低量大   shark:   low price and large volume
    小鱼客户   价低量小   minnow:  low price and small volume

Price is the average order value (annual revenue / orders this year), volume the orders this
year. Each has two lines the team sets: high (the whale's) and middle (the dolphin's), middle
below high. Read in that order, the first that fits:

    whale    price >= high line   and volume >= high line
    dolphin  price >= middle line and volume >= middle line (middle or above, not both high)
    shark    volume >= high line  (a large volume at a low price)
    minnow   the rest: small volume, or low price without a large volume
"""


def fish_tier(high_price: bool, mid_price: bool, high_volume: bool, mid_volume: bool) -> str:
    """The fish tier of an account's place against the four lines (see :data:`FISH_RULE`);
    ``mid_*`` is "at or above the middle line" (so high implies it)."""
    if high_price and high_volume:
        return "whale"
    if mid_price and mid_volume:
        return "dolphin"
    if high_volume:
        return "shark"
    return "minnow"


Thresholds = dict[str, float]


def default_thresholds(scheme: str) -> Thresholds:
    return {t.key: t.default for t in RULES[scheme].thresholds}


def load_thresholds(conn: sqlite3.Connection, scheme: str) -> Thresholds:
    """The team's thresholds for a scheme: the stored ones over the defaults (of each, the
    most senior owner's row, then the newest: ``store.winners``)."""
    values = default_thresholds(scheme)
    for (tier, measure), (value, _owner) in _stored(conn, scheme).items():
        key = Threshold(tier, measure, 0.0).key
        if key in values:
            values[key] = float(value)
    return values


def threshold_owners(conn: sqlite3.Connection, scheme: str) -> dict[str, str]:
    """Whose row holds each stored threshold of a scheme (key -> owner id)."""
    return {
        Threshold(tier, measure, 0.0).key: str(owner)
        for (tier, measure), (_value, owner) in _stored(conn, scheme).items()
    }


def _stored(conn: sqlite3.Connection, scheme: str) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    return store.winners(
        conn, "tier_thresholds", ("tier", "measure"), ("value",), "AND scheme = ?", (scheme,)
    )


# --- one account, in Python (the reference the SQL must agree with) ----------------------


def measures_of(account: Mapping[str, Any], rate: float = 1.0) -> dict[str, float]:
    """An account's measures (a row or form values with the account's figures); money
    measures times ``rate``, the rate of the account's currency to the team's base, so they
    compare with the thresholds (which are in the base)."""
    revenue = float(account.get("annual_revenue") or 0.0) * rate
    orders = int(account.get("annual_orders") or 0)
    return {
        "annual_revenue": revenue,
        "contract_value": float(account.get("contract_value") or 0) * rate,
        "company_revenue": float(account.get("company_revenue") or 0.0) * rate,
        "annual_orders": float(orders),
        "avg_order_value": revenue * 1.0 / orders if orders > 0 else 0.0,
    }


def tier_by_figures(
    scheme: str,
    thresholds: Mapping[str, float],
    account: Mapping[str, Any],
    rate: float | None = 1.0,
) -> str | None:
    """The tier an account's figures give it in a scheme (manual: its own tier there).
    ``rate`` converts its money figures to the team's base; None (its currency has no rate)
    gives no tier rather than one guessed from figures in another currency."""
    rule = RULES[scheme]
    if rule.kind == "manual":
        return account.get(tier_column(scheme))
    if rate is None:
        return None
    values = measures_of(account, rate)
    if rule.kind == "fish":
        met = [values[t.measure] >= thresholds[t.key] for t in rule.thresholds]
        return fish_tier(*met)
    for tier in rule.tiers:
        needs = [t for t in rule.thresholds if t.tier == tier]
        if needs and all(values[t.measure] >= thresholds[t.key] for t in needs):
            return tier
    return rule.fallback


def figures_tier(conn: sqlite3.Connection, scheme: str, account: Mapping[str, Any]) -> str | None:
    """The tier an account's figures give in a scheme with the team's thresholds."""
    if scheme not in RULES or RULES[scheme].kind == "manual":
        return None
    rate = load_rates(conn).rate(str(account.get("currency") or ""))
    return tier_by_figures(scheme, load_thresholds(conn, scheme), account, rate)


def figures_tier_rule(conn: sqlite3.Connection) -> Callable[[Mapping[str, Any]], dict[str, str]]:
    """The tiers an account's figures give in every scheme rated by figures, with the team's
    thresholds read once (``katerm.core.plugins`` gives it to the accounts: saving one account
    or a whole import). The same answers as :func:`tier_by_figures`, worked out for 100,000
    imported accounts without re-reading the rules for each. Money figures are converted at
    the team's rate of the account's currency (read once too); with no rate, no tier."""
    compiled = {
        scheme: _compiled(rule, load_thresholds(conn, scheme))
        for scheme, rule in RULES.items()
        if rule.kind != "manual"
    }
    rates = load_rates(conn)
    rate_of: dict[str, float | None] = {}  # currency cell -> its rate (a file has a few)
    schemes = tuple(compiled.items())

    def tiers(account: Mapping[str, Any]) -> dict[str, str]:
        code = str(account.get("currency") or "")
        rate = rate_of[code] if code in rate_of else rate_of.setdefault(code, rates.rate(code))
        if rate is None:
            return {}
        values = measures_of(account, rate)
        out = {}
        for scheme, tier_of in schemes:
            tier = tier_of(values)
            if tier is not None:
                out[scheme] = tier
        return out

    return tiers


def _compiled(rule: SchemeRule, thresholds: Mapping[str, float]) -> Callable[..., str | None]:
    """:func:`tier_by_figures` for one scheme and fixed thresholds, over an account's
    measures."""
    if rule.kind == "fish":
        (m1, l1), (m2, l2), (m3, l3), (m4, l4) = (
            (t.measure, thresholds[t.key]) for t in rule.thresholds
        )  # fish_tier's four lines, in its order
        return lambda v: fish_tier(v[m1] >= l1, v[m2] >= l2, v[m3] >= l3, v[m4] >= l4)
    steps = [
        (tier, tuple((t.measure, thresholds[t.key]) for t in rule.thresholds if t.tier == tier))
        for tier in rule.tiers
    ]
    needed = [(tier, needs) for tier, needs in steps if needs]
    fallback = rule.fallback

    def ranked(values: Mapping[str, float]) -> str | None:
        for tier, needs in needed:
            for measure, limit in needs:  # a loop, not all(...): run 100,000 times an import
                if not values[measure] >= limit:
                    break
            else:
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


def _measure(measure: str, factor: str | None) -> str:
    """A measure in SQL; a money measure times ``factor`` (its currency's rate to the base)."""
    if factor is None or measure == "annual_orders":
        return MEASURES[measure]
    return f"({MEASURES[measure]} * {factor})"


def _conditions(
    rule: SchemeRule,
    tier: str,
    thresholds: Mapping[str, float],
    params: Params,
    factor: str | None = None,
) -> str | None:
    needs = [t for t in rule.thresholds if t.tier == tier]
    if not needs:
        return None
    return " AND ".join(
        f"{_measure(t.measure, factor)} >= {params.add(float(thresholds[t.key]))}" for t in needs
    )


def tier_sql(
    scheme: str, thresholds: Mapping[str, float], params: Params, factor: str | None = None
) -> str:
    """SQL for the tier an account's figures give it (see :func:`tier_by_figures`).
    ``factor`` is SQL for the rate of the account's currency (``Rates.factor_sql``): NULL
    there (no rate) gives no tier."""
    rule = RULES[scheme]
    if rule.kind == "manual":
        return f"a.{tier_column(scheme)}"
    if rule.kind == "fish":
        hp, mp, hv, mv = (
            f"{_measure(t.measure, factor)} >= {params.add(float(thresholds[t.key]))}"
            for t in rule.thresholds
        )
        case = (
            f"(CASE WHEN {hp} AND {hv} THEN 'whale' WHEN {mp} AND {mv} THEN 'dolphin' "
            f"WHEN {hv} THEN 'shark' ELSE 'minnow' END)"
        )
        return _unless_no_rate(case, factor)
    whens = []
    for tier in rule.tiers:
        condition = _conditions(rule, tier, thresholds, params, factor)
        if condition is not None:
            whens.append(f"WHEN {condition} THEN {quote(tier)}")
    fallback = quote(rule.fallback) if rule.fallback else "NULL"
    return _unless_no_rate(f"(CASE {' '.join(whens)} ELSE {fallback} END)", factor)


def _unless_no_rate(case: str, factor: str | None) -> str:
    """No tier when the account's currency has no rate (its comparisons are NULL, which the
    CASE would otherwise read as "below every threshold")."""
    return case if factor is None else f"(CASE WHEN {factor} IS NULL THEN NULL ELSE {case} END)"


def pyramid_tier_sql(scheme: str, thresholds: Mapping[str, float], params: Params) -> str:
    """SQL for :func:`pyramid_tier`: the stored column of the scheme (no computing at all)."""
    return f"a.{tier_column(scheme)}"


def check_per_tier(
    scheme: str, values: Mapping[str, Any], check: Callable[[str, Any], T]
) -> dict[str, T | None]:
    """Values typed per tier (keys: tier names of ``scheme``), each through
    ``check(tier, value)``; an empty one is None. Every bad one is listed
    (:class:`ValidationFailed`)."""
    tiers = RULES[scheme].tiers
    clean: dict[str, T | None] = {}
    errors = []
    for tier, value in values.items():
        if tier not in tiers:
            raise ValueError(f"{tier!r} is not a tier of {scheme!r}")
        if value is None or str(value).strip() == "":
            clean[tier] = None
            continue
        try:
            clean[tier] = check(tier, value)
        except FieldError as exc:
            errors.append(exc)
    if errors:
        raise ValidationFailed(errors)
    return clean
