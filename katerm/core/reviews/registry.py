"""Where features plug into checklists and the evening review: measures and sections.

A **measure** ticks a checklist item from the data: a function ``(conn, ctx, target) ->
Measurement`` registered under a stable key (``visits``, ``gap_actions_due``...). A
**section** is one block of the evening review for a seller: ``(conn, ctx) -> Section``.
Both return plain data; the screen, the CLI and the summary file all show the same results.

A measure or section that needs a table another feature adds names it in ``requires``; until
that table exists it shows as *not available* instead of failing. A feature that lands later
calls :func:`register_measure` / :func:`register_section` again with the same key to replace
the placeholder, e.g. ``register_measure(Measure("stuck_orders_updated", fn, requires=
("orders",)))``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

from katerm.core import deferred
from katerm.core.periods import DAY, WEEK, Period
from katerm.core.store import read_memo

if TYPE_CHECKING:
    from _collections_abc import dict_items, dict_keys, dict_values

_V = TypeVar("_V")

# Line states: how a line is drawn (ok green, bad red, warn amber, plain, muted n/a).
OK, BAD, WARN, PLAIN, MUTED = "ok", "bad", "warn", "plain", "muted"


@dataclass(frozen=True)
class Evidence:
    """What a measured value is made of: one activity, gap action, follow-up..."""

    type: str  # activity | gap_row | follow_up | plan | contact | ...
    id: str
    label: str
    at: str | None = None  # ISO date or date-time, when it has one

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.id, "label": self.label, "at": self.at}


@dataclass(frozen=True)
class Measurement:
    """The result of a measure. ``available`` is False when its data does not exist yet."""

    value: int | None
    target: int | None
    done: bool | None
    evidence: tuple[Evidence, ...] = ()
    available: bool = True
    remaining: bool = False  # ``value`` counts things still to clear (at most ``target``)
    summary: str = ""  # what the value counts, in words ("5 customers visited, 7 visits")

    @classmethod
    def unavailable(cls, target: int | None = None) -> Measurement:
        return cls(None, target, None, (), available=False)

    @classmethod
    def at_least(
        cls, value: int, target: int | None, evidence: tuple[Evidence, ...] = ()
    ) -> Measurement:
        """Done when ``value`` reaches ``target`` (no target: when there is any)."""
        goal = 1 if target is None else target
        return cls(value, target, value >= goal, evidence)

    @classmethod
    def at_most(
        cls, value: int, target: int | None, evidence: tuple[Evidence, ...] = ()
    ) -> Measurement:
        """Done while ``value`` stays at or below ``target`` (default 0: none left)."""
        return cls(value, target, value <= (target or 0), evidence, remaining=True)


@dataclass(frozen=True)
class MeasureContext:
    """Whose checklist, which period, and where "today" is."""

    user_id: str
    period: Period
    tz: tzinfo
    today: date

    @property
    def utc_range(self) -> tuple[str, str]:
        return self.period.utc_range(self.tz)


MeasureFn = Callable[[sqlite3.Connection, MeasureContext, "int | None"], Measurement]


@dataclass(frozen=True)
class Measure:
    """A way to tick an item from the data. ``fn`` None: a placeholder, not available."""

    key: str
    fn: MeasureFn | None
    periods: tuple[str, ...] = (DAY, WEEK)
    requires: tuple[str, ...] = ()  # tables that must exist
    # The target a new item of this measure starts with, per period (none: a yes/no item).
    default_targets: tuple[tuple[str, int], ...] = ()
    counts: bool = False  # the value is a count towards a target (drawn as a quota bar)
    # The target is a ceiling, the most that may be left (gap actions due: 0): said "at most
    # 0 left", as "target 0" read as "aim to handle none".
    ceiling: bool = False

    def default_target(self, period: str) -> int | None:
        return dict(self.default_targets).get(period)


@dataclass(frozen=True)
class Line:
    """One line of a section: text, its state (drawn as a colour) and a muted detail."""

    text: str
    state: str = PLAIN
    detail: str = ""


@dataclass(frozen=True)
class Section:
    """One block of the evening review: a title and lines, or not available."""

    key: str
    title: str
    lines: tuple[Line, ...] = ()
    available: bool = True
    empty_text: str = ""  # shown when there are no lines


@dataclass(frozen=True)
class SellerContext:
    """What a section function gets: the seller, the day under review, the week around it,
    and results already computed for the page (the day's checklist), so sections do not
    compute them twice."""

    seller_id: str
    day: Period
    tz: tzinfo
    today: date
    shared: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def week(self) -> Period:
        return Period.week_of(self.day.start)


SectionFn = Callable[[sqlite3.Connection, SellerContext], Section]


@dataclass(frozen=True)
class SectionSpec:
    """A registered section: its key, title, function and the tables it needs."""

    key: str
    title_key: str
    fn: SectionFn | None
    requires: tuple[str, ...] = ()
    order: int = 100


class _Registry(dict[str, _V]):
    """A dict that first runs the registrations :mod:`katerm.core.plugins` deferred to the
    registry's first use (so start-up does not import the features that fill it)."""

    def __getitem__(self, key: str) -> _V:
        deferred.run("reviews")
        return super().__getitem__(key)

    def __setitem__(self, key: str, value: _V) -> None:
        deferred.run("reviews")
        super().__setitem__(key, value)

    def __contains__(self, key: object) -> bool:
        deferred.run("reviews")
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        deferred.run("reviews")
        return super().__iter__()

    def __len__(self) -> int:
        deferred.run("reviews")
        return super().__len__()

    def get(self, key: str, default: Any = None) -> Any:
        deferred.run("reviews")
        return super().get(key, default)

    def keys(self) -> dict_keys[str, _V]:
        deferred.run("reviews")
        return super().keys()

    def values(self) -> dict_values[str, _V]:
        deferred.run("reviews")
        return super().values()

    def items(self) -> dict_items[str, _V]:
        deferred.run("reviews")
        return super().items()


MEASURES: dict[str, Measure] = _Registry()
SECTIONS: dict[str, SectionSpec] = _Registry()


def register_measure(measure: Measure, *, placeholder: bool = False) -> None:
    """Add or replace a measure. A ``placeholder`` never replaces a real one, whichever
    module is imported first."""
    if placeholder and measure.key in MEASURES:
        return
    MEASURES[measure.key] = measure


def register_section(spec: SectionSpec, *, placeholder: bool = False) -> None:
    """Add or replace an evening-review section; sections show in ``order``."""
    if placeholder and spec.key in SECTIONS:
        return
    SECTIONS[spec.key] = spec


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    """Does the database have this table (a feature's migration has run)?"""
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        is not None
    )


