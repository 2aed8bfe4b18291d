"""What the monthly review counts, read once for every month it shows: the orders closed,
locked and renewed per person and month, the in-person visits per person and month and per
week, and the open locked orders' state (following or stuck) at each month's end.

The league table's two months and the trend's six are one read of each table, each through
the index on its date (migrations 0022, 0026), rather than a scan of every opportunity per
month: at 100,000 accounts and 50,000 opportunities that is what keeps the review under
300 ms (``benchmarks/bench_monthly.py``). Nothing here reads the clock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from katerm.core.money import add as add_money
from katerm.core.money import load_rates
from katerm.core.periods import local_start, utc_text

if TYPE_CHECKING:
    from katerm.core.cadence.monthly import Month
    from katerm.core.pipeline import OrderRules

IN_PERSON = ("visit", "meeting", "proposal", "dinner", "event")
# An order of an account deleted since is not counted (its rows stay for sync).
LIVE = "o.deleted = 0 AND o.account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)"


@dataclass
class Events:
    """(person id, month key) -> the month's order counts and sums (the won amount converted
    to the team's base, with what has no rate: ``won_left``, ``won_from``); visits likewise,
    and the visits of everyone per week (each week's Monday)."""

    orders: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    visits: dict[tuple[str, str], int] = field(default_factory=dict)
    weeks: dict[date, int] = field(default_factory=dict)

    def of(self, person: str, month: Month) -> dict[str, Any]:
        found = dict(self.orders.get((person, month.key), {}))
        found["visits"] = self.visits.get((person, month.key), 0)
        return found


def _marks(ids: Sequence[str]) -> str:
    return ", ".join("?" * len(ids))


def _bucket(column: str, bounds: Sequence[str]) -> str:
    """SQL: the index of the [bounds[i], bounds[i + 1]) a value falls in (-1 outside)."""
    whens = " ".join(f"WHEN {column} < '{b}' THEN {i - 1}" for i, b in enumerate(bounds))
    return f"(CASE {whens} ELSE -1 END)"


def month_events(
    conn: sqlite3.Connection,
    people: Sequence[str],
    months: Sequence[Month],
    *,
    tz: tzinfo,
    weeks: Sequence[date] = (),
    visit_months: Sequence[Month] | None = None,
) -> Events:
    """The orders of ``people`` in each of ``months`` (consecutive, oldest first), their
    visits in each of ``visit_months`` (consecutive; None: ``months``) and in each week
    starting on the Mondays ``weeks`` (consecutive)."""
    ids = list(people)
    out = Events()
    if not ids or not months:
        return out
    start, end = months[0].start.isoformat(), months[-1].end.isoformat()
    # +owner_id: the date's index finds the month's few rows; the owners filter them.
    owners = f"+o.owner_id IN ({_marks(ids)})"

    def add(owner: str, key: str, **values: Any) -> None:
        out.orders.setdefault((owner, key), {}).update(values)

    # Grouped by currency too: each person's and month's won amount per currency is converted
    # once to the team's base; a currency without a rate is listed, never added
    # (katerm.core.money).
    closed: dict[tuple[str, str], dict[str, float]] = {}
    won_by: dict[tuple[str, str], dict[str, float]] = {}
    for owner, key, currency, won, amount, days, lost in conn.execute(
        "SELECT o.owner_id, substr(o.closed_on, 1, 7), o.currency, total(o.outcome = 'won'), "
        "total(CASE WHEN o.outcome = 'won' THEN o.amount END), "
        "total(CASE WHEN o.outcome = 'won' "
        "THEN julianday(o.closed_on) - julianday(o.opened_on) END), "
        "total(o.outcome = 'lost') FROM opportunities o "
        f"WHERE o.closed_on >= ? AND o.closed_on < ? AND {LIVE} AND {owners} "
        "GROUP BY 2, 1, 3",
        (start, end, *ids),
    ):
        got = closed.setdefault((owner, key), {"won": 0, "cycle_total": 0.0, "lost": 0})
        got["won"] += int(won)
        got["cycle_total"] += days
        got["lost"] += int(lost)
        add_money(won_by.setdefault((owner, key), {}), currency, amount)
    rates = load_rates(conn) if won_by else None
    for (owner, key), values in closed.items():
        money = rates.total(won_by[(owner, key)]) if rates else None
        add(
            owner,
            key,
            won=int(values["won"]),
            cycle_total=values["cycle_total"],
            lost=int(values["lost"]),
            won_amount=money.amount if money else 0.0,
            won_left=money.not_converted if money else (),
            won_from=money.converted_from if money else (),
        )
    for owner, key, count in conn.execute(
        "SELECT o.owner_id, substr(o.locked_on, 1, 7), count(*) FROM opportunities o "
        f"WHERE o.locked_on >= ? AND o.locked_on < ? AND {LIVE} AND {owners} GROUP BY 2, 1",
        (start, end, *ids),
    ):
        add(owner, key, locked=count)
    for owner, key, count in conn.execute(
        "SELECT o.owner_id, substr(o.opened_on, 1, 7), count(*) FROM opportunities o "
        # >= '': the same rows (ids are text), as a range SQLite reads by the renewals' index
        # rather than every order (opened_on has none).
        "WHERE o.renewal_of IS NOT NULL AND o.renewal_of >= '' "
        "AND o.opened_on >= ? AND o.opened_on < ? "
        f"AND {LIVE} AND {owners} GROUP BY 2, 1",  # by month first: not the owner index
        (start, end, *ids),
    ):
        add(owner, key, renewed=count)
    # Visits: local days, so each month's and week's bounds are the zone's midnights in UTC.
    counted = list(months if visit_months is None else visit_months)
    keys = [m.key for m in counted]
    month_bounds = [utc_text(local_start(m.start, tz)) for m in counted]
    if counted:
        month_bounds.append(utc_text(local_start(counted[-1].end, tz)))
    week_list = list(weeks)
    week_bounds = [utc_text(local_start(w, tz)) for w in week_list]
    if week_list:
        week_bounds.append(utc_text(local_start(week_list[-1] + timedelta(7), tz)))
    if not month_bounds and not week_bounds:
        return out
    lo = min([*month_bounds[:1], *week_bounds[:1]])
    hi = max([*month_bounds[-1:], *week_bounds[-1:]])
    month_sql = _bucket("occurred_at", month_bounds) if counted else "-1"
    week_sql = _bucket("occurred_at", week_bounds) if week_list else "-1"
    for owner, month_at, week_at, count in conn.execute(
        f"SELECT owner_id, {month_sql}, {week_sql}, count(*) "
        f"FROM activities WHERE deleted = 0 AND owner_id IN ({_marks(ids)}) "
        f"AND occurred_at >= ? AND occurred_at < ? AND kind IN ({_marks(IN_PERSON)}) "
        "GROUP BY 1, 2, 3",
        (*ids, lo, hi, *IN_PERSON),
    ):
        if month_at >= 0:
            key = (owner, keys[month_at])
            out.visits[key] = out.visits.get(key, 0) + count
        if week_at >= 0:
            week = week_list[week_at]
            out.weeks[week] = out.weeks.get(week, 0) + count
    return out


@dataclass(frozen=True)
class OrderStates:
    """The open locked orders of the people in view (of the orders open now), on some days:
    per day and person (open locked on that day, stuck ones), and which orders were stuck."""

    counts: dict[date, dict[str, tuple[int, int]]]
    stuck: dict[date, frozenset[str]]
    known: frozenset[str]  # every order measured
    # Each measured order's account and amount, and the owners measured: every open locked
    # order of these (on a live account) was measured (the A-account analysis' stuck orders).
    orders: dict[str, tuple[str, float]] = field(default_factory=dict)
    owners: frozenset[str] = frozenset()


def order_states(
    conn: sqlite3.Connection, owners: Sequence[str], days: Sequence[date], rules: OrderRules
) -> OrderStates:
    """Each order's state on each of ``days`` by the pipeline's own rule
    (:func:`katerm.core.pipeline.order_status`), read in one query with the milestones each
    has reached. The state depends only on the lock date, which milestones are reached and
    the day, so it is worked out once per such combination, not once per order and day."""
    from katerm.core.pipeline import MilestoneRow, order_status

    ids = list(owners)
    counts: dict[date, dict[str, tuple[int, int]]] = {d: {} for d in days}
    stuck: dict[date, set[str]] = {d: set() for d in days}
    if not ids:
        return OrderStates(counts, {d: frozenset() for d in days}, frozenset())
    # A milestone is reached when any of its stored rows is (two devices may each store it:
    # the reached one wins, load_milestones).
    rows = conn.execute(
        "SELECT o.id, o.owner_id, o.locked_on, o.account_id, o.amount, "
        "(SELECT group_concat(m.milestone, char(31)) "
        "FROM order_milestones m WHERE m.opportunity_id = o.id AND m.deleted = 0 "
        "AND m.done_on IS NOT NULL AND m.done_on <> '') FROM opportunities o "
        f"WHERE o.outcome = 'open' AND o.locked_on IS NOT NULL AND {LIVE} "
        f"AND +o.owner_id IN ({_marks(ids)})",
        ids,
    ).fetchall()
    # The orders grouped by what decides their state (owner, lock day, milestones reached),
    # each group's state worked out once per day: not a look-up per order and day.
    orders: dict[str, tuple[str, float]] = {}
    groups: dict[tuple[str, str, str], list[str]] = {}
    for oid, owner, locked_text, account, amount, reached in rows:
        orders[oid] = (account, float(amount))
        groups.setdefault((owner, locked_text, reached or ""), []).append(oid)
    memo: dict[tuple[str, str], tuple[bool | None, ...]] = {}  # None: not locked yet
    tally: dict[date, dict[str, list[int]]] = {d: {} for d in days}
    for (owner, locked_text, reached), oids in groups.items():
        states = memo.get((locked_text, reached))
        if states is None:
            locked = date.fromisoformat(locked_text)
            done = sorted(set(reached.split("\x1f"))) if reached else []
            marks = {k: MilestoneRow("", locked) for k in done if k}
            states = memo[(locked_text, reached)] = tuple(
                None
                if locked > day
                else order_status("open", locked, None, marks, rules, day).state == "stuck"
                for day in days
            )
        for day, is_stuck in zip(days, states, strict=True):
            if is_stuck is None:
                continue
            found = tally[day].setdefault(owner, [0, 0])
            found[0] += len(oids)
            if is_stuck:
                found[1] += len(oids)
                stuck[day].update(oids)
    for day, by_owner in tally.items():
        counts[day] = {owner: (n, late) for owner, (n, late) in by_owner.items()}
    return OrderStates(
        counts,
        {d: frozenset(s) for d, s in stuck.items()},
        frozenset(orders),
        orders,
        frozenset(ids),
    )
