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
from typing import TYPE_CHECKING, Any

from katerm.core.background import paced
from katerm.core.gaps.rules import (
    DIMENSIONS,
    INFLUENCE_WEIGHT,
    TIER_WEIGHTS,
    UNRATED_INFLUENCE_WEIGHT,
    UNTIERED_WEIGHT,
    gap,
    is_overdue,
    priority,
)
from katerm.core.store import in_clause
from katerm.core.tiers import stored_rank_sql, stored_tier_sql, tier_rank

if TYPE_CHECKING:
    from katerm.core.store import Database

# The overall level "now" is the contact's one stored level (katerm.core.levels).
_SCORES = (
    *(f"g.{d}_{w}" for d in DIMENSIONS for w in ("now", "target")),
    "c.level",
    "g.level_target",
)


def _select(conn: sqlite3.Connection) -> tuple[str, str]:
    """The rows' SELECT (up to its WHERE) and the workspace's tier scheme in it.

    The scheme is read once and written into the SQL, not asked of Python (the connection's
    ``active_scheme()``) twice for every row: at 100k accounts that is 100k calls, each
    taking the interpreter back from the screen that is painting meanwhile."""
    (scheme,) = conn.execute("SELECT active_scheme()").fetchone()
    sql = (
        # The relationship owner is the contact's (one value, shared with the map and the
        # card); the owner's name: see load().
        "SELECT g.id, c.covered_by, '', g.account_id, "
        f"a.name, coalesce({stored_tier_sql(scheme)}, ''), ?, g.contact_id, c.name, "
        "c.title, c.role, "
        f"c.influence, {', '.join(_SCORES)}, g.next_action, g.scenario, g.due_date, g.status "
        "FROM gap_rows g JOIN contacts c ON c.id = g.contact_id AND c.deleted = 0 "
        "AND c.left_on IS NULL "  # people who left the company leave the current table
        "JOIN accounts a ON a.id = g.account_id AND a.deleted = 0 WHERE g.deleted = 0"
    )
    return sql, scheme


@dataclass(slots=True)
class GapView:
    """One row of the gap table with what the screen and the CLI show beside it.

    Treat it as read-only. Not ``frozen``: a frozen dataclass sets each of its 23 fields
    through ``object.__setattr__``, which doubles the load of 5,000 rows.
    """

    id: str
    owner_id: str  # the relationship owner (the contact's ``covered_by``); "" uncovered
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
    # Worked out once when loading (the sort reads them 5,000 times a keystroke).
    priority: int = 0  # gap × influence × tier (katerm.core.gaps.rules.priority)
    total_gap: int = 0  # the six dimensions' open gaps added up

    @property
    def level_gap(self) -> int:
        return gap(self.level_now, self.level_target)

    @property
    def gaps(self) -> tuple[int, ...]:
        """Target − current per dimension."""
        return tuple(gap(n, t) for n, t in zip(self.now, self.target, strict=True))

    def overdue(self, today: date) -> bool:
        return is_overdue(self.status, self.due_date, today)

    def score(self, column: str) -> int:
        """A score by column name (``support_now``, ``level_target``)."""
        name, which = column.rsplit("_", 1)
        if name == "level":
            return self.level_now if which == "now" else self.level_target
        index = DIMENSIONS.index(name)
        return (self.now if which == "now" else self.target)[index]


def load(
    conn: sqlite3.Connection,
    owner_ids: Iterable[str] | None,
    *,
    account_id: str | None = None,
    trends: bool = True,
) -> list[GapView]:
    """The live gap rows of live contacts at live accounts that ``owner_ids`` own or whose
    relationship ``owner_ids`` own (None: all), optionally of one account, unordered; with
    each row's level trend when ``trends``."""
    owners, params = _owners(owner_ids)
    select, scheme = _select(conn)
    sql = select + owners
    params = [scheme, *params]
    if account_id is not None:
        sql += " AND g.account_id = ?"
        params = [*params, account_id]
    history: dict[str, list[int]] = {}
    if trends:
        history = level_trends(conn, account_id=account_id)
    return _views(conn, conn.execute(sql, params), history)


def _owners(owner_ids: Iterable[str] | None) -> tuple[str, list[str]]:
    """The condition on the rows of a portfolio ``owner_ids`` own or whose relationship they
    own (none for None: all rows), and its parameters."""
    if owner_ids is None:
        return "", []
    owners = list(owner_ids)
    mine, params = in_clause("g.owner_id", owners, prefer_scan=True)
    theirs, more = in_clause("c.covered_by", owners, prefer_scan=True)
    return f" AND ({mine.removeprefix(' AND ')} OR {theirs.removeprefix(' AND ')})", [
        *params,
        *more,
    ]


