"""Periods of the user's calendar: a local day or an ISO week, and dates as users type them.

Activities are stored in UTC; what counts as "today" or "this week" depends on where the user
is. A :class:`Period` turns a local day or week into the UTC range to query. Weeks are ISO
weeks (Monday first), keyed ``2026-W48``: the week of 28 December 2026 to 3 January 2027 is
one week, ``2026-W53``, not two half-weeks. "Today" itself comes from the one clock
(:mod:`katerm.core.clock`); nothing here reads the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from katerm.core import workdays
from katerm.core.errors import BadInput

DAY = "day"
WEEK = "week"
PERIODS = (DAY, WEEK)
_WEEK_KEY = re.compile(r"^\s*(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})\s*$")
_DAY_WORDS = {"today": 0, "今天": 0, "yesterday": -1, "昨天": -1, "tomorrow": 1, "明天": 1}


def utc_text(moment: datetime) -> str:
    """A moment as katerm stores it (``katerm.core.store.values.to_db``): UTC, microseconds."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def local_day(stored: str, tz: tzinfo) -> date:
    """The user's local date of a stored UTC moment (``2026-11-26T23:30:00+00:00`` is the 27th
    in Shanghai): never the first ten characters of the UTC text."""
    moment = datetime.fromisoformat(stored)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).date()


def local_start(day: date, tz: tzinfo) -> datetime:
    """The first moment of a local day (midnight; the zone's rules decide its UTC offset)."""
    return datetime.combine(day, time(0), tzinfo=tz)


@dataclass(frozen=True, order=True)
class Period:
    """A local day or ISO week. ``start`` is the day, or the week's Monday."""

    kind: str
    start: date

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(DAY, day)

    @classmethod
    def week_of(cls, day: date) -> Period:
        return cls(WEEK, day - timedelta(days=day.weekday()))

    @property
    def end(self) -> date:
        """The first day after the period."""
        return self.start + timedelta(days=1 if self.kind == DAY else 7)

    @property
    def key(self) -> str:
        if self.kind == DAY:
            return self.start.isoformat()
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days)]

    def utc_range(self, tz: tzinfo) -> tuple[str, str]:
        """[start, end) as stored UTC text, so a range query compares strings."""
        return utc_text(local_start(self.start, tz)), utc_text(local_start(self.end, tz))

    def shifted(self, steps: int) -> Period:
        return Period(
            self.kind, self.start + timedelta(days=steps * (1 if self.kind == DAY else 7))
        )

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def is_past(self, today: date) -> bool:
        return self.end <= today


def next_working_day(day: date) -> date:
    """The next working day after ``day`` (Friday's "tomorrow" is Monday; holidays and
    make-up working days as the team's calendar has them: ``katerm.core.workdays``)."""
    return workdays.next_working_day(day)


def working_days_in(week: Period) -> int:
    """The week's working days (5 in most weeks; fewer in a holiday week, more with 调休)."""
    return workdays.working_days_between(week.start - timedelta(days=1), week.last_day)


def working_days_elapsed(week: Period, day: date) -> int:
    """How many of the week's working days have begun by ``day`` (0 to the week's count)."""
    if day < week.start:
        return 0
    return workdays.working_days_between(week.start - timedelta(days=1), min(day, week.last_day))


def parse_day(text: str | None, today: date) -> date:
    """A date typed by the user: ``2026-11-27``, ``2026/11/27``, ``today``, ``昨天``..."""
    if text is None or not str(text).strip():
        return today
    raw = str(text).strip()
    if raw.casefold() in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[raw.casefold()])
    from katerm.core.errors import FieldError
    from katerm.core.fields import day as parse_field_day

    try:
        found = parse_field_day("date", raw)
    except FieldError:
        raise BadInput("reviews.bad_date", value=raw) from None
    assert found is not None
    return found


def parse_week(text: str | None, today: date) -> Period:
    """A week: ``2026-W48`` (ISO), ``this``/``last``, or any date inside it."""
    if text is None or not str(text).strip():
        return Period.week_of(today)
    raw = str(text).strip()
    if raw.casefold() in ("this", "本周"):
        return Period.week_of(today)
    if raw.casefold() in ("last", "上周"):
        return Period.week_of(today).shifted(-1)
    match = _WEEK_KEY.match(raw)
    if match:
        try:
            return Period(WEEK, date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            raise BadInput("reviews.bad_week", value=raw) from None
    try:
        return Period.week_of(parse_day(raw, today))
    except BadInput:
        raise BadInput("reviews.bad_week", value=raw) from None


def parse_time(text: str | None) -> time | None:
    """``HH:MM`` (24-hour) or None when empty."""
    if text is None or not str(text).strip():
        return None
    raw = str(text).strip().replace("：", ":")
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", raw)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise BadInput("reviews.bad_time", value=raw)
    return time(int(match[1]), int(match[2]))
