"""A whole sync (push, then pull), logging in and out, and what the last sync left behind.

The server and login live in the database (``sync_state``): cursor and epoch belong to one
server, so a database syncs with one server whatever ``KATERM_HOME`` it is opened from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from katerm.core.errors import BadInput, KatermError, Offline
from katerm.core.sync.connect import (
    Server,
    ServerProblem,
    check_login,
    check_saved,
    connect,
    password_for,
)
from katerm.core.sync.status import OFFLINE

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

Progress = Callable[[str, int, int], None]


class NotLoggedIn(BadInput):
    """Sync needs a server and a login first."""


@dataclass
class SyncSummary:
    pushed: int = 0
    pulled: int = 0
    changed: int = 0
    conflicts: int = 0
    denied: int = 0
    held: int = 0
    held_owners: list[str] = field(default_factory=list)
    purged: int = 0
    refused: int = 0  # changes the server did not take (see reasons and the conflict log)
    reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (table, field, why)
    quarantined: int = 0  # rows received that break the sync rules: set aside
    full: bool = False


@dataclass(frozen=True)
class Login:
    server: Server
    login: str


def current_login(ws: Workspace) -> Login | None:
    with ws.db.reading() as conn:
        url, login, insecure = conn.execute(
            "SELECT server_url, server_login, insecure FROM sync_state WHERE id = 1"
        ).fetchone()
    return Login(Server(url, bool(insecure)), login) if url and login else None


def check_credentials(server: Server, login: str, password: str) -> str:
    """Connect as the member; returns their name on the server (errors if refused)."""
    with connect(server, login=login, password=password, autocommit=True) as conn:
        try:
            row = conn.execute(
                "SELECT name FROM app.team() WHERE lower(login) = lower(%s)", (login,)
            ).fetchone()
        except Exception as exc:
            from katerm.core.sync.connect import explain

            raise explain(exc, server) from None
    if row is None:  # a role katerm does not know (not made by `katerm team add`)
        raise ServerProblem("sync.not_a_member", login=login, server=server.url)
    return str(row[0])


def log_in(ws: Workspace, server: Server, login: str) -> None:
    """Remember the server and login, and become that login here.

    If this database has no member with that login yet, I (the local user) am renamed to it,
    so the work done here before syncing becomes theirs at the first sync. A different server
    than before starts the cursor over.
    """
    from katerm.core import store
    from katerm.core.config import set_value
    from katerm.core.team import find_user

    login = check_login(login)
    with ws.db.writing() as conn:
        old = conn.exec_driver_sql("SELECT server_url FROM sync_state WHERE id = 1").scalar_one()
        if old != server.url:
            conn.exec_driver_sql(
                "UPDATE sync_state SET cursor = '0', epoch = 0, server_id = NULL WHERE id = 1"
            )
        # --insecure is remembered for this server only: another login must say it again.
        conn.exec_driver_sql(
            "UPDATE sync_state SET server_url = ?, server_login = ?, "
            "insecure = ?, last_error = NULL WHERE id = 1",
            (server.url, login, int(server.insecure)),
        )
        taken = conn.exec_driver_sql(
            "SELECT 1 FROM users WHERE lower(login) = lower(?)", (login,)
        ).fetchone()
        if not taken:
            store.update(conn, "users", ws.me.id, {"login": login}, actor_id=ws.me.id)
    set_value(ws.paths.config_file, "user.login", login)
    ws.settings.login = login
    if find_user(ws.db, login) is None:  # a member known here only as hidden: bring them back
        with ws.db.writing() as conn:
            conn.exec_driver_sql(
                "UPDATE users SET deleted = 0 WHERE lower(login) = lower(?)", (login,)
            )
    refresh_me(ws)


def log_out(ws: Workspace) -> Login | None:
    found = current_login(ws)
    with ws.db.writing() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET server_login = NULL WHERE id = 1")
    return found


def refresh_me(ws: Workspace) -> None:
    """After a sync adopted my server id (or a login), ``ws.me`` follows."""
    from katerm.core.team import ensure_user

    ws.me, _ = ensure_user(ws.db, ws.settings.login, ws.settings.name)


def _record(
    ws: Workspace, *, error: str | None, held: int | None = None, synced: bool = False
) -> None:
    with ws.db.writing() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET last_error = ? WHERE id = 1", (error,))
        if synced:
            conn.exec_driver_sql(
                "UPDATE sync_state SET last_sync_at = ? WHERE id = 1", (ws.clock.now_text(),)
            )
        if held is not None:
            conn.exec_driver_sql("UPDATE sync_state SET held = ? WHERE id = 1", (held,))


def sync(
    ws: Workspace,
    *,
    password: str | None = None,
    progress: Progress | None = None,
    full: bool = False,
    prompt: bool = True,
) -> SyncSummary:
    """Push the outbox, then pull. Raises :class:`Offline` (nothing lost) when unreachable."""
    found = current_login(ws)
    if found is None:
        raise NotLoggedIn("sync.not_logged_in", hint="sync.not_logged_in_hint")
    check_saved(found.server)
    try:
        password = password or password_for(found.server, found.login, prompt=prompt)
        summary = _sync(ws, found, password, progress, full)
    except Offline as exc:
        _record(ws, error=f"{OFFLINE}\n{exc.message}")  # why, for the sync screen
        from katerm.core.sync.status import pending_changes

        with ws.db.reading() as conn:
            waiting = pending_changes(conn)
        raise Offline(
            "sync.offline",
            hint="sync.offline_hint",
            count=waiting,
            detail=exc.message,  # why, in the user's language
            driver=exc.detail,
        ) from None
    except KatermError as exc:
        _record(ws, error=exc.message)  # shown as it is in the sync screen
        raise
    _record(ws, error=None, held=summary.held, synced=True)
    refresh_me(ws)
    return summary


def _sync(
    ws: Workspace, found: Login, password: str, progress: Progress | None, full: bool
) -> SyncSummary:
    from katerm.core.sync.connect import translated
    from katerm.core.sync.members import merge_team
    from katerm.core.sync.merge import raw
    from katerm.core.sync.pull import Puller, read_team
    from katerm.core.sync.push import Pusher

    summary = SyncSummary()
    with (
        connect(found.server, login=found.login, password=password, autocommit=True) as conn,
        translated(found.server),
    ):
        _check_server(conn, found.server)
        team = read_team(conn)
        if not any(m.mine for m in team):
            raise ServerProblem("sync.not_a_member", login=found.login, server=found.server.url)
        with ws.db.writing() as c:  # my offline work becomes my server id's before it goes
            merge_team(raw(c), team, found.login)
        refresh_me(ws)
        pushed = Pusher(
            ws.db, conn, login=found.login, members={m.id for m in team}, progress=progress
        ).run()
        pulled = Puller(ws.db, conn, login=found.login, progress=progress, full=full).run()
    summary.pushed, summary.denied, summary.held = pushed.pushed, pushed.denied, pushed.held
    summary.refused, summary.reasons = pushed.refused, pushed.reasons
    summary.pulled, summary.changed, summary.purged = pulled.pulled, pulled.changed, pulled.purged
    summary.quarantined = pulled.quarantined
    summary.conflicts = pushed.conflicts + pulled.conflicts
    summary.full = pulled.full
    if pushed.held_owners:
        with ws.db.reading() as r:
            marks = ", ".join("?" * len(pushed.held_owners))
            summary.held_owners = sorted(
                x[0]
                for x in r.execute(
                    f"SELECT login FROM users WHERE id IN ({marks})", sorted(pushed.held_owners)
                )
            )
    return summary


def _check_server(conn: Any, server: Server) -> None:
    """The server must have every table and column this katerm syncs (else: upgrade it)."""
    from katerm.core.sync.schema import synced_tables

    try:
        known = dict(conn.execute("SELECT name, columns FROM app.tables").fetchall())
    except Exception as exc:
        from katerm.core.sync.connect import explain

        raise explain(exc, server) from None
    missing = []
    for t in synced_tables():
        columns = set(known.get(t.name, []))
        missing += (
            [t.name]
            if t.name not in known
            else [f"{t.name}.{n}" for n in t.names if n not in columns]
        )
    if missing:
        raise ServerProblem(
            "sync.server_outdated", hint="sync.server_outdated_hint", missing=list(missing)
        )
