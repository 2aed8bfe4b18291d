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
from katerm.core.store import Database
from katerm.core.store import parse_tag
from katerm.core.sync import merge
from katerm.core.sync.entries import ClockAhead, Conflict, Entry, PushResult
from katerm.core.sync.schema import (
    TEAM_TABLE,
    SyncTable,
    select_list,
    synced_tables,
    tag_time,
)
from katerm.core.store import DELETED_FIELD

BATCH = 500  # entries per server transaction: a cut-off push keeps what went through
MAX_AHEAD_MS = 5 * 60 * 1000
Progress = Callable[[str, int, int], None]


class Pusher:
    def __init__(self, db: Database, conn: Any, *, login: str, mine: set[str],
                 known: Callable[[list[str]], set[str]], progress: Progress | None = None):
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
                    "FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?", (after, BATCH)).fetchall()
            if not rows:
                break
            after = rows[-1][0]
            entries = [Entry(s, t, i, o, f, json.loads(v), tag, b, rb)
                       for s, t, i, o, f, v, tag, b, rb in rows]
            self._batch(entries)
            done += len(entries)
            if self.progress:
                self.progress("push", min(done, total), total)
        return self.result

    def _check_clock(self, newest: str | None) -> None:
        server_ms = self.conn.execute(
            "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint").fetchone()[0]
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
            db.executemany("DELETE FROM outbox WHERE seq = ? AND tag = ?",
                           [(e.seq, e.tag) for e in (*b.done, *b.denied)])
            db.executemany(
                "INSERT OR IGNORE INTO conflict_log (tbl, row_id, field, lost_tag, kind, "
                "lost_value, won_value, won_tag, owner_id, detected_by, detected_at, acknowledged) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                [(*x.params(self.login), now) for x in (*b.conflicts, *b.local_conflicts)])
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
                _TableBatch(self, t, by_table.pop(t.name)).apply()
        for leftover in by_table.values():  # tables this katerm does not sync (none expected)
            for e in leftover:
                self.mark(e, "held")
        if self.conflicts:
            self.p.conn.cursor().executemany(
                "INSERT INTO app.conflicts (tbl, row_id, field, lost_tag, kind, lost_value, "
                "won_value, won_tag, owner_id, detected_by) VALUES (%s, %s, %s, %s, %s, "
                "%s::jsonb, %s::jsonb, %s, %s, %s) ON CONFLICT DO NOTHING",
                [c.params(self.p.login) for c in self.conflicts])
        self.p.held_rows |= self.held_rows


class _TableBatch:
    def __init__(self, batch: _Batch, t: SyncTable, entries: list[Entry]) -> None:
        self.b, self.t, self.entries = batch, t, entries
        self.conn = batch.p.conn
        self.names = t.names
        self.deleted_at = len(t.names) + 3
        self.state: dict[str, list[Any]] = {}
        self.clocks: dict[str, dict[str, str]] = {}
        self.changed: set[str] = set()

    def apply(self) -> None:
        t = self.t
        ids = sorted({e.row_id for e in self.entries})
        for row in self.conn.execute(
                f"SELECT {select_list(t)} FROM {t.qualified} WHERE id = ANY (%s::uuid[]) "
                f"ORDER BY id FOR UPDATE", (ids,)):
            self._keep(list(row))
        self._insert_new_rows()
        self._sort_out_missing()
        for e in self.entries:
            if e.row_id in self.state and not self._settled(e):
                self._merge(e)
        self._write()

    def _keep(self, row: list[Any]) -> None:
        self.state[row[0]] = row
        self.clocks[row[0]] = json.loads(row[-1] or "{}")

    # --- rows that are not on the server (as far as I can see) ------------------------------
    def _insert_new_rows(self) -> None:
        t, b = self.t, self.b
        fresh: list[tuple[Entry, list[Any]]] = []
        for e in self.entries:
            if e.field != "*" or e.row_id in self.state:
                continue
            owner = e.value.get("owner_id")
            if not self.b.p.is_member(owner):
                b.mark(e, "held")
                b.held_rows.add((t.name, e.row_id))
            elif owner not in b.p.mine:
                self._deny(e, None)
            else:
                born = tag_time(e.tag)
                values = [e.value.get(f.name, f.default) for f in t.fields]
                deleted = int(bool(e.value.get(DELETED_FIELD)))
                fresh.append((e, [e.row_id, *values, born, born, deleted, e.tag,
                                  json.dumps({"*": e.tag})]))
        if not fresh:
            return
        cols = merge.columns(t)
        params = ", ".join(["%s::uuid", *(f.param() for f in t.fields), "%s::timestamptz",
                            "%s::timestamptz", "%s::boolean", "%s", "%s::jsonb"])
        cur = self.conn.cursor()
        cur.executemany(
            f"INSERT INTO {t.qualified} ({', '.join(cols)}) VALUES ({params}) "
            f"ON CONFLICT (id) DO NOTHING RETURNING id::text",
            [self._server_params(row) for _, row in fresh], returning=True)
        inserted: set[str] = set()
        while True:
            inserted.update(r[0] for r in cur.fetchall())
            if not cur.nextset():
                break
        for e, row in fresh:
            if row[0] in inserted:
                self._keep(row)
                self.b.mark(e, "done")
            else:  # the id exists, but not for me: someone else's row now
                self._deny(e, None)

    def _sort_out_missing(self) -> None:
        t, b = self.t, self.b
        waiting = [e for e in self.entries if e.field != "*" and e.row_id not in self.state]
        if not waiting:
            return
        held = [e for e in waiting if (t.name, e.row_id) in b.held_rows]
        for e in held:
            b.mark(e, "held")
        rest = [e for e in waiting if (t.name, e.row_id) not in b.held_rows]
        if not rest:
            return
        exists = set(self.conn.execute(
            "SELECT app.existing_ids(%s, %s::uuid[])::text[]",
            (t.name, sorted({e.row_id for e in rest}))).fetchone()[0])
        for e in rest:
            if e.row_id in exists:
                self._deny(e, None)
            else:  # cleaned up on the server long after it was deleted
                b.local_conflicts.append(Conflict(
                    t.name, e.row_id, e.field, e.tag, "edit_on_deleted_row", e.value, True,
                    None, e.owner_id or ""))
                b.mark(e, "denied")
                b.reset[(t.name, e.row_id)] = None

    def _deny(self, e: Entry, server_row: list[Any] | None) -> None:
        value = e.value
        self.b.local_conflicts.append(Conflict(
            self.t.name, e.row_id, e.field, e.tag, "denied", value, None, None,
            (value.get("owner_id") if e.field == "*" else e.owner_id) or ""))
        self.b.mark(e, "denied")
        self.b.reset[(self.t.name, e.row_id)] = server_row

    def _settled(self, e: Entry) -> bool:
        return e.seq in self.b.settled

    # --- merging one entry ------------------------------------------------------------------
    def _merge(self, e: Entry) -> None:
        row, clk = self.state[e.row_id], self.clocks[e.row_id]
        if e.field == "*":
            if clk.get("*") == e.tag:
                self.b.mark(e, "done")  # pushed before; the reply was lost
                return
            fields = [f for f in (*self.names, DELETED_FIELD) if f in e.value]
            outcomes = [self._field(e, row, clk, f, e.value[f], None) for f in fields]
        else:
            outcomes = [self._field(e, row, clk, e.field, e.value, e.base)]
        if "denied" in outcomes:
            self._deny(e, row)
        elif "held" in outcomes:
            self.b.mark(e, "held")
        else:
            self.b.mark(e, "done")

    def _field(self, e: Entry, row: list[Any], clk: dict[str, str], name: str, value: Any,
               base: str | None) -> str:
        default = clk.get("*", "")
        cur = clk.get(name, default)
        at = self.deleted_at if name == DELETED_FIELD else self.names.index(name) + 1
        owner_at = self.names.index("owner_id") + 1
        if e.tag == cur:
            return "dup"
        if e.tag < cur:
            self._log(e.row_id, name, e.tag, "rejected", value, row[at], cur, row[owner_at])
            return "rejected"
        if name == "owner_id" and value not in self.b.p.mine:
            return "denied" if self.b.p.is_member(value) else "held"
        old = row[at]
        row[at] = int(bool(value)) if name == DELETED_FIELD else value
        clk[name] = e.tag
        row[-2] = max(row[-2] or "", e.tag)
        self.changed.add(e.row_id)
        owner = row[owner_at]
        if base != cur:
            self._log(e.row_id, name, cur, "overwritten", old, value, e.tag, owner)
        if name != DELETED_FIELD and row[self.deleted_at]:
            self._log(e.row_id, name, e.tag, "edit_on_deleted_row", value, True,
                      clk.get(DELETED_FIELD, default), owner)
        if name == DELETED_FIELD and value and e.row_base:
            for i, other in enumerate(self.names, start=1):
                seen = clk.get(other, default)
                if seen > e.row_base and seen != e.tag:
                    self._log(e.row_id, other, seen, "edit_hidden_by_delete", row[i], True,
                              e.tag, owner)
        return "applied"

    def _log(self, row_id: str, name: str, lost_tag: str, kind: str, lost: Any, won: Any,
             won_tag: str | None, owner: str) -> None:
        self.b.conflicts.append(Conflict(self.t.name, row_id, name, lost_tag, kind, lost, won,
                                         won_tag, owner))

    # --- writing back -----------------------------------------------------------------------
    def _server_params(self, row: list[Any]) -> list[Any]:
        n = len(self.t.fields)
        return [row[0], *(f.to_server(v) for f, v in zip(self.t.fields, row[1:n + 1],
                                                          strict=True)),
                row[n + 1], row[n + 2], bool(row[n + 3]), row[n + 4], row[n + 5]]

    def _write(self) -> None:
        if not self.changed:
            return
        t = self.t
        sets = ", ".join([*(f"{f.name} = {f.param()}" for f in t.fields),
                          "updated_at = %s::timestamptz", "deleted = %s::boolean", "hlc = %s",
                          "clk = %s::jsonb"])
        params = []
        for row_id in sorted(self.changed):
            row = self.state[row_id]
            row[-1] = json.dumps(self.clocks[row_id], separators=(",", ":"))
            row[len(t.names) + 2] = tag_time(row[-2])
            values = self._server_params(row)
            params.append([*values[1:len(t.fields) + 1], values[len(t.fields) + 2],
                           values[len(t.fields) + 3], values[-2], values[-1], row_id])
        self.conn.cursor().executemany(
            f"UPDATE {t.qualified} SET {sets} WHERE id = %s::uuid", params)
