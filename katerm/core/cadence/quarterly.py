"""The quarterly review (季度大客户计划回顾): per top-tier account of everyone in view, the
plan's completeness at the quarter's end and its change since the last quarter's end, and the
strategic-relationship table's movement; the orders forecast by month of the quarter; win/loss
with the reasons.

Forecast per month (``expected_close`` in the month, open orders; ``closed_on`` for the won):

* ``won``: orders won in the month;
* ``committed``: won, plus the open locked orders (锁单: the key facts confirmed) expected to
  close then;
* ``best_case``: won, plus every open order expected to close then;
* ``weighted``: won, plus the open orders' amounts weighted by their probability (as ``katerm
  pipeline``'s weighted figure).

Nothing here reads the clock: the caller passes today and the zone.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from katerm.core.cadence.monthly import Month
from katerm.core.money import Amount, Converted, Rates, fold, load_rates
from katerm.core.periods import local_start, utc_text

if TYPE_CHECKING:
    from katerm.core.competitors import WinLoss
    from katerm.core.store import Database


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1-4

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def key(self) -> str:
        return f"{self.year:04d}Q{self.number}"

    @property
    def months(self) -> tuple[Month, Month, Month]:
        first = 3 * (self.number - 1) + 1
        return Month(self.year, first), Month(self.year, first + 1), Month(self.year, first + 2)

    @property
    def start(self) -> date:
        return self.months[0].start

    @property
    def end(self) -> date:
        """The first day after the quarter."""
        return self.months[2].end

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )


_CN_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4}


def parse_quarter(text: str | None, today: date) -> Quarter:
    """``2027Q1`` (or ``2027-Q1``, ``2027 q1``, ``2027年第一季度``, ``2027年Q1``),
    ``this``/``本季度``, ``last``/``上季度``; empty: this quarter. Anything else is refused
    with what to write."""
    from katerm.core.errors import BadInput

    if text is None or not text.strip():
        return Quarter.of(today)
    raw = text.strip()
    if raw.casefold() in ("this", "本季度", "本季"):
        return Quarter.of(today)
    if raw.casefold() in ("last", "上季度", "上季"):
        return Quarter.of(today).previous()
    match = re.fullmatch(r"(\d{4})\s*(?:-|年)?\s*(?:[qQ]\s*([1-4])|第?([一二三四1-4])季度?)", raw)
    if match is None or not 1900 <= int(match[1]) <= 2999:
        raise BadInput("cadence.q.bad_quarter", value=raw)
    number = match[2] or match[3]
    return Quarter(int(match[1]), _CN_NUMBERS.get(number) or int(number))


@dataclass(frozen=True)
class PlanLine:
    """One top-tier account: its plan's completeness at the quarter's end and at the last
    quarter's end, and its strategic-relationship table's movement in the quarter."""

    account_id: str
    account: str
    owner: str
    share: float
    share_before: float | None  # None: the plan had nothing at the last quarter's end
    strategic: int
    added: tuple[str, ...]
    removed: tuple[str, ...]
    won: float = 0.0  # orders won at the account in the quarter
    weighted: float = 0.0  # its open orders expected in the quarter, × probability
    best_case: float = 0.0  # all of them

    @property
    def change(self) -> float | None:
        """Since the last quarter's end; None when there was nothing to compare with (shown
        as new: "+76 points" for a plan first written this quarter read as progress)."""
        return None if self.share_before is None else self.share - self.share_before


@dataclass(frozen=True)
class ForecastMonth:
    """The month's orders won, and the open ones expected then: locked, all, weighted."""

    month: Month
    won: float
    locked: float
    open: float
    weighted_open: float

    @property
    def committed(self) -> float:
        return self.won + self.locked

    @property
    def best_case(self) -> float:
        return self.won + self.open

    @property
    def weighted(self) -> float:
        return self.won + self.weighted_open


@dataclass(frozen=True)
class LossReason:
    reason: str
    count: int
    amount: float


