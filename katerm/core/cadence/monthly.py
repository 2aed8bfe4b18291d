"""The monthly review (月度经营分析会) and the benchmark meeting's league table (对标大会,
四单管理通报): the four-order figures of every seller and team in a calendar month, ranked,
with the change from the month before.

Figures per person (the owner of the opportunity or activity), for the month:

* ``won_amount`` (成单额), ``won``: orders closed won in the month (``closed_on``);
* ``win_rate`` (成单率): won ÷ (won + lost), of the orders closed in the month;
* ``cycle_days`` (成单周期): average days from opening to closing of the month's won orders;
* ``locked`` (锁单): orders locked in the month;
* ``following`` (跟单) and ``stuck`` (卡单): open locked orders at the month's end (today for
  the current month) within their limits / past one — of the orders still open now;
* ``renewed`` (续单): follow-up orders of won ones opened in the month;
* ``visits``: in-person activities in the month (local days).

A team is a lead with everyone below them (the lead's own orders included), so a team's
figures are the sum of its people's; the teams league ranks the teams one level below the
viewer, whose whole organisation is the total row
(:func:`~katerm.core.cadence.league.team_groups`). Each figure is ranked (1 = best; a shorter
cycle and fewer stuck orders are better; ties share a rank; no value, no rank). Every figure is one
GROUP BY over its table, read once for every month the review shows
(:mod:`~katerm.core.cadence.events`); nothing here reads the clock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any

from katerm.core.money import Amount, Total

if TYPE_CHECKING:
    from katerm.core.cadence.accounts import AccountAnalysis
    from katerm.core.cadence.events import Events, OrderStates
    from katerm.core.cadence.trend import Trend
    from katerm.core.pipeline import OrderRules

FIGURES = (
    "won_amount",
    "won",
    "win_rate",
    "cycle_days",
    "locked",
    "following",
    "stuck",
    "renewed",
    "visits",
)
LOWER_IS_BETTER = frozenset({"cycle_days", "stuck"})


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        """The first day after the month."""
        return date(self.year + self.month // 12, self.month % 12 + 1, 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), 12 if self.month == 1 else self.month - 1)


@dataclass(frozen=True)
class Figures:
    """One person's or team's month. Sums add; rates are computed from the sums."""

    won_amount: float = 0.0
    won: int = 0
    lost: int = 0
    cycle_total: float = 0.0
    locked: int = 0
    following: int = 0
    stuck: int = 0
    renewed: int = 0
    visits: int = 0
    # Won amounts in currencies without a rate (left out of ``won_amount``, which is in the
    # team's base), and the currencies converted into it (katerm.core.money).
    won_left: tuple[Amount, ...] = ()
    won_from: tuple[str, ...] = ()

    @property
    def win_rate(self) -> float | None:
        decided = self.won + self.lost
        return self.won / decided if decided else None

    @property
    def cycle_days(self) -> float | None:
        return self.cycle_total / self.won if self.won else None

    def value(self, figure: str) -> float | None:
        found = getattr(self, figure)
        return None if found is None else float(found)

    def __add__(self, other: Figures) -> Figures:
        money = ("won_left", "won_from")
        added = {
            f.name: getattr(self, f.name) + getattr(other, f.name)
            for f in fields(self)
            if f.name not in money
        }
        left: dict[str, float] = {}
        for a in (*self.won_left, *other.won_left):
            left[a.currency] = left.get(a.currency, 0.0) + a.amount
        return Figures(
            **added,
            won_left=tuple(Amount(c, round(v, 2)) for c, v in sorted(left.items())),
            won_from=tuple(sorted({*self.won_from, *other.won_from})),
        )

    def won_total(self, base: str) -> Total:
        """The won amount as a money total: converted, and what has no rate."""
        return Total(base, self.won_amount, self.won_left, self.won_from)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in FIGURES}
        out["lost"] = self.lost
        out["won_amount"] = round(self.won_amount, 2)
        # Never added into won_amount: no rate to the base (money.Rates).
        out["not_converted"] = [{"currency": a.currency, "amount": a.amount} for a in self.won_left]
        if out["win_rate"] is not None:
            out["win_rate"] = round(out["win_rate"], 4)
        if out["cycle_days"] is not None:
            out["cycle_days"] = round(out["cycle_days"], 1)
        return out


def total(figures: Iterable[Figures]) -> Figures:
    out = Figures()
    for f in figures:
        out = out + f
    return out


@dataclass(frozen=True)
class LeagueRow:
    """A seller or team in the league table: figures, rank per figure and change from last
    month (the figure's difference; the rank's move, positive = up)."""

    id: str
    login: str
    name: str
    kind: str  # seller | team (a lead and everyone below) | direct (the viewer's own sellers)
    figures: Figures
    ranks: Mapping[str, int | None] = field(default_factory=dict)
    change: Mapping[str, float | None] = field(default_factory=dict)
    rank_change: Mapping[str, int | None] = field(default_factory=dict)
    team: str = ""  # a seller's team lead login (the lowest team they are in)

    @property
    def display(self) -> str:
        """The row's name; the viewer's own row among teams says it is not a whole team."""
        name = self.name or self.login
        if self.kind == "direct":
            from katerm.i18n import t

            return t("cadence.direct_sellers", name=name)
        return name


@dataclass(frozen=True)
class MonthlyReview:
    month: Month
    as_of: date  # the day "following" and "stuck" are measured on
    sellers: tuple[LeagueRow, ...]
    teams: tuple[LeagueRow, ...]
    total: Figures
    accounts: AccountAnalysis | None = None  # the month's A-account analysis
    trend: Trend | None = None  # the last six months and eight weeks
    base: str = "CNY"  # the team's base currency, every amount is in (katerm.core.money)

    @property
    def won_total(self) -> Total:
        """The team's won amount, converted, with what has no rate."""
        return self.total.won_total(self.base)

    # 每人每月一家新大客户: seller id -> new key accounts this month, and the team's target.
    new_accounts: Mapping[str, int] = field(default_factory=dict)
    new_account_target: int = 1
    # 普遍客户关系: seller id -> routine actions carried out this month (katerm.core.broad).
    routines_done: Mapping[str, int] = field(default_factory=dict)


