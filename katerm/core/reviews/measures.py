"""The built-in measures: what a checklist can tick by itself from the data.

Stable keys (the checklist JSON uses them): ``visits``, ``proposal_meetings``, ``calls``,
``activities``, ``tomorrow_plan``, ``weekly_plan``, ``gap_actions_due``, ``key_dates_today``,
``follow_ups_done``; and placeholders, not available until their features register them:
``stuck_orders_updated``, ``pipeline_updated`` (orders and pipeline), ``a_maps_reviewed``
(influence maps).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from katerm.core.reviews.activities import IN_PERSON, KINDS, ActivityRow, activities_between
from katerm.core.reviews.clock import DAY, WEEK, Period, next_working_day
from katerm.core.reviews.registry import (
    Evidence,
    Measure,
    MeasureContext,
    Measurement,
    register_measure,
)
from katerm.i18n import t


def activity_evidence(row: ActivityRow, ctx: MeasureContext) -> Evidence:
    """An activity as evidence: kind, time, account and people met."""
    local = row.local(ctx.tz)
    label = f"{t(f'reviews.kind.{row.kind}')} · {row.label(ctx.tz)}"
    if ctx.period.kind == WEEK:
        label = f"{local:%m-%d} {label}"
    return Evidence("activity", row.id, label, local.isoformat(timespec="minutes"))


def _count(kinds: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def run(conn: sqlite3.Connection, ctx: MeasureContext, target: int | None) -> Measurement:
        start, end = ctx.utc_range
        rows = activities_between(conn, [ctx.user_id], start, end, kinds=kinds)
        return Measurement.at_least(len(rows), target,
                                    tuple(activity_evidence(r, ctx) for r in rows))
    return run


def plan_text(conn: sqlite3.Connection, user_id: str, period: Period) -> str:
    """The plan a person wrote for a period (empty if none)."""
    from katerm.core.reviews.plans import get_plan

    return get_plan(conn, user_id, period)


def _plan_written(period_of) -> object:  # type: ignore[no-untyped-def]
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


def gap_actions_due(conn: sqlite3.Connection, ctx: MeasureContext,
                    target: int | None) -> Measurement:
    """Open relationship-gap actions (issue 7's ``gap_rows``) due by the period's last day."""
    rows = conn.execute(
        "SELECT g.id, g.next_action, g.due_date, coalesce(c.name, '') FROM gap_rows g "
        "LEFT JOIN contacts c ON c.id = g.contact_id WHERE g.owner_id = ? AND g.deleted = 0 "
        "AND g.status = 'open' AND g.due_date IS NOT NULL AND g.due_date <= ? "
        "ORDER BY g.due_date", (ctx.user_id, ctx.period.last_day.isoformat())).fetchall()
    evidence = tuple(Evidence("gap_row", i, f"{action} · {who}" if who else action, str(due))
                     for i, action, due, who in rows)
    return Measurement.at_most(len(rows), target, evidence)


def key_dates(conn: sqlite3.Connection, user_id: str,
              days: list[date]) -> list[tuple[str, str, date]]:
    """Birthdays of my contacts that fall on these days: (contact id, name, the day)."""
    wanted: dict[str, date] = {}
    for day in days:
        wanted[f"{day:%m-%d}"] = day
        if day.month == 2 and day.day == 28 and (day + timedelta(days=1)).month == 3:
            wanted["02-29"] = day  # a leap-day birthday is kept on the 28th
    marks = ", ".join("?" * len(wanted))
    rows = conn.execute(
        f"SELECT id, name, substr(birthday, 6, 5) FROM contacts WHERE owner_id = ? "
        f"AND deleted = 0 AND birthday IS NOT NULL AND substr(birthday, 6, 5) IN ({marks}) "
        "ORDER BY name", (user_id, *wanted)).fetchall()
    return [(i, name, wanted[md]) for i, name, md in rows]


def key_dates_today(conn: sqlite3.Connection, ctx: MeasureContext,
                    target: int | None) -> Measurement:
    """Key dates in the period, each acknowledged by an activity with that contact in it."""
    dates = key_dates(conn, ctx.user_id, ctx.period.days())
    if not dates:
        return Measurement(0, 0, True, ())
    start, end = ctx.utc_range
    rows = activities_between(conn, [ctx.user_id], start, end)
    met = {c for r in rows for c in r.contact_ids}
    evidence = []
    done = 0
    for contact_id, name, day in dates:
        ok = contact_id in met
        done += ok
        mark = "✓" if ok else "✗"
        evidence.append(Evidence("contact", contact_id,
                                 f"{mark} {t('reviews.birthday_of', name=name)}",
                                 day.isoformat()))
    return Measurement(done, len(dates), done >= len(dates), tuple(evidence))


def follow_ups_done(conn: sqlite3.Connection, ctx: MeasureContext,
                    target: int | None) -> Measurement:
    """Follow-ups still open that were due by the period's last day."""
    rows = conn.execute(
        "SELECT id, text, due_date FROM follow_ups WHERE owner_id = ? AND deleted = 0 "
        "AND status = 'open' AND due_date IS NOT NULL AND due_date <= ? ORDER BY due_date",
        (ctx.user_id, ctx.period.last_day.isoformat())).fetchall()
    return Measurement.at_most(len(rows), target, tuple(
        Evidence("follow_up", i, text, str(due)) for i, text, due in rows))


BUILTIN_MEASURES = (
    Measure("visits", _count(IN_PERSON), counts=True,
            default_targets=((DAY, 1), (WEEK, 6))),
    Measure("proposal_meetings", _count(("proposal",)), counts=True,
            default_targets=((DAY, 1), (WEEK, 3))),
    Measure("calls", _count(("call",)), counts=True, default_targets=((DAY, 2), (WEEK, 10))),
    Measure("activities", _count(KINDS), counts=True, default_targets=((DAY, 2), (WEEK, 10))),
    Measure("tomorrow_plan", _plan_written(_tomorrow), periods=(DAY,)),  # type: ignore[arg-type]
    Measure("weekly_plan", _plan_written(_this_week)),  # type: ignore[arg-type]
    Measure("gap_actions_due", gap_actions_due, requires=("gap_rows",)),
    Measure("key_dates_today", key_dates_today),
    Measure("follow_ups_done", follow_ups_done),
)
# Filled in by the features that own their data (orders and pipeline, influence maps).
PLACEHOLDERS = (
    Measure("stuck_orders_updated", None),
    Measure("pipeline_updated", None),
    Measure("a_maps_reviewed", None, periods=(WEEK,)),
)

for _m in BUILTIN_MEASURES:
    register_measure(_m, placeholder=True)
for _m in PLACEHOLDERS:
    register_measure(_m, placeholder=True)
