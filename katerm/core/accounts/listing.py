"""The accounts list: every live account held as columns in memory, filtered and sorted fast.

A 100,000-account table cannot be 100,000 widgets or 100,000 SQL round trips per keystroke.
The index loads the columns once (one query, ~0.2 s for 100k), then each search keystroke is a
substring scan over a prepared lower-cased "haystack" per row, and each sort a cached index
permutation. The table widget asks only for the rows on screen.
"""

from __future__ import annotations

import sqlite3
import string
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import compress, repeat
from math import fsum
from operator import and_, contains, eq
from typing import TYPE_CHECKING, Any

from katerm.core.accounts.page import Preview, first_page, in_base_currency, select_rows
from katerm.core.background import paced, pause
from katerm.core.money import Rates, Total, in_base, load_rates
from katerm.core.pinyin import has_cjk, search_initials_many
from katerm.core.store import Lifecycle
from katerm.core.team import Member, members
from katerm.core.tiers import tier_rank

if TYPE_CHECKING:
    from katerm.core.store import Database

__all__ = ["COLUMNS", "AccountIndex", "Preview", "Query", "View", "first_page", "load_index"]

LETTERS = string.ascii_lowercase + string.digits  # a first keystroke's likely characters
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
    # The last search: (its folded text, the haystack it ran on, its query, the positions
    # matching it in memory order, its view). Typing one more letter narrows those.
    _last_search: tuple[str, list[str], Query, list[int] | bytearray, View] | None = None
    # The haystack the letters' masks were read from, and one mask per letter and digit.
    _letters: tuple[list[str] | None, dict[str, bytearray]] = (None, {})
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
        rows = conn.execute(select_rows(conn, rates, params) + " ORDER BY a.rowid", params)
        foreign = index.foreign
        for row in paced(rows):  # a fill gives way every so many rows
            id_, name, tier, scheme, life, industry, region, own, owner_id, owner, code, last = row
            revenue = own
            if code is not None:  # another currency, or the base spelt otherwise
                revenue, code = in_base_currency(rates, own, code)
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

    def prepare_search(self) -> None:
        """What makes searching quick and complete, built in a background worker: the pinyin
        initials, then each letter's matches."""
        self.build_initials()
        self.prepare_letters()

    def prepare_letters(self) -> None:
        """The rows holding each letter and digit, one byte per row (~0.2 s for 100k rows and
        3.6 MB: call it from a background worker). A search's first keystroke, one character,
        then reads its matches instead of scanning every row."""
        hay, masks = self.haystack, {}
        for letter in LETTERS:
            pause()
            masks[letter] = bytearray(map(contains, hay, repeat(letter)))
        self._letters = (hay, masks)  # for this haystack only: pinyin added, read them again

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

    def is_sorted(self, column: str) -> bool:
        """Whether the column's order is ready (sorting 100k rows the first time is slow)."""
        return column in self._sorted

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
        text = q.text.casefold()
        terms = text.split()
        hay = self.haystack
        last = self._last_search
        # Text that extends the last search (one more letter, one more word), with the same
        # filters and order, can only match rows that matched it: only those are read, and
        # its order is narrowed, not the full list's (a few milliseconds at 100k accounts).
        if (
            terms
            and last is not None
            and last[1] is hay
            and text.startswith(last[0])
            and replace(last[2], text="") == replace(q, text="")
        ):
            candidates: list[int] | bytearray = (
                last[3] if isinstance(last[3], list) else _positions(last[3])
            )
            for term in terms:  # a pass in C
                found = map(contains, map(hay.__getitem__, candidates), repeat(term))
                candidates = list(compress(candidates, found))
            keep = self._marked(candidates)
            before = last[4].order
            order: Sequence[int] = array("l", compress(before, map(keep.__getitem__, before)))
            foreign = self.foreign
            revenue = self.rates.with_foreign(
                fsum(map(self.revenues.__getitem__, candidates)),
                # Looked up in C (a non-empty tuple per foreign row, None for the others).
                list(filter(None, map(foreign.get, candidates))) if foreign else (),
            )
            view = View(order, revenue, len(self.ids))
        else:
            mask = self._matching(q, terms, hay)
            view = self._view(q, mask)
            # The matches' positions are listed when one more letter needs them (the mask is
            # kept meanwhile): the first keystroke does not pay for them.
            candidates = bytearray() if mask is None else mask
        # One assignment: a concurrent query sees the old or the new search.
        self._last_search = (text, hay, q, candidates, view) if terms else None
        return view

    def _marked(self, positions: Iterable[int]) -> bytearray:
        """One byte per row, 1 at ``positions`` (marked in C: a loop in Python over 100k
        matches took a fifth of a keystroke)."""
        keep = bytearray(len(self.ids))
        deque(map(keep.__setitem__, positions, repeat(1)), maxlen=0)
        return keep

    def _view(self, q: Query, mask: bytearray | None) -> View:
        """The rows ``mask`` marks (None: every row) in the query's order."""
        revenues = self.revenues
        if mask is None:
            if self._revenue is None:
                self._revenue = self.rates.with_foreign(fsum(revenues), self.foreign.values())
            return View(self.sorted_order(q.sort, q.descending), self._revenue, len(self.ids))
        # The total is summed exactly (fsum): the same figure however the rows are sorted,
        # read in memory order (in display order, cache misses cost as much as the search).
        foreign = self.foreign
        revenue = self.rates.with_foreign(
            fsum(compress(revenues, mask)),
            [held for i, held in foreign.items() if mask[i]] if foreign else (),
        )
        order: Sequence[int]
        if mask.count(1) * 8 < len(self.ids):
            # A few matches: sort them by their place in the full order, not scan it.
            self.sorted_order(q.sort)
            rank = self._ranks[q.sort]
            candidates = compress(range(len(mask)), mask)
            order = sorted(candidates, key=rank.__getitem__, reverse=q.descending)
        else:
            full = self.sorted_order(q.sort, q.descending)
            order = array("l", compress(full, map(mask.__getitem__, full)))
        return View(order, revenue, len(self.ids))

    def _matching(self, q: Query, terms: list[str], hay: list[str]) -> bytearray | None:
        """One byte per row, 1 where it passes the search and filters (None: no
        restriction)."""
        mask: bytearray | None = None
        held, letters = self._letters
        if len(terms) == 1 and held is hay and terms[0] in letters:
            mask = letters[terms[0]]  # read, not changed: the filters below make a new mask
            terms = []
        passes = [map(contains, hay, repeat(term)) for term in terms]
        for value, column in (
            (q.tier, self.tiers),
            (q.owner_id, self.owner_ids),
            (q.lifecycle, self.lifecycles),
        ):
            if value is not None:
                passes.append(map(eq, column, repeat(value)))
        for found in passes:
            mask = bytearray(found) if mask is None else bytearray(map(and_, mask, found))
        return mask

    def distinct(self, column: str) -> list[str]:
        source: list[str | None] = self.tiers if column == "tier" else list(self.lifecycles)
        return sorted({v for v in source if v})


def _positions(mask: bytearray) -> list[int]:
    """The positions a mask marks (in C)."""
    return list(compress(range(len(mask)), mask))


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
