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


def team_groups(
    conn: sqlite3.Connection,
    viewer_id: str,
    people: Sequence[str],
    managers: Mapping[str, str | None],
) -> list[tuple[str, str, list[str]]]:
    """The teams a viewer's league ranks, as (lead id, kind, member ids): peers of one level,
    never a whole beside its parts. Each lead reporting to the viewer is a ``team`` (the lead
    and everyone below them); the viewer and the sellers reporting to them directly are one
    more row, ``direct``, when there are such sellers. Together they are everyone in view once,
    so the league's total row (the viewer's whole organisation) is the sum of its rows. A
    viewer with no leads below them has no team league: their sellers are the league."""
    from katerm.core.team import below

    reports: dict[str, list[str]] = {}
    for p in people:
        boss = managers.get(p)
        if boss is not None and boss != p:
            reports.setdefault(boss, []).append(p)
    direct = reports.get(viewer_id, [])
    leads = [p for p in direct if reports.get(p)]
    if not leads:
        return []
    seen = set(people)
    groups = [(lead, "team", [p for p in below(conn, lead) if p in seen]) for lead in leads]
    own = [p for p in direct if not reports.get(p)]
    if own:
        groups.append((viewer_id, "direct", [viewer_id, *own]))
    return groups


def _league(
    people: Sequence[tuple[str, str, str, str]],
    now: Mapping[str, Figures],
    before: Mapping[str, Figures],
    kind: str,
    *,
    kinds: Mapping[str, str] | None = None,
) -> tuple[LeagueRow, ...]:
    """Rows for (id, login, name, team) with ranks this month and last (``kinds``: a row's
    kind when not ``kind``). A figure of 0 (nothing done) or the same as last month has no
    move: ties at 0 used to "climb" when others fell."""
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
            still = not a or a == b  # nothing done, or nothing changed
            moved[f] = None if ra is None or rb is None or still else rb - ra
        rows.append(
            LeagueRow(
                pid,
                login,
                name,
                (kinds or {}).get(pid, kind),
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
    from katerm.core.team import below, league_sellers, members

    people = below(conn, viewer_id)
    known = {m.id: m for m in members(conn)}
    managers = dict(conn.execute("SELECT id, manager_id FROM users WHERE deleted = 0").fetchall())
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

    def team_of(pid: str) -> str:
        boss = managers.get(pid)
        return known[boss].login if boss in known and boss != pid and boss in now else ""

    sellers = _league(
        [
            (p, known[p].login, known[p].name, team_of(p))
            for p in league_sellers(conn, people)
            if p in known
        ],
        now,
        before,
        "seller",
    )
    groups = team_groups(conn, viewer_id, people, managers)
    idle = (Figures(), Figures())
    if groups and groups[-1][1] != "direct" and (now[viewer_id], before[viewer_id]) != idle:
        # The viewer's own orders or visits: a row of their own, so the rows add up to the total.
        groups.append((viewer_id, "direct", [viewer_id]))
    teams = _league(
        [(lead, known[lead].login, known[lead].name, "") for lead, _, _ in groups],
        {lead: total(now[p] for p in ids) for lead, _, ids in groups},
        {lead: total(before[p] for p in ids) for lead, _, ids in groups},
        "team",
        kinds={lead: kind for lead, kind, _ in groups},
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
