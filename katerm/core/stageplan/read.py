"""Reading stage expansion plans: the seed's template under the account's default plan under
the opportunity's own cells, each cell ticked by the activities that reached the department
for that opportunity at that stage."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from katerm.core.ltc import LTC_STAGES, ltc_stage
from katerm.core.stageplan.template import TEMPLATE, in_department
from katerm.core.store import in_clause

# Opportunities a plan is still worked for: open ones and won orders not yet paid.
ACTIVE = "outcome IN ('open', 'won')"


@dataclass(frozen=True)
class Reach:
    """An activity that reached the department: when, and whom it met there."""

    activity_id: str
    at: str
    people: tuple[str, ...]


@dataclass(frozen=True)
class Cell:
    """One stage × department cell as the plan shows it. ``status`` is what the team set,
    ``reached`` what the activities show; ``state`` combines them (reached wins unless the
    cell is skipped). ``source``: template, account (its default plan) or opportunity."""

    stage: str
    department: str
    target: str
    way: str
    responsible: str
    status: str = "open"
    note: str = ""
    source: str = "template"
    id: str | None = None
    people: tuple[str, ...] = ()  # the department's people at the customer
    level_now: int = 0  # the best relationship level (0–5) we have with its people
    reached: tuple[Reach, ...] = ()

    @property
    def state(self) -> str:
        if self.status == "skipped":
            return "skipped"
        return "reached" if self.reached or self.status == "reached" else "open"


@dataclass(frozen=True)
class StagePlan:
    """The plan of one opportunity (``opportunity_id`` set) or the account's default."""

    account_id: str
    account: str
    opportunity_id: str | None
    opportunity: str
    current_stage: str | None  # the LTC stage the opportunity is in
    owner_id: str
    cells: tuple[Cell, ...] = field(default_factory=tuple)

    def row(self, stage: str) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.stage == stage)

    def open_now(self) -> tuple[Cell, ...]:
        """The current stage's cells not reached yet (what my day and the review show)."""
        if self.current_stage is None:
            return ()
        return tuple(c for c in self.row(self.current_stage) if c.state == "open")


_COLS = "id, stage, department, target, way, responsible, status, note"


def _stored(
    conn: sqlite3.Connection, account_id: str, opportunity_id: str | None
) -> dict[tuple[str, str], tuple]:
    where = "opportunity_id IS NULL" if opportunity_id is None else "opportunity_id = ?"
    params: tuple = (account_id,) if opportunity_id is None else (account_id, opportunity_id)
    rows = conn.execute(
        f"SELECT {_COLS} FROM stage_plan_cells WHERE deleted = 0 AND account_id = ? AND {where}",
        params,
    )
    return {(r[1], r[2]): tuple(r) for r in rows}


def _layered(conn: sqlite3.Connection, account_id: str, opportunity_id: str | None) -> list[Cell]:
    cells: dict[tuple[str, str], Cell] = {
        (c.stage, c.department): Cell(c.stage, c.department, c.target, c.way, c.responsible)
        for c in TEMPLATE
    }
    layers = [("account", None)] + ([("opportunity", opportunity_id)] if opportunity_id else [])
    for source, opp in layers:
        for key, r in _stored(conn, account_id, opp).items():
            cells[key] = Cell(r[1], r[2], r[3], r[4], r[5], r[6], r[7], source, r[0])
    order = {s: i for i, s in enumerate(LTC_STAGES)}
    place = {(c.stage, c.department): i for i, c in enumerate(TEMPLATE)}
    return sorted(
        cells.values(),
        key=lambda c: (order.get(c.stage, 9), place.get((c.stage, c.department), 99), c.department),
    )


def _people(conn: sqlite3.Connection, account_id: str) -> list[tuple[str, str, str, int, bool]]:
    rows = conn.execute(
        "SELECT id, name, department, level, left_on IS NULL FROM contacts "
        "WHERE account_id = ? AND deleted = 0",
        (account_id,),
    )
    return [(r[0], r[1], r[2] or "", int(r[3] or 0), bool(r[4])) for r in rows]


def _reaches(
    conn: sqlite3.Connection, opportunity_id: str
) -> list[tuple[str, str, str, list[str]]]:
    rows = conn.execute(
        "SELECT id, occurred_at, stage, contact_ids FROM activities "
        "WHERE opportunity_id = ? AND deleted = 0 ORDER BY occurred_at",
        (opportunity_id,),
    )
    out = []
    for r in rows:
        try:
            ids = [str(i) for i in json.loads(r[3] or "[]")]
        except ValueError:
            ids = []
        out.append((r[0], str(r[1])[:10], r[2] or "", ids))
    return out


