"""A key-account plan and its strategic-relationship table as they stood at a moment, for the
quarterly review's "change since last quarter".

Nothing keeps old versions of a plan, so a past plan is rebuilt from the rows' stamps: an
entry (or a contact, gap row, strategic relationship) counts when it was created before the
moment and was not deleted by then (a deleted row's last stamp is its deletion). Fields edited
since are read as they are now — a plan's completeness turns on which entries exist, which
this keeps exact; a role or a coverage changed later is read as today's.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from katerm.core.plan import Plan, PlanItemRecord, PlanScore, RelationshipFacts, score_plan

_ITEM_COLUMNS = (
    "id",
    "account_id",
    "kind",
    "category",
    "parent_id",
    "title",
    "detail",
    "person_id",
    "contact_id",
    "opportunity_id",
    "due_on",
    "status",
    "position",
)


def _alive(alias: str) -> str:
    """Rows of ``alias`` that existed at the moment ``:at``."""
    return f"{alias}.created_at < :at AND ({alias}.deleted = 0 OR {alias}.updated_at >= :at)"


def plan_at(conn: sqlite3.Connection, account_id: str, at: str) -> Plan:
    """The plan's entries that existed at ``at`` (stored UTC text)."""
    rows = conn.execute(
        "SELECT " + ", ".join(f"p.{c}" for c in _ITEM_COLUMNS) + " FROM plan_items p "
        f"WHERE p.account_id = :account AND {_alive('p')} ORDER BY p.position, p.rowid",
        {"account": account_id, "at": at},
    ).fetchall()
    items = []
    for row in rows:
        values = dict(zip(_ITEM_COLUMNS, row, strict=True))
        values["due_on"] = date.fromisoformat(values["due_on"]) if values["due_on"] else None
        items.append(PlanItemRecord(**values))
    return Plan(account_id, items)


def facts_at(conn: sqlite3.Connection, account_id: str, at: str) -> RelationshipFacts:
    """What the plan's relationships part counts, of the people and rows that existed at
    ``at`` (people who had left by that day are off the map, as now)."""
    params = {"account": account_id, "at": at, "day": at[:10]}
    people = conn.execute(
        "SELECT c.role, c.covered_by IS NOT NULL FROM contacts c WHERE c.account_id = :account "
        f"AND {_alive('c')} AND (c.left_on IS NULL OR c.left_on > :day)",
        params,
    ).fetchall()
    roles = {role for role, _ in people}
    key = [covered for role, covered in people if role]
    gaps = conn.execute(
        f"SELECT count(*) FROM gap_rows g WHERE g.account_id = :account AND {_alive('g')}",
        params,
    ).fetchone()[0]
    strategic = conn.execute(
        "SELECT count(*) FROM strategic_relationships s WHERE s.account_id = :account "
        f"AND {_alive('s')}",
        params,
    ).fetchone()[0]
    return RelationshipFacts(
        contacts=len(people),
        decision_maker="decision_maker" in roles,
        coach="coach" in roles,
        uncovered=sum(1 for covered in key if not covered),
        key_people=len(key),
        gap_rows=gaps,
        strategic_rows=strategic,
    )


def score_at(conn: sqlite3.Connection, account_id: str, at: str) -> PlanScore:
    return score_plan(plan_at(conn, account_id, at), facts_at(conn, account_id, at))


@dataclass(frozen=True)
class StrategicMovement:
    """The strategic-relationship table of one account over a period: rows at its end, the
    partners added and removed during it."""

    now: int
    added: tuple[str, ...]
    removed: tuple[str, ...]


def strategic_movement(
    conn: sqlite3.Connection, account_id: str, start: str, end: str
) -> StrategicMovement:
    """Rows alive at ``end``; added: created in [start, end) and alive at end; removed:
    alive at ``start`` and deleted by ``end``."""
    rows = conn.execute(
        "SELECT partner, created_at, deleted, updated_at FROM strategic_relationships "
        "WHERE account_id = ? AND created_at < ? ORDER BY partner COLLATE NOCASE",
        (account_id, end),
    ).fetchall()
    alive_end = [r for r in rows if not r[2] or r[3] >= end]
    added = tuple(p for p, created, _, _ in alive_end if created >= start)
    removed = tuple(
        p
        for p, created, deleted, updated in rows
        if created < start and deleted and start <= updated < end
    )
    return StrategicMovement(len(alive_end), added, removed)
