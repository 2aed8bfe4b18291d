"""Applying server rows to the local database, field by field, without queuing them again.

This is the one place that writes synced tables outside ``katerm.core.store``: what the server
sends is already on the server, so it must not enter the outbox. The rule is the store's: per
field (``_deleted`` included) the higher clock tag wins, so every replica ends up the same
whatever order changes arrive in.

A local edit still waiting in the outbox is left there even when the server's value wins the
field here (the entry keeps the local value first, ``pending.keep``): the next push sends it,
the server sees it lose (its tag is older) and writes the lost value to the conflict log that
every replica pulls. So nothing is dropped quietly, and a losing edit is never pushed over the
winner.

Rows pulled in one transaction may point at rows this device does not have (a contact whose
account it may not see, a link to a row on a later page). SQLite checks links at commit, so
such a row is *parked* (kept whole in ``sync_parked``) and comes back when its target arrives.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from katerm.core.store import DELETED_FIELD
from katerm.core.sync.pending import keep
from katerm.core.sync.schema import TEAM_TABLE, SyncTable, synced_tables, table_named

TAIL = ("created_at", "updated_at", "deleted", "hlc", "clk")
_CHUNK = 500
MemberNames = Callable[[list[str]], list[tuple[str, str, str]]]


def columns(t: SyncTable) -> tuple[str, ...]:
    """The order of a row's columns, the same on both sides of a pull."""
    return ("id", *t.names, *TAIL)


def raw(conn: Any) -> Any:
    """The sqlite3 connection under a SQLAlchemy one (same transaction)."""
    inner = getattr(getattr(conn, "connection", None), "driver_connection", None)
    return inner if inner is not None else conn


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def compact(tags: dict[str, str]) -> str:
    """A clock as stored: the most common tag under ``*``, the others by field."""
    default = Counter(tags.values()).most_common(1)[0][0] if tags else ""
    clk = {"*": default}
    clk.update((f, tag) for f, tag in tags.items() if tag != default)
    return json.dumps(clk, separators=(",", ":"))


def merge_row(t: SyncTable, local: Sequence[Any], server: Sequence[Any]) -> list[Any] | None:
    """The local row after merging the server's (both in ``columns(t)`` order), or None if
    the server has nothing newer."""
    lc = json.loads(local[-1] or "{}")
    sc = json.loads(server[-1] or "{}")
    ld, sd = lc.get("*", ""), sc.get("*", "")
    out = list(local)
    tags: dict[str, str] = {}
    changed = False
    deleted_at = len(t.names) + 3
    for i, name in enumerate((*t.names, DELETED_FIELD), start=1):
        at = deleted_at if name == DELETED_FIELD else i
        mine, theirs = lc.get(name, ld), sc.get(name, sd)
        if theirs > mine:
            out[at] = server[at]
            tags[name] = theirs
            changed = True
        else:
            tags[name] = mine
    if not changed:
        return None
    newest = max(tags.values())
    out[-2] = newest  # hlc
    out[-1] = compact(tags)
    if server[-2] and server[-2] >= (local[-2] or ""):
        out[len(t.names) + 2] = server[len(t.names) + 2]  # updated_at
    if not local[len(t.names) + 1]:
        out[len(t.names) + 1] = server[len(t.names) + 1]  # created_at
    return out


def merge_rows(
    db: Any,
    t: SyncTable,
    rows: Sequence[Sequence[Any]],
    member_names: MemberNames | None = None,
    *,
    all_new: bool = False,
) -> tuple[int, str]:
    """Merge a page of server rows; returns (rows changed here, newest tag seen).

    ``all_new``: the caller knows none of these rows is here (the table was empty when the
    pull began; rows made here since have ids of their own), so nothing is looked up.
    """
    cols = columns(t)
    collist = ", ".join(cols)
    local: dict[str, Sequence[Any]] = {}
    ids = [r[0] for r in rows]
    if not all_new:
        for chunk in _chunks(ids):
            for row in db.execute(
                f"SELECT {collist} FROM {t.name} WHERE id IN ({_marks(len(chunk))})", chunk
            ):
                local[row[0]] = row
    parked = {} if all_new else _take_parked(db, t, [i for i in ids if i not in local])
    inserts: list[Sequence[Any]] = []
    updates: list[list[Any]] = []
    newest = ""
    for row in rows:
        tag = row[-2] or ""
        if tag > newest:
            newest = tag
        mine = local.get(row[0]) or parked.get(row[0])
        if mine is None:
            inserts.append(row)
            continue
        merged = merge_row(t, mine, row)
        if row[0] in parked:
            inserts.append(merged or mine)
        elif merged is not None:
            updates.append(merged)
    if inserts:
        # Unlooked-up rows may meet a pull running beside this one (the app's and a
        # command's): the same snapshot rows, so either copy will do.
        verb = "INSERT OR IGNORE" if all_new else "INSERT"
        db.executemany(f"{verb} INTO {t.name} ({collist}) VALUES ({_marks(len(cols))})", inserts)
    if updates:
        keep(db, t, [u[0] for u in updates])
        sets = ", ".join(f"{c} = ?" for c in cols[1:])
        db.executemany(
            f"UPDATE {t.name} SET {sets} WHERE id = ?", [(*u[1:], u[0]) for u in updates]
        )
    settle_links(db, t, ids, member_names)
    return len(inserts) + len(updates), newest


