"""The reminder rules: how many days ahead each kind of dated thing is shown, one set for my
day, the evening review and the calendar's alarms.

The team tunes them in the settings file (defaults from the seeds)::

    [reminders]
    birthday = 7           # key dates, by kind: days ahead
    anniversary = 14
    company_event = 14
    holiday = 10
    other = 7
    card_review = 7        # an expansion card's review
    gap_action = 0         # a relationship-gap action: on its due day, then every day overdue
    plan_action = 3        # an action of the account plan
    joint_milestone = 3    # a milestone of the joint business plan
    order_limit = 3        # WORKING days before a four-order milestone's limit (15/30/45)

Escalated customer-voice issues are shown every day until closed (no lead to tune).
Nothing here reads the database or the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from katerm.core.errors import ConfigProblem

if TYPE_CHECKING:
    from katerm.core.config import Settings

MAX_LEAD = 90
DEFAULT_LEADS: Mapping[str, int] = MappingProxyType(
    {
        "birthday": 7,
        "anniversary": 14,
        "company_event": 14,
        "holiday": 10,
        "other": 7,
        "card_review": 7,
        "gap_action": 0,
        "plan_action": 3,
        "joint_milestone": 3,
        "order_limit": 3,
    }
)


@dataclass(frozen=True)
class ReminderRules:
    """Days ahead per kind (``DEFAULT_LEADS``' keys); ``order_limit`` counts working days."""

    leads: Mapping[str, int] = field(default_factory=lambda: DEFAULT_LEADS)

    def lead(self, kind: str) -> int:
        return self.leads.get(kind, DEFAULT_LEADS.get(kind, DEFAULT_LEADS["other"]))

    @property
    def longest(self) -> int:
        return max(self.leads.values())


DEFAULT_REMINDERS = ReminderRules()


def reminders_from_settings(settings: Settings) -> ReminderRules:
    """The team's rules from the ``[reminders]`` section; a clear error for a bad line."""
    section: dict[str, Any] = settings.section("reminders")
    leads = dict(DEFAULT_LEADS)
    for key, value in section.items():
        if key not in DEFAULT_LEADS:
            raise ConfigProblem("reminders.unknown_key", key=key, choices=tuple(DEFAULT_LEADS))
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_LEAD:
            raise ConfigProblem("reminders.bad_lead", key=key, value=value, most=MAX_LEAD)
        leads[key] = value
    return ReminderRules(MappingProxyType(leads))


_cache: dict[tuple[str, int, int], ReminderRules] = {}


def reminder_rules() -> ReminderRules:
    """The rules from the user's settings file (read again when it changes); the defaults
    when it is missing or its ``[reminders]`` section is wrong (``katerm calendar`` says what
    is wrong; my day should still show)."""
    from katerm.core.config import load_settings
    from katerm.core.errors import KatermError
    from katerm.paths import resolve_paths

    path = resolve_paths().config_file
    try:
        stat = path.stat()
    except OSError:
        return DEFAULT_REMINDERS
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    found = _cache.get(key)
    if found is None:
        try:
            found = reminders_from_settings(load_settings(path))
        except KatermError:
            found = DEFAULT_REMINDERS
        _cache.clear()
        _cache[key] = found
    return found


def working_days_until(today: date, day: date) -> int:
    """Working days after ``today`` up to and including ``day`` (0 when not later), by the
    team's working-day calendar (``katerm.core.workdays``: China's holidays and make-up days)."""
    from katerm.core.pipeline import days_between

    return days_between(today, day, business=True)
