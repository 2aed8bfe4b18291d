"""A person's checklist for a day or a week, computed once for every view of it.

The screen, ``katerm review daily|weekly`` (text, Markdown, JSON), the evening review and the
summary file all call :func:`build_checklist`, so they cannot disagree. Items come from the
template valid then (``templates``); measured items are ticked by their measure
(``registry``), manual ones by hand (``plans.marks``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from katerm.core.periods import Period
from katerm.core.reviews.plans import is_reopened, marks
from katerm.core.reviews.registry import MEASURES, Evidence, MeasureContext, measure
from katerm.core.reviews.templates import MANUAL, MEASURED, items_for
from katerm.core.team import Member
from katerm.i18n import t


@dataclass(frozen=True)
class ItemResult:
    """One item of a checklist with its result: done or not, the value, the evidence."""

    key: str
    kind: str  # measured | manual
    label: str
    done: bool | None  # None: not available
    value: int | None = None
    target: int | None = None
    evidence: tuple[Evidence, ...] = ()
    note: str = ""
    available: bool = True
    counts: bool = False  # a count towards a target (a quota)
    remaining: bool = False  # the value counts things still to clear ("2 left")
    summary: str = ""  # what the value counts, in words ("5 customers visited, 7 visits")
    rule: str = ""  # how the item is ticked, in words (F1 and the JSON say it)

    @property
    def progress(self) -> str:
        """``4/6`` for counts, ``2 left`` for things to clear, empty for yes/no items."""
        if self.value is None:
            return ""
        if self.remaining and not self.target:
            return t("reviews.left", n=self.value)
        return f"{self.value}/{self.target}" if self.target is not None else str(self.value)

    def as_json(self) -> dict[str, Any]:
        evidence = [e.as_json() for e in self.evidence]
        if self.note:
            evidence.append(Evidence("note", "", self.note).as_json())
        return {
            "key": self.key,
            "kind": self.kind,
            "done": self.done,
            "value": self.value,
            "target": self.target,
            "remaining": self.remaining,
            "summary": self.summary,
            "rule": self.rule,
            "evidence": evidence,
        }


@dataclass(frozen=True)
class Checklist:
    """A person's checklist for a day or week, as computed now."""

    user: Member
    period: Period
    items: tuple[ItemResult, ...]
    read_only: bool
    reopened: bool

    @property
    def available(self) -> list[ItemResult]:
        return [i for i in self.items if i.available]

    @property
    def done_count(self) -> int:
        return sum(1 for i in self.available if i.done)

    @property
    def missing(self) -> list[ItemResult]:
        """Available items not done: the checklist's gaps."""
        return [i for i in self.available if not i.done]

    @property
    def complete(self) -> bool:
        return not self.missing

    def item(self, key: str) -> ItemResult | None:
        return next((i for i in self.items if i.key == key), None)

    def as_json(self) -> dict[str, Any]:
        """The format of ``katerm review daily|weekly --format json`` (stable keys)."""
        return {
            "user": self.user.login,
            "period": self.period.key,
            "items": [i.as_json() for i in self.items],
        }


def person(conn: sqlite3.Connection, user_id: str) -> Member:
    """The person with this id (their id as login if they are unknown)."""
    row = conn.execute("SELECT id, login, name FROM users WHERE id = ?", (user_id,)).fetchone()
    return Member(*row) if row else Member(user_id, user_id, "")


def item_label(key: str, label: str = "") -> str:
    """An item's name: the lead's own label, else the built-in one for its key."""
    return label or t(f"reviews.item.{key}")


def item_rule(measure_key: str) -> str:
    """How a measured item is ticked, in words (empty for a measure without an explanation)."""
    key = f"reviews.rule.{measure_key}"
    text = t(key)
    return "" if text == key else text


def build_checklist(
    conn: sqlite3.Connection, user_id: str, period: Period, *, tz: tzinfo, today: date
) -> Checklist:
    """The checklist of ``user_id`` for ``period`` (a day with no data gives an empty one)."""
    ctx = MeasureContext(user_id, period, tz, today)
    ticked = marks(conn, user_id, period)
    results = []
    for item in items_for(conn, user_id, period):
        label = item_label(item.key, item.label)
        if item.kind == MANUAL:
            done, note = ticked.get(item.key, (False, ""))
            results.append(
                ItemResult(item.key, MANUAL, label, done, note=note, rule=t("reviews.rule.manual"))
            )
            continue
        found = MEASURES.get(item.measure)
        got = measure(conn, item.measure, ctx, item.target)
        results.append(
            ItemResult(
                item.key,
                MEASURED,
                label,
                got.done,
                got.value,
                got.target,
                got.evidence,
                available=got.available,
                counts=bool(found and found.counts),
                remaining=got.remaining,
                summary=got.summary,
                rule=item_rule(item.measure),
            )
        )
    reopened = is_reopened(conn, user_id, period)
    return Checklist(
        person(conn, user_id),
        period,
        tuple(results),
        read_only=period.is_past(today) and not reopened,
        reopened=reopened,
    )


__all__ = [
    "MANUAL",
    "MEASURED",
    "Checklist",
    "ItemResult",
    "build_checklist",
    "item_label",
    "item_rule",
    "person",
]
