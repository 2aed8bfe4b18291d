"""The account pyramid: a portfolio's figures per tier, and the accounts behind them.

DOMAIN.md §2: an account's tier decides how much attention it gets, and a team watches the
*structure* of its portfolio — how many accounts each tier holds and what share of the
revenue they bring. Four schemes (``katerm.core.tiers``):

* ``revenue`` (ranked): A, B, C by annual revenue thresholds (5M, 3M, 1M), D below;
* ``fish``: price (average order value) and volume (orders this year), two lines each (high,
  middle): whale 价高量大, dolphin 价中量中, shark 价低量大, minnow 价低量小, as the seed has it
  (``katerm.core.pyramid.rules.FISH_RULE`` quotes it and says which comes first);
* ``strategic`` (manual): tiers set by hand (they depend on potential, not on figures);
* ``size`` (ranked): the customer's own revenue and our contract value (2024 standard):
  super-large 3B/5M, mid-large 1B/3M, large 300M/1M; below that, no tier.

The rules (thresholds, figures to tier, in Python and SQL) are in ``katerm.core.pyramid.rules``.
Thresholds are the team's to set (``tier_thresholds``; absent means the default).

One truth per account and scheme: an account holds one stored tier per scheme
(``accounts.tier_<scheme>``, migration 0014) and the pyramid counts that stored tier (the one
the accounts list, the account screen and the exports show when the scheme is the team's
active one). A new account, or one with no tier in a scheme yet, gets the tier its figures
give when it is saved; after that its tier changes only by an applied re-tier suggestion or a
manual override, so figures that would now give another tier are a suggestion, never a
second answer. Everything here reads through plain sqlite3.

The figures are computed once, here, for the screen and the command line alike: one pass
grouping the portfolio's accounts by the stored column.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from katerm.core.money import Rates, Total, load_rates
from katerm.core.money import add as add_money
from katerm.core.pyramid.rules import (
    LIFECYCLES,
    RULES,
    Params,
    Thresholds,
    load_thresholds,
    pyramid_tier_sql,
    quote,
)
from katerm.core.team import below
from katerm.core.tiers import reason_column, tier_column

if TYPE_CHECKING:
    from katerm.core.store import Database


@dataclass(frozen=True)
class PyramidQuery:
    """Which accounts the pyramid counts, in which scheme, against which year's targets."""

    scheme: str = "revenue"
    owner_id: str | None = None  # whose portfolio, with their team's; None: mine
    region: str | None = None
    industry: str | None = None
    lifecycle: str | None = None
    year: int | None = None  # whose targets; compute() needs it (the workspace clock's year)

    @property
    def narrowed(self) -> bool:
        """Filtered below a whole portfolio (targets are per portfolio, not per region)."""
        return bool(self.region or self.industry or self.lifecycle)

    def in_year(self, year: int) -> PyramidQuery:
        return replace(self, year=year)


def portfolio(conn: sqlite3.Connection, query: PyramidQuery, me_id: str) -> list[str] | None:
    """The owners whose accounts the query counts (the portfolio's owner and everyone below
    them), or None when that is everyone in the database: a filter keeping every row only
    slows the scan."""
    ids = below(conn, query.owner_id or me_id)
    everyone = {row[0] for row in conn.execute("SELECT id FROM users")}
    return None if everyone <= set(ids) else ids


def scope_sql(
    query: PyramidQuery,
    owners: list[str] | None,
    params: Params,
    *,
    live: bool = True,
    owner_index: bool = True,
) -> str:
    """The WHERE clause for the query's accounts: of these owners, through the filters, and
    (``live``) not deleted. ``owner_index=False`` keeps SQLite from the owner index, for scans
    that another index serves better."""
    conditions = ["a.deleted = 0"] if live else []
    if owners is not None:
        owner = "a.owner_id" if owner_index else "+a.owner_id"
        conditions.append(f"{owner} IN ({', '.join(params.add(i, 'o') for i in owners)})")
    for column in ("region", "industry", "lifecycle"):
        value = getattr(query, column)
        if value:
            conditions.append(f"a.{column} = {params.add(value, 'f')}")
    return " AND ".join(conditions) or "1"


# --- the figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TierFigures:
    tier: str | None  # None: accounts with no tier in this scheme
    count: int
    count_share: float  # of the accounts counted (0 when there are none)
    revenue: float  # annual revenue (our sales with them)
    revenue_share: float  # of their revenue (0 when it is 0)
    target: int | None  # planned accounts in this tier this year; None: no plan
    gap: int | None  # target - count: how many accounts still to win (negative: beyond plan)
    lifecycle: dict[str, int] = field(default_factory=dict)
    # ``revenue`` with the currencies it was converted from and those without a rate.
    revenue_total: Total | None = None

    def record(self) -> dict[str, Any]:
        """As the command line prints it in JSON."""
        return {
            "tier": self.tier,
            "count": self.count,
            "count_share": self.count_share,
            "revenue": self.revenue,
            "revenue_share": self.revenue_share,
            "target": self.target,
            "gap": self.gap,
            "lifecycle": dict(self.lifecycle),
            **_money_record(self.revenue_total),
        }


