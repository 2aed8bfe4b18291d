"""The local ``users`` table kept in line with the server's team.

The server owns the team (``katerm team add|move|remove``): each pull brings every member the
user may see (``mine``: me and everyone below me) and the managers above them (names only).
Members are written here directly, never queued for push.

A member created on this device before it ever synced (me, or an owner an import added) has a
local id; when the server knows the same login, the local id is *adopted*: rewritten to the
server's everywhere (rows, links, the outbox), so the work done offline becomes theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from katerm.core.sync.schema import TEAM_TABLE, synced_tables


@dataclass(frozen=True)
class ServerMember:
    id: str
    login: str
    name: str
    email: str
    manager_id: str | None
    active: bool
    mine: bool  # me or below me: I may see and give rows to them


def merge_team(db: Any, team: Sequence[ServerMember], me_login: str) -> dict[str, str]:
    """Bring the local members in line with the server's; returns adopted ids (old -> new)."""
    by_login = {m.login.casefold(): m for m in team}
    adopted: dict[str, str] = {}
    for user_id, login in db.execute("SELECT id, login FROM users").fetchall():
        member = by_login.get(login.casefold())
        if member is not None and member.id != user_id:
            adopted[user_id] = member.id
    for old, new in adopted.items():
        _rewrite_member(db, old, new)
    ids = {m.id for m in team}
    for m in team:
        # A login another local member holds (a hidden name-only member) gives way.
        db.execute(
            "UPDATE users SET login = login || '~' || substr(id, 1, 8) "
            "WHERE lower(login) = lower(?) AND id != ?",
            (m.login, m.id),
        )
        manager = m.manager_id if m.manager_id in ids else None
        hidden = 0 if (m.mine and m.active) or m.login.casefold() == me_login.casefold() else 1
        db.execute(
            "INSERT INTO users (id, created_at, updated_at, hlc, clk, deleted, owner_id, login, "
            "name, email, manager_id) VALUES (?, '', '', '', '{}', ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET deleted = excluded.deleted, login = excluded.login, "
            "name = excluded.name, email = excluded.email, manager_id = excluded.manager_id, "
            "owner_id = excluded.owner_id",
            (m.id, hidden, m.id, m.login, m.name, m.email, manager),
        )
    # Members the server no longer shows me are hidden, unless they are me or still own
    # changes waiting to be pushed (a login the server does not know yet).
    db.execute(
        "UPDATE users SET deleted = 1 WHERE deleted = 0 AND lower(login) != lower(?) "
        f"AND id NOT IN ({', '.join('?' * len(ids)) or 'NULL'}) "
        "AND id NOT IN (SELECT owner_id FROM outbox WHERE owner_id IS NOT NULL)",
        (me_login, *ids),
    )
    return adopted


def _rewrite_member(db: Any, old: str, new: str) -> None:
    """Give a member the server's id: every link to them follows (checked at commit).

    If the server's id is here already (a member known by name only), the two become one.
    """
    if db.execute("SELECT 1 FROM users WHERE id = ?", (new,)).fetchone():
        db.execute("UPDATE users SET login = login || '~' WHERE id = ?", (old,))
    else:
        db.execute("UPDATE users SET id = ? WHERE id = ?", (new, old))
    db.execute("UPDATE users SET owner_id = ? WHERE owner_id = ?", (new, old))
    db.execute("UPDATE users SET manager_id = ? WHERE manager_id = ?", (new, old))
    db.execute("UPDATE outbox SET owner_id = ? WHERE owner_id = ?", (new, old))
    db.execute("UPDATE conflict_log SET owner_id = ? WHERE owner_id = ?", (new, old))
    quoted_old, quoted_new = _json_text(old), _json_text(new)
    for t in synced_tables():
        for f in t.links():
            if f.ref != TEAM_TABLE:
                continue
            db.execute(f"UPDATE {t.name} SET {f.name} = ? WHERE {f.name} = ?", (new, old))
            db.execute(
                "UPDATE outbox SET value = json_set(value, ?, ?) WHERE tbl = ? AND "
                "field = '*' AND json_extract(value, ?) = ?",
                (f"$.{f.name}", new, t.name, f"$.{f.name}", old),
            )
            db.execute(
                "UPDATE outbox SET value = ? WHERE tbl = ? AND field = ? AND value = ?",
                (quoted_new, t.name, f.name, quoted_old),
            )
            position = t.names.index(f.name) + 1
            db.execute(
                "UPDATE sync_parked SET data = json_set(data, ?, ?) WHERE tbl = ? AND "
                "json_extract(data, ?) = ?",
                (f"$[{position}]", new, t.name, f"$[{position}]", old),
            )
    # The team table's own outbox entries are never pushed; drop the old member's.
    db.execute("DELETE FROM outbox WHERE tbl = ? AND row_id = ?", (TEAM_TABLE, old))
    db.execute("DELETE FROM users WHERE id = ?", (old,))  # (if it was not renamed above)


def _json_text(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
