"""The influence map of an account: its people as a tree, their lines of influence, our
coverage of them, and the warnings a good team lead gives (DOMAIN.md §4).

:func:`load_map` reads everything in one consistent read and returns plain data; the screen,
the account tab and ``katerm influence`` all show what it computes, so they never disagree.
Warnings carry stable codes (:data:`WARNING_CODES`) and a message that says what to do next.

The tree follows ``reports_to``, but never breaks: a boss who was deleted, who works at
another account or who closes a circle (two devices re-parenting at once can make one) is
ignored, and that person is drawn at the top of the chart.

This module reads through plain sqlite3 only; writes are in :mod:`katerm.core.influence.edit`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from katerm.core.errors import NotFound
from katerm.core.influence.rules import MapWarning, warnings
from katerm.core.levels import REACHED
from katerm.core.roles import split_roles
from katerm.core.team import Member
from katerm.core.tiers import stored_tier_sql, tier_rank

if TYPE_CHECKING:
    from katerm.core.store import Database

PERSON_COLUMNS = (
    "id",
    "name",
    "title",
    "department",
    "role",
    "other_roles",
    "influence",
    "attitude",
    "support_level",
    "favours_competitor",
    "level",
    "covered_by",
    "reports_to",
    "rising_star",
    "also_covered_by",
    "favour_strength",
)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    title: str
    department: str
    role: str  # primary decision role key, "" if none
    other_roles: tuple[str, ...]
    influence: str
    attitude: str
    support_level: str
    favours_competitor: str
    level: int  # the relationship level 0–5 (katerm.core.levels), the gap table's "now" too
    covered_by: str | None  # the relationship owner: one of our users (the only one)
    reports_to: str | None  # as stored; see InfluenceMap.boss for the one the tree uses
    rising_star: bool
    # Additional coverage: our other people who also know them (not rival owners).
    also_covered_by: tuple[str, ...] = ()
    favour_strength: str = ""  # how strongly they favour ``favours_competitor``

    @property
    def roles(self) -> tuple[str, ...]:
        return (self.role, *self.other_roles) if self.role else self.other_roles

    def has_role(self, role: str) -> bool:
        return role == self.role or role in self.other_roles

    @property
    def reached(self) -> bool:
        """Do we actually reach them (acquainted at least)?"""
        return self.level >= REACHED


@dataclass(frozen=True)
class Line:
    """``source`` influences ``target``."""

    id: str
    source: str
    target: str
    strength: str
    notes: str = ""


@dataclass(frozen=True)
class TreeRow:
    person: Person
    depth: int
    prefix: str  # the tree lines before the person: "│  ├─ "
    boss: str | None  # the boss the tree draws (None at the top)


@dataclass
class InfluenceMap:
    account_id: str
    account_name: str
    tier: str | None
    tier_scheme: str
    owner_id: str
    people: dict[str, Person] = field(default_factory=dict)
    rows: list[TreeRow] = field(default_factory=list)  # tree order, top first
    lines: list[Line] = field(default_factory=list)
    ours: dict[str, Member] = field(default_factory=dict)  # every user, deleted included
    planned: frozenset[str] = frozenset()  # contacts with an open next action
    warnings: list[MapWarning] = field(default_factory=list)
    _position: dict[str, int] = field(default_factory=dict, repr=False)

    def position(self, contact_id: str | None) -> int | None:
        return self._position.get(contact_id or "")

    def boss(self, contact_id: str) -> str | None:
        row = self.position(contact_id)
        return None if row is None else self.rows[row].boss

    def reports(self, contact_id: str) -> list[str]:
        """Who reports directly to this person, as the tree draws them."""
        return [r.person.id for r in self.rows if r.boss == contact_id]

    def below(self, contact_id: str) -> set[str]:
        """Everyone under this person, however deep (not the person)."""
        found: set[str] = set()
        start = self.position(contact_id)
        if start is None:
            return found
        depth = self.rows[start].depth
        for row in self.rows[start + 1 :]:
            if row.depth <= depth:
                break
            found.add(row.person.id)
        return found

    def lines_from(self, contact_id: str) -> list[Line]:
        return [line for line in self.lines if line.source == contact_id]

    def lines_to(self, contact_id: str) -> list[Line]:
        return [line for line in self.lines if line.target == contact_id]

    def our_name(self, user_id: str | None) -> str:
        if user_id is None:
            return ""
        found = self.ours.get(user_id)
        return found.display if found else user_id[:8]

    @property
    def top_tier(self) -> bool:
        """A-tier in the revenue scheme, or the top tier of another (strategic, whale...)."""
        return tier_rank(self.tier_scheme, self.tier) == 0


# --- reading --------------------------------------------------------------------------------


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        is not None
    )


def planned_actions(conn: sqlite3.Connection, account_id: str) -> set[str]:
    """Contacts of the account with an open next action in the relationship-gap table.

    The gap table (``gap_rows``) comes with a later feature; until it exists nobody has an
    action planned.
    """
    if not _table_exists(conn, "gap_rows"):
        return set()
    rows = conn.execute(
        "SELECT g.contact_id FROM gap_rows g JOIN contacts c ON c.id = g.contact_id "
        "WHERE c.account_id = ? AND g.deleted = 0 AND g.status = 'open' "
        "AND trim(coalesce(g.next_action, '')) != ''",
        (account_id,),
    )
    return {r[0] for r in rows}


def load_map(conn: sqlite3.Connection, account_id: str) -> InfluenceMap:
    """The account's influence map, warnings included. Raises NotFound for no live account.

    People who left the company (``left_on``) are not on the current map; their history
    (cards, events, activities) stays.
    """
    account = conn.execute(
        f"SELECT id, name, {stored_tier_sql(alias='')}, active_scheme(), owner_id FROM accounts "
        "WHERE id = ? AND deleted = 0",
        (account_id,),
    ).fetchone()
    if account is None:
        raise NotFound("errors.row_missing", table="accounts", id=account_id)
    result = InfluenceMap(*account)
    # Whoever reported to someone who left now hangs under that person's boss.
    gone = dict(
        conn.execute(
            "SELECT id, reports_to FROM contacts WHERE account_id = ? "
            "AND deleted = 0 AND left_on IS NOT NULL",
            (account_id,),
        ).fetchall()
    )
    for row in conn.execute(
        f"SELECT {', '.join(PERSON_COLUMNS)} FROM contacts WHERE account_id = ? "
        "AND deleted = 0 AND left_on IS NULL ORDER BY name COLLATE NOCASE, id",
        (account_id,),
    ):
        values = dict(zip(PERSON_COLUMNS, row, strict=True))
        seen: set[str] = set()
        while values["reports_to"] in gone and values["reports_to"] not in seen:
            seen.add(values["reports_to"])
            values["reports_to"] = gone[values["reports_to"]]
        values["other_roles"] = tuple(
            r for r in split_roles(values["other_roles"]) if r != values["role"]
        )
        values["rising_star"] = bool(values["rising_star"])
        values["level"] = int(values["level"] or 0)
        values["also_covered_by"] = _ids(values["also_covered_by"])
        person = Person(**values)
        result.people[person.id] = person
    result.lines = [
        Line(*r)
        for r in conn.execute(
            "SELECT id, from_contact_id, to_contact_id, strength, notes FROM influence_lines "
            "WHERE account_id = ? AND deleted = 0 ORDER BY created_at, rowid",
            (account_id,),
        )
        if r[1] in result.people and r[2] in result.people and r[1] != r[2]
    ]
    result.ours = {r[0]: Member(*r) for r in conn.execute("SELECT id, login, name FROM users")}
    result.planned = frozenset(planned_actions(conn, account_id))
    result.rows = tree_rows(result.people)
    result._position = {r.person.id: i for i, r in enumerate(result.rows)}
    result.warnings = warnings(result) + triangle_warnings(conn, account_id)
    return result


def triangle_warnings(conn: sqlite3.Connection, account_id: str) -> list[MapWarning]:
    """The iron triangle's warnings (``katerm plan --triangle``) as the map's, same codes: a
    role empty on an A account, a solution expert or delivery manager who covers nobody."""
    from katerm.core.stageplan import iron_triangle

    return [MapWarning(w.code, w.text) for w in iron_triangle(conn, account_id).warnings]


# --- the tree -------------------------------------------------------------------------------


def tree_rows(people: dict[str, Person]) -> list[TreeRow]:
    """The people in tree order (each boss before their reports, siblings by name), with the
    tree lines to draw before each. A broken reporting line puts that person at the top."""
    children: dict[str | None, list[Person]] = {}
    for person in people.values():  # already in name order
        boss = person.reports_to
        if boss not in people or boss == person.id:
            boss = None
        children.setdefault(boss, []).append(person)
    rows: list[TreeRow] = []
    placed: set[str] = set()

    def walk(top: Person) -> None:
        # Iterative: a chart 300 deep must not hit the recursion limit.
        stack: list[tuple[Person, str | None, int, str, str]] = [(top, None, 0, "", "")]
        while stack:
            person, boss, depth, lead, guide = stack.pop()
            if person.id in placed:
                continue  # reached again through a circle: already drawn
            placed.add(person.id)
            rows.append(TreeRow(person, depth, lead, boss))
            kids = [k for k in children.get(person.id, ()) if k.id not in placed]
            for i in range(len(kids) - 1, -1, -1):
                last = i == len(kids) - 1
                stack.append(
                    (
                        kids[i],
                        person.id,
                        depth + 1,
                        guide + ("└─ " if last else "├─ "),
                        guide + ("   " if last else "│  "),
                    )
                )

    for person in children.get(None, ()):
        walk(person)
    # Whoever is left sits in a circle of reporting lines: start each circle at its first name.
    for person in people.values():
        if person.id not in placed:
            walk(person)
    return rows


def read_map(db: Database, account_id: str) -> InfluenceMap:
    """:func:`load_map`, in a read of its own."""
    with db.reading() as conn:
        return load_map(conn, account_id)


def count_warnings(db: Database, account_id: str) -> int:
    """:func:`warning_count`, in a read of its own."""
    with db.reading() as conn:
        return warning_count(conn, account_id)


def warning_count(conn: sqlite3.Connection, account_id: str) -> int:
    """How many warnings the account's map has (for the account screen's heading)."""
    try:
        return len(load_map(conn, account_id).warnings)
    except NotFound:
        return 0


# --- coverage -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """Our people × their people: who covers whom here, and each one's load everywhere."""

    ours: list[Member]  # the owner first, then by how many they cover here
    here: dict[str, int]  # our person -> people covered at this account
    everywhere: dict[str, int]  # our person -> people covered at all accounts
    uncovered: int


