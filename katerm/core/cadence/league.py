"""The league table: sellers and teams ranked on each figure, with the change from the month
before; and the monthly review put together for a viewer (everyone below them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from katerm.core.cadence.accounts import account_analysis
from katerm.core.cadence.events import month_events, order_states
from katerm.core.cadence.monthly import (
    FIGURES,
    LOWER_IS_BETTER,
    Figures,
    LeagueRow,
    Month,
    MonthlyReview,
    as_of_day,
    month_figures,
    total,
)
from katerm.core.cadence.trend import trend, trend_days, trend_months, trend_weeks
from katerm.core.money import load_rates

if TYPE_CHECKING:
    from katerm.core.pipeline import OrderRules
    from katerm.core.store import Database


def ranks(values: Mapping[str, float | None], *, lower_is_better: bool) -> dict[str, int | None]:
    """Competition ranking (1, 2, 2, 4): the best value first; no value, no rank."""
    known = [(v, k) for k, v in values.items() if v is not None]
    known.sort(key=lambda x: x[0] if lower_is_better else -x[0])
    out: dict[str, int | None] = {k: None for k in values}
    previous: float | None = None
    rank = 0
    for position, (value, key) in enumerate(known, start=1):
        if value != previous:
            rank, previous = position, value
        out[key] = rank
    return out


def _league(
    people: Sequence[tuple[str, str, str, str]],
    now: Mapping[str, Figures],
    before: Mapping[str, Figures],
    kind: str,
) -> tuple[LeagueRow, ...]:
    """Rows for (id, login, name, team) with ranks this month and last."""
    ids = [p[0] for p in people]
    rank_now = {
        f: ranks({i: now[i].value(f) for i in ids}, lower_is_better=f in LOWER_IS_BETTER)
        for f in FIGURES
    }
    rank_before = {
        f: ranks({i: before[i].value(f) for i in ids}, lower_is_better=f in LOWER_IS_BETTER)
        for f in FIGURES
    }
    rows = []
    for pid, login, name, team in people:
        change: dict[str, float | None] = {}
        moved: dict[str, int | None] = {}
        for f in FIGURES:
            a, b = now[pid].value(f), before[pid].value(f)
            change[f] = None if a is None or b is None else round(a - b, 4)
            ra, rb = rank_now[f][pid], rank_before[f][pid]
            moved[f] = None if ra is None or rb is None else rb - ra
        rows.append(
            LeagueRow(
                pid,
                login,
                name,
                kind,
                now[pid],
                {f: rank_now[f][pid] for f in FIGURES},
                change,
                moved,
                team,
            )
        )
    rows.sort(key=lambda r: (r.ranks["won_amount"] or 10**9, r.display.casefold()))
    return tuple(rows)


def monthly_review(
    conn: sqlite3.Connection,
    viewer_id: str,
    month: Month,
    *,
    tz: tzinfo,
    today: date,
    rules: OrderRules,
    target: int | None = None,
) -> MonthlyReview:
    """The month of everyone below ``viewer_id`` (themselves included) and of every team;
    ``target``: new key accounts per seller a month (None: the team's setting)."""
    from katerm.core.broad import routines_done_by_owner
    from katerm.core.leads import new_key_accounts, team_target
    from katerm.core.team import below, members

    people = below(conn, viewer_id)
    known = {m.id: m for m in members(conn)}
    managers = dict(conn.execute("SELECT id, manager_id FROM users WHERE deleted = 0").fetchall())
    leads = [p for p in people if any(managers.get(q) == p and q != p for q in people)]
    # Each table read once for both months of the league and the trend's six (and the open
    # orders' state at each of their ends): bench_monthly.
    as_of = as_of_day(month, today)
    events = month_events(
        conn,
        people,
        trend_months(month),
        tz=tz,
        weeks=trend_weeks(as_of),
        visit_months=[month.previous(), month],
    )
    states = order_states(conn, people, trend_days(month, as_of), rules)

    def figures(of: Month) -> dict[str, Figures]:
        return month_figures(
            conn, people, of, tz=tz, today=today, rules=rules, states=states, events=events
        )

    now, before = figures(month), figures(month.previous())
    team_ids = {lead: [p for p in below(conn, lead) if p in now] for lead in leads}

    def team_of(pid: str) -> str:
        boss = managers.get(pid)
        return known[boss].login if boss in known and boss in team_ids else ""

    sellers = _league(
        [(p, known[p].login, known[p].name, team_of(p)) for p in people if p in known],
        now,
        before,
        "seller",
    )
    team_now = {lead: total(now[p] for p in ids) for lead, ids in team_ids.items()}
    team_before = {lead: total(before[p] for p in ids) for lead, ids in team_ids.items()}
    teams = _league(
        [(lead, known[lead].login, known[lead].name, "") for lead in leads if lead in known],
        team_now,
        team_before,
        "team",
    )
    analysis = account_analysis(
        conn,
        viewer_id,
        people,
        start=month.start,
        end=month.end,
        as_of=as_of,
        rules=rules,
        states=states,
    )
    moves = trend(conn, people, month, as_of, tz, events=events, states=states)
    fresh = new_key_accounts(conn, people, month.start, month.end)
    return MonthlyReview(
        month,
        as_of,
        sellers,
        teams,
        total(now.values()),
        analysis,
        moves,
        base=load_rates(conn).base,
        new_accounts=fresh,
        new_account_target=team_target() if target is None else target,
        routines_done=routines_done_by_owner(conn, people, month.start, month.end),
    )


def load_monthly_review(
    db: Database,
    viewer_id: str,
    month: Month,
    *,
    tz: tzinfo,
    today: date,
    rules: OrderRules,
    target: int | None = None,
) -> MonthlyReview:
    """:func:`monthly_review` in a read of its own (the screen's worker, the command)."""
    with db.reading() as conn:
        return monthly_review(
            conn, viewer_id, month, tz=tz, today=today, rules=rules, target=target
        )
