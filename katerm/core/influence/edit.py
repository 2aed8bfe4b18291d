"""Changing the influence map: people (add, edit, re-parent, delete) and lines of influence.

Every change is checked first (the contact rules of :mod:`katerm.core.fields`, plus the links
only the database can check) and written through :mod:`katerm.core.store` in one
transaction. A reporting line never breaks the tree: a boss must be a live person at the same
account, not the person themselves, and not someone below them (that would close a circle).
Deleting a person others report to moves those reports up to the deleted person's boss, in
the same transaction, and :func:`restore_person` puts them back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from katerm.core import levels, store
from katerm.core.errors import FieldError, NotFound, ValidationFailed
from katerm.core.fields import clean_contact
from katerm.core.influence.rules import cycle_path
from katerm.core.roles import parse_choice

if TYPE_CHECKING:
    import sqlite3

    from katerm.core.store import Database
    from katerm.core.workspace import Workspace

LINKS = ("covered_by", "also_covered_by", "reports_to")


def _bosses(conn: sqlite3.Connection, account_id: str) -> dict[str, tuple[str, str | None]]:
    """Live people of the account: id -> (name, boss id)."""
    return {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            "SELECT id, name, reports_to FROM contacts WHERE account_id = ? AND deleted = 0",
            (account_id,),
        )
    }


def check_links(
    conn: sqlite3.Connection, account_id: str, contact_id: str | None, values: Mapping[str, Any]
) -> tuple[dict[str, Any], list[FieldError]]:
    """Check ``covered_by`` (a live user's id) and ``reports_to`` (a live person's id at the
    account) when given; empty means none. Returns the clean links and the problems."""
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    if "covered_by" in values:
        user = values["covered_by"] or None
        if (
            user is not None
            and conn.execute("SELECT 1 FROM users WHERE id = ? AND deleted = 0", (user,)).fetchone()
            is None
        ):
            errors.append(FieldError("covered_by", "fields.err.covered_by_unknown", value=user))
        clean["covered_by"] = user
    if "also_covered_by" in values:
        # Additional coverage: live users' ids, none twice, never the relationship owner.
        given = values["also_covered_by"]
        wanted = [given] if isinstance(given, str) else list(given or [])
        chosen: list[str] = []
        for user in wanted:
            if not user or user in chosen:
                continue
            if (
                conn.execute("SELECT 1 FROM users WHERE id = ? AND deleted = 0", (user,)).fetchone()
                is None
            ):
                errors.append(
                    FieldError("also_covered_by", "fields.err.covered_by_unknown", value=user)
                )
            chosen.append(user)
        owner = clean.get("covered_by", values.get("covered_by"))
        clean["also_covered_by"] = json.dumps([u for u in chosen if u != owner])
    if "reports_to" in values:
        boss = values["reports_to"] or None
        clean["reports_to"] = boss
        if boss is not None:
            people = _bosses(conn, account_id)
            if boss == contact_id:
                errors.append(FieldError("reports_to", "fields.err.reports_to_self"))
            elif boss not in people:
                other = conn.execute(
                    "SELECT name FROM contacts WHERE id = ? AND deleted = 0", (boss,)
                ).fetchone()
                if other is not None:
                    errors.append(
                        FieldError("reports_to", "fields.err.reports_to_elsewhere", name=other[0])
                    )
                else:
                    errors.append(
                        FieldError("reports_to", "fields.err.reports_to_unknown", value=boss)
                    )
            elif contact_id is not None:
                circle = cycle_path({k: v[1] for k, v in people.items()}, contact_id, boss)
                if circle:
                    path = " → ".join(people[c][0] for c in circle)
                    errors.append(
                        FieldError("reports_to", "fields.err.reports_to_cycle", path=path)
                    )
    return clean, errors


def save_person(
    ws: Workspace, account_id: str, contact_id: str | None, values: Mapping[str, Any]
) -> str:
    """Check and save a person on the account's map (new when ``contact_id`` is None).

    ``values`` may hold any contact field, the ratings (role, influence, attitude...), and
    ``covered_by`` / ``reports_to`` as ids. Raises :class:`ValidationFailed` listing every
    problem; nothing is written then. Returns the person's id.
    """
    own = {k: v for k, v in values.items() if k not in LINKS}
    errors: list[FieldError] = []
    try:
        clean = clean_contact(own, new=contact_id is None)
    except ValidationFailed as exc:
        errors.extend(exc.errors)
        clean = {}
    with ws.db.reading() as conn:
        owner = store.live_owner(conn, "accounts", account_id)
        if contact_id is not None:
            found = conn.execute(
                "SELECT account_id, role FROM contacts WHERE id = ? AND deleted = 0", (contact_id,)
            ).fetchone()
            if found is None or found[0] != account_id:
                raise NotFound("errors.row_missing", table="contacts", id=contact_id)
            if "other_roles" in clean and "role" not in clean and found[1]:
                # Never list the primary role again among the others.
                clean["other_roles"] = ",".join(
                    r for r in clean["other_roles"].split(",") if r != found[1]
                )
        links, problems = check_links(conn, account_id, contact_id, values)
    errors.extend(problems)
    if errors:
        raise ValidationFailed(errors)
    clean.update(links)
    with ws.db.writing() as conn:
        if contact_id is None:
            return store.insert(
                conn,
                "contacts",
                {**clean, "account_id": account_id, "owner_id": owner},
                actor_id=ws.me.id,
            )
        levels.update_contact(conn, contact_id, clean, actor_id=ws.me.id, at=ws.clock.now())
    return contact_id


def move_person(ws: Workspace, account_id: str, contact_id: str, boss_id: str | None) -> None:
    """Make ``contact_id`` report to ``boss_id`` (None: the top of the chart)."""
    save_person(ws, account_id, contact_id, {"reports_to": boss_id})


def direct_reports(conn: sqlite3.Connection, contact_id: str) -> list[str]:
    """Who reports to this person (live contacts), by name."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT id FROM contacts WHERE reports_to = ? AND deleted = 0 ORDER BY name",
            (contact_id,),
        )
    ]