def load_first(
    conn: sqlite3.Connection, owner_ids: Iterable[str] | None, today: date, limit: int
) -> list[GapView]:
    """The first ``limit`` rows of :func:`order` over :func:`load` (with their trends),
    ordered in SQL: what the table paints before every row is loaded.

    Overdue actions come first, and the index on the due date finds them without going over
    every row: when they fill the page, the other rows are not read (at 100k accounts a
    quarter of the rows, a quarter of the time)."""
    owners, params = _owners(owner_ids)
    influence = " ".join(f"WHEN '{k}' THEN {w}" for k, w in INFLUENCE_WEIGHT.items())
    weights = " ".join(f"WHEN {i} THEN {w}" for i, w in enumerate(TIER_WEIGHTS))
    select, scheme = _select(conn)
    rank = stored_rank_sql(scheme)
    priority_sql = (
        f"max(g.level_target - c.level, 0) "
        f"* (CASE c.influence {influence} ELSE {UNRATED_INFLUENCE_WEIGHT} END) "
        f"* (CASE {rank} {weights} ELSE {UNTIERED_WEIGHT} END)"
    )
    total_sql = " + ".join(f"max(g.{d}_target - g.{d}_now, 0)" for d in DIMENSIONS)
    # Overdue: an open action with a due date (not NULL, not "") before today.
    overdue_sql = "(g.status = 'open' AND g.due_date > '' AND g.due_date < ?)"
    rest = (
        f" ORDER BY {priority_sql} DESC, {total_sql} DESC, "
        "coalesce(nullif(g.due_date, ''), '9999-99-99'), a.name, c.name, g.id LIMIT ?"
    )
    day = today.isoformat()
    found = conn.execute(
        f"{select}{owners} AND {overdue_sql}{rest}", [scheme, *params, day, int(limit)]
    ).fetchall()
    if len(found) < limit:
        found += conn.execute(
            f"{select}{owners} AND NOT coalesce({overdue_sql}, 0){rest}",
            [scheme, *params, day, int(limit) - len(found)],
        ).fetchall()
    return _views(conn, found, level_trends(conn, [r[0] for r in found]))


def _views(
    conn: sqlite3.Connection, found: Iterable[tuple[Any, ...]], history: dict[str, list[int]]
) -> list[GapView]:
    """Rows of :func:`_select` as :class:`GapView` s, with their trends from ``history``."""
    none: tuple[int, ...] = ()
    # Our people are few: their names from one small read, not a join per row.
    names = {
        i: name or login for i, login, name in conn.execute("SELECT id, login, name FROM users")
    }
    ranks: dict[tuple[str, str], int] = {}
    # One object per distinct value, not one per row (sqlite3 makes a new string each time):
    # the account's id and name (a few rows each), titles, actions, due dates, scores and
    # trends repeat. Only the row's own id and its person's id are unique. At 100k accounts
    # this holds the portfolio's 50,000 rows in about half the memory.
    shared: dict[object, Any] = {}
    one = shared.setdefault
    rows = []
    for r in paced(found):
        tier, scheme = one(r[5], r[5]), r[6]
        rank = ranks.get((scheme, tier))
        if rank is None:
            rank = ranks[(scheme, tier)] = tier_rank(scheme, tier or None)
        now, target = r[12:24:2], r[13:24:2]
        now, target = one(now, now), one(target, target)
        level_gap = r[25] - r[24]
        total = sum(t - n for n, t in zip(now, target, strict=True) if t > n)
        levels = history.get(r[0])
        trend = tuple(levels) if levels else none
        rows.append(
            GapView(
                r[0],
                one(r[1] or "", r[1] or ""),
                names.get(r[1], ""),
                one(r[3], r[3]),
                one(r[4], r[4]),
                tier,
                rank,
                r[7],
                one(r[8], r[8]),
                one(r[9] or "", r[9] or ""),
                one(r[10] or "", r[10] or ""),
                one(r[11] or "", r[11] or ""),
                now,
                target,
                r[24],
                r[25],
                one(r[26], r[26]),
                one(r[27], r[27]),
                one(r[28], r[28]),
                one(r[29], r[29]),
                one(trend, trend),
                priority(level_gap, r[11] or "", rank),
                total,
            )
        )
    return rows


