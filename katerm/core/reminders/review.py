"""What reminders add to the reviews: my day's "Coming up" and the evening review's section.

My day leaves out what its checklist already lists on the day (the day's key dates, card
reviews due and the gap actions due); the evening review leaves out the overdue gap actions
(a section of their own) and the card reviews its checklist lists, and shows everything else
coming up for the seller.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TYPE_CHECKING

from katerm.core.reminders.read import Reminder, coming_up
from katerm.core.reminders.rules import reminder_rules
from katerm.core.reviews import BAD, PLAIN, WARN, Line, Section, SectionSpec, SellerContext
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.store import Database


def reminders_for(conn: sqlite3.Connection, user_id: str, day: date) -> list[Reminder]:
    """Everything coming up for one person on ``day``, by the team's rules."""
    from katerm.core.pipeline import order_rules

    return coming_up(conn, [user_id], day, reminder_rules(), order_rules())


def share_coming_up_reads(conn: sqlite3.Connection, user_id: str, day: date) -> None:
    """In one read, the card reviews due that the day's checklist (due by ``day``) and "Coming
    up" (due within the reminder's lead) both ask for, read once: the wider range first."""
    from katerm.core.cards import share_due_reviews

    share_due_reviews(conn, [user_id], day + timedelta(days=reminder_rules().lead("card_review")))


@contextmanager
def reading_my_day(db: Database, user_id: str, day: date) -> Iterator[None]:
    """One read for my day: its view, then "Coming up" (their loaders' reads nest in it, the
    same snapshot), with the card reviews due that both list read once."""
    with db.reading() as conn:
        share_coming_up_reads(conn, user_id, day)
        yield


def load_coming_up(db: Database, user_id: str, day: date) -> list[Reminder]:
    """My day's "Coming up", in a read of its own: what the checklist does not already show
    (the day's own key dates, card reviews due, gap actions due)."""
    with db.reading() as conn:
        found = reminders_for(conn, user_id, day)
    return [
        r
        for r in found
        if r.kind != "gap_action" and not (r.kind in _IN_CHECKLIST and r.days_left <= 0)
    ]


# The day's checklist ("key dates and card reviews") lists these once they are due.
_IN_CHECKLIST = ("key_date", "card_review")


def reminder_line(r: Reminder) -> Line:
    """A reminder as a line: red when overdue, amber on the day, plain ahead of it."""
    state = BAD if r.overdue else (WARN if r.days_left == 0 else PLAIN)
    return Line(r.label, state, f"{r.when} · {r.on:%m-%d} · {r.account}")


def coming_up_section(conn: sqlite3.Connection, ctx: SellerContext) -> Section:
    from katerm.core.reviews import day_checklist

    share_coming_up_reads(conn, ctx.seller_id, ctx.day.start)
    # Card reviews the day's checklist already lists (due or overdue) are shown there once.
    listed = {
        e.id
        for item in day_checklist(conn, ctx).items
        for e in item.evidence
        if e.type == "expansion_card"
    }
    found = [  # overdue gap actions have a section of their own
        r
        for r in reminders_for(conn, ctx.seller_id, ctx.day.start)
        if not (r.kind == "gap_action" and r.overdue)
        and not (r.kind == "card_review" and r.ref in listed)
    ]
    return Section(
        "coming_up",
        t("reviews.section.coming_up"),
        tuple(reminder_line(r) for r in found),
        empty_text=t("reminders.nothing"),
    )


REVIEW_SECTIONS = (
    SectionSpec(
        "coming_up",
        "reviews.section.coming_up",
        coming_up_section,
        requires=("key_dates", "plan_items", "voice_issues"),
        order=45,  # after the overdue gap actions, before tomorrow's plan
    ),
)