def coverage(conn: sqlite3.Connection, m: InfluenceMap) -> Coverage:
    """Who on our side covers whom at the account, and how many each covers everywhere."""
    here: dict[str, int] = {}
    for person in m.people.values():
        if person.covered_by is not None:
            here[person.covered_by] = here.get(person.covered_by, 0) + 1
    ids = set(here) | {m.owner_id}
    marks = ", ".join("?" * len(ids))
    everywhere = {uid: 0 for uid in ids}
    for uid, count in conn.execute(
        f"SELECT c.covered_by, count(*) FROM contacts c JOIN accounts a "
        f"ON a.id = c.account_id WHERE c.deleted = 0 AND a.deleted = 0 "
        f"AND c.left_on IS NULL "
        f"AND c.covered_by IN ({marks}) GROUP BY c.covered_by",
        tuple(ids),
    ):
        everywhere[uid] = count
    ours = sorted(
        (m.ours.get(uid) or Member(uid, uid, "") for uid in ids),
        key=lambda o: (o.id != m.owner_id, -here.get(o.id, 0), o.display.casefold()),
    )
    uncovered = sum(1 for p in m.people.values() if p.covered_by is None)
    return Coverage(ours, here, everywhere, uncovered)


def _ids(raw: str | None) -> tuple[str, ...]:
    """A JSON list of ids as stored (anything else: none)."""
    try:
        found = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(str(i) for i in found) if isinstance(found, list) else ()
