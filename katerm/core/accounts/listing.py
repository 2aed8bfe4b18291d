"""The accounts list: every live account held as columns in memory, filtered and sorted fast.

A 100,000-account table cannot be 100,000 widgets or 100,000 SQL round trips per keystroke.
The index loads the columns once (one query, ~0.2 s for 100k), then each search keystroke is a
substring scan over a prepared lower-cased "haystack" per row, and each sort a cached index
permutation. The table widget asks only for the rows on screen.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from math import fsum
from operator import contains
from typing import TYPE_CHECKING, Any

from katerm.core.background import paced, pause
from katerm.core.money import Rates, Total, in_base, load_rates
from katerm.core.pinyin import has_cjk, search_initials_many
from katerm.core.store import Lifecycle
from katerm.core.team import Member, members
from katerm.core.tiers import SCHEMES, stored_rank_sql, stored_tier_sql, tier_rank

if TYPE_CHECKING:
    from katerm.core.store import Database

COLUMNS = (
    "name",
    "tier",
    "lifecycle",
    "industry",
    "region",
    "annual_revenue",
    "owner",
    "last_activity",
)
_LIFECYCLE_ORDER = {m.value: i for i, m in enumerate(Lifecycle)}


@dataclass(frozen=True)
class Query:
    text: str = ""
    tier: str | None = None
    owner_id: str | None = None
    lifecycle: str | None = None
    sort: str = "tier"
    descending: bool = False


@dataclass(frozen=True)
class View:
    """The rows of a query, in order, as positions in the index, with totals."""

    order: Sequence[int]
    revenue: Total | None  # in the base currency, as the pyramid's (None: in the preview)
    total: int  # accounts in the index, before filtering


def _last_activity_sql(conn: sqlite3.Connection) -> str:
    """Last activity per account, once the activity log exists (added by a later migration)."""
    has = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'activities'"
    ).fetchone()
    if not has:
        return "NULL"
    return "(SELECT max(occurred_at) FROM activities v WHERE v.account_id = a.id AND v.deleted = 0)"


# The stored tier of the workspace's active scheme, and that scheme. The revenue in its own
# currency, NULL when that is the base as stored (most: no string per row); _in_base converts.
_SELECT = (
    f"SELECT a.id, a.name, {stored_tier_sql()}, active_scheme(), a.lifecycle, a.industry, "
    "a.region, a.annual_revenue, a.owner_id, coalesce(nullif(u.name, ''), u.login, ''), "
    "nullif(a.currency, :base), {last} "
    "FROM accounts a LEFT JOIN users u ON u.id = a.owner_id WHERE a.deleted = 0"
)


def _select(conn: sqlite3.Connection, rates: Rates, params: dict[str, Any]) -> str:
    params["base"] = rates.base
    return _SELECT.format(last=_last_activity_sql(conn))


def _in_base(rates: Rates, revenue: float, code: str | None) -> tuple[float | None, str]:
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
        revenue, code = _in_base(self.rates, row[7], row[10])
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
    select = _select(conn, rates, params).replace(
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


@dataclass
class AccountIndex:
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    tiers: list[str | None] = field(default_factory=list)
    schemes: list[str] = field(default_factory=list)
    lifecycles: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    # In the team's base currency (converted at its rates; 0 when the currency has none).
    revenues: list[float] = field(default_factory=list)
    # Accounts in another currency than the base: position -> (currency, its own figure, and
    # whether a rate converted it). Few, so kept aside rather than one more column.
    foreign: dict[int, tuple[str, float, bool]] = field(default_factory=dict)
    rates: Rates = field(default_factory=Rates)
    owner_ids: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    last_activity: list[str | None] = field(default_factory=list)
    # Per row: name, industry, region (and, once built, the name's pinyin initials), folded.
    haystack: list[str] = field(default_factory=list)
    has_initials: bool = False
    _sorted: dict[str, array[int]] = field(default_factory=dict)
    _ranks: dict[str, array[int]] = field(default_factory=dict)
    # The last search: (its folded text, the haystack it ran on, the positions matching it).
    # Typing one more letter narrows those instead of the whole list.
    _last_search: tuple[str, list[str], list[int]] | None = None
    _revenue: Total | None = None  # of every row

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> AccountIndex:
        index = cls()
        interned: dict[Any, Any] = {}

        def share(value: Any) -> Any:
            # Industries, regions, owners, dates repeat: keep one copy of each string.
            return interned.setdefault(value, value)

        index.rates = rates = load_rates(conn)
        params: dict[str, Any] = {}
        # rowid order: the same tie-break as first_page, so the preview and the index agree.
        rows = conn.execute(_select(conn, rates, params) + " ORDER BY a.rowid", params)
        foreign = index.foreign
        for row in paced(rows):  # a fill gives way every so many rows
            id_, name, tier, scheme, life, industry, region, own, owner_id, owner, code, last = row
            revenue = own
            if code is not None:  # another currency, or the base spelt otherwise
                revenue, code = _in_base(rates, own, code)
                if code:
                    foreign[len(index.ids)] = (code, own or 0.0, revenue is not None)
            index.ids.append(id_)
            index.names.append(name)
            index.tiers.append(share(tier))
            index.schemes.append(share(scheme))
            index.lifecycles.append(share(life))
            index.industries.append(share(industry))
            index.regions.append(share(region))
            index.revenues.append(revenue or 0.0)
            index.owner_ids.append(share(owner_id))
            index.owners.append(share(owner))
            index.last_activity.append(share(last))  # a day's date: few distinct
            index.haystack.append(f"{name}\x00{industry}\x00{region}".casefold())
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def build_initials(self) -> None:
        """Add pinyin initials to every Chinese name's haystack (~0.5 s for 100k names: call it
        from a background worker; searches work without it meanwhile)."""
        old, names = self.haystack, self.names
        hay: list[str] = []
        # A slice at a time: all 100k at once held ~40 MB more at the peak, and a fill gives
        # way between slices (~10 ms each).
        step = 2_000
        for start in range(0, len(names), step):
            pause()
            chunk = names[start : start + step]
            found = search_initials_many(chunk)
            hay.extend(
                f"{h}\x00{ini}" if has_cjk(n) else h
                for h, n, ini in zip(old[start : start + step], chunk, found, strict=True)
            )
        self.haystack = hay  # one assignment: a concurrent query sees the old or the new list
        self.has_initials = True

    def row(self, i: int) -> dict[str, Any]:
        return {
            "id": self.ids[i],
            "name": self.names[i],
            "tier": self.tiers[i],
            "tier_scheme": self.schemes[i],
            "lifecycle": self.lifecycles[i],
            "industry": self.industries[i],
            "region": self.regions[i],
            "annual_revenue": self.revenues[i],
            "owner": self.owners[i],
            "owner_id": self.owner_ids[i],
            "last_activity": self.last_activity[i],
        }

    def revenue_text(self, i: int) -> str:
        """Row ``i``'s revenue as the list shows it (:func:`katerm.core.money.in_base`)."""
        found = self.foreign.get(i)
        if found is None:
            return in_base(self.revenues[i], "", 0.0, self.rates.base)
        currency, own, converted = found
        return in_base(self.revenues[i] if converted else None, currency, own, self.rates.base)

    def position(self, account_id: str) -> int | None:
        try:
            return self.ids.index(account_id)
        except ValueError:
            return None

    # --- sorting and filtering -----------------------------------------------------------
    def _revenue_key(self) -> Callable[[int], float]:
        """Revenue in the base currency; an account whose currency has no rate below any."""
        unknown = {i for i, (_, _, converted) in self.foreign.items() if not converted}
        if not unknown:
            return self.revenues.__getitem__
        revenues = self.revenues
        return lambda i: -1.0 if i in unknown else revenues[i]

    def _by_rank(self, ranks: list[int]) -> list[int]:
        """Top rank first, biggest revenue first within a rank (two stable sorts, no tuples:
        100k tuples cost ~15 MB and twice the time)."""
        order = sorted(range(len(self.ids)), key=self._revenue_key(), reverse=True)
        order.sort(key=ranks.__getitem__)
        return order

    def _key(self, column: str) -> Callable[[int], Any]:
        if column == "annual_revenue":
            return self._revenue_key()
        if column == "last_activity":
            return lambda i: self.last_activity[i] or ""
        source = {
            "name": self.names,
            "industry": self.industries,
            "region": self.regions,
            "owner": self.owners,
        }[column]
        folded = {v: v.casefold() for v in set(source)} if column != "name" else None
        if folded is not None:
            return lambda i: folded[source[i]]
        return lambda i: source[i].casefold()

    def sorted_order(self, column: str, descending: bool = False) -> array[int]:
        """Every position in the column's order. Held as an array of machine ints: a filter
        over 100k positions reads them ~3x faster than a list of int objects spread over the
        heap, in a fifth of the memory."""
        if column not in COLUMNS:
            raise ValueError(f"cannot sort by {column!r}")
        base = self._sorted.get(column)
        if base is None:
            if column == "tier":
                ranks = {
                    (s, v): tier_rank(s, v)
                    for s, v in set(zip(self.schemes, self.tiers, strict=True))
                }
                order = self._by_rank(
                    [ranks[k] for k in zip(self.schemes, self.tiers, strict=True)]
                )
            elif column == "lifecycle":
                order = self._by_rank([_LIFECYCLE_ORDER.get(v, 9) for v in self.lifecycles])
            else:
                order = sorted(range(len(self.ids)), key=self._key(column))
            rank = array("l", bytes(array("l").itemsize * len(order)))
            for place, i in enumerate(order):
                rank[i] = place
            self._ranks[column] = rank
            self._sorted[column] = base = array("l", order)
        return base[::-1] if descending else base

    def query(self, q: Query) -> View:
        candidates = self._matching(q)
        revenues = self.revenues
        # The total is summed exactly (fsum), in the index's order: the same figure however
        # the rows are sorted, and read in memory order (summing 100k rows in display order
        # cost as much as the search itself, in cache misses).
        if candidates is None:
            if self._revenue is None:
                self._revenue = self.rates.with_foreign(fsum(revenues), self.foreign.values())
            return View(self.sorted_order(q.sort, q.descending), self._revenue, len(self.ids))
        foreign = self.foreign
        revenue = self.rates.with_foreign(
            fsum(map(revenues.__getitem__, candidates)),
            [foreign[i] for i in candidates if i in foreign] if foreign else (),
        )
        order: Sequence[int]
        if len(candidates) * 8 < len(self.ids):
            # A few matches: sort them by their place in the full order, not scan it.
            self.sorted_order(q.sort)
            rank = self._ranks[q.sort]
            order = sorted(candidates, key=rank.__getitem__, reverse=q.descending)
        else:
            keep = bytearray(len(self.ids))
            for i in candidates:
                keep[i] = 1
            full = self.sorted_order(q.sort, q.descending)
            order = array("l", compress(full, map(keep.__getitem__, full)))
        return View(order, revenue, len(self.ids))

    def _matching(self, q: Query) -> list[int] | None:
        """Positions passing the search and filters (None: no restriction)."""
        candidates = self._searching(q.text.casefold())
        for value, column in (
            (q.tier, self.tiers),
            (q.owner_id, self.owner_ids),
            (q.lifecycle, self.lifecycles),
        ):
            if value is None:
                continue
            if candidates is None:
                candidates = [i for i, v in enumerate(column) if v == value]
            else:
                candidates = [i for i in candidates if column[i] == value]
        return candidates

    def _searching(self, text: str) -> list[int] | None:
        """Positions whose haystack holds every word of ``text`` (None: no words)."""
        terms = text.split()
        if not terms:
            return None
        hay = self.haystack
        last = self._last_search
        # Text that extends the last search (one more letter, one more word) can only match
        # rows that matched it.
        if last is not None and last[1] is hay and text.startswith(last[0]):
            candidates: list[int] | None = last[2]
        else:
            candidates = None
        for term in terms:
            if candidates is None:  # every row: a pass in C, in memory order
                candidates = list(compress(range(len(hay)), map(contains, hay, repeat(term))))
            else:
                candidates = [i for i in candidates if term in hay[i]]
        assert candidates is not None
        self._last_search = (text, hay, candidates)  # one assignment: threads see old or new
        return candidates

    def distinct(self, column: str) -> list[str]:
        source: list[str | None] = self.tiers if column == "tier" else list(self.lifecycles)
        return sorted({v for v in source if v})


def load_index(
    db: Database,
    *,
    preview: Callable[[Preview], object] | None = None,
) -> tuple[AccountIndex, list[Member]]:
    """The whole list and the team (for the owner filter), in one read. ``preview``, when
    given, first gets the first rows in the default order, so a screen can paint them while
    the index loads."""
    with db.reading() as conn:
        if preview is not None:
            preview(first_page(conn, limit=120))
        return AccountIndex.load(conn), members(conn)