# --- the figures --------------------------------------------------------------------------------


def month_figures(
    conn: sqlite3.Connection,
    owners: Sequence[str],
    month: Month,
    *,
    tz: tzinfo,
    today: date,
    rules: OrderRules,
    states: OrderStates | None = None,
    events: Events | None = None,
) -> dict[str, Figures]:
    """Owner id -> the month's figures (every owner given, zeros included). ``states`` and
    ``events``: :func:`~katerm.core.cadence.events.order_states` (with the month's as-of day
    among its days) and :func:`~katerm.core.cadence.events.month_events` (with the month
    among its months) already read for several months (the review reads them once)."""
    from katerm.core.cadence.events import month_events, order_states

    ids = list(owners)
    if not ids:
        return {}
    as_of = as_of_day(month, today)
    found = events or month_events(conn, ids, [month], tz=tz)
    counts = (states or order_states(conn, ids, [as_of], rules)).counts[as_of]
    out = {}
    for owner in ids:
        values = found.of(owner, month)
        open_locked, stuck = counts.get(owner, (0, 0))
        values.update(stuck=stuck, following=open_locked - stuck)
        out[owner] = Figures(**values)
    return out


def _last_day(month: Month) -> date:
    from datetime import timedelta

    return month.end - timedelta(days=1)


def as_of_day(month: Month, today: date) -> date:
    """The day a month's open orders are measured on: its last day, or today."""
    return min(today, _last_day(month))


def parse_month(text: str | None, today: date) -> Month:
    """``2026-11`` (or ``2026/11``, ``2026年11月``), ``this``/``本月``, ``last``/``上月``; empty:
    this month. Anything else is refused with what to write."""
    import re

    from katerm.core.errors import BadInput

    if text is None or not text.strip():
        return Month.of(today)
    raw = text.strip()
    if raw.casefold() in ("this", "本月"):
        return Month.of(today)
    if raw.casefold() in ("last", "上月"):
        return Month.of(today).previous()
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?", raw)
    if match is None or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]) <= 2999:
        raise BadInput("cadence.bad_month", value=raw)
    return Month(int(match[1]), int(match[2]))
