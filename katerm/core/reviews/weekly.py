"""The weekly review: per person, visits against the quota over the last weeks, activities by
contact scenario, checklist completion and streaks."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, tzinfo

from katerm.core.periods import Period
from katerm.core.reviews.checklist import Checklist, build_checklist, person
from katerm.core.team import Member

WEEKS = 8
QUOTA_KEY = "visits"


@dataclass(frozen=True)
class WeekStat:
    """One week of the trend: visits against the quota and checklist items done."""

    week: Period
    visits: int
    target: int | None  # the visit quota that week (None: no visits item)
    done: int  # checklist items done
    available: int  # checklist items that could be measured or ticked

    @property
    def met(self) -> bool:
        return self.target is not None and self.visits >= self.target


@dataclass(frozen=True)
class Trend:
    """A person's recent weeks, for the weekly review."""

    person: Member
    checklist: Checklist  # the week asked for
    weeks: tuple[WeekStat, ...]  # oldest first, ending with the week asked for
    by_scenario: tuple[tuple[str, int], ...]  # most first; "" is "no scenario"
    streak: int  # weeks in a row the visit quota was met, up to the latest finished one

    @property
    def completion(self) -> float | None:
        available = sum(w.available for w in self.weeks)
        return sum(w.done for w in self.weeks) / available if available else None


def week_stat(checklist: Checklist) -> WeekStat:
    """The trend figures of one weekly checklist."""
    quota = checklist.item(QUOTA_KEY)
    return WeekStat(
        checklist.period,
        (quota.value or 0) if quota else 0,
        quota.target if quota and quota.available else None,
        checklist.done_count,
        len(checklist.available),
    )


def streak(weeks: tuple[WeekStat, ...], today: date) -> int:
    """Weeks in a row meeting the quota; the week still running counts only once met."""
    count = 0
    for stat in reversed(weeks):
        if not stat.met:
            if not stat.week.is_past(today) and count == 0:
                continue  # this week is not over yet
            break
        count += 1
    return count


def trend(
    conn: sqlite3.Connection,
    user_id: str,
    week: Period,
    *,
    tz: tzinfo,
    today: date,
    weeks: int = WEEKS,
) -> Trend:
    """A person's last ``weeks`` weeks, ending with ``week``."""
    periods = [week.shifted(i - weeks + 1) for i in range(weeks)]
    lists = [build_checklist(conn, user_id, p, tz=tz, today=today) for p in periods]
    stats = tuple(week_stat(c) for c in lists)
    start = periods[0].utc_range(tz)[0]
    end = week.utc_range(tz)[1]
    rows = conn.execute(
        "SELECT scenario, count(*) FROM activities WHERE owner_id = ? "
        "AND deleted = 0 AND occurred_at >= ? AND occurred_at < ? "
        "GROUP BY scenario ORDER BY count(*) DESC, scenario",
        (user_id, start, end),
    ).fetchall()
    return Trend(
        person(conn, user_id),
        lists[-1],
        stats,
        tuple((s, n) for s, n in rows),
        streak(stats, today),
    )