def _money_record(total: Total | None) -> dict[str, Any]:
    """The base currency the revenue is in and the amounts left out (no rate)."""
    if total is None:
        return {}
    found = total.as_json()
    return {"base_currency": found["base_currency"], "not_converted": found["not_converted"]}


@dataclass(frozen=True)
class Pyramid:
    query: PyramidQuery
    owner_id: str  # whose portfolio (targets are theirs)
    year: int
    thresholds: Thresholds
    tiers: list[TierFigures]  # top tier first; untiered last, when there are any
    count: int
    revenue: float
    revenue_total: Total | None = None  # the revenue, converted, and what has no rate

    @property
    def targets_apply(self) -> bool:
        return not self.query.narrowed


def compute(
    conn: sqlite3.Connection,
    query: PyramidQuery,
    me_id: str,
    *,
    thresholds: Mapping[str, float] | None = None,
) -> Pyramid:
    """Count the accounts and their revenue per tier, with shares, targets and gaps.

    ``thresholds`` overrides the team's (for a preview); by default they are read from the
    database. Call inside ``db.reading()`` for one consistent snapshot.
    """
    if query.year is None:
        raise ValueError("a pyramid needs the year of its targets (the workspace clock's)")
    scheme = query.scheme
    rule = RULES[scheme]
    values = dict(thresholds) if thresholds is not None else load_thresholds(conn, scheme)
    params = Params()
    owners = portfolio(conn, query, me_id)
    where = scope_sql(query, owners, params)
    # The last lifecycle is the count less the others: one aggregate fewer per row (the
    # field rules allow no other value).
    sums = ", ".join(f"total(a.lifecycle = {quote(v)})" for v in LIFECYCLES[:-1])
    aggregates = f"count(*), total(a.annual_revenue), {sums}"
    # The stored tier (in its own scheme), the one the list and the exports show.
    # Grouped by currency too: each currency's revenue is converted once (money.Rates).
    sql = (
        f"SELECT {pyramid_tier_sql(scheme, values, params)} AS t, a.currency, {aggregates} "
        f"FROM accounts a WHERE {where} GROUP BY t, a.currency"
    )
    cells: dict[str | None, list[float]] = {}

    def add(tier: str | None, row: tuple[Any, ...]) -> None:
        if tier is not None and tier not in rule.tiers:
            tier = None
        cell = cells.setdefault(tier, [0.0] * (2 + len(LIFECYCLES)))
        for i, value in enumerate(row):
            cell[i] += value or 0
        cell[-1] += (row[0] or 0) - sum(v or 0 for v in row[2:])

    revenues: dict[str | None, dict[str, float]] = {}
    for tier, currency, *row in conn.execute(sql, params):
        add(tier, tuple(row))
        add_money(revenues.setdefault(_known(rule.tiers, tier), {}), currency, row[1])
    rates = load_rates(conn)
    totals = _converted(cells, revenues, rates)
    owner = query.owner_id or me_id
    targets = load_targets(conn, owner, query.year, scheme)
    count = int(sum(c[0] for c in cells.values()))
    # Amounts are kept in cents (fields.money): round away the float noise that moving held
    # accounts between tiers (a subtraction and an addition) can leave.
    for cell in cells.values():
        cell[1] = round(cell[1], 2)
    revenue = round(sum(c[1] for c in cells.values()), 2)
    whole = _whole(revenues, rates)
    order: list[str | None] = list(rule.tiers)
    if cells.get(None, [0])[0]:
        order.append(None)
    tiers = []
    for tier in order:
        cell = cells.get(tier, [0.0] * (2 + len(LIFECYCLES)))
        n = int(cell[0])
        target = targets.get(tier) if tier is not None and not query.narrowed else None
        tiers.append(
            TierFigures(
                tier=tier,
                count=n,
                count_share=n / count if count else 0.0,
                revenue=cell[1],
                revenue_share=cell[1] / revenue if revenue else 0.0,
                target=target,
                gap=None if target is None else target - n,
                lifecycle={v: int(cell[2 + i]) for i, v in enumerate(LIFECYCLES)},
                revenue_total=totals.get(tier, rates.total({})),
            )
        )
    return Pyramid(query, owner, query.year, values, tiers, count, revenue, whole)


def _known(tiers: tuple[str, ...], tier: str | None) -> str | None:
    return tier if tier in tiers else None


def _converted(
    cells: dict[str | None, list[float]],
    revenues: dict[str | None, dict[str, float]],
    rates: Rates,
) -> dict[str | None, Total]:
    """Each tier's revenue converted to the team's base (what has no rate is left out of the
    figure and listed): the cell's revenue becomes the converted one."""
    totals = {tier: rates.total(sums) for tier, sums in revenues.items()}
    for tier, cell in cells.items():
        cell[1] = totals[tier].amount if tier in totals else 0.0
    return totals


def _whole(revenues: dict[str | None, dict[str, float]], rates: Rates) -> Total:
    """The portfolio's revenue: every tier's per-currency sums, converted once."""
    merged: dict[str, float] = {}
    for sums in revenues.values():
        for currency, value in sums.items():
            add_money(merged, currency, value)
    return rates.total(merged)


