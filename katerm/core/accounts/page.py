"""The accounts list's SQL: the columns it reads per account, a revenue in the base
currency, and the first page painted while the whole index loads
(:class:`katerm.core.accounts.listing.AccountIndex`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from katerm.core.money import Rates, in_base, load_rates
from katerm.core.tiers import SCHEMES, stored_rank_sql, stored_tier_sql


def _last_activity_sql(conn: sqlite3.Connection) -> str:
    """Last activity per account, once the activity log exists (added by a later migration)."""
    has = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'activities'"
    ).fetchone()
    if not has:
        return "NULL"
    return "(SELECT max(occurred_at) FROM activities v WHERE v.account_id = a.id AND v.deleted = 0)"


# The stored tier of the workspace's active scheme, and that scheme. The revenue in its own
# currency, NULL when that is the base as stored (most: no string per row); converted by
# in_base_currency.
_SELECT = (
    f"SELECT a.id, a.name, {stored_tier_sql()}, active_scheme(), a.lifecycle, a.industry, "
    "a.region, a.annual_revenue, a.owner_id, coalesce(nullif(u.name, ''), u.login, ''), "
    "nullif(a.currency, :base), {last} "
    "FROM accounts a LEFT JOIN users u ON u.id = a.owner_id WHERE a.deleted = 0"
)


def select_rows(conn: sqlite3.Connection, rates: Rates, params: dict[str, Any]) -> str:
    params["base"] = rates.base
    return _SELECT.format(last=_last_activity_sql(conn))


def in_base_currency(rates: Rates, revenue: float, code: str | None) -> tuple[float | None, str]:
    """A revenue in the base currency (None: its currency has no rate) and its currency ("":
    the base), computed as money.Rates.factor_sql does in SQL (the same product)."""
    code = (code or "").upper()
    if not code or code == rates.base:
        return revenue, ""
    rate = rates.rate(code)
    return (None if rate is None else (revenue or 0.0) * rate), code


@dataclass(frozen=True)
class Preview:
    """The first rows in the default order, while the full index loads (~60 ms for 100k).
    No revenue total: converting needs every row's currency, a table scan (~3x the count)."""

    rows: list[tuple[Any, ...]]
    total: int
    rates: Rates

    def revenue_text(self, row: tuple[Any, ...]) -> str:
        """A row's revenue as the list shows it (:meth:`AccountIndex.revenue_text`)."""
        revenue, code = in_base_currency(self.rates, row[7], row[10])
        return in_base(revenue, code, row[7] or 0.0, self.rates.base)


def first_page(conn: sqlite3.Connection, limit: int = 80) -> Preview:
    """Rows in the index's default order (tier, then revenue), as the full index will show
    them, so the screen can paint before the index is built.

    It is on the way to the first paint, so it is kept cheap (~40 ms of CPU for 100k accounts,
    from ~100): the rank uses the active scheme's column itself (``active_scheme()`` is a
    Python function SQLite called twice per row), only the rows shown get their columns and last
    activity, and the count is read from an index, less the deleted. Revenue is in the base
    currency, an account without a rate last (as :meth:`AccountIndex.sorted_order`)."""
    scheme = conn.execute("SELECT active_scheme()").fetchone()[0]
    rank = stored_rank_sql(scheme if scheme in SCHEMES else None)
    rates = load_rates(conn)
    params: dict[str, Any] = {"limit": limit}
    select = select_rows(conn, rates, params).replace(
        "WHERE a.deleted = 0", "JOIN top ON top.r = a.rowid WHERE a.deleted = 0"
    )
    by_revenue = f"coalesce(a.annual_revenue * {rates.factor_sql('a.currency', params)}, -1)"
    rows = conn.execute(
        f"WITH top AS (SELECT a.rowid AS r, {rank} AS k, {by_revenue} AS m FROM accounts a "
        "WHERE a.deleted = 0 ORDER BY k, m DESC, a.rowid LIMIT :limit) "
        f"{select} ORDER BY top.k, top.m DESC, a.rowid",
        params,
    ).fetchall()
    total, deleted = (
        conn.execute(f"SELECT count(*) FROM accounts {where}").fetchone()[0]
        for where in ("", "WHERE deleted = 1")
    )
    return Preview(rows, int(total - deleted), rates)
