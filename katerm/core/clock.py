"""The one clock: the only place katerm reads the real time.

A :class:`Clock` is built once, with the workspace, and everything that needs "now" or
"today" asks it: the write path's ``created_at``/``updated_at`` stamps and the hybrid logical
clock's wall time, review periods, due and overdue dates, the pyramid's year, the demo's dates,
sync. Nothing else calls ``datetime.now()`` or ``date.today()``, so a pinned clock (tests,
demos, ``KATERM_NOW``) gives the same answers whatever day the machine thinks it is.

``now()`` is UTC-aware (what is stored); ``today()`` is the date in the user's time zone, so
a visit logged at 23:30 in Shanghai counts for that day, not for the next UTC day.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The variable that pins the clock (an ISO date-time; without an offset it is local time).
NOW_VARIABLE = "KATERM_NOW"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


class BadClock(ValueError):
    """``KATERM_NOW`` is not a date-time. Carries the text so the caller can say so."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def _real_now() -> datetime:
    return datetime.now(UTC)


def local_zone(environ: Mapping[str, str] | None = None) -> tzinfo:
    """The user's time zone: ``TZ``, else the OS's (``/etc/localtime``), else UTC's offset."""
    env = os.environ if environ is None else environ
    name = env.get("TZ", "").lstrip(":").strip()
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        target = os.readlink("/etc/localtime")
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    try:
        return ZoneInfo(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    return _real_now().astimezone().tzinfo or UTC


@dataclass(frozen=True)
class Clock:
    """Now and today for one workspace, in the user's zone.

    ``pinned`` stops the clock at one moment (tests, demos); ``offset`` shifts a running clock
    (a device whose clock is wrong, in sync tests). Build one with :meth:`from_environment`,
    :meth:`system` or :meth:`fixed`.
    """

    tz: tzinfo
    pinned: datetime | None = None
    offset: timedelta = timedelta(0)
    _source: Callable[[], datetime] = field(default=_real_now, repr=False, compare=False)

    @classmethod
    def system(cls, tz: tzinfo | None = None) -> Clock:
        """The machine's clock, in ``tz`` (default: the user's zone)."""
        return cls(tz or local_zone())

    @classmethod
    def fixed(cls, moment: datetime, tz: tzinfo | None = None) -> Clock:
        """A clock stopped at ``moment`` (a naive moment is taken as local time in ``tz``)."""
        zone = tz or (moment.tzinfo if moment.tzinfo is not None else None) or local_zone()
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        return cls(zone, pinned=moment.astimezone(UTC))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Clock:
        """The machine's clock, unless ``KATERM_NOW`` pins it; the zone from ``TZ`` or the OS.

        Read once, when a workspace is built. Raises :class:`BadClock` for an unreadable
        ``KATERM_NOW``.
        """
        env = os.environ if environ is None else environ
        tz = local_zone(env)
        raw = env.get(NOW_VARIABLE, "").strip()
        if not raw:
            return cls(tz)
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise BadClock(raw) from None
        return cls.fixed(moment, tz)

    def shifted(self, delta: timedelta) -> Clock:
        """The same clock running ``delta`` ahead (behind, if negative)."""
        return Clock(self.tz, self.pinned, self.offset + delta, self._source)

    def now(self) -> datetime:
        """This moment, UTC-aware."""
        base = self.pinned if self.pinned is not None else self._source()
        return base + self.offset if self.offset else base

    def local_now(self) -> datetime:
        """This moment in the user's zone."""
        return self.now().astimezone(self.tz)

    def today(self) -> date:
        """The user's local date."""
        return self.local_now().date()

    def now_ms(self) -> int:
        """Milliseconds since the epoch: the wall time of hybrid-logical-clock tags."""
        return (self.now() - _EPOCH) // _MS

    def now_text(self) -> str:
        """This moment as katerm stores it: UTC ISO text with microseconds."""
        return self.now().isoformat(timespec="microseconds")

    def year(self) -> int:
        return self.today().year
