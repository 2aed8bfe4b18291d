"""Key dates kept by the Chinese lunar calendar (农历): 春节, 中秋, a person's lunar birthday.

A lunar key date is stored in ``key_dates.day`` as ``L`` + the lunar month and day
(``L08-15``), or with the lunar year it started (``L1985-08-15``, a birth year). It is always
yearly and lands on a different Gregorian day every year; the conversion is the maintained
``lunardate`` package's, not a table of our own. A day 30 in a year whose month has 29 days
falls on the month's last day (the 29th); a date in a leap month (闰月) is kept on the
ordinary month of that number.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from katerm.core.errors import FieldError

PREFIX = "L"
FIRST_YEAR, LAST_YEAR = 1901, 2099  # what the conversion covers
_TYPED = re.compile(
    r"^\s*(?:农历|農曆|阴历|陰曆|lunar|L)\s*[:：]?\s*(?:(\d{4})\s*[-/.年]\s*)?"
    r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$",
    re.IGNORECASE,
)
_STORED = re.compile(r"^L(?:(\d{4})-)?(\d{2})-(\d{2})$")


def is_lunar(day: str | None) -> bool:
    """Whether a stored key date is a lunar one."""
    return bool(day) and str(day).startswith(PREFIX)


def looks_lunar(raw: str) -> bool:
    """Whether what a user typed asks for a lunar date (农历08-15, lunar 8/15, L08-15)."""
    return bool(re.match(r"^\s*(农历|農曆|阴历|陰曆|lunar|L\s*\d)", raw, re.IGNORECASE))


def parse_lunar(raw: str, *, field: str = "day") -> str:
    """A typed lunar date as stored (``L08-15`` or ``L1985-08-15``); a clear error if not."""
    match = _TYPED.fullmatch(raw)
    if match is None:
        raise FieldError(field, "cards.err.bad_lunar_day", value=raw.strip())
    year, month, day = (int(match[1]) if match[1] else None), int(match[2]), int(match[3])
    if not (1 <= month <= 12 and 1 <= day <= 30) or (
        year is not None and not FIRST_YEAR <= year <= LAST_YEAR
    ):
        raise FieldError(field, "cards.err.bad_lunar_day", value=raw.strip())
    return f"L{year}-{month:02d}-{day:02d}" if year else f"L{month:02d}-{day:02d}"


def parts(stored: str) -> tuple[int | None, int, int]:
    """(lunar year or None, lunar month, lunar day) of a stored lunar date."""
    match = _STORED.fullmatch(stored)
    if match is None:
        raise ValueError(stored)
    return (int(match[1]) if match[1] else None), int(match[2]), int(match[3])


def in_lunar_year(month: int, day: int, lunar_year: int) -> date | None:
    """The Gregorian day of lunar ``month``/``day`` in ``lunar_year`` (None outside the range
    the conversion covers). A 30th in a 29-day month falls on the 29th."""
    from lunardate import LunarDate

    if not FIRST_YEAR <= lunar_year <= LAST_YEAR:
        return None
    first = LunarDate(lunar_year, month, 1).to_solar_date()
    on = first + timedelta(days=day - 1)
    back = LunarDate.from_solar_date(on.year, on.month, on.day)
    if (back.month, back.is_leap_month) != (month, False):  # the month is shorter
        on -= timedelta(days=1)
    return on


def lunar_days(stored: str, start: date, end: date) -> list[date]:
    """The Gregorian days in [start, end] a stored lunar date falls on (a lunar year starts
    in January or February, so the year before ``start`` is looked at too)."""
    since, month, day = parts(stored)
    out = []
    for year in range(start.year - 1, end.year + 1):
        if since is not None and year < since:
            continue
        on = in_lunar_year(month, day, year)
        if on is not None and start <= on <= end:
            out.append(on)
    return out


def lunar_text(stored: str, lang_prefix: str) -> str:
    """How a stored lunar date reads: ``农历08-15`` (the prefix comes from the catalogue)."""
    since, month, day = parts(stored)
    return (
        f"{lang_prefix}{since}-{month:02d}-{day:02d}"
        if since
        else f"{lang_prefix}{month:02d}-{day:02d}"
    )
