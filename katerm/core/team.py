"""Our own people: who is in the team, by login, and who reports to whom."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from katerm.core import store


@dataclass(frozen=True)
class UserRef:
    """One of our users as screens and reports name them: id, login, name."""

    id: str
    login: str
    name: str

    @property
    def display(self) -> str:
        return self.name or self.login


@dataclass(frozen=True)
class Member:
    id: str
    login: str
    name: str
    manager_id: str | None

    @property
    def display(self) -> str:
        return self.name or self.login


def members(conn: sqlite3.Connection) -> list[Member]:
    """Everyone in the local database (not deleted), by login."""
    return [Member(*row) for row in conn.execute(
        "SELECT id, login, name, manager_id FROM users WHERE deleted = 0 ORDER BY login")]


def ids_by_login(conn: sqlite3.Connection) -> dict[str, str]:
    return {m.login.casefold(): m.id for m in members(conn)}


def below(conn: sqlite3.Connection, user_id: str) -> list[str]:
    """The user and everyone below them, recursively (what a lead may see)."""
    rows = conn.execute(
        "WITH RECURSIVE t(id) AS (SELECT ? UNION SELECT u.id FROM users u JOIN t "
        "ON u.manager_id = t.id WHERE u.deleted = 0) SELECT id FROM t", (user_id,))
    return [r[0] for r in rows]


def add_members(conn: Any, logins: list[str], *, manager_id: str | None,
                actor_id: str, names: dict[str, str] | None = None) -> dict[str, str]:
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
        changes.append(store.Change(new_id, {"login": login, "name": name, "owner_id": new_id,
                                             "manager_id": manager_id}, new=True))
    if changes:
        store.apply(conn, "users", changes, actor_id=actor_id)
    return created