def delete_preview(conn: sqlite3.Connection, contact_id: str) -> tuple[int, str | None]:
    """What deleting a person would do: how many report to them, and the name of the boss
    they would move to (None: the top of the chart)."""
    found = conn.execute(
        "SELECT account_id, reports_to FROM contacts WHERE id = ?", (contact_id,)
    ).fetchone()
    if found is None:
        return 0, None
    boss = conn.execute(
        "SELECT name FROM contacts WHERE id = ? AND account_id = ? AND deleted = 0",
        (found[1] or "", found[0]),
    ).fetchone()
    return len(direct_reports(conn, contact_id)), boss[0] if boss else None


def preview_delete(db: Database, contact_id: str) -> tuple[int, str | None]:
    """:func:`delete_preview`, in a read of its own."""
    with db.reading() as conn:
        return delete_preview(conn, contact_id)


def delete_person(ws: Workspace, contact_id: str) -> tuple[str | None, list[str]]:
    """Tombstone a person; whoever reported to them now reports to their boss (or sits at the
    top). Returns (that boss, the people moved), for :func:`restore_person`."""
    with ws.db.writing() as conn:
        raw = conn.connection.driver_connection
        found = raw.execute(
            "SELECT account_id, reports_to FROM contacts WHERE id = ? AND deleted = 0",
            (contact_id,),
        ).fetchone()
        if found is None:
            raise NotFound("errors.row_missing", table="contacts", id=contact_id)
        account_id, boss = found
        if (
            boss is not None
            and raw.execute(
                "SELECT 1 FROM contacts WHERE id = ? AND account_id = ? AND deleted = 0",
                (boss, account_id),
            ).fetchone()
            is None
        ):
            boss = None
        moved = direct_reports(raw, contact_id)
        store.apply(
            conn,
            "contacts",
            [store.Change(m, {"reports_to": boss}) for m in moved],
            actor_id=ws.me.id,
        )
        store.delete(conn, "contacts", contact_id, actor_id=ws.me.id)
    return boss, moved


def restore_person(ws: Workspace, contact_id: str, moved: list[str], boss: str | None) -> None:
    """Undo :func:`delete_person`: the person is back, and so are their reports, unless
    someone has moved those elsewhere since."""
    with ws.db.writing() as conn:
        raw = conn.connection.driver_connection
        store.restore(conn, "contacts", contact_id, actor_id=ws.me.id)
        back = []
        for person in moved:
            row = raw.execute(
                "SELECT reports_to, deleted FROM contacts WHERE id = ?", (person,)
            ).fetchone()
            if row is not None and not row[1] and row[0] == boss:
                back.append(store.Change(person, {"reports_to": contact_id}))
        store.apply(conn, "contacts", back, actor_id=ws.me.id)


# --- lines of influence --------------------------------------------------------------------


def save_line(
    ws: Workspace, account_id: str, source: str, target: str, strength: Any = "medium"
) -> str:
    """``source`` influences ``target`` with ``strength``; an existing line between them in
    that direction gets the new strength. Returns the line's id."""
    errors: list[FieldError] = []
    try:
        level = parse_choice("strength", strength)
    except FieldError as exc:
        errors.append(exc)
        level = "medium"
    if source == target:
        errors.append(FieldError("target", "fields.err.line_to_self"))
    with ws.db.reading() as conn:
        owner = store.live_owner(conn, "accounts", account_id)
        people = _bosses(conn, account_id)
        for key, who in (("source", source), ("target", target)):
            if who not in people:
                errors.append(FieldError(key, "fields.err.reports_to_unknown", value=who))
        existing = conn.execute(
            "SELECT id FROM influence_lines WHERE account_id = ? AND from_contact_id = ? "
            "AND to_contact_id = ? AND deleted = 0",
            (account_id, source, target),
        ).fetchone()
    if errors:
        raise ValidationFailed(errors)
    with ws.db.writing() as conn:
        if existing is not None:
            store.update(
                conn, "influence_lines", existing[0], {"strength": level}, actor_id=ws.me.id
            )
            return str(existing[0])
        return store.insert(
            conn,
            "influence_lines",
            {
                "account_id": account_id,
                "owner_id": owner,
                "from_contact_id": source,
                "to_contact_id": target,
                "strength": level,
            },
            actor_id=ws.me.id,
        )


def delete_line(ws: Workspace, line_id: str) -> None:
    """Tombstone a line of influence."""
    with ws.db.writing() as conn:
        store.delete(conn, "influence_lines", line_id, actor_id=ws.me.id)


def mark_map_reviewed(ws: Workspace, account_id: str) -> str:
    """Record that I reviewed the account's influence map now (who and when, synced with the
    account): the explicit "reviewed" of the weekly item. Returns the record's id."""
    with ws.db.writing() as conn:
        owner = store.live_owner(conn.connection.driver_connection, "accounts", account_id)
        return store.insert(
            conn,
            "map_reviews",
            {
                "owner_id": owner,
                "account_id": account_id,
                "reviewed_by": ws.me.id,
                "reviewed_at": ws.clock.now(),
            },
            actor_id=ws.me.id,
        )
