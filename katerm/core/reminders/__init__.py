"""Reminders ahead of time (提前提醒): one rule set the team tunes, feeding my day's "Coming
up", the evening review and the calendar's alarms.

* :mod:`~katerm.core.reminders.rules`: the leads per kind (``[reminders]`` in the settings);
* :mod:`~katerm.core.reminders.read`: what is coming up for some people from a day on;
* :mod:`~katerm.core.reminders.review`: my day's "Coming up" and the evening review's section
  (:data:`REVIEW_SECTIONS`, registered by ``katerm.core.plugins``);
* :mod:`~katerm.core.reminders.calendar`: the calendar's events with their alarms.

Lunar key dates are the cards' (:mod:`katerm.core.cards.lunar`).
"""

from katerm.core.reminders.calendar import calendar_days_before, reminder_events
from katerm.core.reminders.read import KINDS, Reminder, coming_up
from katerm.core.reminders.review import (
    REVIEW_SECTIONS,
    coming_up_section,
    load_coming_up,
    reading_my_day,
    reminder_line,
    reminders_for,
)
from katerm.core.reminders.rules import (
    DEFAULT_LEADS,
    DEFAULT_REMINDERS,
    ReminderRules,
    reminder_rules,
    reminders_from_settings,
    working_days_until,
)

__all__ = [
    "DEFAULT_LEADS",
    "DEFAULT_REMINDERS",
    "KINDS",
    "REVIEW_SECTIONS",
    "Reminder",
    "ReminderRules",
    "calendar_days_before",
    "coming_up",
    "coming_up_section",
    "load_coming_up",
    "reading_my_day",
    "reminder_events",
    "reminder_line",
    "reminder_rules",
    "reminders_for",
    "reminders_from_settings",
    "working_days_until",
]
