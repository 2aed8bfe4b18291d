"""The four-order method's rules: the milestones and their day limits (the team's, from the
settings), counting days, what a lock needs, and the answers a refused step gives.

:mod:`katerm.core.pipeline.orders` explains the method; nothing here reads the database or the
clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from katerm.core import workdays
from katerm.core.errors import BadInput, ConfigProblem, FieldError, ValidationFailed

if TYPE_CHECKING:
    from katerm.core.config import Settings


@dataclass(frozen=True)
class Milestone:
    key: str
    days: int  # limit, counted from the lock day


DEFAULT_MILESTONES = (
    Milestone("top_meeting", 15),
    Milestone("proposal", 30),
    Milestone("trial", 45),
)
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class OrderRules:
    milestones: tuple[Milestone, ...] = DEFAULT_MILESTONES
    business_days: bool = False

    def milestone(self, key: str) -> Milestone | None:
        return next((m for m in self.milestones if m.key == key), None)


DEFAULT_RULES = OrderRules()


def rules_from_settings(settings: Settings) -> OrderRules:
    """The team's rules from the ``[orders]`` section of the settings file::

    [orders]
    day_count = "calendar"      # or "business": working days (katerm.core.workdays)
    [orders.milestones]         # key = day limit from the lock day
    top_meeting = 15
    proposal = 30
    trial = 45
    """
    section = settings.section("orders")
    count = str(section.get("day_count", "calendar")).strip().lower()
    if count not in ("calendar", "business"):
        raise ConfigProblem("orders.bad_day_count", value=count)
    raw = section.get("milestones")
    if raw is None:
        return OrderRules(DEFAULT_MILESTONES, count == "business")
    if not isinstance(raw, dict) or not raw:
        raise ConfigProblem("orders.bad_milestones")
    found = []
    for key, days in raw.items():
        if (
            not _KEY.match(str(key))
            or isinstance(days, bool)
            or not isinstance(days, int)
            or not 1 <= days <= 365
        ):
            raise ConfigProblem("orders.bad_milestone", key=key, value=days)
        found.append(Milestone(str(key), days))
    return OrderRules(tuple(sorted(found, key=lambda m: m.days)), count == "business")


# --- counting days ---------------------------------------------------------------------------


def add_days(start: date, days: int, *, business: bool) -> date:
    """The last day of a limit of ``days`` counted from ``start`` (which does not count);
    ``business``: working days as the team's calendar has them (``katerm.core.workdays``:
    Chinese public holidays skipped, make-up working days counted)."""
    if not business:
        return start + timedelta(days=days)
    return workdays.add_working_days(start, days)


def days_between(start: date, end: date, *, business: bool) -> int:
    """Days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    if not business:
        return max((end - start).days, 0)
    return workdays.working_days_between(start, end)


# --- locking --------------------------------------------------------------------------

LOCK_KEYS = ("converted", "amount", "expected_close", "contact", "competitors")


@dataclass(frozen=True)
class LockCheck:
    missing: tuple[str, ...] = field(default_factory=tuple)

    @property
    def complete(self) -> bool:
        return not self.missing


def lock_check(values: Mapping[str, Any]) -> LockCheck:
    """Which key information a lock still needs (keys of :data:`LOCK_KEYS`)."""
    missing = []
    if values.get("lead_decision") != "convert":
        missing.append("converted")
    if not values.get("amount"):
        missing.append("amount")
    if not values.get("expected_close"):
        missing.append("expected_close")
    if not values.get("contact_id"):
        missing.append("contact")
    if not str(values.get("competitors") or "").strip():
        missing.append("competitors")
    return LockCheck(tuple(missing))


def refuse(field_name: str, key: str, **params: object) -> ValidationFailed:
    return ValidationFailed([FieldError(field_name, key, **params)])


def not_open(state: str) -> BadInput:
    return BadInput("orders.not_open", state=state)
