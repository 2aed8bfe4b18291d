"""When an expansion card is reviewed next: every three months, month ends clamped."""

from __future__ import annotations

import calendar
from datetime import date

from katerm.core.cards.kinds import REVIEW_MONTHS


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept inside the month: 30 Nov + 3 = 28 (or 29) Feb."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def next_review(reviewed_on: date, months: int = REVIEW_MONTHS) -> date:
    """The review after one done on ``reviewed_on`` (also a new card's first review)."""
    return add_months(reviewed_on, months)


def on_in_year(month: int, day: int, year: int) -> date:
    """A yearly date in ``year``: 29 February falls on the 28th in other years."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)