@dataclass(frozen=True)
class QuarterlyReview:
    quarter: Quarter
    as_of: date  # the quarter's last day, or today
    plans: tuple[PlanLine, ...]
    forecast: tuple[ForecastMonth, ...]
    won: int
    lost: int
    reasons: tuple[LossReason, ...]
    competitors: tuple[WinLoss, ...]
    # The team's base currency every amount is in, and the forecast's amounts in currencies
    # without a rate (left out of the figures): won and open (katerm.core.money).
    base: str = "CNY"
    won_left: tuple[Amount, ...] = ()
    open_left: tuple[Amount, ...] = ()

    @property
    def win_rate(self) -> float | None:
        return self.won / (self.won + self.lost) if self.won + self.lost else None


def _marks(ids: Sequence[str]) -> str:
    return ", ".join("?" * len(ids))


def quarterly_review(
    conn: sqlite3.Connection, viewer_id: str, quarter: Quarter, *, tz: tzinfo, today: date
) -> QuarterlyReview:
    """The quarter of everyone below ``viewer_id`` (themselves included)."""
    from datetime import timedelta

    from katerm.core.cadence.quarter_plans import movements, scores_at
    from katerm.core.competitors import win_loss
    from katerm.core.team import below
    from katerm.core.tiers import stored_rank_sql

    people = below(conn, viewer_id)
    last_day = quarter.end - timedelta(days=1)
    as_of = min(today, last_day)
    # The quarter's end, or the end of today for the quarter still running.
    end = utc_text(local_start(min(quarter.end, today + timedelta(days=1)), tz))
    start = utc_text(local_start(quarter.start, tz))
    rates = load_rates(conn)
    found = conn.execute(
        "SELECT a.id, a.name, (SELECT coalesce(nullif(u.name, ''), u.login) FROM users u "
        "WHERE u.id = a.owner_id), a.annual_revenue, a.currency FROM accounts a "
        f"WHERE a.deleted = 0 AND a.owner_id IN ({_marks(people)}) AND {stored_rank_sql()} = 0",
        people,
    ).fetchall()
    accounts = [row[:3] for row in sorted(found, key=lambda row: _plan_order(rates, *row))]
    ids = [a[0] for a in accounts]
    scores = scores_at(conn, ids, [end, start])
    moved = movements(conn, ids, start, end)
    orders = _by_account(conn, ids, quarter)
    plans = [
        PlanLine(
            account_id,
            name,
            owner or "",
            scores[account_id][0].share,
            scores[account_id][1].share or None,
            moved[account_id].now,
            moved[account_id].added,
            moved[account_id].removed,
            *orders.get(account_id, (0.0, 0.0, 0.0)),
        )
        for account_id, name, owner in accounts
    ]
    forecast, left = _forecast(conn, people, quarter, rates)
    won, lost, reasons = _outcomes(conn, people, quarter, rates)
    competitors = win_loss(conn, people, since=quarter.start, until=last_day)
    return QuarterlyReview(
        quarter,
        as_of,
        tuple(plans),
        forecast,
        won,
        lost,
        reasons,
        tuple(competitors),
        rates.base,
        rates.total(left[0]).not_converted if left else (),
        rates.total(left[2]).not_converted if left else (),
    )


def _plan_order(
    rates: Rates, account_id: str, name: str, _owner: str, revenue: float, currency: str
) -> tuple[float, str, str, str]:
    """The top-tier accounts biggest first (annual revenue in the base currency; one without
    a rate last), then by name in pinyin order (code points put 重庆 after 贵阳), not by the
    characters' code points."""
    from katerm.core.pinyin import initials

    done = rates.convert(revenue or 0.0, currency or rates.base)
    size = -done.amount if isinstance(done, Converted) else float("inf")
    return size, initials(name), name.casefold(), account_id


def _by_account(
    conn: sqlite3.Connection, account_ids: Sequence[str], quarter: Quarter
) -> dict[str, tuple[float, float, float]]:
    """Account -> (won in the quarter, open expected in it weighted, open expected in it)."""
    import json

    start, end = quarter.start.isoformat(), quarter.end.isoformat()
    converted, _ = fold(
        load_rates(conn),
        conn.execute(
            "SELECT account_id, currency, "
            "total(CASE WHEN outcome = 'won' AND closed_on >= ?1 AND closed_on < ?2 "
            "THEN amount END), "
            "total(CASE WHEN outcome = 'open' AND expected_close >= ?1 AND expected_close < ?2 "
            "THEN amount * probability END) / 100.0, "
            "total(CASE WHEN outcome = 'open' AND expected_close >= ?1 AND expected_close < ?2 "
            "THEN amount END) "
            "FROM opportunities WHERE deleted = 0 "
            "AND account_id IN (SELECT value FROM json_each(?3)) GROUP BY account_id, currency",
            (start, end, json.dumps(list(account_ids))),
        ),
    )
    return {account: (won, weighted, best) for account, (won, weighted, best) in converted.items()}


