"""Pulling: everything the server changed since the cursor, in pages, within one snapshot.

One ``REPEATABLE READ`` transaction on the server reads ``hi`` (every transaction below it has
finished) and then each table's rows with ``cursor <= xid < hi`` through ``COPY``, streamed:
a page at a time is merged and committed locally, so memory stays flat and the local write
lock is never held long (the TUI keeps working during a big first pull). The cursor moves to
``hi`` only once everything is in; a pull cut short is simply done again next time, and
merging the same row twice changes nothing.

A full resync (first sync, a new team structure, a cursor older than the tombstone clean-up
horizon, another server) reads from zero. It first lists the rows this device has in
``sync_unseen``, crosses off each one the server sends, and at the end purges what is left
(keeping rows with changes still to push): the rows the user may no longer see. A new laptop
has nothing to list, so its first pull only inserts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from katerm.core.clock import Clock
from katerm.core.store import Database, HybridClock
from katerm.core.sync import merge
from katerm.core.sync.members import ServerMember, merge_team
from katerm.core.sync.schema import TEAM_SETTINGS, select_list, synced_tables, table_named

PAGE = 20_000  # rows merged and committed together (a short lock: ~0.3 s)
Progress = Callable[[str, int, int], None]


@dataclass
class PullResult:
    pulled: int = 0  # rows received
    changed: int = 0  # rows that changed here
    conflicts: int = 0  # new conflict records
    purged: int = 0
    quarantined: int = 0  # rows set aside: they break the sync rules
    full: bool = False
    adopted: dict[str, str] | None = None


@dataclass(frozen=True)
class ServerState:
    hi: str
    epoch: int
    gc_xid: str
    server_id: str


def read_team(conn: Any) -> list[ServerMember]:
    return [
        ServerMember(str(i), login, name, email, str(m) if m else None, active, mine)
        for i, login, name, email, m, active, mine in conn.execute(
            "SELECT id, login, name, email, manager_id, active, mine FROM app.team()"
        )
    ]


def member_names(conn: Any) -> Callable[[list[str]], list[tuple[str, str, str]]]:
    def names(ids: list[str]) -> list[tuple[str, str, str]]:
        return [
            (str(i), login, name)
            for i, login, name in conn.execute(
                "SELECT id, login, name FROM app.member_names(%s::uuid[])", (ids,)
            )
        ]

    return names


class Puller:
    def __init__(
        self,
        db: Database,
        conn: Any,
        *,
        login: str,
        progress: Progress | None = None,
        full: bool = False,
    ) -> None:
        self.db, self.conn, self.login = db, conn, login
        self.progress = progress
        self.force_full = full
        self.result = PullResult()
        self.names = member_names(conn)
        self.unseen: set[str] = set()  # tables with rows not yet received in a full resync
        self.received_conflicts: set[tuple[str, ...]] = set()
        self.empty: set[str] = set()  # tables that had no rows here when the pull began

    def run(self) -> PullResult:
        conn = self.conn
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            hi, epoch, gc_xid, server_id = conn.execute(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text, epoch, gc_xid::text, "
                "server_id::text FROM app.settings"
            ).fetchone()
            state = ServerState(hi, epoch, gc_xid, server_id)
            team = read_team(conn)
            with self.db.reading() as r:
                cursor, my_epoch, my_server = r.execute(
                    "SELECT cursor, epoch, server_id FROM sync_state WHERE id = 1"
                ).fetchone()
            full = (
                self.force_full
                or cursor == "0"
                or my_server != server_id
                or my_epoch != epoch
                or int(cursor) < int(gc_xid)
            )
            self.result.full = full
            since = "0" if full else cursor
            mine = {m.id for m in team if m.mine}
            with self.db.writing() as c:
                db = merge.raw(c)
                self.result.adopted = merge_team(db, team, self.login)
                if full:
                    self._list_unseen(db)
                # Tables with nothing here yet: every pulled row is new, no look-ups needed.
                self.empty = {
                    t.name
                    for t in synced_tables()
                    if not db.execute(f"SELECT 1 FROM {t.name} LIMIT 1").fetchone()
                    and not db.execute(
                        "SELECT 1 FROM sync_parked WHERE tbl = ? LIMIT 1", (t.name,)
                    ).fetchone()
                }
            if not full:
                self._moves(since, hi, mine, {m.id for m in team})
            self._tables(since, hi, full)
            self._conflicts(since, hi)
            with self.db.writing() as c:
                db = merge.raw(c)
                if full:
                    self._purge_unseen(db)
                    self._forget_conflicts(db)
                merge.unpark(db, self.names)
                db.execute("DELETE FROM sync_unseen")
                db.execute(
                    "UPDATE sync_state SET cursor = ?, epoch = ?, server_id = ? WHERE id = 1",
                    (state.hi, state.epoch, state.server_id),
                )
        return self.result

    # --- rows that left my team ---------------------------------------------------------------
    def _moves(self, since: str, hi: str, mine: set[str], known: set[str]) -> None:
        """Drop the rows given to someone I may no longer see (a team setting: given to
        someone neither below nor above me)."""
        latest: dict[tuple[str, str], str] = {}
        for tbl, row_id, new_owner in self.conn.execute(
            "SELECT tbl, row_id::text, new_owner::text FROM app.moves "
            "WHERE xid >= %s::xid8 AND xid < %s::xid8 ORDER BY xid",
            (since, hi),
        ):
            latest[(tbl, row_id)] = new_owner
        gone: dict[str, list[str]] = {}
        for (tbl, row_id), owner in latest.items():
            seen = known if tbl in TEAM_SETTINGS else mine
            if owner not in seen and table_named(tbl) is not None:
                gone.setdefault(tbl, []).append(row_id)
        if not gone:
            return
        with self.db.writing() as c:
            db = merge.raw(c)
            for t in reversed(synced_tables()):
                if t.name in gone:
                    merge.purge(db, t, gone[t.name])
                    self.result.purged += len(gone[t.name])

    # --- the tables, page by page -----------------------------------------------------------
    def _tables(self, since: str, hi: str, full: bool) -> None:
        tables = synced_tables()
        counts = self.conn.execute(
            " UNION ALL ".join(
                f"SELECT count(*) FROM {t.qualified} WHERE xid >= %s::xid8 AND xid < %s::xid8"
                for t in tables
            ),
            [v for _ in tables for v in (since, hi)],
        ).fetchall()
        total = sum(c[0] for c in counts)
        done = 0
        if self.progress:
            self.progress("pull", 0, total)
        for t in tables:
            page: list[tuple[Any, ...]] = []
            query = (
                f"COPY (SELECT {select_list(t)} FROM {t.qualified} "
                f"WHERE xid >= %s::xid8 AND xid < %s::xid8) TO STDOUT"
            )
            with self.conn.cursor().copy(query, (since, hi)) as copy:
                for row in copy.rows():
                    page.append(row)
                    if len(page) >= PAGE:
                        done += self._page(t, page, full)
                        page = []
                        if self.progress:
                            self.progress("pull", done, total)
            if page:
                done += self._page(t, page, full)
                if self.progress:
                    self.progress("pull", done, total)

    def _page(self, t: Any, rows: list[tuple[Any, ...]], full: bool) -> int:
        from katerm.core.sync.incoming import take_rows

        with self.db.writing() as c:
            db = merge.raw(c)
            now = self.db.clock.now_text() if self.db.clock is not None else ""
            changed, newest, bad = take_rows(
                db, t, rows, now=now, names=self.names, all_new=t.name in self.empty
            )
            self.result.quarantined += bad
            if full and t.name in self.unseen:
                db.executemany(
                    "DELETE FROM sync_unseen WHERE tbl = ? AND row_id = ?",
                    [(t.name, r[0]) for r in rows],
                )
            if newest:
                receive(db, newest, self.db.clock)
        self.result.pulled += len(rows)
        self.result.changed += changed
        return len(rows)

    # --- the conflict log -------------------------------------------------------------------
    def _conflicts(self, since: str, hi: str) -> None:
        rows = self.conn.execute(
            "SELECT tbl, row_id::text, field, lost_tag, kind, lost_value::text, won_value::text, "
            "won_tag, owner_id::text, detected_by, "
            "to_char(detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') "
            "FROM app.conflicts WHERE xid >= %s::xid8 AND xid < %s::xid8",
            (since, hi),
        ).fetchall()
        if not rows:
            return
        # Records are information for people, never instructions: nothing here changes a
        # row (a push that lost reads its row back instead). Those a client cannot show are
        # left out.
        rows = [r for r in rows if conflict_ok(r)]
        self.received_conflicts.update(tuple(r[:4]) for r in rows)
        with self.db.writing() as c:
            db = merge.raw(c)
            before = db.total_changes
            db.executemany(
                "INSERT OR IGNORE INTO conflict_log (tbl, row_id, field, lost_tag, kind, "
                "lost_value, won_value, won_tag, owner_id, detected_by, detected_at, acknowledged) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                rows,
            )
            self.result.conflicts += db.total_changes - before

    def _forget_conflicts(self, db: Any) -> None:
        """After a full resync: the server's records this user no longer receives (the row
        left their view) leave this computer; refusals recorded here stay with their rows."""
        kept = self.received_conflicts
        gone = [
            k
            for k in db.execute(
                "SELECT tbl, row_id, field, lost_tag FROM conflict_log "
                "WHERE kind NOT IN ('denied', 'refused')"
            ).fetchall()
            if tuple(k) not in kept
        ]
        db.executemany(
            "DELETE FROM conflict_log WHERE tbl = ? AND row_id = ? AND field = ? AND lost_tag = ?",
            gone,
        )

    def _list_unseen(self, db: Any) -> None:
        """Every row here (parked ones too), to be crossed off as the server sends it."""
        db.execute("DELETE FROM sync_unseen")
        self.unseen = set()
        for t in synced_tables():
            db.execute(
                f"INSERT INTO sync_unseen (tbl, row_id) SELECT ?, id FROM {t.name}", (t.name,)
            )
            db.execute(
                "INSERT OR IGNORE INTO sync_unseen (tbl, row_id) "
                "SELECT tbl, row_id FROM sync_parked WHERE tbl = ?",
                (t.name,),
            )
            if db.execute("SELECT 1 FROM sync_unseen WHERE tbl = ? LIMIT 1", (t.name,)).fetchone():
                self.unseen.add(t.name)

    def _purge_unseen(self, db: Any) -> None:
        for t in reversed(synced_tables()):
            ids = [
                r[0]
                for r in db.execute(
                    f"SELECT id FROM {t.name} WHERE id IN (SELECT row_id FROM sync_unseen "
                    f"WHERE tbl = ?) AND id NOT IN (SELECT row_id FROM outbox WHERE tbl = ?)",
                    (t.name, t.name),
                )
            ]
            if ids:
                merge.purge(db, t, ids)
                self.result.purged += len(ids)
        db.execute(
            "DELETE FROM sync_parked WHERE EXISTS (SELECT 1 FROM sync_unseen s "
            "WHERE s.tbl = sync_parked.tbl AND s.row_id = sync_parked.row_id)"
        )


def conflict_ok(row: tuple[Any, ...]) -> bool:
    """Can a client show this record? (A known table and kind, JSON values.)"""
    from katerm.core.sync.conflicts import KINDS

    tbl, row_id, _, lost_tag, kind, lost, won = row[:7]
    if table_named(tbl) is None or kind not in KINDS or not isinstance(lost_tag, str):
        return False
    try:
        for text in (lost, won):
            if text is not None:
                json.loads(text)
    except ValueError:
        return False
    return isinstance(row_id, str)


def receive(db: Any, tag: str, time: Clock | None) -> None:
    """Move this device's clock past a pulled tag, so its next edit sorts after it."""
    if time is None:
        raise RuntimeError("the database was opened without a clock")
    device, last = db.execute("SELECT device_id, hlc FROM sync_state WHERE id = 1").fetchone()
    clock = HybridClock.from_tag(device, last)
    clock.receive(tag, time.now_ms())
    db.execute("UPDATE sync_state SET hlc = ? WHERE id = 1", (clock.last,))
