"""The monthly review's trends: the last six months' orders (won amount, won, locked,
renewed — each month's own, as its league table counts them) and the last eight weeks'
in-person visits, of everyone in view. One GROUP BY each; nothing here reads the clock.

Following and stuck are states at a month's end, not events in it; the trend leaves them out
rather than re-running the stuck rule for six month-ends.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from katerm.core.cadence.monthly import IN_PERSON, Month
from katerm.core.periods import local_start, utc_text

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


def _marks(ids: Sequence[str]) -> str:
    return ", ".join("?" * len(ids))


def trend(
    conn: sqlite3.Connection, people: Sequence[str], month: Month, as_of: date, tz: tzinfo
) -> Trend:
    ids = list(people)
    months = [month]
    while len(months) < MONTHS:
        months.insert(0, months[0].previous())
    keys = [m.key for m in months]
    start, end = months[0].start.isoformat(), month.end.isoformat()
    by: dict[str, dict[str, float]] = {k: {} for k in keys}
    live = (
        f"deleted = 0 AND +owner_id IN ({_marks(ids)}) "
        "AND account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)"
    )
    for key, won, amount in conn.execute(
        "SELECT substr(closed_on, 1, 7), count(*), total(amount) FROM opportunities "
        f"WHERE {live} AND outcome = 'won' AND closed_on >= ? AND closed_on < ? GROUP BY 1",
        (*ids, start, end),
    ):
        by[key].update(won=won, won_amount=amount)
    for column, name in (("locked_on", "locked"), ("opened_on", "renewed")):
        renewal = " AND renewal_of IS NOT NULL" if name == "renewed" else ""
        for key, count in conn.execute(
            f"SELECT substr({column}, 1, 7), count(*) FROM opportunities WHERE {live}{renewal} "
            f"AND {column} >= ? AND {column} < ? GROUP BY 1",
            (*ids, start, end),
        ):
            by[key][name] = count
    monday = as_of - timedelta(days=as_of.weekday())
    weeks = [monday - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]
    lo, hi = utc_text(local_start(weeks[0], tz)), utc_text(local_start(monday + timedelta(7), tz))
    stamps = conn.execute(
        f"SELECT occurred_at FROM activities WHERE deleted = 0 AND owner_id IN ({_marks(ids)}) "
        f"AND occurred_at >= ? AND occurred_at < ? AND kind IN ({_marks(IN_PERSON)})",
        (*ids, lo, hi, *IN_PERSON),
    ).fetchall()
    visits = dict.fromkeys(weeks, 0)
    from katerm.core.periods import local_day

    for (stamp,) in stamps:
        day = local_day(stamp, tz)
        week = day - timedelta(days=day.weekday())
        if week in visits:
            visits[week] += 1
    return Trend(
        tuple(months),
        tuple(float(by[k].get("won_amount", 0.0)) for k in keys),
        tuple(int(by[k].get("won", 0)) for k in keys),
        tuple(int(by[k].get("locked", 0)) for k in keys),
        tuple(int(by[k].get("renewed", 0)) for k in keys),
        tuple(weeks),
        tuple(visits[w] for w in weeks),
    )