def _forecast(
    conn: sqlite3.Connection, people: Sequence[str], quarter: Quarter, rates: Rates
) -> tuple[tuple[ForecastMonth, ...], list[dict[str, float]]]:
    """One scan of the quarter's orders, grouped by month (and currency: each converted
    once); and per figure the amounts of currencies without a rate."""
    live = (
        f"o.deleted = 0 AND o.owner_id IN ({_marks(people)}) "
        "AND o.account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)"
    )
    start, end = quarter.start.isoformat(), quarter.end.isoformat()
    found, left = fold(
        rates,
        conn.execute(
            "SELECT substr(coalesce(CASE o.outcome WHEN 'won' THEN o.closed_on END, "
            "o.expected_close), 1, 7), o.currency, "
            "total(CASE WHEN o.outcome = 'won' THEN o.amount END), "
            "total(CASE WHEN o.outcome = 'open' AND o.locked_on IS NOT NULL THEN o.amount END), "
            "total(CASE WHEN o.outcome = 'open' THEN o.amount END), "
            "total(CASE WHEN o.outcome = 'open' THEN o.amount * o.probability END) / 100.0 "
            f"FROM opportunities o WHERE {live} AND ("
            "(o.outcome = 'won' AND o.closed_on >= ? AND o.closed_on < ?) OR "
            "(o.outcome = 'open' AND o.expected_close >= ? AND o.expected_close < ?)) "
            "GROUP BY 1, 2",
            (*people, start, end, start, end),
        ),
    )
    months = tuple(
        ForecastMonth(m, *found.get(m.key, [0.0, 0.0, 0.0, 0.0])) for m in quarter.months
    )
    return months, left


def _outcomes(
    conn: sqlite3.Connection, people: Sequence[str], quarter: Quarter, rates: Rates
) -> tuple[int, int, tuple[LossReason, ...]]:
    """Won and lost in the quarter, and the lost ones by reason (the most lost first; the
    amount lost in the team's base, currencies without a rate left out)."""
    found = conn.execute(
        "SELECT o.outcome, trim(o.loss_reason), o.currency, count(*), total(o.amount) "
        "FROM opportunities o "
        f"WHERE o.deleted = 0 AND o.owner_id IN ({_marks(people)}) "
        "AND o.account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1) "
        "AND o.outcome IN ('won', 'lost') AND o.closed_on >= ? AND o.closed_on < ? "
        "GROUP BY 1, 2, 3",
        (*people, quarter.start.isoformat(), quarter.end.isoformat()),
    ).fetchall()
    counts: dict[tuple[str, str], int] = {}
    for outcome, reason, _, count, _ in found:
        counts[outcome, reason] = counts.get((outcome, reason), 0) + count
    amounts, _ = fold(rates, (((o, r), c, a) for o, r, c, _, a in found))
    rows = [(o, r, n, amounts[o, r][0]) for (o, r), n in counts.items()]
    won = sum(count for outcome, _, count, _ in rows if outcome == "won")
    reasons = [
        LossReason(reason or "", count, amount)
        for outcome, reason, count, amount in rows
        if outcome == "lost"
    ]
    reasons.sort(key=lambda r: (-r.count, -r.amount, r.reason.casefold()))
    return won, sum(r.count for r in reasons), tuple(reasons)


def load_quarterly_review(
    db: Database, viewer_id: str, quarter: Quarter, *, tz: tzinfo, today: date
) -> QuarterlyReview:
    """:func:`quarterly_review` in a read of its own (the screen's worker, the command)."""
    with db.reading() as conn:
        return quarterly_review(conn, viewer_id, quarter, tz=tz, today=today)