def _fill(cells: list[Cell], people: list, reaches: list) -> tuple[Cell, ...]:
    out = []
    by_id = {p[0]: p for p in people}
    for c in cells:
        dept = [p for p in people if in_department(c.department, p[2])]
        current = [p for p in dept if p[4]]
        level = max((p[3] for p in current), default=0)
        reached = []
        for act_id, at, stage, ids in reaches:
            if stage != c.stage:
                continue
            met = [
                by_id[i][1] for i in ids if i in by_id and in_department(c.department, by_id[i][2])
            ]
            if met:
                reached.append(Reach(act_id, at, tuple(met)))
        out.append(
            Cell(
                c.stage, c.department, c.target, c.way, c.responsible, c.status, c.note,
                c.source, c.id, tuple(p[1] for p in current), level, tuple(reached),
            )
        )  # fmt: skip
    return tuple(out)


def stage_plan(
    conn: sqlite3.Connection, account_id: str, opportunity_id: str | None = None
) -> StagePlan:
    """The plan of ``opportunity_id`` at the account, or the account's default plan."""
    acc = conn.execute("SELECT name, owner_id FROM accounts WHERE id = ?", (account_id,)).fetchone()
    name, owner = (acc[0], acc[1]) if acc else ("", "")
    opp_name, current = "", None
    reaches: list = []
    if opportunity_id is not None:
        opp = conn.execute(
            "SELECT name, stage, locked_on, owner_id FROM opportunities WHERE id = ?",
            (opportunity_id,),
        ).fetchone()
        if opp is not None:
            opp_name, current, owner = opp[0], ltc_stage(opp[1], bool(opp[2])), opp[3]
            reaches = _reaches(conn, opportunity_id)
    cells = _fill(_layered(conn, account_id, opportunity_id), _people(conn, account_id), reaches)
    return StagePlan(account_id, name, opportunity_id, opp_name, current, owner, cells)


def account_plans(conn: sqlite3.Connection, account_id: str) -> list[StagePlan]:
    """The account's default plan, then the plan of each opportunity still worked for."""
    rows = conn.execute(
        f"SELECT id FROM opportunities WHERE account_id = ? AND deleted = 0 AND {ACTIVE} "
        "ORDER BY opened_on, name",
        (account_id,),
    ).fetchall()
    return [stage_plan(conn, account_id), *(stage_plan(conn, account_id, r[0]) for r in rows)]


def open_cells(
    conn: sqlite3.Connection, owner_ids: Iterable[str], *, limit: int = 50
) -> list[tuple[StagePlan, Cell]]:
    """The current stage's unreached cells of the opportunities ``owner_ids`` own (their
    own orders first by expected close), at most ``limit``."""
    clause, params = in_clause("owner_id", list(owner_ids))
    rows = conn.execute(
        f"SELECT id, account_id FROM opportunities WHERE deleted = 0 AND {ACTIVE} {clause} "
        "ORDER BY coalesce(expected_close, '9999'), name",
        params,
    ).fetchall()
    out: list[tuple[StagePlan, Cell]] = []
    for opp_id, account_id in rows:
        plan = stage_plan(conn, account_id, opp_id)
        out += [(plan, c) for c in plan.open_now()]
        if len(out) >= limit:
            break
    return out[:limit]


def load_account_plans(db: Any, account_id: str) -> list[StagePlan]:
    """:func:`account_plans` in a read of its own (the app's worker)."""
    with db.reading() as conn:
        return account_plans(conn, account_id)


def find_opportunity(conn: sqlite3.Connection, account_id: str, text: str) -> str:
    """The id of the account's one live opportunity ``text`` names (its id, or its name with
    case and width ignored); NotFound, or BadInput when several share the name."""
    from katerm.core.errors import BadInput, NotFound
    from katerm.core.store import name_key

    wanted = text.strip()
    rows = conn.execute(
        "SELECT id, name FROM opportunities WHERE account_id = ? AND deleted = 0 ORDER BY name",
        (account_id,),
    ).fetchall()
    hits = [r for r in rows if r[0] == wanted] or [
        r for r in rows if name_key(r[1]) == name_key(wanted)
    ]
    if not hits:
        raise NotFound("competitors.unknown_opportunity", name=text)
    if len(hits) > 1:
        raise BadInput(
            "competitors.several_opportunities",
            name=text,
            choices="; ".join(r[0] for r in hits[:5]),
        )
    return str(hits[0][0])
