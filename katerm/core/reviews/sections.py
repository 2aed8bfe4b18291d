"""The built-in sections of the evening review, one function each (see ``registry``).

Per seller: the day's checklist with its gaps, the week's quotas, today's activities, orders
moved or stuck (:mod:`katerm.core.pipeline.measures`), overdue
gap actions (issue 7's ``gap_rows``, when that table exists), tomorrow's plan and open
follow-ups.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from katerm.core.periods import Period, next_working_day, working_days_elapsed, working_days_in
from katerm.core.reviews.activities import activities_between
from katerm.core.reviews.checklist import Checklist, ItemResult, build_checklist
from katerm.core.reviews.plans import get_plan, open_follow_ups
from katerm.core.reviews.registry import (
    BAD,
    MUTED,
    OK,
    PLAIN,
    WARN,
    Line,
    Section,
    SectionSpec,
    SellerContext,
)
from katerm.i18n import t


def day_checklist(conn: sqlite3.Connection, ctx: SellerContext) -> Checklist:
    """The seller's checklist of the day under review (computed once per page)."""
    found = ctx.shared.get("checklist")
    if found is None:
        found = ctx.shared["checklist"] = build_checklist(
            conn, ctx.seller_id, ctx.day, tz=ctx.tz, today=ctx.today
        )
    return found


def week_checklist(conn: sqlite3.Connection, ctx: SellerContext) -> Checklist:
    """The seller's weekly checklist (computed once per page)."""
    found = ctx.shared.get("week")
    if found is None:
        found = ctx.shared["week"] = build_checklist(
            conn, ctx.seller_id, ctx.week, tz=ctx.tz, today=ctx.today
        )
    return found


def item_line(item: ItemResult) -> Line:
    """``✓ Visits today  2/1`` coloured by state; n/a when its data does not exist yet."""
    if not item.available:
        return Line(f"– {item.label}", MUTED, t("reviews.not_available"))
    mark = "✓" if item.done else "✗"
    return Line(f"{mark} {item.label}", OK if item.done else BAD, item.progress)


def expected_by(item: ItemResult, week: Period, day: date) -> int:
    """Where a weekly quota should be by ``day`` (pro rata over the week's working days)."""
    if item.target is None:
        return 0
    return item.target * working_days_elapsed(week, day) // max(1, working_days_in(week))


def quota_line(item: ItemResult, week: Period, day: date) -> Line:
    """A weekly quota with where it should be by now when it is not met yet."""
    expected = expected_by(item, week, day)
    value = item.value or 0
    state = OK if item.done else (BAD if value < expected else WARN)
    detail = t("reviews.expected_by_now", expected=expected) if not item.done else ""
    mark = "✓" if item.done else "✗"
    return Line(f"{mark} {item.label}  {item.progress}", state, detail)


def _checklist(conn: sqlite3.Connection, ctx: SellerContext) -> Section:
    checklist = day_checklist(conn, ctx)
    return Section(
        "checklist",
        t("reviews.section.checklist"),
        tuple(item_line(i) for i in checklist.items),
        empty_text=t("reviews.checklist_empty"),
    )


def _week(conn: sqlite3.Connection, ctx: SellerContext) -> Section:
    week = week_checklist(conn, ctx)
    lines = [
        quota_line(i, ctx.week, ctx.day.start) if i.counts and i.available else item_line(i)
        for i in week.items
    ]
    return Section("week", t("reviews.section.week", week=ctx.week.key), tuple(lines))


def _activities(conn: sqlite3.Connection, ctx: SellerContext) -> Section:
    start, end = ctx.day.utc_range(ctx.tz)
    lines = []
    for row in activities_between(conn, [ctx.seller_id], start, end):
        detail = " · ".join(
            x for x in (row.note, row.next_step and t("reviews.next_step", text=row.next_step)) if x
        )
        lines.append(Line(f"{t(f'reviews.kind.{row.kind}')} {row.label(ctx.tz)}", PLAIN, detail))
    return Section(
        "activities",
        t("reviews.section.activities"),
        tuple(lines),
        empty_text=t("reviews.no_activities"),
    )


def _gap_actions(conn: sqlite3.Connection, ctx: SellerContext) -> Section:
    day = ctx.day.start.isoformat()
    rows = conn.execute(
        "SELECT g.next_action, g.due_date, coalesce(c.name, '') FROM gap_rows g "
        "LEFT JOIN contacts c ON c.id = g.contact_id WHERE g.owner_id = ? AND g.deleted = 0 "
        "AND g.status = 'open' AND g.due_date IS NOT NULL AND g.due_date <= ? "
        "ORDER BY g.due_date",
        (ctx.seller_id, day),
    ).fetchall()
    lines = tuple(
        Line(
            f"{action} · {who}" if who else action,
            BAD if due < day else WARN,
            t("reviews.due", date=due),
        )
        for action, due, who in rows
    )
    return Section(
        "gap_actions", t("reviews.section.gap_actions"), lines, empty_text=t("reviews.none_overdue")
    )


def _plan(conn: sqlite3.Connection, ctx: SellerContext) -> Section:
    tomorrow = Period.day(next_working_day(ctx.day.start))
    text = get_plan(conn, ctx.seller_id, tomorrow)
    lines = tuple(Line(s.strip()) for s in text.splitlines() if s.strip())
    return Section(
        "plan",
        t("reviews.section.plan", date=tomorrow.key),
        lines,
        empty_text=t("reviews.plan_missing"),
    )


def _follow_ups(conn: sqlite3.Connection, ctx: SellerContext) -> Section:
    lines = []
    for f in open_follow_ups(conn, ctx.seller_id):
        late = f.due_date is not None and f.due_date < ctx.day.start
        due = t("reviews.due", date=f.due_date.isoformat()) if f.due_date else ""
        who = t("reviews.from_person", name=f.created_by_name) if f.created_by_name else ""
        lines.append(Line(f.text, BAD if late else PLAIN, " · ".join(x for x in (due, who) if x)))
    return Section(
        "follow_ups",
        t("reviews.section.follow_ups"),
        tuple(lines),
        empty_text=t("reviews.no_follow_ups"),
    )


BUILTIN_SECTIONS = (
    SectionSpec("checklist", "reviews.section.checklist", _checklist, order=10),
    SectionSpec("week", "reviews.section.week", _week, order=15),
    SectionSpec("activities", "reviews.section.activities", _activities, order=20),
    # 30: the orders moved or stuck, the pipeline's section (katerm.core.pipeline.measures).
    SectionSpec(
        "gap_actions", "reviews.section.gap_actions", _gap_actions, requires=("gap_rows",), order=40
    ),
    SectionSpec("plan", "reviews.section.plan", _plan, order=50),
    SectionSpec("follow_ups", "reviews.section.follow_ups", _follow_ups, order=60),
)

__all__ = [
    "BUILTIN_SECTIONS",
    "PLAIN",
    "WARN",
    "day_checklist",
    "expected_by",
    "item_line",
    "quota_line",
    "week_checklist",
]
