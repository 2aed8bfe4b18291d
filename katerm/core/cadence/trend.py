"""The monthly review's trends: the last six months' orders (won amount, won, locked,
renewed — each month's own, as its league table counts them; following and stuck — the open
locked orders' state at each month's end, as the league table measures them) and the last
eight weeks' in-person visits, of everyone in view. Nothing here reads the clock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING

from katerm.core.cadence.events import Events, OrderStates, month_events, order_states
from katerm.core.cadence.monthly import Month, as_of_day

if TYPE_CHECKING:
    from katerm.core.pipeline import OrderRules

MONTHS = 6
WEEKS = 8


@dataclass(frozen=True)
class Trend:
    months: tuple[Month, ...]  # oldest first, the review's month last
    won_amount: tuple[float, ...]
    won: tuple[int, ...]
    locked: tuple[int, ...]
    renewed: tuple[int, ...]
    weeks: tuple[date, ...]  # each week's Monday, oldest first, the as-of day's week last
    visits: tuple[int, ...]
    following: tuple[int, ...] = ()  # at each month's end (the as-of day for the last)
    stuck: tuple[int, ...] = ()


def trend_months(month: Month) -> list[Month]:
    """The trend's months, oldest first, ``month`` last."""
    months = [month]
    while len(months) < MONTHS:
        months.insert(0, months[0].previous())
    return months


def trend_weeks(as_of: date) -> list[date]:
    """The trend's weeks (their Mondays), oldest first, the as-of day's week last."""
    monday = as_of - timedelta(days=as_of.weekday())
    return [monday - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]


def trend_days(month: Month, as_of: date) -> list[date]:
    """The days the trend measures following and stuck orders on: each month's end."""
    return [as_of_day(m, as_of) for m in trend_months(month)]


def trend(
    conn: sqlite3.Connection,
    people: Sequence[str],
    month: Month,
    as_of: date,
    tz: tzinfo,
    *,
    rules: OrderRules | None = None,
    events: Events | None = None,
    states: OrderStates | None = None,
) -> Trend:
    """The trend of ``people`` up to ``month``. ``events`` and ``states``: already read by
    the review for at least these months, weeks and days; ``rules`` (the team's order rules)
    are needed to measure following and stuck orders when ``states`` is not given."""
    from katerm.core.pipeline import DEFAULT_RULES

    ids = list(people)
    months = trend_months(month)
    weeks = trend_weeks(as_of)
    days = trend_days(month, as_of)
    found = events or month_events(conn, ids, months, tz=tz, weeks=weeks)
    measured = states or order_states(conn, ids, days, rules or DEFAULT_RULES)

    def summed(name: str) -> list[float]:
        return [
            sum(v.get(name, 0) for (_, k), v in found.orders.items() if k == m.key) for m in months
        ]

    open_locked = [sum(n for n, _ in measured.counts[d].values()) for d in days]
    late = [sum(s for _, s in measured.counts[d].values()) for d in days]
    return Trend(
        tuple(months),
        tuple(float(v) for v in summed("won_amount")),
        tuple(int(v) for v in summed("won")),
        tuple(int(v) for v in summed("locked")),
        tuple(int(v) for v in summed("renewed")),
        tuple(weeks),
        tuple(found.weeks.get(w, 0) for w in weeks),
        tuple(n - s for n, s in zip(open_locked, late, strict=True)),
        tuple(late),
    )