def load_figures(db: Database, query: PyramidQuery, me_id: str) -> tuple[Pyramid, dict[str, int]]:
    """The pyramid's figures and the portfolio's targets as stored (shown also when filters
    hide them from the figures), in one consistent read."""
    with db.reading() as conn:
        pyramid = compute(conn, query, me_id)
        return pyramid, load_targets(conn, pyramid.owner_id, pyramid.year, query.scheme)


def load_beside(
    db: Database, query: PyramidQuery, me_id: str, other: str
) -> dict[str | None, dict[str | None, int]]:
    """:func:`beside` in a read of its own (the pyramid screen's second table)."""
    with db.reading() as conn:
        return beside(conn, query, me_id, other)


def load_targets(conn: sqlite3.Connection, owner_id: str, year: int, scheme: str) -> dict[str, int]:
    """Planned accounts per tier for a portfolio and year (tiers without a plan are absent)."""
    return {
        tier: int(target)
        for tier, target in conn.execute(
            "SELECT tier, target FROM tier_targets WHERE owner_id = ? AND year = ? AND scheme = ? "
            "AND deleted = 0",
            (owner_id, year, scheme),
        )
    }


# --- the accounts behind the figures ------------------------------------------------------


@dataclass(frozen=True)
class TierAccount:
    id: str
    name: str
    tier: str | None  # as stored on the account
    tier_scheme: str
    lifecycle: str
    annual_revenue: float
    owner: str
    override_reason: str


def accounts_in_tier(
    conn: sqlite3.Connection,
    query: PyramidQuery,
    me_id: str,
    tier: str | None,
    *,
    thresholds: Mapping[str, float] | None = None,
) -> list[TierAccount]:
    """The accounts the pyramid counts in ``tier``, biggest revenue first."""
    values = thresholds if thresholds is not None else load_thresholds(conn, query.scheme)
    params = Params()
    where = scope_sql(query, portfolio(conn, query, me_id), params)
    tier_expr = pyramid_tier_sql(query.scheme, values, params)
    rows = conn.execute(
        f"SELECT a.id, a.name, a.{tier_column(query.scheme)}, {params.add(query.scheme)}, "
        "a.lifecycle, a.annual_revenue, coalesce(nullif(u.name, ''), u.login, ''), "
        f"a.{reason_column(query.scheme)} "
        f"FROM accounts a LEFT JOIN users u ON u.id = a.owner_id WHERE {where} "
        f"AND {tier_expr} IS {params.add(tier)} ORDER BY a.annual_revenue DESC, a.name",
        params,
    ).fetchall()
    return [TierAccount(*row) for row in rows]


@dataclass(frozen=True)
class FilterOptions:
    """What the pyramid's filters offer: the people in my portfolio, regions, industries."""

    members: list[tuple[str, str]]  # (id, name or login), me first
    regions: list[str]
    industries: list[str]


def filter_options(conn: sqlite3.Connection, me_id: str) -> FilterOptions:
    from katerm.core.team import members

    mine = set(below(conn, me_id))
    people = [(m.id, m.display) for m in members(conn) if m.id in mine]
    people.sort(key=lambda p: (p[0] != me_id, p[1].casefold()))

    def distinct(column: str) -> list[str]:
        return [
            row[0]
            for row in conn.execute(
                f"SELECT DISTINCT {column} FROM accounts WHERE deleted = 0 AND {column} != '' "
                f"ORDER BY {column}"
            )
        ]

    return FilterOptions(people, distinct("region"), distinct("industry"))


def load_filter_options(db: Database, me_id: str) -> FilterOptions:
    """:func:`filter_options`, in a read of its own."""
    with db.reading() as conn:
        return filter_options(conn, me_id)


def load_tier_accounts(
    db: Database, query: PyramidQuery, me_id: str, tier: str | None
) -> list[TierAccount]:
    """:func:`accounts_in_tier`, in a read of its own."""
    with db.reading() as conn:
        return accounts_in_tier(conn, query, me_id, tier)


def beside(
    conn: sqlite3.Connection, query: PyramidQuery, me_id: str, other: str
) -> dict[str | None, dict[str | None, int]]:
    """The query's accounts counted by their stored tier in its scheme and in ``other`` (the
    strategic scheme beside the revenue one: an account can be both "A" and "strategic"):
    tier -> other scheme's tier -> count. None: no tier in that scheme."""
    params = Params()
    where = scope_sql(query, portfolio(conn, query, me_id), params)
    mine, theirs = RULES[query.scheme].tiers, RULES[other].tiers
    out: dict[str | None, dict[str | None, int]] = {}
    for tier, other_tier, count in conn.execute(
        f"SELECT a.{tier_column(query.scheme)}, a.{tier_column(other)}, count(*) "
        f"FROM accounts a WHERE {where} GROUP BY 1, 2",
        params,
    ):
        row = out.setdefault(tier if tier in mine else None, {})
        key = other_tier if other_tier in theirs else None
        row[key] = row.get(key, 0) + int(count)
    return out
