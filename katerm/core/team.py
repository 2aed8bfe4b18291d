"""Our own people: who is in the team, by login, and who reports to whom."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from katerm.core import store

if TYPE_CHECKING:
    from katerm.core.store import Database


@dataclass(frozen=True)
class Member:
    """One of our users: a seller, a team lead, a manager, me. The one type screens, reports,
    checklists and the workspace use for a person on our side (``manager_id`` is who they
    report to, when known)."""

    id: str
    login: str
    name: str
    manager_id: str | None = None

    @property
    def display(self) -> str:
        return self.name or self.login


def members(conn: sqlite3.Connection) -> list[Member]:
    """Everyone in the local database (not deleted), by login."""
    return [
        Member(*row)
        for row in conn.execute(
            "SELECT id, login, name, manager_id FROM users WHERE deleted = 0 ORDER BY login"
        )
    ]


def list_members(db: Database) -> list[Member]:
    """:func:`members`, in a read of its own (forms' choices of our people)."""
    with db.reading() as conn:
        return members(conn)


def ids_by_login(conn: sqlite3.Connection) -> dict[str, str]:
    return {m.login.casefold(): m.id for m in members(conn)}


def below(conn: sqlite3.Connection, user_id: str) -> list[str]:
    """The user and everyone below them, recursively (what a lead may see)."""
    rows = conn.execute(
        "WITH RECURSIVE t(id) AS (SELECT ? UNION SELECT u.id FROM users u JOIN t "
        "ON u.manager_id = t.id WHERE u.deleted = 0) SELECT id FROM t",
        (user_id,),
    )
    return [r[0] for r in rows]


def add_members(
    conn: Any,
    logins: list[str],
    *,
    manager_id: str | None,
    actor_id: str,
    names: dict[str, str] | None = None,
) -> dict[str, str]:
    """Create team members for logins not known yet (inside the caller's write transaction),
    with their names when ``names`` (login -> name) gives them.

    Returns login -> new id.
    """
    created: dict[str, str] = {}
    changes = []
    for login in logins:
        new_id = store.new_id()
        created[login] = new_id
        name = (names or {}).get(login, "")
        changes.append(
            store.Change(
                new_id,
                {"login": login, "name": name, "owner_id": new_id, "manager_id": manager_id},
                new=True,
            )
        )
    if changes:
        store.apply(conn, "users", changes, actor_id=actor_id)
    return created


def find_user(db: Database, login: str) -> Member | None:
    """The live user with this login, if any."""
    with db.reading() as conn:
        row = conn.execute(
            "SELECT id, login, name FROM users WHERE login = ? AND deleted = 0", (login,)
        ).fetchone()
    return Member(*row) if row else None


def ensure_user(
    db: Database,
    login: str,
    name: str = "",
    *,
    manager_id: str | None = None,
    actor_id: str | None = None,
) -> tuple[Member, bool]:
    """The user with this login, created if absent. Returns (user, created)."""
    found = find_user(db, login)
    if found:
        return found, False
    new_id = store.new_id()
    with db.writing() as conn:
        store.insert(
            conn,
            "users",
            {
                "id": new_id,
                "login": login,
                "name": name,
                "manager_id": manager_id,
                "owner_id": new_id,
            },
            actor_id=actor_id or new_id,
        )
    return Member(new_id, login, name), True


def league_sellers(conn: sqlite3.Connection, ids: list[str]) -> list[str]:
    """Who among ``ids`` a league table ranks as a seller, in the order given: someone with
    nobody reporting to them, or a lead who owns key accounts themselves (DOMAIN §1: a seller
    owns a handful of key accounts; a lead or general manager without accounts of their own is
    not measured on a seller's figures or targets). The monthly review's screen, command and
    exports all take their sellers from here."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    leads = {
        r[0]
        for r in conn.execute(
            f"SELECT DISTINCT manager_id FROM users WHERE deleted = 0 AND id != manager_id "
            f"AND manager_id IN ({marks})",
            ids,
        )
    }
    owners = {
        r[0]
        for r in conn.execute(
            f"SELECT DISTINCT owner_id FROM accounts WHERE deleted = 0 AND owner_id IN ({marks})",
            ids,
        )
    }
    return [i for i in ids if i not in leads or i in owners]


def direct_reports(conn: sqlite3.Connection, user_id: str) -> list[Member]:
    """The people reporting directly to ``user_id``, by name."""
    rows = conn.execute(
        "SELECT id, login, name FROM users WHERE manager_id = ? AND deleted = 0 "
        "AND id != ? ORDER BY coalesce(nullif(name, ''), login)",
        (user_id, user_id),
    )
    return [Member(*r) for r in rows]


def is_lead(conn: sqlite3.Connection, user_id: str) -> bool:
    """A lead is anyone with people below them."""
    return bool(direct_reports(conn, user_id))
