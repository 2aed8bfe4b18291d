"""What a value of each synced field may be: one set of rules for the server and the client.

The server's push function checks every pushed value with these rules (they are written to
``app.rules`` by ``katerm server init|upgrade`` and read by ``app.check_value``), and every
client checks every pulled row with them before it stores it (``katerm.core.sync.check``): a
team member with ``psql`` can neither write a value the others cannot store nor crash them.

The rules are those the forms and imports apply (``katerm.core.fields`` and each feature's own
checks): text length limits, choices, finite non-negative money, whole numbers in range, real
dates, UUIDs for links. Where a feature lets a team add its own keys (order milestones,
checklist items) the rule is a key pattern rather than a list.

Each rule is plain data, so :func:`problem` here and ``app.check_value`` in SQL implement the
same few kinds, and a test feeds both the same values and compares their verdicts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

MAX_TEXT = 10_000  # any free text (notes, plans, analyses)
MAX_SHORT = 100
MAX_NAME = 200
MAX_MONEY = 1.7976931348623157e308  # the largest finite double: finite is the rule
BIGINT = 9_223_372_036_854_775_807
UUID_RE = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
TAG_RE = "^[0-9]{13}-[0-9]{5}-[0-9A-Za-z_.~-]{1,64}$"
KEY_RE = "^[a-z][a-z0-9_]{0,39}$"
SPACE = " \t\n\r\f\v"  # what "blank" means on both sides (PostgreSQL's regex has no \s here)
# (fullmatch: in Python "$" also matches before a final newline, in PostgreSQL it does not)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH_DAY = re.compile(r"([0-9]{2})-([0-9]{2})")
_LUNAR = re.compile(r"L(?:(19\d\d|20\d\d)-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|30)")
_STAMP = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(\.[0-9]{1,6})?\+00:00"
)


@dataclass(frozen=True)
class Rule:
    """One field's rule. ``kind`` is one of :data:`KINDS`; the other attributes apply to some."""

    kind: str
    nullable: bool = False
    limit: int = MAX_TEXT  # text: most characters
    low: float = 0  # numbers: the range; text: 1 means it may not be blank
    high: float = BIGINT
    choices: tuple[str, ...] = ()  # choice, csv (a comma-separated subset; "" allowed)
    pattern: str = ""  # pattern: a regular expression both Python and PostgreSQL read alike
    other: str = ""  # tier: the field holding the tier scheme
    by_scheme: tuple[tuple[str, tuple[str, ...]], ...] = ()  # tier: scheme -> its tiers


KINDS = (
    "text",
    "choice",
    "csv",
    "pattern",
    "money",
    "int",
    "bool",
    "date",
    "day",
    "timestamp",
    "uuid",
    "tier",
    "json",
    "ids",
)


def text(limit: int = MAX_TEXT, *, required: bool = False, nullable: bool = False) -> Rule:
    return Rule("text", nullable, limit, 1 if required else 0)


def choice(*choices: str, nullable: bool = False) -> Rule:
    return Rule("choice", nullable, MAX_SHORT, choices=tuple(choices))


def whole(low: int = 0, high: int = BIGINT, *, nullable: bool = False) -> Rule:
    return Rule("int", nullable, low=low, high=high)


def key(nullable: bool = False) -> Rule:
    return Rule("pattern", nullable, 40, pattern=KEY_RE)


MONEY = Rule("money", high=MAX_MONEY)


# --- the checks -----------------------------------------------------------------------------


def problem(rule: Rule, value: Any, other: Any = None) -> str | None:
    """Why ``value`` (as the local database and the outbox hold it) breaks ``rule``, as a
    short code (``type``, ``range``, ``too_long``...), or None if it is fine. ``other`` is the
    value of the field the rule depends on (a tier's scheme)."""
    if value is None:
        return None if rule.nullable else "required"
    kind = rule.kind
    if kind in ("money", "int"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "type"
        if isinstance(value, float) and not math.isfinite(value):
            return "range"
        if kind == "int" and value != int(value):
            return "type"
        return None if rule.low <= value <= rule.high else "range"
    if kind == "bool":
        return (
            None
            if isinstance(value, bool) or (isinstance(value, int | float) and value in (0, 1))
            else "type"
        )
    if not isinstance(value, str):
        return "type"
    if len(value) > rule.limit:
        return "too_long"
    return _text_problem(rule, value, other)


def _text_problem(rule: Rule, value: str, other: Any) -> str | None:
    kind = rule.kind
    if kind == "text":
        return "required" if rule.low and not value.strip(SPACE) else None
    if kind == "choice":
        return None if value in rule.choices else "choice"
    if kind == "csv":
        return None if all(v in rule.choices for v in value.split(",") if v) else "choice"
    if kind in ("pattern", "uuid"):
        return None if matches(rule.pattern or UUID_RE, value) else "format"
    if kind == "date":
        return None if is_date(value) else "date"
    if kind == "day":
        return None if is_date(value) or _is_month_day(value) or _is_lunar(value) else "date"
    if kind == "timestamp":
        return None if is_timestamp(value) else "date"
    if kind == "tier":
        tiers = dict(rule.by_scheme).get(other if isinstance(other, str) else "")
        return None if tiers is not None and value in tiers else "choice"
    if kind == "json":
        return None if value == "" or _json_of(value, dict) is not None else "format"
    if kind == "ids":
        found = _json_of(value, list)
        return (
            None
            if found is not None and all(isinstance(i, str) and matches(UUID_RE, i) for i in found)
            else "format"
        )
    raise ValueError(f"unknown rule kind {kind!r}")


def is_date(value: str) -> bool:
    match = _DATE.fullmatch(value)
    if not match:
        return False
    try:
        date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    return True


def _is_lunar(value: str) -> bool:
    """A lunar key date (``L08-15``, ``L1985-08-15``: katerm.core.cards.lunar)."""
    return _LUNAR.fullmatch(value) is not None


def _is_month_day(value: str) -> bool:
    match = _MONTH_DAY.fullmatch(value)
    return match is not None and is_date(f"2000-{match[1]}-{match[2]}")


def is_timestamp(value: str) -> bool:
    match = _STAMP.fullmatch(value)
    return (
        match is not None
        and is_date(match[1])
        and int(match[2]) < 24
        and int(match[3]) < 60
        and int(match[4]) < 60
    )


def _json_of(value: str, kind: type) -> Any:
    import json

    try:
        found = json.loads(value)
    except ValueError:
        return None
    return found if isinstance(found, kind) else None


def matches(pattern: str, value: str) -> bool:
    """``value ~ pattern`` as PostgreSQL reads it (patterns here are anchored ^...$)."""
    return re.fullmatch(pattern.removeprefix("^").removesuffix("$"), value) is not None


def is_tag(value: Any) -> bool:
    return isinstance(value, str) and matches(TAG_RE, value)