def _ready(conn: sqlite3.Connection, requires: tuple[str, ...]) -> bool:
    return all(table_exists(conn, t) for t in requires)


def measure(
    conn: sqlite3.Connection, key: str, ctx: MeasureContext, target: int | None
) -> Measurement:
    """Run the measure ``key`` (not available when unknown, a placeholder, or its tables are
    missing)."""
    found = MEASURES.get(key)
    if found is None or found.fn is None or not _ready(conn, found.requires):
        return Measurement.unavailable(target)
    # The week's measures are asked again for each day of the week (the demo's past reviews).
    fn = found.fn
    return kept(conn, (key, ctx, target), lambda: fn(conn, ctx, target))


def kept(conn: sqlite3.Connection, key: tuple[Any, ...], work: Callable[[], _V]) -> _V:
    """What ``work`` gives, worked out once per ``key`` in one consistent read (the store's
    :func:`~katerm.core.store.read_memo`: a week's measures asked again for each day of the
    demo's past reviews); outside a read, worked out each time."""
    memo = read_memo(conn)
    if memo is None:
        return work()
    key = ("kept", *key)
    if key not in memo:
        memo[key] = work()
    return memo[key]


def sections(conn: sqlite3.Connection, ctx: SellerContext) -> list[Section]:
    """Every registered section for one seller, in order."""
    from katerm.i18n import t

    out = []
    for spec in sorted(SECTIONS.values(), key=lambda s: (s.order, s.key)):
        if spec.fn is None or not _ready(conn, spec.requires):
            out.append(Section(spec.key, t(spec.title_key), available=False))
        else:
            out.append(spec.fn(conn, ctx))
    return out
