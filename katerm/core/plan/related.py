"""Part 4 of the plan reads what other features keep: the influence map (contact fields),
the relationship-gap table and the strategic-relationship table.

Those features arrive in their own migrations, so every read here first asks SQLite which
tables and columns exist (as ``katerm.core.accounts.listing`` does for the activity log) and shows
what is there: a database without them still exports a plan, with part 4 saying what it
lacks, and one with them shows them without any change here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from katerm.i18n import t


def columns(conn: sqlite3.Connection, table: str) -> frozenset[str]:
    """The columns of ``table``; empty when the table does not exist (yet)."""
    return frozenset(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))


# --- influence map ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InfluencePerson:
    id: str
    name: str
    title: str
    reports_to: str | None = None
    role: str = ""
    influence: str = ""
    attitude: str = ""
    coverage: str = ""  # the name of our person who owns the relationship
    rising_star: bool = False


def influence_fields(conn: sqlite3.Connection) -> frozenset[str]:
    """Which influence-map fields the contacts table has (none before that feature)."""
    return columns(conn, "contacts") & {
        "reports_to",
        "role",
        "influence",
        "attitude",
        "covered_by",
        "rising_star",
    }


def influence_people(conn: sqlite3.Connection, account_id: str) -> list[InfluencePerson]:
    """The account's people with whatever influence-map fields exist."""
    have = influence_fields(conn)
    pick = [
        f"c.{name}" if name in have else "NULL"
        for name in ("reports_to", "role", "influence", "attitude", "rising_star")
    ]
    coverage = "NULL"
    join = ""
    # Who left the company is off the current map (their history stays).
    left = " AND c.left_on IS NULL" if "left_on" in columns(conn, "contacts") else ""
    if "covered_by" in have:
        # covered_by names one of our users, by id (or login in hand-made files).
        join = " LEFT JOIN users u ON u.id = c.covered_by OR u.login = c.covered_by"
        coverage = "coalesce(nullif(u.name, ''), u.login, c.covered_by)"
    rows = conn.execute(
        f"SELECT c.id, c.name, c.title, {', '.join(pick)}, {coverage} FROM contacts c{join} "
        f"WHERE c.account_id = ? AND c.deleted = 0{left} GROUP BY c.id ORDER BY c.rowid",
        (account_id,),
    ).fetchall()
    return [
        InfluencePerson(
            i,
            n,
            title,
            boss or None,
            role or "",
            influence or "",
            attitude or "",
            cover or "",
            bool(star),
        )
        for i, n, title, boss, role, influence, attitude, star, cover in rows
    ]


def influence_tree(people: list[InfluencePerson]) -> Iterator[tuple[int, InfluencePerson]]:
    """(depth, person) by reporting lines, bosses first; without reporting lines (or in a
    cycle) everyone is at the top."""
    ids = {p.id for p in people}
    below: dict[str | None, list[InfluencePerson]] = {}
    for person in people:
        boss = person.reports_to if person.reports_to in ids else None
        below.setdefault(boss, []).append(person)
    seen: set[str] = set()

    def down(person: InfluencePerson, depth: int) -> Iterator[tuple[int, InfluencePerson]]:
        seen.add(person.id)
        yield depth, person
        for child in below.get(person.id, []):
            if child.id not in seen:
                yield from down(child, depth + 1)

    for top in below.get(None, []):
        yield from down(top, 0)
    for person in people:  # people in a reporting cycle have no top: list them too
        if person.id not in seen:
            yield from down(person, 0)


# --- relationship gaps ----------------------------------------------------------------------


@dataclass(frozen=True)
class GapLine:
    contact: str
    current: float | None
    target: float | None
    action: str = ""
    due: str = ""
    status: str = ""

    @property
    def gap(self) -> float | None:
        if self.current is None or self.target is None:
            return None
        return self.target - self.current


def gap_lines(conn: sqlite3.Connection, account_id: str) -> list[GapLine] | None:
    """The account's relationship-gap rows (``gap_rows``, overall level now → target),
    biggest gap first; None in a database from before the gap table."""
    if not columns(conn, "gap_rows"):
        return None
    rows = conn.execute(
        "SELECT c.name, c.level, g.level_target, g.next_action, g.due_date, g.status "
        "FROM gap_rows g JOIN contacts c ON c.id = g.contact_id "
        "WHERE g.account_id = ? AND c.deleted = 0 AND c.left_on IS NULL AND g.deleted = 0",
        (account_id,),
    ).fetchall()
    lines = [
        GapLine(
            name, _number(cur), _number(tgt), str(action or ""), str(due or ""), str(status or "")
        )
        for name, cur, tgt, action, due, status in rows
    ]
    lines.sort(key=lambda g: (-(g.gap if g.gap is not None else -99), g.contact))
    return lines


def _number(value: object) -> float | None:
    try:
        return None if value is None or value == "" else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# --- strategic relationships -------------------------------------------------------------------


@dataclass(frozen=True)
class StrategicLine:
    partner: str
    relationship: str = ""
    usage: str = ""


def strategic_lines(conn: sqlite3.Connection, account_id: str) -> list[StrategicLine] | None:
    """The customer's partners and strategic suppliers who could help us (the account's
    ``strategic_relationships``); None in a database without that table."""
    if not columns(conn, "strategic_relationships"):
        return None
    rows = conn.execute(
        "SELECT partner, kind, relationship, how_to_use FROM strategic_relationships "
        "WHERE account_id = ? AND deleted = 0 ORDER BY kind != 'partner', kind, "
        "partner COLLATE NOCASE, id",
        (account_id,),
    ).fetchall()
    return [StrategicLine(p, _relationship(k, r), u) for p, k, r, u in rows]


def _relationship(kind: str, relationship: str) -> str:
    """The relationship as the plan prints it: the kind of partner, then the words."""
    label = t(f"cards.partner_kind.{kind}")
    return f"{label}{t('dialog.colon')}{relationship}" if relationship else label