def replace_row(db: Any, t: SyncTable, server: Sequence[Any]) -> None:
    """Make the local row exactly the server's (after the server refused a local edit)."""
    cols = columns(t)
    exists = db.execute(f"SELECT 1 FROM {t.name} WHERE id = ?", (server[0],)).fetchone()
    if exists:
        keep(db, t, [server[0]])
        sets = ", ".join(f"{c} = ?" for c in cols[1:])
        db.execute(f"UPDATE {t.name} SET {sets} WHERE id = ?", (*server[1:], server[0]))
    else:
        db.execute(f"INSERT INTO {t.name} ({', '.join(cols)}) VALUES ({_marks(len(cols))})", server)
    settle_links(db, t, [server[0]], None)


# --- links: stubs for members, parking for rows -------------------------------------------


def settle_links(
    db: Any, t: SyncTable, ids: Sequence[str], member_names: MemberNames | None
) -> None:
    """Make sure every link of these rows points at something, before the commit checks.

    A missing team member (a manager above me, someone in another team a row names) is
    added as a hidden member when the server can name them; a missing row parks the linking
    row until it arrives.
    """
    if not ids:
        return
    dangling: set[str] = set()
    missing_members: set[str] = set()
    for f in t.links():
        for chunk in _chunks(ids):
            found = db.execute(
                f"SELECT id, {f.name} FROM {t.name} WHERE id IN ({_marks(len(chunk))}) "
                f"AND {f.name} IS NOT NULL AND {f.name} NOT IN (SELECT id FROM {f.ref})",
                chunk,
            ).fetchall()
            for row_id, target in found:
                if f.ref == TEAM_TABLE:
                    missing_members.add(target)
                dangling.add(row_id)
    if missing_members and member_names is not None:
        named = member_names(sorted(missing_members))
        # Someone the server will not name to me (outside my team, from before it checked
        # links): a nameless stand-in keeps the row instead of parking it for ever.
        known = {m[0] for m in named}
        add_hidden_members(
            db, [*named, *((i, f"~{i[:8]}", "") for i in sorted(missing_members - known))]
        )
        still: set[str] = set()
        for f in t.links():
            for chunk in _chunks(sorted(dangling)):
                still.update(
                    r[0]
                    for r in db.execute(
                        f"SELECT id FROM {t.name} WHERE id IN ({_marks(len(chunk))}) AND "
                        f"{f.name} IS NOT NULL AND {f.name} NOT IN (SELECT id FROM {f.ref})",
                        chunk,
                    )
                )
        dangling = still
    if dangling:
        park(db, t, sorted(dangling))


def add_hidden_members(db: Any, members: Iterable[tuple[str, str, str]]) -> None:
    """Team members known by name only (not mine to see or give rows to): ``deleted = 1``
    keeps them out of every member list while links to them hold."""
    for user_id, login, name in members:
        taken = db.execute(
            "SELECT id FROM users WHERE lower(login) = lower(?) AND id != ?", (login, user_id)
        ).fetchone()
        if taken:
            login = f"{login}~{user_id[:8]}"
        db.execute(
            "INSERT INTO users (id, created_at, updated_at, hlc, clk, deleted, owner_id, login, "
            "name, email, manager_id) VALUES (?, '', '', '', '{}', 1, ?, ?, ?, '', NULL) "
            "ON CONFLICT (id) DO NOTHING",
            (str(user_id), str(user_id), login, name),
        )


