"""A key-account plan and its strategic-relationship table as they stood at a moment, for the
quarterly review's "change since last quarter".

Nothing keeps old versions of a plan, so a past plan is rebuilt from the rows' stamps: an
entry (or a contact, gap row, strategic relationship) counts when it was created before the
moment and was not deleted by then (a deleted row's last stamp is its deletion). Fields edited
since are read as they are now — a plan's completeness turns on which entries exist, which
this keeps exact; a role or a coverage changed later is read as today's.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from katerm.core.plan import (
    ITEM_COLUMNS,
    Plan,
    PlanItemRecord,
    PlanScore,
    RelationshipFacts,
    score_plan,
)

_STAMPS = "created_at, deleted, updated_at"


def _alive(row: Sequence[Any], at: str) -> bool:
    """A row ending in (created_at, deleted, updated_at) existed at ``at``."""
    created, deleted, updated = row[-3:]
    return bool(created < at and (not deleted or updated >= at))


@dataclass
class _Rows:
    """One account's rows with their stamps, read once for every moment asked about."""

    items: list[tuple[Any, ...]] = field(default_factory=list)
    people: list[tuple[Any, ...]] = field(default_factory=list)
    gaps: list[tuple[Any, ...]] = field(default_factory=list)
    partners: list[tuple[Any, ...]] = field(default_factory=list)


def _read(conn: sqlite3.Connection, account_ids: Sequence[str]) -> dict[str, _Rows]:
    """Every account's plan entries, people, gap rows and partners: four reads in all."""
    found = {a: _Rows() for a in account_ids}
    ids = json.dumps(list(account_ids))
    pick = "account_id IN (SELECT value FROM json_each(?))"
    for row in conn.execute(
        "SELECT " + ", ".join(ITEM_COLUMNS) + f", {_STAMPS} FROM plan_items WHERE {pick} "
        "ORDER BY position, rowid",
        (ids,),
    ):
        found[row[1]].items.append(row)
    for row in conn.execute(
        f"SELECT account_id, role, covered_by IS NOT NULL, left_on, {_STAMPS} FROM contacts "
        f"WHERE {pick}",
        (ids,),
    ):
        found[row[0]].people.append(row)
    for row in conn.execute(f"SELECT account_id, {_STAMPS} FROM gap_rows WHERE {pick}", (ids,)):
        found[row[0]].gaps.append(row)
    for row in conn.execute(
        f"SELECT account_id, partner, {_STAMPS} FROM strategic_relationships WHERE {pick} "
        "ORDER BY partner COLLATE NOCASE",
        (ids,),
    ):
        found[row[0]].partners.append(row)
    return found


def _plan(account_id: str, rows: _Rows, at: str) -> Plan:
    items = []
    for row in rows.items:
        if _alive(row, at):
            values = dict(zip(ITEM_COLUMNS, row[: len(ITEM_COLUMNS)], strict=True))
            due = values["due_on"]
            values["due_on"] = date.fromisoformat(due) if due else None
            items.append(PlanItemRecord(**values))
    return Plan(account_id, items)


def _facts(rows: _Rows, at: str) -> RelationshipFacts:
    """What the plan's relationships part counts, of the people and rows that existed at
    ``at`` (people who had left by that day are off the map, as now)."""
    day = at[:10]
    people = [
        (role, covered)
        for _, role, covered, left_on, *stamps in rows.people
        if _alive(stamps, at) and (left_on is None or left_on > day)
    ]
    roles = {role for role, _ in people}
    key = [covered for role, covered in people if role]
    return RelationshipFacts(
        contacts=len(people),
        decision_maker="decision_maker" in roles,
        coach="coach" in roles,
        uncovered=sum(1 for covered in key if not covered),
        key_people=len(key),
        gap_rows=sum(1 for row in rows.gaps if _alive(row, at)),
        strategic_rows=sum(1 for row in rows.partners if _alive(row, at)),
    )


def scores_at(
    conn: sqlite3.Connection, account_ids: Sequence[str], moments: Sequence[str]
) -> dict[str, list[PlanScore]]:
    """Account -> its plan's score at each of ``moments`` (stored UTC text), in order.

    The same entries (read as they are now) and the same relationship facts score the same:
    a plan unchanged over the quarter, or the many empty ones, are scored once."""
    found = _read(conn, account_ids)
    scored: dict[tuple[tuple[str, ...], RelationshipFacts], PlanScore] = {}
    out: dict[str, list[PlanScore]] = {}
    for account_id, rows in found.items():
        out[account_id] = []
        for at in moments:
            plan, facts = _plan(account_id, rows, at), _facts(rows, at)
            key = (tuple(i.id for i in plan.items), facts)
            if key not in scored:
                scored[key] = score_plan(plan, facts)
            out[account_id].append(scored[key])
    return out


def score_at(conn: sqlite3.Connection, account_id: str, at: str) -> PlanScore:
    return scores_at(conn, [account_id], [at])[account_id][0]


@dataclass(frozen=True)
class StrategicMovement:
    """The strategic-relationship table of one account over a period: rows at its end, the
    partners added and removed during it."""

    now: int
    added: tuple[str, ...]
    removed: tuple[str, ...]


def movements(
    conn: sqlite3.Connection, account_ids: Sequence[str], start: str, end: str
) -> dict[str, StrategicMovement]:
    """Per account: rows alive at ``end``; added: created in [start, end) and alive at end;
    removed: alive at ``start`` and deleted by ``end``."""
    out = {}
    for account_id, rows in _read_partners(conn, account_ids).items():
        alive_end = [r for r in rows if _alive(r, end)]
        added = tuple(r[0] for r in alive_end if r[1] >= start)
        removed = tuple(r[0] for r in rows if _alive(r, start) and not _alive(r, end))
        out[account_id] = StrategicMovement(len(alive_end), added, removed)
    return out


def _read_partners(
    conn: sqlite3.Connection, account_ids: Sequence[str]
) -> dict[str, list[tuple[Any, ...]]]:
    found: dict[str, list[tuple[Any, ...]]] = {a: [] for a in account_ids}
    for account_id, *row in conn.execute(
        f"SELECT account_id, partner, {_STAMPS} FROM strategic_relationships "
        "WHERE account_id IN (SELECT value FROM json_each(?)) ORDER BY partner COLLATE NOCASE",
        (json.dumps(list(account_ids)),),
    ):
        found[account_id].append(tuple(row))
    return found
