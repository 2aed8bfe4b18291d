"""Working days: which days a team works, in one place for everything that counts them.

Chinese teams follow the State Council's calendar: public holidays off, and some weekend days
made working days (调休). The ``chinesecalendar`` package lists both, year by year; the
version katerm ships with knows 2004–2026. For a year it does not know, katerm counts
Monday–Friday and says so where it matters (:func:`unknown_years`). A team outside China sets
``workdays = "mon-fri"`` (``katerm config set workdays mon-fri``).

Order day limits (15/30/45 working days), due dates ("the next working day") and the weekly
counts all ask here. The workspace sets the team's mode when it opens (:func:`use`).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

CHINA = "china"
MON_FRI = "mon-fri"
MODES = (CHINA, MON_FRI)

_mode = [CHINA]


def use(mode: str) -> None:
    """Count working days the team's way from now on (a workspace calls this when it opens)."""
    if mode not in MODES:
        raise ValueError(f"unknown working-day mode {mode!r}")
    _mode[0] = mode


def mode() -> str:
    return _mode[0]


@cache
def _china(day: date) -> bool | None:
    """Whether ``day`` is a working day in China; None when the calendar does not know it."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # a year the installed calendar does not list
        return None


def knows(day: date) -> bool:
    """Does the team's calendar know this day (Monday–Friday is known for any year)?"""
    return mode() == MON_FRI or _china(day) is not None


def is_working_day(day: date) -> bool:
    """A working day for the team: China's calendar (holidays off, make-up days on), else
    Monday–Friday (and for a year China's calendar does not know yet)."""
    if mode() == CHINA:
        found = _china(day)
        if found is not None:
            return found
    return day.weekday() < 5


def next_working_day(day: date) -> date:
    """The first working day after ``day`` (Friday's "tomorrow" is Monday; 30 September's,
    in a year with a National Day holiday, is the first day back)."""
    nxt = day + timedelta(days=1)
    while not is_working_day(nxt):
        nxt += timedelta(days=1)
    return nxt


def add_working_days(start: date, days: int) -> date:
    """The last day of a limit of ``days`` working days counted from ``start`` (which does
    not count)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later).

    Counted from per-year running totals (cached), so a pipeline of many orders counts fast.
    """
    if end <= start:
        return 0
    return _running(end) - _running(start)


_BASE_YEAR = 1970


def _running(day: date) -> int:
    """Working days from 1 January of ``_BASE_YEAR`` up to and including ``day``."""
    return _before_year(mode(), day.year) + _year_prefix(mode(), day.year)[day.timetuple().tm_yday]


@cache
def _year_prefix(current: str, year: int) -> tuple[int, ...]:
    """Running count of working days in ``year`` by day of the year (index 0: none yet)."""
    out = [0]
    day = date(year, 1, 1)
    # A year China's calendar does not list counts Monday–Friday: asking it about each of
    # its days (it raises for every one) cost a second and more for the years since 1970.
    listed = current == CHINA and _china(date(year, 6, 1)) is not None
    while day.year == year:
        out.append(out[-1] + (is_working_day(day) if listed else day.weekday() < 5))
        day += timedelta(days=1)
    return tuple(out)


@cache
def _before_year(current: str, year: int) -> int:
    if year <= _BASE_YEAR:
        return 0
    return _before_year(current, year - 1) + _year_prefix(current, year - 1)[-1]


def unknown_years(start: date, end: date) -> list[int]:
    """Years between the two days that the China calendar does not know (counted Monday–Friday
    instead); empty for a Monday–Friday team."""
    if mode() == MON_FRI:
        return []
    return [y for y in range(start.year, end.year + 1) if _china(date(y, 6, 1)) is None]