def level_trends(
    conn: sqlite3.Connection, ids: Sequence[str] | None = None, *, account_id: str | None = None
) -> dict[str, list[int]]:
    """Each gap row's overall level over time, oldest first (its current-level history).

    Rows without history are absent. ``ids`` or ``account_id`` limit the read (None: every
    row).
    """
    where, params = in_clause("s.gap_row_id", ids)
    join = ""
    if account_id is not None:
        join = " JOIN gap_rows g ON g.id = s.gap_row_id AND g.account_id = ?"
        params = [account_id, *params]
    out: dict[str, list[int]] = {}
    # By time alone: each row's list fills in its own order, without sorting by row first.
    scores = conn.execute(
        f"SELECT s.gap_row_id, s.new FROM gap_scores s{join} WHERE s.deleted = 0 "
        f"AND s.dimension = 'level' AND s.target = 0{where} ORDER BY s.changed_at, s.rowid",
        params,
    )
    for row_id, new in paced(scores):
        found = out.get(row_id)
        if found is None:
            out[row_id] = [new]
        else:
            found.append(new)
    return out


def order(rows: Iterable[GapView], today: date) -> list[GapView]:
    """The default order: open actions past due first, then gap × influence × tier, then the
    summed dimension gaps, the earlier due date, account, person and id (stable)."""
    iso = today.isoformat()

    def key(v: GapView) -> tuple[object, ...]:
        overdue = v.status == "open" and bool(v.due_date) and v.due_date < iso  # type: ignore[operator]
        return (
            not overdue,
            -v.priority,
            -v.total_gap,
            v.due_date or "9999-99-99",
            v.account,
            v.contact,
            v.id,
        )

    listed = list(rows)
    keys = [key(v) for v in paced(listed)]  # sorted(rows, key=key), with pauses for a fill
    return [listed[i] for i in sorted(range(len(listed)), key=keys.__getitem__)]


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


def unscored_people(conn: sqlite3.Connection, account_id: str) -> list[tuple[str, str]]:
    """The account's live people without a live gap row, key people first: (id, label)
    where the label is the name with the title."""
    rows = conn.execute(
        "SELECT c.id, c.name, c.title FROM contacts c WHERE c.account_id = ? AND c.deleted = 0 "
        "AND c.left_on IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM gap_rows g WHERE g.contact_id = c.id AND g.deleted = 0) "
        "ORDER BY CASE WHEN c.role IN ('decision_maker', 'coach', 'executive_sponsor', "
        "'approver') OR c.influence = 'high' THEN 0 ELSE 1 END, c.name COLLATE NOCASE",
        (account_id,),
    ).fetchall()
    return [(i, f"{name} · {title}" if title else name) for i, name, title in rows]


@dataclass(frozen=True)
class ScoreChange:
    """One change of a gap row's score: when, who, which score, from what to what."""

    changed_at: str  # ISO UTC time
    who: str
    dimension: str  # one of the six dimensions or "level"
    target: bool  # the target changed, not the current score
    old: int | None  # None: the row was created with this score
    new: int


def score_history(conn: sqlite3.Connection, gap_id: str) -> list[ScoreChange]:
    """Every score change of a gap row, newest first."""
    return [
        ScoreChange(at, who or "", dim, bool(target), old, new)
        for at, who, dim, target, old, new in conn.execute(
            "SELECT s.changed_at, coalesce(nullif(u.name, ''), u.login), s.dimension, "
            "s.target, s.old, s.new FROM gap_scores s LEFT JOIN users u "
            "ON u.id = s.changed_by WHERE s.gap_row_id = ? AND s.deleted = 0 "
            "ORDER BY s.changed_at DESC, s.rowid DESC",
            (gap_id,),
        )
    ]


# --- in a read of their own (the screens' workers) ------------------------------------------


def load_visible(db: Database, me_id: str, *, account_id: str | None = None) -> list[GapView]:
    """Every row ``me_id`` may see (theirs and their team's), or one account's, in one read."""
    from katerm.core.team import below

    with db.reading() as conn:
        return load(conn, below(conn, me_id), account_id=account_id)


def load_visible_first(db: Database, me_id: str, today: date, limit: int) -> list[GapView]:
    """:func:`load_first` of the rows ``me_id`` may see, in a read of its own."""
    from katerm.core.team import below

    with db.reading() as conn:
        return load_first(conn, below(conn, me_id), today, limit)


def load_unscored_people(db: Database, account_id: str) -> list[tuple[str, str]]:
    """:func:`unscored_people`, in a read of its own."""
    with db.reading() as conn:
        return unscored_people(conn, account_id)


def load_score_history(db: Database, gap_id: str) -> list[ScoreChange]:
    """:func:`score_history`, in a read of its own."""
    with db.reading() as conn:
        return score_history(conn, gap_id)
