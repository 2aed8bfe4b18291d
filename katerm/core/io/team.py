"""Planning the team sheet: our people by login, and who reports to whom.

A row names a member by ``id``, else by login. Managers are named by login and may be rows
further down the file. A database that has never synced takes the file's ids for the logins
it already has (me, in a new database): rows that get their ids from a member's id (a
seller's plan for a day, a lead's evening review) are then found again after a workspace
moves to another machine. A synced database keeps its ids: the server's are the truth.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from katerm.core import store
from katerm.core.config import LOGIN_RE
from katerm.core.errors import FieldError
from katerm.core.fields import MAX_NAME, email, text
from katerm.core.io.mapping import text_of
from katerm.core.io.planning import Planner
from katerm.core.io.report import Progress
from katerm.core.store import Change

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class TeamPlanner(Planner):
    table_name = "users"
    kind_name = "team"

    def add_owners(self) -> list[str]:
        # The sheet is the team itself: managers it names are rows of it or members here.
        return []

    def _never_synced(self) -> bool:
        row = self.raw.execute("SELECT server_url, cursor FROM sync_state WHERE id = 1").fetchone()
        return row is None or (row[0] is None and str(row[1]) == "0")

    def plan(self, progress: Progress | None, total: int) -> Iterator[list[Change]]:
        problems = self.problems
        by_id: dict[str, tuple[str, bool]] = {}
        by_login: dict[str, str] = {}
        for user_id, login, deleted in self.raw.execute(
            "SELECT id, login, deleted FROM users ORDER BY deleted DESC"
        ):
            by_id[user_id] = (login, bool(deleted))
            by_login[login.casefold()] = user_id  # a live member wins a clash
        adopt = self._never_synced()
        rows: list[tuple[int, str | None, str | None, dict[str, Any], Any]] = []
        logins: dict[str, int] = {}
        for line, values in self.rows(progress, total):
            before = len(problems)
            row_id = self.check_id(line, values.get("id"))
            login = text_of(values.get("login"))
            clean: dict[str, Any] = {}
            if "login" in values:
                if not LOGIN_RE.match(login):
                    self.problem(line, "login", "io.err.bad_login", value=login)
                else:
                    clean["login"] = login
                    if login.casefold() in logins:
                        self.problem(
                            line, "login", "io.err.same_login", other=logins[login.casefold()]
                        )
                    logins.setdefault(login.casefold(), line)
            for name, rule in (
                ("name", lambda v: text("name", v, limit=MAX_NAME)),
                ("email", lambda v: email("email", v)),
            ):
                if name in values:
                    try:
                        clean[name] = rule(values[name])
                    except FieldError as exc:
                        self.problem(line, name, exc.key, **exc.params)
            if len(problems) > before:
                continue
            rows.append((line, row_id, login or None, clean, values.get("manager")))
        changes = self._changes(rows, by_id, by_login, adopt)
        yield changes

    def _changes(
        self,
        rows: list[tuple[int, str | None, str | None, dict[str, Any], Any]],
        by_id: dict[str, tuple[str, bool]],
        by_login: dict[str, str],
        adopt: bool,
    ) -> list[Change]:
        """Match each row to a member (adopting the file's id where allowed), then link
        managers, which may be rows further down."""
        matched: list[tuple[int, str, bool, dict[str, Any], Any]] = []
        final: dict[str, str] = {}  # login (casefolded) -> member id, once the file is in
        for login_key, user_id in by_login.items():
            final[login_key] = user_id
        self.adopted: dict[str, str] = {}
        for line, row_id, login, clean, manager in rows:
            local = by_login.get(login.casefold()) if login else None
            if row_id is not None and row_id in by_id:
                member, new = row_id, False
            elif local is not None:
                member, new = local, False
                if row_id is not None and adopt and local != row_id:
                    self.adopted[local] = row_id
                    member = row_id
            elif row_id is None and login is None:
                self.problem(line, "login", "fields.err.required")
                continue
            else:
                member, new = row_id or store.new_id(), True
                if login is None:
                    self.problem(line, "login", "fields.err.required")
                    continue
            self.claim(line, member, row_id, None if new else member)
            if login:
                final[login.casefold()] = member
            matched.append((line, member, new, clean, manager))
        managers: dict[str, tuple[str | None, int]] = {}
        changes: list[Change] = []
        for line, member, new, clean, manager in matched:
            if manager is not None:
                boss_login = text_of(manager)
                boss = final.get(boss_login.casefold()) if boss_login else None
                if boss_login and boss is None:
                    self.problem(line, "manager", "io.err.unknown_manager", value=boss_login)
                    continue
                if boss == member:
                    self.problem(line, "manager", "io.err.own_manager")
                    continue
                clean["manager_id"] = boss
                managers[member] = (boss, line)
            if new:
                changes.append(Change(member, {"owner_id": member, "name": "", **clean}, new=True))
            else:
                old = self.adopted_from(member)
                if by_id.get(old, ("", False))[1]:
                    clean["deleted"] = False
                    self.restored += 1
                changes.append(Change(member, clean))
        self._circles(managers)
        if not self.problems and self.adopted:
            self._adopt()
        return changes

    def adopted_from(self, member: str) -> str:
        return next((old for old, new in self.adopted.items() if new == member), member)

    def _circles(self, managers: dict[str, tuple[str | None, int]]) -> None:
        """A chain of managers must end: nobody is their own manager's manager."""
        stored = dict(self.raw.execute("SELECT id, manager_id FROM users WHERE deleted = 0"))
        chain = {
            self.adopted.get(k, k): self.adopted.get(v, v) if v else v for k, v in stored.items()
        }
        chain.update({member: boss for member, (boss, _) in managers.items()})
        for start, (_, line) in managers.items():
            seen, current = {start}, chain.get(start)
            while current is not None:
                if current in seen:
                    self.problem(line, "manager", "io.err.manager_circle")
                    return
                seen.add(current)
                current = chain.get(current)

    def _adopt(self) -> None:
        """Give local members the file's ids (every row and link follows), me included.

        Only a database that has never synced adopts: nothing is parked or logged yet, and
        the outbox (rows and fields not pushed) follows the new id like the rows do.
        """
        for old, new in self.adopted.items():
            adopt_member_id(self.raw, old, new)
            if self.ws.me.id == old:
                self.ws.me = replace(self.ws.me, id=new)


def user_links() -> list[tuple[str, str]]:
    """(table, column) of every synced column that names one of our people."""
    from sqlmodel import SQLModel

    from katerm.core.store import SYNC_COLUMNS

    found = []
    for table in SQLModel.metadata.sorted_tables:
        if not set(SYNC_COLUMNS) <= set(table.columns.keys()):
            continue
        for column in table.columns:
            if any(fk.column.table.name == "users" for fk in column.foreign_keys):
                found.append((table.name, column.name))
    return found


def adopt_member_id(db: Any, old: str, new: str) -> None:
    """Rename a member's id everywhere in a never-synced database (links are checked at
    commit): the member's row, every row naming them, and the outbox entries waiting to
    be pushed."""
    import json

    db.execute("UPDATE users SET id = ? WHERE id = ?", (new, old))
    for table, column in user_links():
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))
        db.execute(
            "UPDATE outbox SET value = json_set(value, ?, ?) WHERE tbl = ? AND field = '*' "
            "AND json_extract(value, ?) = ?",
            (f"$.{column}", new, table, f"$.{column}", old),
        )
        db.execute(
            "UPDATE outbox SET value = ? WHERE tbl = ? AND field = ? AND value = ?",
            (json.dumps(new), table, column, json.dumps(old)),
        )
    db.execute("UPDATE outbox SET owner_id = ? WHERE owner_id = ?", (new, old))
    db.execute("UPDATE outbox SET row_id = ? WHERE tbl = 'users' AND row_id = ?", (new, old))
