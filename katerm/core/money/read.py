"""The team's rates as one plain value (:class:`Rates`) and money summed across currencies.

Every total in the product is a :class:`Total`: the amounts that could be converted, added
in the base currency, and the amounts of currencies without a rate, kept per currency and
never added. Queries group their sums by currency in SQL (exact and cheap) and fold them
here (:meth:`Rates.total`); the tier rules, which compare one account's revenue with
thresholds in SQL, use :meth:`Rates.factor_sql`.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from katerm.core import store
from katerm.core.money.rules import DEFAULT_BASE

_NAMESPACE = uuid.UUID("6f1d1b8e-4c55-4d2a-9a57-3c8a1e0f5b21")
BASE_ID = str(uuid.uuid5(_NAMESPACE, "base_currency"))


def rate_id(base: str, currency: str) -> str:
    """The one row of a rate, whichever device sets it."""
    return str(uuid.uuid5(_NAMESPACE, f"rate/{base}/{currency}"))


@dataclass(frozen=True)
class Converted:
    amount: float  # in the base currency
    currency: str  # the currency it was in
    rate: float


@dataclass(frozen=True)
class NotConverted:
    amount: float  # in its own currency
    currency: str


@dataclass(frozen=True)
class Amount:
    currency: str
    amount: float


@dataclass(frozen=True)
class Total:
    """A sum of amounts in several currencies, as far as the rates convert it."""

    base: str
    amount: float  # everything convertible, in ``base``
    not_converted: tuple[Amount, ...] = ()  # per currency without a rate, by currency
    converted_from: tuple[str, ...] = ()  # the other currencies converted into it

    @property
    def converted(self) -> bool:
        """Whether rates went into ``amount`` (then it is "≈ … at your rates")."""
        return bool(self.converted_from)

    @property
    def complete(self) -> bool:
        return not self.not_converted

    def as_json(self) -> dict[str, Any]:
        return {
            "base_currency": self.base,
            "amount": round(self.amount, 2),
            "converted_from": list(self.converted_from),
            "not_converted": [
                {"currency": a.currency, "amount": round(a.amount, 2)} for a in self.not_converted
            ],
        }


@dataclass(frozen=True)
class Rates:
    """The team's base currency and its rates: 1 unit of a currency = ``rates[c]`` base."""

    base: str = DEFAULT_BASE
    rates: Mapping[str, float] = field(default_factory=dict)

    def rate(self, currency: str) -> float | None:
        code = (currency or self.base).upper()
        if code == self.base:
            return 1.0
        return self.rates.get(code)

    def convert(self, amount: float, currency: str) -> Converted | NotConverted:
        """One amount in the base currency, or said not to be convertible."""
        code = (currency or self.base).upper()
        rate = self.rate(code)
        if rate is None:
            return NotConverted(amount, code)
        return Converted(round(amount * rate, 2), code, rate)

    def total(self, sums: Mapping[str, float] | Iterable[tuple[str, float]]) -> Total:
        """Per-currency sums (currency -> amount) as one total in the base currency and the
        amounts left unconverted."""
        pairs = sums.items() if isinstance(sums, Mapping) else sums
        amount = 0.0
        left: dict[str, float] = {}
        used: set[str] = set()
        for currency, value in pairs:
            if not value:
                continue
            done = self.convert(float(value), currency)
            if isinstance(done, Converted):
                amount += float(value) * done.rate
                if done.currency != self.base:
                    used.add(done.currency)
            else:
                left[done.currency] = left.get(done.currency, 0.0) + float(value)
        return Total(
            self.base,
            round(amount, 2),
            tuple(Amount(c, round(v, 2)) for c, v in sorted(left.items()) if round(v, 2)),
            tuple(sorted(used)),
        )

    def with_foreign(self, amount: float, foreign: Iterable[tuple[str, float, bool]]) -> Total:
        """A total of ``amount``, already in the base currency, which holds figures in other
        currencies ``(currency, its own figure, whether a rate converted it)``: those name
        the currencies converted into it, or are left out and listed (as :meth:`total`)."""
        used: set[str] = set()
        left: dict[str, float] = {}
        for currency, own, converted in foreign:
            if not own:
                continue  # as total(): nothing was converted
            if converted:
                used.add(currency)
            else:
                left[currency] = left.get(currency, 0.0) + own
        return Total(
            self.base,
            round(amount, 2),
            tuple(Amount(c, round(v, 2)) for c, v in sorted(left.items()) if round(v, 2)),
            tuple(sorted(used)),
        )

    def factor_sql(self, column: str, params: dict[str, Any]) -> str:
        """SQL giving the rate of the currency in ``column`` (NULL when there is none), the
        rates bound as parameters in ``params``: ``amount * factor`` is the amount in base."""
        params["fx_base"] = self.base
        cases = []
        for i, (code, rate) in enumerate(sorted({self.base: 1.0, **self.rates}.items())):
            params[f"fx_c{i}"] = code
            params[f"fx_r{i}"] = rate
            cases.append(f"WHEN :fx_c{i} THEN :fx_r{i}")
        # Most amounts are in the base, spelt as stored: 1 at once, without the upper() and
        # the search (a third of the cost of reading 100k accounts' converted revenue).
        slow = f"CASE coalesce(nullif(upper({column}), ''), :fx_base) {' '.join(cases)} END"
        return f"(CASE {column} WHEN :fx_base THEN 1.0 ELSE {slow} END)"


