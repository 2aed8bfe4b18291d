"""What the footer and ``katerm sync`` show about sync, read with plain sqlite3 (fast, no
driver, no SQLAlchemy): logged in or not, the last sync, changes waiting, open conflicts."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from katerm.core.store import Database


@dataclass(frozen=True)
class SyncStatus:
    server: str | None
    login: str | None
    last_sync_at: str | None  # ISO UTC time of the last complete sync
    last_error: str | None  # "offline" (then a line of why), or the message of the last failure
    pending: int  # outbox entries (the team's own are never pushed and not counted)
    held: int  # entries the last push had to keep (owner unknown to the server)
    conflicts: int  # open (not acknowledged) conflicts
    quarantined: int = 0  # rows from the server set aside: they break the sync rules

    @property
    def logged_in(self) -> bool:
        return bool(self.server and self.login)

    @property
    def offline(self) -> bool:
        return (self.last_error or "").partition("\n")[0] == OFFLINE

    @property
    def offline_reason(self) -> str:
        """Why the last attempt could not reach the server, as it was said then ("" if not
        known: a status written before the reason was kept)."""
        return (self.last_error or "").partition("\n")[2] if self.offline else ""


OFFLINE = "offline"  # sync_state.last_error's first line when the server could not be reached


def pending_changes(conn: sqlite3.Connection) -> int:
    """Changes waiting to be pushed (the team's own entries never travel: not counted)."""
    return int(conn.execute("SELECT count(*) FROM outbox WHERE tbl != 'users'").fetchone()[0])


def read_status(conn: sqlite3.Connection) -> SyncStatus:
    url, login, last, error, held = conn.execute(
        "SELECT server_url, server_login, last_sync_at, last_error, held FROM sync_state "
        "WHERE id = 1"
    ).fetchone()
    pending = pending_changes(conn)
    conflicts = conn.execute("SELECT count(*) FROM conflict_log WHERE acknowledged = 0").fetchone()[
        0
    ]
    quarantined = conn.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0]
    return SyncStatus(url, login, last, error, pending, held, conflicts, quarantined)


def load_status(db: Database) -> SyncStatus:
    """:func:`read_status`, in a read of its own."""
    with db.reading() as conn:
        return read_status(conn)
