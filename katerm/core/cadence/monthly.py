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
figures are the sum of its people's. Each figure is ranked (1 = best; a shorter cycle and
fewer stuck orders are better; ties share a rank; no value, no rank). Every figure is one
GROUP BY over its table; nothing here reads the clock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any

from katerm.core.periods import local_start, utc_text

if TYPE_CHECKING:
    from katerm.core.cadence.accounts import AccountAnalysis
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
IN_PERSON = ("visit", "meeting", "proposal", "dinner", "event")


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
        return Figures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in FIGURES}
        out["lost"] = self.lost
        out["won_amount"] = round(self.won_amount, 2)
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
    kind: str  # seller | team
    figures: Figures
    ranks: Mapping[str, int | None] = field(default_factory=dict)
    change: Mapping[str, float | None] = field(default_factory=dict)
    rank_change: Mapping[str, int | None] = field(default_factory=dict)
    team: str = ""  # a seller's team lead login (the lowest team they are in)

    @property
    def display(self) -> str:
        return self.name or self.login


@dataclass(frozen=True)
class MonthlyReview:
    month: Month
    as_of: date  # the day "following" and "stuck" are measured on
    sellers: tuple[LeagueRow, ...]
    teams: tuple[LeagueRow, ...]
    total: Figures
    accounts: AccountAnalysis | None = None  # the month's A-account analysis
    trend: Trend | None = None  # the last six months and eight weeks
    # 每人每月一家新大客户: seller id -> new key accounts this month, and the team's target.
    new_accounts: Mapping[str, int] = field(default_factory=dict)
    new_account_target: int = 1


# --- the figures, one GROUP BY each ------------------------------------------------------------


def _marks(ids: Sequence[str]) -> str:
    return ", ".join("?" * len(ids))


def _named(ids: Sequence[str]) -> str:
    return ", ".join(f":o{i}" for i in range(len(ids)))


def month_figures(
    conn: sqlite3.Connection,
    owners: Sequence[str],
    month: Month,
    *,
    tz: tzinfo,
    today: date,
    rules: OrderRules,
    states: Mapping[date, Mapping[str, tuple[int, int]]] | None = None,
) -> dict[str, Figures]:
    """Owner id -> the month's figures (every owner given, zeros included). ``states``:
    :func:`order_states` already computed for the month's end (the review computes both
    months' in one pass)."""

    ids = list(owners)
    if not ids:
        return {}
    acc: dict[str, dict[str, float]] = {i: {} for i in ids}
    start, end = month.start.isoformat(), month.end.isoformat()
    # One scan of the opportunities for every order figure (+owner_id: a team owns a large
    # share of the rows, and reading through beats one index lookup per row; bench_monthly).
    closed = "o.closed_on >= :start AND o.closed_on < :end"
    sql = (
        "SELECT o.owner_id, "
        f"total(o.outcome = 'won' AND {closed}), "
        f"total(CASE WHEN o.outcome = 'won' AND {closed} THEN o.amount END), "
        f"total(CASE WHEN o.outcome = 'won' AND {closed} "
        "THEN julianday(o.closed_on) - julianday(o.opened_on) END), "
        f"total(o.outcome = 'lost' AND {closed}), "
        "total(o.locked_on >= :start AND o.locked_on < :end), "
        "total(o.renewal_of IS NOT NULL AND o.opened_on >= :start AND o.opened_on < :end) "
        f"FROM opportunities o WHERE o.deleted = 0 AND +o.owner_id IN ({_named(ids)}) "
        "AND o.account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1) "
        "GROUP BY o.owner_id"
    )
    params: dict[str, str] = {f"o{i}": v for i, v in enumerate(ids)}
    params.update(start=start, end=end)
    for owner, won, amount, days, lost, locked, renewed in conn.execute(sql, params):
        acc[owner].update(
            won=int(won),
            won_amount=amount,
            cycle_total=days,
            lost=int(lost),
            locked=int(locked),
            renewed=int(renewed),
        )
    as_of = as_of_day(month, today)
    found = (states or order_states(conn, ids, [as_of], rules))[as_of]
    for owner in ids:
        open_locked, stuck = found.get(owner, (0, 0))
        acc[owner]["stuck"] = stuck
        acc[owner]["following"] = open_locked - stuck
    lo, hi = utc_text(local_start(month.start, tz)), utc_text(local_start(month.end, tz))
    for owner, count in conn.execute(
        f"SELECT owner_id, count(*) FROM activities WHERE deleted = 0 "
        f"AND owner_id IN ({_marks(ids)}) AND occurred_at >= ? AND occurred_at < ? "
        f"AND kind IN ({_marks(IN_PERSON)}) GROUP BY owner_id",
        (*ids, lo, hi, *IN_PERSON),
    ):
        acc[owner]["visits"] = count
    return {owner: Figures(**values) for owner, values in acc.items()}  # type: ignore[arg-type]


def order_states(
    conn: sqlite3.Connection, owners: Sequence[str], days: Sequence[date], rules: OrderRules
) -> dict[date, dict[str, tuple[int, int]]]:
    """Day -> owner -> (open locked orders, stuck ones) on that day, of the orders open now;
    the orders and their milestones are read once for all the days."""
    from katerm.core.pipeline import load_milestones, order_status

    ids = list(owners)
    out: dict[date, dict[str, tuple[int, int]]] = {d: {} for d in days}
    if not ids:
        return out
    rows = conn.execute(
        "SELECT o.id, o.owner_id, o.locked_on, o.renewal_of FROM opportunities o "
        f"WHERE o.deleted = 0 AND +o.owner_id IN ({_marks(ids)}) AND o.outcome = 'open' "
        "AND o.locked_on IS NOT NULL "
        "AND o.account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)",
        ids,
    ).fetchall()
    milestones = load_milestones(conn, owner_ids=ids)
    parsed: dict[str, date] = {}
    for oid, owner, locked_text, renewal in rows:
        locked = parsed.get(locked_text)
        if locked is None:
            locked = parsed[locked_text] = date.fromisoformat(locked_text)
        stored = milestones.get(oid, {})
        for day in days:
            if locked > day:
                continue
            status = order_status("open", locked, renewal, stored, rules, day)
            count, stuck = out[day].get(owner, (0, 0))
            out[day][owner] = (count + 1, stuck + (status.state == "stuck"))
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
