"""The built-in measures: what a checklist can tick by itself from the data.

Stable keys (the checklist JSON uses them): ``visits``, ``proposal_meetings``, ``calls``,
``activities``, ``tomorrow_plan``, ``weekly_plan``, ``gap_actions_due``, ``key_dates_today``,
``follow_ups_done``. ``stuck_orders_updated``, ``pipeline_updated`` and ``a_maps_reviewed`` are
the pipeline's and the influence map's (``katerm.core.pipeline.measures``,
``katerm.core.influence.measures``); ``katerm.core.plugins`` registers them all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from katerm.core.cards import DueDate, due_key_dates, due_reviews
from katerm.core.periods import DAY, WEEK, Period, next_working_day
from katerm.core.reviews.activities import IN_PERSON, KINDS, ActivityRow, activities_between
from katerm.core.reviews.registry import (
    Evidence,
    Measure,
    MeasureContext,
    MeasureFn,
    Measurement,
)
from katerm.i18n import t, tn


def activity_evidence(row: ActivityRow, ctx: MeasureContext) -> Evidence:
    """An activity as evidence: kind, time, account and people met."""
    local = row.local(ctx.tz)
    label = f"{t(f'reviews.kind.{row.kind}')} · {row.label(ctx.tz)}"
    if ctx.period.kind == WEEK:
        label = f"{local:%m-%d} {label}"
    return Evidence("activity", row.id, label, local.isoformat(timespec="minutes"))


def _count(kinds: tuple[str, ...]) -> MeasureFn:
    def run(conn: sqlite3.Connection, ctx: MeasureContext, target: int | None) -> Measurement:
        start, end = ctx.utc_range
        rows = activities_between(conn, [ctx.user_id], start, end, kinds=kinds)
        return Measurement.at_least(
            len(rows), target, tuple(activity_evidence(r, ctx) for r in rows)
        )

    return run


def plan_text(conn: sqlite3.Connection, user_id: str, period: Period) -> str:
    """The plan a person wrote for a period (empty if none)."""
    from katerm.core.reviews.plans import get_plan

    return get_plan(conn, user_id, period)


def _plan_written(period_of: Callable[[Period], Period]) -> MeasureFn:
    def run(conn: sqlite3.Connection, ctx: MeasureContext, target: int | None) -> Measurement:
        period = period_of(ctx.period)
        text = plan_text(conn, ctx.user_id, period).strip()
        evidence: tuple[Evidence, ...] = ()
        if text:
            first = text.splitlines()[0][:80]
            evidence = (Evidence("plan", period.key, first, period.start.isoformat()),)
        return Measurement(None, None, bool(text), evidence)

    return run


def _tomorrow(period: Period) -> Period:
    return Period.day(next_working_day(period.last_day))


def _this_week(period: Period) -> Period:
    return Period.week_of(period.start)


def gap_actions_due(
    conn: sqlite3.Connection, ctx: MeasureContext, target: int | None
) -> Measurement:
    """Open relationship-gap actions (issue 7's ``gap_rows``) due by the period's last day."""
    rows = conn.execute(
        "SELECT g.id, g.next_action, g.due_date, coalesce(c.name, '') FROM gap_rows g "
        "LEFT JOIN contacts c ON c.id = g.contact_id WHERE g.owner_id = ? AND g.deleted = 0 "
        "AND g.status = 'open' AND g.due_date IS NOT NULL AND g.due_date <= ? "
        "ORDER BY g.due_date",
        (ctx.user_id, ctx.period.last_day.isoformat()),
    ).fetchall()
    evidence = tuple(
        Evidence("gap_row", i, f"{action} · {who}" if who else action, str(due))
        for i, action, due, who in rows
    )
    return Measurement.at_most(len(rows), target, evidence)


def key_dates(conn: sqlite3.Connection, user_id: str, days: list[date]) -> list[DueDate]:
    """My key dates falling on these days: my contacts' birthdays and the key dates of my
    accounts and their people (issue 7's expansion cards), by day."""
    if not days:
        return []
    return due_key_dates(conn, [user_id], min(days), max(days))


def key_date_label(d: DueDate) -> str:
    """How a due key date reads in a checklist: what it is and whose."""
    if d.kind == "birthday":
        return t("reviews.birthday_of", name=d.who)
    what = d.label or t(f"cards.date_kind.{d.kind}")
    return t("cards.due_date_of", what=what, who=d.who)


def key_dates_today(
    conn: sqlite3.Connection, ctx: MeasureContext, target: int | None
) -> Measurement:
    """Key dates in the period, each acknowledged by an activity with that person (or, for the
    account's own dates, at that account); and expansion cards due for review by the period's
    last day, done once reviewed."""
    dates = key_dates(conn, ctx.user_id, ctx.period.days())
    reviews = due_reviews(conn, [ctx.user_id], ctx.period.last_day)
    if not dates and not reviews:
        return Measurement(0, 0, True, ())
    start, end = ctx.utc_range
    rows = activities_between(conn, [ctx.user_id], start, end)
    met = {c for r in rows for c in r.contact_ids}
    visited = {r.account_id for r in rows}
    evidence = []
    done = 0
    for d in dates:
        ok = d.contact_id in met if d.contact_id else d.account_id in visited
        done += ok
        mark = "✓" if ok else "✗"
        evidence.append(
            Evidence(
                "contact" if d.contact_id else "account",
                d.contact_id or d.account_id,
                f"{mark} {key_date_label(d)}",
                d.on.isoformat(),
            )
        )
    for r in reviews:
        evidence.append(
            Evidence(
                "expansion_card",
                r.card_id,
                f"✗ {t('cards.review_due', name=r.contact_name)}",
                r.on.isoformat(),
            )
        )
    total = len(dates) + len(reviews)
    return Measurement(done, total, done >= total, tuple(evidence))


def follow_ups_done(
    conn: sqlite3.Connection, ctx: MeasureContext, target: int | None
) -> Measurement:
    """Follow-ups still open that were due by the period's last day."""
    rows = conn.execute(
        "SELECT id, text, due_date FROM follow_ups WHERE owner_id = ? AND deleted = 0 "
        "AND status = 'open' AND due_date IS NOT NULL AND due_date <= ? ORDER BY due_date",
        (ctx.user_id, ctx.period.last_day.isoformat()),
    ).fetchall()
    return Measurement.at_most(
        len(rows), target, tuple(Evidence("follow_up", i, text, str(due)) for i, text, due in rows)
    )


def visits(conn: sqlite3.Connection, ctx: MeasureContext, target: int | None) -> Measurement:
    """Customers visited: distinct accounts met in person in the period (six visits to one
    customer are one customer visited, as the method means), with the visits as evidence."""
    start, end = ctx.utc_range
    rows = activities_between(conn, [ctx.user_id], start, end, kinds=IN_PERSON)
    customers = len({r.account_id for r in rows})
    got = Measurement.at_least(customers, target, tuple(activity_evidence(r, ctx) for r in rows))
    return replace(
        got,
        summary=t(
            "reviews.visits_summary",
            customers=tn("reviews.customers_visited", customers),
            visits=tn("reviews.visit_count", len(rows)),
        ),
    )


BUILTIN_MEASURES = (
    Measure("visits", visits, counts=True, default_targets=((DAY, 1), (WEEK, 6))),
    Measure(
        "proposal_meetings",
        _count(("proposal",)),
        counts=True,
        default_targets=((DAY, 1), (WEEK, 3)),
    ),
    Measure("calls", _count(("call",)), counts=True, default_targets=((DAY, 2), (WEEK, 10))),
    Measure("activities", _count(KINDS), counts=True, default_targets=((DAY, 2), (WEEK, 10))),
    Measure("tomorrow_plan", _plan_written(_tomorrow), periods=(DAY,)),
    Measure("weekly_plan", _plan_written(_this_week)),
    Measure("gap_actions_due", gap_actions_due, requires=("gap_rows",), ceiling=True),
    Measure("key_dates_today", key_dates_today),
    Measure("follow_ups_done", follow_ups_done, ceiling=True),
)
