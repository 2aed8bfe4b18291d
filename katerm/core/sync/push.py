"""Pushing the outbox: each change merged into the server's row under a row lock.

Batches of outbox entries (in ``seq`` order, so a row's changes keep their order) each run in
one server transaction: the rows are locked in a fixed order (table, id), every entry is
merged by SYNC.md's rules, then the rows and the conflict records are written and the
transaction commits. Only then are the entries removed from the local outbox, by ``seq`` *and*
tag (an entry the user edited meanwhile stays). A reply lost after the commit is harmless:
pushed again, an entry finds its own tag on the server and counts as a duplicate.

Per field, with ``cur`` the server's tag and ``base`` the tag the user saw:

* ``tag == cur``: a duplicate, nothing to do;
* ``tag > cur``: applied; if ``cur != base`` someone else's value is overwritten unseen, and
  is logged (``overwritten``); an edit of a deleted row is logged (``edit_on_deleted_row``);
  a delete logs every edit newer than the row the deleter saw (``edit_hidden_by_delete``);
* ``tag < cur``: a later edit won; the pushed value is logged (``rejected``).

Entries the server cannot take stay or go: a row owned by a login the server does not know
(an owner an import created offline) is *held* in the outbox until the team has them; a row the
user may no longer touch (given to someone outside their team) is *denied*: its value goes to
the local conflict log and the local row goes back to the server's copy.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from katerm.core import store
from katerm.core.store import Database, parse_tag
from katerm.core.sync import merge
from katerm.core.sync.entries import ClockAhead, Conflict, Entry, PushResult
from katerm.core.sync.push_rows import TableBatch
from katerm.core.sync.schema import (
    TEAM_TABLE,
    synced_tables,
)

BATCH = 500  # entries per server transaction: a cut-off push keeps what went through
MAX_AHEAD_MS = 5 * 60 * 1000
Progress = Callable[[str, int, int], None]


class Pusher:
    def __init__(
        self,
        db: Database,
        conn: Any,
        *,
        login: str,
        mine: set[str],
        known: Callable[[list[str]], set[str]],
        progress: Progress | None = None,
    ):
        self.db, self.conn, self.login = db, conn, login
        self.mine = mine  # members whose rows I may see and write
        self.known = known  # which of these ids are members at all (of any team)
        self.progress = progress
        self.tables = {t.name: t for t in synced_tables()}
        self.result = PushResult()
        self.held_rows: set[tuple[str, str]] = set()
        self._known_cache: dict[str, bool] = {}

    # --- the loop ---------------------------------------------------------------------------
    def run(self) -> PushResult:
        with self.db.writing() as c:  # the team is the server's: its entries never travel
            c.exec_driver_sql("DELETE FROM outbox WHERE tbl = ?", (TEAM_TABLE,))
        with self.db.reading() as r:
            total = r.execute("SELECT count(*) FROM outbox").fetchone()[0]
            newest = r.execute("SELECT max(tag) FROM outbox").fetchone()[0]
        if not total:
            return self.result
        self._check_clock(newest)
        done, after = 0, 0
        while True:
            with self.db.reading() as r:
                rows = r.execute(
                    "SELECT seq, tbl, row_id, owner_id, field, value, tag, base_tag, row_base "
                    "FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
                    (after, BATCH),
                ).fetchall()
            if not rows:
                break
            after = rows[-1][0]
            entries = [
                Entry(s, t, i, o, f, json.loads(v), tag, b, rb)
                for s, t, i, o, f, v, tag, b, rb in rows
            ]
            self._batch(entries)
            done += len(entries)
            if self.progress:
                self.progress("push", min(done, total), total)
        return self.result

    def _check_clock(self, newest: str | None) -> None:
        server_ms = self.conn.execute(
            "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint"
        ).fetchone()[0]
        if newest and parse_tag(newest)[0] > server_ms + MAX_AHEAD_MS:
            minutes = (parse_tag(newest)[0] - server_ms) // 60000
            raise ClockAhead("sync.clock_ahead", hint="sync.clock_ahead_hint", minutes=minutes)

    def _batch(self, entries: list[Entry]) -> None:
        from psycopg import errors

        for attempt in range(4):
            outcome = _Batch(self, entries)
            try:
                with self.conn.transaction():
                    outcome.apply()
                break
            except (errors.DeadlockDetected, errors.SerializationFailure):
                if attempt == 3:
                    raise
        self._settle(outcome)

    def is_member(self, user_id: str | None) -> bool:
        if user_id is None:
            return False
        if user_id in self.mine:
            return True
        if user_id not in self._known_cache:
            found = self.known([user_id])
            self._known_cache[user_id] = user_id in found
        return self._known_cache[user_id]

    def _settle(self, b: _Batch) -> None:
        """After the server committed: clear what went through, fix what was refused."""
        r = self.result
        r.pushed += len(b.done)
        r.conflicts += len(b.conflicts) + len(b.local_conflicts)
        r.denied += len(b.denied)
        r.held += len(b.held)
        r.held_owners.update(e.owner_id for e in b.held if e.owner_id)
        with self.db.writing() as c:
            db = merge.raw(c)
            now = store.workspace_clock(c).now_text()
            db.executemany(
                "DELETE FROM outbox WHERE seq = ? AND tag = ?",
                [(e.seq, e.tag) for e in (*b.done, *b.denied)],
            )
            db.executemany(
                "INSERT OR IGNORE INTO conflict_log (tbl, row_id, field, lost_tag, kind, "
                "lost_value, won_value, won_tag, owner_id, detected_by, detected_at, acknowledged) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                [(*x.params(self.login), now) for x in (*b.conflicts, *b.local_conflicts)],
            )
            for (tbl, row_id), server_row in b.reset.items():
                t = self.tables[tbl]
                if server_row is None:
                    merge.purge(db, t, [row_id])
                else:
                    merge.replace_row(db, t, server_row)


class _Batch:
    """One server transaction's worth of entries, and what became of each."""

    def __init__(self, pusher: Pusher, entries: list[Entry]) -> None:
        self.p = pusher
        self.entries = entries
        self.settled: set[int] = set()  # seq of entries already decided
        self.done: list[Entry] = []
        self.held: list[Entry] = []
        self.denied: list[Entry] = []
        self.conflicts: list[Conflict] = []  # written on the server too
        self.local_conflicts: list[Conflict] = []  # only here (the server row is not ours)
        self.reset: dict[tuple[str, str], list[Any] | None] = {}
        self.held_rows = set(pusher.held_rows)

    def mark(self, e: Entry, outcome: str) -> None:
        """Record what became of an entry: ``done``, ``held`` or ``denied``."""
        getattr(self, outcome).append(e)
        self.settled.add(e.seq)

    def apply(self) -> None:
        by_table: dict[str, list[Entry]] = {}
        for e in self.entries:
            by_table.setdefault(e.tbl, []).append(e)
        for t in synced_tables():  # a fixed lock order: table, then id
            if t.name in by_table:
                TableBatch(self, t, by_table.pop(t.name)).apply()
        for leftover in by_table.values():  # tables this katerm does not sync (none expected)
            for e in leftover:
                self.mark(e, "held")
        if self.conflicts:
            self.p.conn.cursor().executemany(
                "INSERT INTO app.conflicts (tbl, row_id, field, lost_tag, kind, lost_value, "
                "won_value, won_tag, owner_id, detected_by) VALUES (%s, %s, %s, %s, %s, "
                "%s::jsonb, %s::jsonb, %s, %s, %s) ON CONFLICT DO NOTHING",
                [c.params(self.p.login) for c in self.conflicts],
            )
        self.p.held_rows |= self.held_rows
