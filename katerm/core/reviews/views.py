"""What the "my day" and "my week" screens show, gathered in one call each.

The screen gets plain dataclasses from a worker thread; ``katerm review daily|weekly`` prints
the same checklists (``Checklist.as_json``), which is how the two are kept identical.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from katerm.core.periods import Period, next_working_day
from katerm.core.reviews.activities import ActivityRow, activities_between
from katerm.core.reviews.checklist import Checklist, build_checklist, person
from katerm.core.reviews.plans import FollowUp, get_plan, open_follow_ups, read_only
from katerm.core.reviews.weekly import Trend, trend
from katerm.core.team import Member, below, is_lead

if TYPE_CHECKING:
    from katerm.core.reviews.evening import SellerPage, Team
    from katerm.core.reviews.templates import TemplateItem
    from katerm.core.store import Database


def people_for(conn: sqlite3.Connection, viewer_id: str) -> list[Member]:
    """Whose day the viewer may look at: themselves first, then everyone below them."""
    ids = below(conn, viewer_id)
    others = sorted(
        (person(conn, i) for i in ids if i != viewer_id), key=lambda p: p.display.casefold()
    )
    return [person(conn, viewer_id), *others]


def can_reopen(
    conn: sqlite3.Connection, viewer_id: str, user_id: str, period: Period, today: date
) -> bool:
    """A lead may reopen a past checklist of someone below them."""
    return (
        user_id != viewer_id
        and period.is_past(today)
        and is_lead(conn, viewer_id)
        and user_id in below(conn, viewer_id)
    )


@dataclass(frozen=True)
class DayView:
    """Everything the day screen shows."""

    person: Member
    day: Period
    checklist: Checklist
    week: Checklist
    plan_period: Period  # the next working day: "tomorrow's plan"
    plan: str
    plan_read_only: bool
    follow_ups: tuple[FollowUp, ...]
    activities: tuple[ActivityRow, ...]
    can_reopen: bool
    lead: bool  # the viewer leads people (evening review, template editor)


def day_view(
    conn: sqlite3.Connection, viewer_id: str, user_id: str, day: date, *, tz: tzinfo, today: date
) -> DayView:
    """The day screen of ``user_id`` as ``viewer_id`` sees it."""
    period = Period.day(day)
    plan_period = Period.day(next_working_day(day))
    start, end = period.utc_range(tz)
    return DayView(
        person(conn, user_id),
        period,
        build_checklist(conn, user_id, period, tz=tz, today=today),
        build_checklist(conn, user_id, Period.week_of(day), tz=tz, today=today),
        plan_period,
        get_plan(conn, user_id, plan_period),
        read_only(conn, user_id, plan_period, today) or read_only(conn, user_id, period, today),
        tuple(open_follow_ups(conn, user_id)),
        tuple(activities_between(conn, [user_id], start, end)),
        can_reopen(conn, viewer_id, user_id, period, today),
        is_lead(conn, viewer_id),
    )


@dataclass(frozen=True)
class WeekView:
    """Everything the week screen shows."""

    person: Member
    week: Period
    trend: Trend
    plan: str
    plan_read_only: bool
    team: tuple[Trend, ...]  # the sellers below the person, for a lead
    can_reopen: bool
    lead: bool


def week_view(
    conn: sqlite3.Connection, viewer_id: str, user_id: str, week: Period, *, tz: tzinfo, today: date
) -> WeekView:
    """The week screen of ``user_id`` (with their team's trends for a lead)."""
    sellers = [i for i in below(conn, user_id) if i != user_id and not is_lead(conn, i)]
    team = tuple(trend(conn, i, week, tz=tz, today=today) for i in sellers)
    return WeekView(
        person(conn, user_id),
        week,
        trend(conn, user_id, week, tz=tz, today=today),
        get_plan(conn, user_id, week),
        read_only(conn, user_id, week, today),
        tuple(sorted(team, key=lambda x: x.person.display.casefold())),
        can_reopen(conn, viewer_id, user_id, week, today),
        is_lead(conn, viewer_id),
    )


# --- in a read of their own (the screens' workers) ------------------------------------------


def load_view(
    db: Database, viewer_id: str, user_id: str, day: date, *, week: bool, tz: tzinfo, today: date
) -> tuple[DayView | WeekView, list[Member]]:
    """``user_id``'s day (or the week around ``day``) as ``viewer_id`` sees it, and the people
    ``viewer_id`` may look at, in one read."""
    with db.reading() as conn:
        people = people_for(conn, viewer_id)
        if week:
            view: DayView | WeekView = week_view(
                conn, viewer_id, user_id, Period.week_of(day), tz=tz, today=today
            )
        else:
            view = day_view(conn, viewer_id, user_id, day, tz=tz, today=today)
    return view, people


def load_teams(db: Database, viewer_id: str) -> list[Team]:
    """The teams ``viewer_id`` leads (a general manager leads several)."""
    from katerm.core.reviews.evening import teams_for

    with db.reading() as conn:
        return teams_for(conn, viewer_id)


def load_seller_page(
    db: Database, lead_id: str, seller_id: str, day: date, *, tz: tzinfo, today: date
) -> SellerPage:
    """One seller's page of the evening review, in a read of its own."""
    from katerm.core.reviews.evening import seller_page

    with db.reading() as conn:
        return seller_page(conn, lead_id, seller_id, day, tz=tz, today=today)


def load_upcoming_items(
    db: Database,
    lead_id: str,
    today: date,
) -> tuple[dict[str, list[TemplateItem]], dict[str, date]]:
    """The checklist items of ``lead_id``'s team as they will be from the next day and the
    next week on (edits never reach a checklist already under way), and those first days."""
    from katerm.core.periods import DAY, WEEK
    from katerm.core.reviews.templates import effective_from, items_for

    starts = {p: effective_from(p, today) for p in (DAY, WEEK)}
    with db.reading() as conn:
        items = {
            DAY: items_for(conn, lead_id, Period.day(starts[DAY])),
            WEEK: items_for(conn, lead_id, Period.week_of(starts[WEEK])),
        }
    return items, starts
