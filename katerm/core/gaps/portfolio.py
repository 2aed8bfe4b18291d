"""Reading the gap table: every row I may see, in one SQL read, as plain dataclasses.

A lead sees the rows owned by themselves and everyone below them (``katerm.core.team.below``).
Sorting and filtering happen in memory on the loaded rows, so changing a filter on the screen
does not touch the database (5,000 rows sort and filter in a few milliseconds, see
benchmarks/bench_gaps.py). Plain sqlite3 only: no SQLAlchemy on this path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from katerm.core.gaps.rules import DIMENSIONS, gap, is_overdue, priority
from katerm.core.opportunities import in_clause
from katerm.core.tiers import tier_rank

_SCORES = tuple(f"g.{d}_{w}" for d in (*DIMENSIONS, "level") for w in ("now", "target"))
_SELECT = (
    "SELECT g.id, g.owner_id, coalesce(nullif(u.name, ''), u.login, ''), g.account_id, "
    "a.name, coalesce(a.tier, ''), a.tier_scheme, g.contact_id, c.name, c.title, c.role, "
    f"c.influence, {', '.join(_SCORES)}, g.next_action, g.scenario, g.due_date, g.status "
    "FROM gap_rows g JOIN contacts c ON c.id = g.contact_id AND c.deleted = 0 "
    "JOIN accounts a ON a.id = g.account_id AND a.deleted = 0 "
    "LEFT JOIN users u ON u.id = g.owner_id WHERE g.deleted = 0")


@dataclass(frozen=True, slots=True)
class GapView:
    """One row of the gap table with what the screen and the CLI show beside it."""

    id: str
    owner_id: str
    owner: str
    account_id: str
    account: str
    tier: str
    tier_rank: int
    contact_id: str
    contact: str
    title: str
    role: str
    influence: str
    now: tuple[int, ...]  # the six dimensions, in DIMENSIONS order
    target: tuple[int, ...]
    level_now: int
    level_target: int
    next_action: str
    scenario: str
    due_date: str | None
    status: str
    trend: tuple[int, ...] = field(default=())  # the overall level over time, oldest first

    @property
    def level_gap(self) -> int:
        return gap(self.level_now, self.level_target)

    @property
    def gaps(self) -> tuple[int, ...]:
        """Target − current per dimension."""
        return tuple(gap(n, t) for n, t in zip(self.now, self.target, strict=True))

    @property
    def total_gap(self) -> int:
        """The six dimensions' open gaps added up (tie-break after the overall level)."""
        return sum(max(g, 0) for g in self.gaps)

    @property
    def priority(self) -> int:
        return priority(self.level_gap, self.influence, self.tier_rank)

    def overdue(self, today: date) -> bool:
        return is_overdue(self.status, self.due_date, today)

    def score(self, column: str) -> int:
        """A score by column name (``support_now``, ``level_target``)."""
        name, which = column.rsplit("_", 1)
        if name == "level":
            return self.level_now if which == "now" else self.level_target
        index = DIMENSIONS.index(name)
        return (self.now if which == "now" else self.target)[index]


def load(conn: sqlite3.Connection, owner_ids: Iterable[str] | None, *,
         account_id: str | None = None, trends: bool = True) -> list[GapView]:
    """The live gap rows of live contacts at live accounts that ``owner_ids`` own (None: all),
    optionally of one account, unordered; with each row's level trend when ``trends``."""
    owners, params = in_clause("g.owner_id", owner_ids, prefer_scan=True)
    sql = _SELECT + owners
    if account_id is not None:
        sql += " AND g.account_id = ?"
        params = [*params, account_id]
    rows = []
    for r in conn.execute(sql, params):
        rows.append(GapView(
            r[0], r[1], r[2], r[3], r[4], r[5], tier_rank(r[6], r[5] or None), r[7], r[8],
            r[9] or "", r[10] or "", r[11] or "", r[12:24:2], r[13:24:2], r[24], r[25],
            r[26], r[27], r[28], r[29]))
    if trends and rows:
        history = level_trends(conn, [v.id for v in rows] if account_id else None)
        rows = [_with_trend(v, history.get(v.id, ())) for v in rows]
    return rows


def _with_trend(view: GapView, trend: Sequence[int]) -> GapView:
    from dataclasses import replace

    return replace(view, trend=tuple(trend)) if trend else view


def level_trends(conn: sqlite3.Connection,
                 ids: Sequence[str] | None = None) -> dict[str, list[int]]:
    """Each gap row's overall level over time, oldest first (its current-level history).

    Rows without history are absent. ``ids`` limits the read to those rows (None: every row).
    """
    where, params = in_clause("gap_row_id", ids)
    out: dict[str, list[int]] = {}
    for row_id, new in conn.execute(
            "SELECT gap_row_id, new FROM gap_scores WHERE deleted = 0 AND dimension = 'level' "
            f"AND target = 0{where} ORDER BY gap_row_id, changed_at", params):
        out.setdefault(row_id, []).append(new)
    return out


def order(rows: Iterable[GapView], today: date) -> list[GapView]:
    """The default order: open actions past due first, then gap × influence × tier, then the
    summed dimension gaps, the earlier due date, account, person and id (stable)."""
    iso = today.isoformat()

    def key(v: GapView) -> tuple[object, ...]:
        overdue = v.status == "open" and bool(v.due_date) and v.due_date < iso  # type: ignore[operator]
        return (not overdue, -v.priority, -v.total_gap, v.due_date or "9999-99-99",
                v.account, v.contact, v.id)

    return sorted(rows, key=key)


@dataclass(frozen=True)
class GapFilter:
    """What the table is narrowed to; empty values mean "any"."""

    overdue: bool = False
    mine: str | None = None  # my user id when only my rows are wanted
    tier: str = ""
    role: str = ""
    status: str = ""

    def __bool__(self) -> bool:
        return bool(self.overdue or self.mine or self.tier or self.role or self.status)


def narrow(rows: Iterable[GapView], wanted: GapFilter, today: date) -> list[GapView]:
    """The rows that pass the filter, in their given order."""
    out = list(rows)
    if wanted.overdue:
        iso = today.isoformat()
        out = [v for v in out if v.status == "open" and v.due_date and v.due_date < iso]
    if wanted.mine:
        out = [v for v in out if v.owner_id == wanted.mine]
    if wanted.tier:
        out = [v for v in out if v.tier == wanted.tier]
    if wanted.role:
        out = [v for v in out if v.role == wanted.role]
    if wanted.status:
        out = [v for v in out if v.status == wanted.status]
    return out
