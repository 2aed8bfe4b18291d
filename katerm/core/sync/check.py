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
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from katerm.core.sync.rules import Rule, is_tag, is_timestamp, matches, problem, table_rules
from katerm.core.sync.schema import SyncTable
from katerm.core.values import DELETED_FIELD

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


_CONVERT: dict[str, Converter] = {"double precision": _number, "numeric": _number,
                                  "bigint": _whole, "boolean": _whole}


@cache
def converters(t: SyncTable) -> tuple[Converter, ...]:
    """One converter per column of ``merge.columns(t)``."""
    return (_keep, *(_CONVERT.get(f.pg_type, _keep) for f in t.fields),
            _keep, _keep, _whole, _keep, _keep)


def convert(t: SyncTable, row: Sequence[Any]) -> list[Any]:
    return [c(v) for c, v in zip(converters(t), row, strict=True)]


@cache
def _plan(t: SyncTable) -> tuple[tuple[int, str, Rule, int | None], ...]:
    rules = table_rules(t.name)
    names = t.names
    out = []
    for i, name in enumerate(names, start=1):
        rule = rules[name]
        other = names.index(rule.other) + 1 if rule.other else None
        out.append((i, name, rule, other))
    return tuple(out)


def row_problem(t: SyncTable, row: Sequence[Any]) -> str | None:
    """What is wrong with a converted server row (``merge.columns(t)`` order), or None."""
    n = len(t.names)
    if not isinstance(row[0], str) or not matches(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", row[0]):
        return "id: format"
    for i, name, rule, other in _plan(t):
        found = problem(rule, row[i], row[other] if other is not None else None)
        if found is not None:
            return f"{name}: {found}"
    for i, name in ((n + 1, "created_at"), (n + 2, "updated_at")):
        if not (isinstance(row[i], str) and is_timestamp(row[i])):
            return f"{name}: date"
    if row[n + 3] not in (0, 1):
        return "deleted: type"
    if not is_tag(row[n + 4]):
        return "hlc: format"
    clk = clock_of(row[n + 5])
    if clk is None:
        return "clk: format"
    allowed = {"*", DELETED_FIELD, *t.names}
    if not set(clk) <= allowed or not all(is_tag(v) for v in clk.values()) or "*" not in clk:
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