def park(db: Any, t: SyncTable, ids: Sequence[str]) -> None:
    """Move rows out of their table into ``sync_parked``, and the rows linking to them too."""
    cols = columns(t)
    keep(db, t, ids, new_rows=True)
    for chunk in _chunks(list(ids)):
        marks = _marks(len(chunk))
        rows = db.execute(
            f"SELECT {', '.join(cols)} FROM {t.name} WHERE id IN ({marks})", chunk
        ).fetchall()
        db.executemany(
            "INSERT OR REPLACE INTO sync_parked (tbl, row_id, data) VALUES (?, ?, ?)",
            [(t.name, r[0], json.dumps(list(r))) for r in rows],
        )
        db.execute(f"DELETE FROM {t.name} WHERE id IN ({marks})", chunk)
    _unlink_children(db, t, ids, park)


def purge(db: Any, t: SyncTable, ids: Sequence[str]) -> None:
    """Remove rows this user may no longer see, with their conflict records (their values
    are the row's data too); rows linking to them are parked."""
    keep(db, t, ids, new_rows=True)  # a waiting edit still goes to the server, which says no
    for chunk in _chunks(list(ids)):
        marks = _marks(len(chunk))
        db.execute(f"DELETE FROM {t.name} WHERE id IN ({marks})", chunk)
        for side in ("sync_parked", "conflict_log", "sync_quarantine"):
            db.execute(
                f"DELETE FROM {side} WHERE tbl = ? AND row_id IN ({marks})", (t.name, *chunk)
            )
    _unlink_children(db, t, ids, park)


def _unlink_children(
    db: Any,
    t: SyncTable,
    ids: Sequence[str],
    action: Callable[[Any, SyncTable, Sequence[str]], None],
) -> None:
    for child in synced_tables():
        for f in child.links():
            if f.ref != t.name:
                continue
            found: list[str] = []
            for chunk in _chunks(list(ids)):
                found += [
                    r[0]
                    for r in db.execute(
                        f"SELECT id FROM {child.name} WHERE {f.name} IN ({_marks(len(chunk))})",
                        chunk,
                    )
                ]
            if found:
                action(db, child, found)


def _take_parked(db: Any, t: SyncTable, ids: Sequence[str]) -> dict[str, list[Any]]:
    """Parked rows among ``ids``, taken out of the park (the caller stores them again)."""
    if (
        not ids
        or not db.execute("SELECT 1 FROM sync_parked WHERE tbl = ? LIMIT 1", (t.name,)).fetchone()
    ):
        return {}
    out: dict[str, list[Any]] = {}
    for chunk in _chunks(list(ids)):
        marks = _marks(len(chunk))
        for row_id, data in db.execute(
            f"SELECT row_id, data FROM sync_parked WHERE tbl = ? AND row_id IN ({marks})",
            (t.name, *chunk),
        ):
            out[row_id] = json.loads(data)
        db.execute(
            f"DELETE FROM sync_parked WHERE tbl = ? AND row_id IN ({marks})", (t.name, *chunk)
        )
    return out


def unpark(db: Any, member_names: MemberNames | None = None) -> int:
    """Bring back parked rows whose targets have arrived; returns how many came back."""
    back = 0
    progress = True
    while progress:
        progress = False
        for t in synced_tables():
            rows = [
                json.loads(d)
                for (d,) in db.execute("SELECT data FROM sync_parked WHERE tbl = ?", (t.name,))
            ]
            ready = [r for r in rows if _targets_exist(db, t, r)]
            if not ready:
                continue
            cols = columns(t)
            db.executemany(
                f"INSERT OR REPLACE INTO {t.name} ({', '.join(cols)}) VALUES ({_marks(len(cols))})",
                ready,
            )
            db.executemany(
                "DELETE FROM sync_parked WHERE tbl = ? AND row_id = ?",
                [(t.name, r[0]) for r in ready],
            )
            back += len(ready)
            progress = True
    return back


def _targets_exist(db: Any, t: SyncTable, row: Sequence[Any]) -> bool:
    for f in t.links():
        target = row[t.names.index(f.name) + 1]
        if (
            target is not None
            and not db.execute(f"SELECT 1 FROM {f.ref} WHERE id = ?", (target,)).fetchone()
        ):
            return False
    return True


def table_for(name: str) -> SyncTable | None:
    return table_named(name)