def load_rates(conn: sqlite3.Connection) -> Rates:
    """The team's base currency and the rates quoted against it (no row: CNY, no rates).

    Each key (the base currency; a rate's base and currency) is the row of the most senior
    owner, then the newest (``store.winners``): a seller converts at their lead's rates."""
    found = store.winners(conn, "currency_rates", (), ("base",), "AND id = ?", (BASE_ID,))
    base = str(found[()][0]) if found else DEFAULT_BASE
    rates = {
        str(c): float(v[0])
        for (c,), v in store.winners(
            conn,
            "currency_rates",
            ("currency",),
            ("rate",),
            "AND base = ? AND currency <> base",
            (base,),
        ).items()
    }
    return Rates(base, rates)


def rate_owner(conn: sqlite3.Connection, base: str, currency: str | None) -> str | None:
    """Whose row holds a rate (``currency`` None: the base currency), or None if nobody's."""
    if currency is None:
        found = store.winners(conn, "currency_rates", (), (), "AND id = ?", (BASE_ID,))
    else:
        found = store.winners(
            conn,
            "currency_rates",
            (),
            (),
            "AND base = ? AND currency = ? AND id <> ?",
            (base, currency, BASE_ID),
        )
    return str(found[()][-1]) if found else None


def set_by_leads(conn: sqlite3.Connection, me: str, rates: Rates) -> dict[str | None, store.Setter]:
    """Which of the settings in ``rates`` a manager above ``me`` holds (``None``: the base
    currency; else a rate's currency) and who: theirs to change, not mine."""
    found: dict[str | None, store.Setter] = {}
    for currency in (None, *sorted(rates.rates)):
        setter = store.set_above(conn, me, rate_owner(conn, rates.base, currency))
        if setter is not None:
            found[currency] = setter
    return found


def other_bases(conn: sqlite3.Connection, base: str) -> int:
    """How many rates are kept for another base (not in use until it is the base again)."""
    row = conn.execute(
        "SELECT count(*) FROM currency_rates WHERE base <> ? AND currency <> base AND deleted = 0",
        (base,),
    ).fetchone()
    return int(row[0])


def add(sums: dict[str, float], currency: str | None, amount: float | None) -> None:
    """Add one per-currency sum (a row of a ``GROUP BY currency`` query) into ``sums``."""
    if amount:
        code = (currency or "").upper()
        sums[code] = sums.get(code, 0.0) + float(amount)


def fold(
    rates: Rates, rows: Iterable[Sequence[Any]]
) -> tuple[dict[Any, list[float]], list[dict[str, float]]]:
    """Rows ``(key, currency, amount1, amount2, …)`` of a ``GROUP BY key, currency`` query as
    key -> the amounts converted to the base, and per amount column the sums of currencies
    without a rate (currency -> amount), which are left out of the converted ones."""
    out: dict[Any, list[float]] = {}
    left: list[dict[str, float]] = []
    for key, currency, *amounts in rows:
        if len(left) < len(amounts):
            left += [{} for _ in range(len(amounts) - len(left))]
        slot = out.setdefault(key, [0.0] * len(amounts))
        rate = rates.rate(currency or "")
        for i, amount in enumerate(amounts):
            if rate is None:
                add(left[i], currency, amount)
            else:
                slot[i] += float(amount or 0.0) * rate
    return {k: [round(v, 2) for v in vs] for k, vs in out.items()}, left
