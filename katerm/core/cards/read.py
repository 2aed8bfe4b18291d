"""Reading cards for the screens: plain dataclasses from plain sqlite3 (no SQLModel)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from katerm.core.errors import NotFound

if TYPE_CHECKING:
    from katerm.core.store import Database
    from katerm.core.team import Member

# Who counts as a key person without a card yet: the decision chain and the influential.
KEY_ROLES = ("decision_maker", "approver", "executive_sponsor", "coach")


@dataclass(frozen=True)
class KeyDateRow:
    id: str
    contact_id: str | None
    kind: str
    day: str  # YYYY-MM-DD, or MM-DD for a yearly date without a year
    yearly: bool
    label: str
    personal: bool


@dataclass(frozen=True)
class EventRow:
    id: str
    contact_id: str
    kind: str
    day: date
    note: str


@dataclass
class PersonCard:
    """A key person and their card (``card_id`` None: no card yet)."""

    contact_id: str
    account_id: str
    name: str
    title: str
    role: str
    influence: str
    left_on: date | None
    birthday: date | None
    card_id: str | None = None
    # The contact's one relationship owner (``contacts.covered_by``), shared with the map.
    relationship_owner_id: str | None = None
    relationship_owner: str = ""
    sponsor_id: str | None = None
    sponsor: str = ""
    criteria: tuple[str, ...] = ()
    commitments: str = ""
    action_plan: str = ""
    next_review: date | None = None
    notes: str = ""
    dates: list[KeyDateRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)


@dataclass
class AccountCards:
    account_id: str
    account_name: str
    people: list[PersonCard]
    company_dates: list[KeyDateRow]


@dataclass(frozen=True)
class StrategicRow:
    id: str
    partner: str
    kind: str
    relationship: str
    how_to_use: str


_PERSON = (
    "c.id, c.account_id, c.name, c.title, c.role, c.influence, c.left_on, c.birthday, "
    "k.id, c.covered_by, coalesce(nullif(ro.name, ''), ro.login, ''), "
    "k.sponsor_id, coalesce(nullif(sp.name, ''), sp.login, ''), k.sponsor_criteria, "
    "k.commitments, k.action_plan, k.next_review, k.notes"
)
_JOINS = (
    "FROM contacts c LEFT JOIN expansion_cards k ON k.contact_id = c.id AND k.deleted = 0 "
    "LEFT JOIN users ro ON ro.id = c.covered_by "
    "LEFT JOIN users sp ON sp.id = k.sponsor_id"
)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _person(row: tuple[Any, ...], include_personal: bool) -> PersonCard:
    return PersonCard(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        _day(row[6]),
        _day(row[7]) if include_personal else None,
        row[8],
        row[9],
        row[10] or "",
        row[11],
        row[12] or "",
        tuple(k for k in (row[13] or "").split(",") if k),
        row[14] or "",
        row[15] or "",
        _day(row[16]),
        row[17] or "",
    )


def _dates(
    conn: sqlite3.Connection, where: str, args: tuple[str, ...], include_personal: bool
) -> list[KeyDateRow]:
    personal = "" if include_personal else " AND personal = 0"
    return [
        KeyDateRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5], bool(r[6]))
        for r in conn.execute(
            "SELECT id, contact_id, kind, day, yearly, label, personal FROM "
            f"key_dates WHERE {where} AND deleted = 0{personal} "
            "ORDER BY substr(day, -5), label",
            args,
        )
    ]


def _events(conn: sqlite3.Connection, where: str, args: tuple[str, ...]) -> list[EventRow]:
    return [
        EventRow(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4])
        for r in conn.execute(
            f"SELECT id, contact_id, kind, day, note FROM key_events WHERE {where} "
            "AND deleted = 0 ORDER BY day DESC, created_at DESC, rowid DESC",
            args,
        )
    ]


def load_cards(
    conn: sqlite3.Connection, account_id: str, *, include_personal: bool = True
) -> AccountCards:
    """The account's key people (everyone with a card, plus the decision chain and the
    highly influential without one yet), people still there first, then by name."""
    account = conn.execute(
        "SELECT name FROM accounts WHERE id = ? AND deleted = 0", (account_id,)
    ).fetchone()
    if account is None:
        raise NotFound("errors.row_missing", table="accounts", id=account_id)
    marks = ", ".join("?" * len(KEY_ROLES))
    rows = conn.execute(
        f"SELECT {_PERSON} {_JOINS} WHERE c.account_id = ? AND c.deleted = 0 AND "
        f"(k.id IS NOT NULL OR (c.left_on IS NULL AND (c.role IN ({marks}) "
        "OR c.influence = 'high'))) ORDER BY c.left_on IS NOT NULL, c.name COLLATE NOCASE, c.id",
        (account_id, *KEY_ROLES),
    ).fetchall()
    people = [_person(r, include_personal) for r in rows]
    by_id = {p.contact_id: p for p in people}
    all_dates = _dates(conn, "account_id = ?", (account_id,), include_personal)
    for d in all_dates:
        if d.contact_id in by_id:
            by_id[d.contact_id].dates.append(d)
    for e in _events(conn, "account_id = ?", (account_id,)):
        if e.contact_id in by_id:
            by_id[e.contact_id].events.append(e)
    return AccountCards(
        account_id, account[0], people, [d for d in all_dates if d.contact_id is None]
    )


def load_card(
    conn: sqlite3.Connection, contact_id: str, *, include_personal: bool = True
) -> PersonCard:
    """One person's card (or an empty one when they have none yet)."""
    row = conn.execute(
        f"SELECT {_PERSON} {_JOINS} WHERE c.id = ? AND c.deleted = 0", (contact_id,)
    ).fetchone()
    if row is None:
        raise NotFound("errors.row_missing", table="contacts", id=contact_id)
    person = _person(row, include_personal)
    person.dates = _dates(conn, "contact_id = ?", (contact_id,), include_personal)
    person.events = _events(conn, "contact_id = ?", (contact_id,))
    return person


def list_strategic(conn: sqlite3.Connection, account_id: str) -> list[StrategicRow]:
    """The account's strategic-relationship table, partners first, then by name."""
    return [
        StrategicRow(*r)
        for r in conn.execute(
            "SELECT id, partner, kind, relationship, how_to_use FROM strategic_relationships "
            "WHERE account_id = ? AND deleted = 0 ORDER BY kind != 'partner', kind, "
            "partner COLLATE NOCASE, id",
            (account_id,),
        )
    ]


# --- in a read of their own (the screens' workers) ------------------------------------------


def load_account_cards(db: Database, account_id: str) -> tuple[AccountCards, list[Member]]:
    """An account's cards and our team (who may own a relationship), in one read."""
    from katerm.core.team import members

    with db.reading() as conn:
        return load_cards(conn, account_id), members(conn)


def load_person_card(db: Database, contact_id: str) -> tuple[PersonCard, list[Member]]:
    """One person's card and our team, in one read. Raises NotFound for no such person."""
    from katerm.core.team import members

    with db.reading() as conn:
        return load_card(conn, contact_id), members(conn)


def load_strategic(db: Database, account_id: str) -> list[StrategicRow]:
    """:func:`list_strategic`, in a read of its own."""
    with db.reading() as conn:
        return list_strategic(conn, account_id)
