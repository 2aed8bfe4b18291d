"""Checking rows that come from the server before they are stored (and a value for the push).

A pulled row arrives as the text ``COPY`` gives; :func:`convert` turns it into the values the
local database stores (numbers as numbers: a text ``NaN`` in a REAL column would stay text and
break every screen that formats it) and :func:`row_problem` says what is wrong with it, if
anything: a field breaking its rule (``katerm.core.sync.rules``), a clock that is not a map of
tags, a malformed id. Such a row is never merged: the caller quarantines it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any

from katerm.core.store import DELETED_FIELD
from katerm.core.sync.rules import (
    SPACE,
    TAG_RE,
    UUID_RE,
    Rule,
    is_date,
    is_tag,
    problem,
)
from katerm.core.sync.rules_tables import table_rules
from katerm.core.sync.schema import SyncTable

Converter = Callable[[Any], Any]


def _number(text: Any) -> Any:
    if text is None or isinstance(text, int | float):
        return text
    try:
        return float(text)
    except ValueError:
        return text  # the rule refuses it with "type"


def _whole(text: Any) -> Any:
    if text is None or isinstance(text, int):
        return text
    try:
        return int(text)
    except ValueError:
        number = _number(text)
        return int(number) if isinstance(number, float) and number.is_integer() else number


def _keep(text: Any) -> Any:
    return text


_CONVERT: dict[str, Converter] = {
    "double precision": _number,
    "numeric": _number,
    "bigint": _whole,
    "boolean": _whole,
}


@cache
def _converters(table: str) -> tuple[tuple[int, Converter], ...]:
    """(column, converter) for the columns that need one (numbers and booleans)."""
    t = _table(table)
    found = [
        (i, _CONVERT[f.pg_type]) for i, f in enumerate(t.fields, start=1) if f.pg_type in _CONVERT
    ]
    return (*found, (len(t.fields) + 3, _whole))  # deleted


def _table(name: str) -> SyncTable:
    from katerm.core.sync.schema import table_named

    found = table_named(name)
    assert found is not None
    return found


def convert(t: SyncTable, row: Sequence[Any]) -> list[Any]:
    out = list(row)
    if len(out) != len(t.fields) + 6:
        raise ValueError("row width")
    for i, c in _converters(t.name):
        out[i] = c(out[i])
    return out


def _fast(rule: Rule) -> Callable[[Any, Any], bool] | None:
    """A quick yes for the usual value of a rule, given the value and that of the field it
    depends on (None: only :func:`problem` can tell). A no goes to :func:`problem` for why."""
    kind, limit, nullable = rule.kind, rule.limit, rule.nullable
    if kind == "text" and not rule.low:
        return lambda v, o: (v.__class__ is str and len(v) <= limit) or (v is None and nullable)
    if kind == "text":
        return lambda v, o: (
            v.__class__ is str
            and 0 < len(v) <= limit
            and (v[0] not in SPACE or bool(v.strip(SPACE)))
        )
    if kind == "tier":
        tiers = {scheme: frozenset(found) for scheme, found in rule.by_scheme}
        return lambda v, o: (
            (v is None and nullable) or (v.__class__ is str and o in tiers and v in tiers[o])
        )
    if kind == "choice":
        allowed = frozenset((*rule.choices, *((None,) if nullable else ())))
        return lambda v, o: (v.__class__ is str and v in allowed) or (v is None and nullable)
    if kind == "money":
        high = rule.high
        return lambda v, o: (v.__class__ is float or v.__class__ is int) and 0 <= v <= high
    if kind == "int":
        low, high = rule.low, rule.high
        return lambda v, o: (v.__class__ is int and low <= v <= high) or (v is None and nullable)
    if kind in ("uuid", "pattern"):
        found = re.compile((rule.pattern or UUID_RE).removeprefix("^").removesuffix("$"))
        return lambda v, o: (
            (v.__class__ is str and len(v) <= limit and found.fullmatch(v) is not None)
            or (v is None and nullable)
        )
    if kind == "date":
        return lambda v, o: (v.__class__ is str and _date_ok(v)) or (v is None and nullable)
    return None


@lru_cache(maxsize=4096)
def _date_ok(value: str) -> bool:
    return is_date(value)


@lru_cache(maxsize=4096)
def _clock_ok(text: str, table: str) -> bool:
    clk = clock_of(text)
    if clk is None or "*" not in clk:
        return False
    allowed = {"*", DELETED_FIELD, *_table(table).names}
    return set(clk) <= allowed and all(is_tag(v) for v in clk.values())


@cache
def _plan(table: str) -> tuple[tuple[int, str, Rule, int | None, Any], ...]:
    t = _table(table)
    rules = table_rules(t.name)
    names = t.names
    out = []
    for i, name in enumerate(names, start=1):
        rule = rules[name]
        other = names.index(rule.other) + 1 if rule.other else None
        out.append((i, name, rule, other, _fast(rule)))
    return tuple(out)


# rules.is_timestamp in one expression: hours 00-23, minutes and seconds 00-59.
_STAMP_FAST = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(\.[0-9]{1,6})?\+00:00"
)
_TAG = re.compile(TAG_RE.removeprefix("^").removesuffix("$"))
_UUID = re.compile(UUID_RE.removeprefix("^").removesuffix("$"))


def _stamp_ok(value: Any) -> bool:
    return (
        value.__class__ is str and _STAMP_FAST.fullmatch(value) is not None and _date_ok(value[:10])
    )


def row_problem(t: SyncTable, row: Sequence[Any]) -> str | None:
    """What is wrong with a converted server row (``merge.columns(t)`` order), or None."""
    n = len(t.fields)
    if row[0].__class__ is not str or _UUID.fullmatch(row[0]) is None:
        return "id: format"
    for i, name, rule, other, fast in _plan(t.name):
        value = row[i]
        if fast is not None and fast(value, row[other] if other is not None else None):
            continue
        found = problem(rule, value, row[other] if other is not None else None)
        if found is not None:
            return f"{name}: {found}"
    if not _stamp_ok(row[n + 1]):
        return "created_at: date"
    if not _stamp_ok(row[n + 2]):
        return "updated_at: date"
    if row[n + 3] not in (0, 1) or row[n + 3].__class__ is bool:
        return "deleted: type"
    if row[n + 4].__class__ is not str or _TAG.fullmatch(row[n + 4]) is None:
        return "hlc: format"
    if row[n + 5].__class__ is not str or not _clock_ok(row[n + 5], t.name):
        return "clk: format"
    return None


def clock_of(text: Any) -> dict[str, Any] | None:
    try:
        found = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def value_problems(table: str, values: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, problem) for each value of a whole row that breaks its rule (the store's
    safety net in tests: whatever katerm writes, the server must take)."""
    rules = table_rules(table)
    out = []
    for name, rule in rules.items():
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, float) and not math.isfinite(value):
            out.append((name, "range"))
            continue
        found = problem(rule, value, values.get(rule.other) if rule.other else None)
        if found is not None:
            out.append((name, found))
    return out
