"""Pushing the outbox through the server's one write path, ``app.push`` (``server_push``).

Batches of outbox entries, in ``seq`` order and never splitting a row's entries (the server
checks each row as a whole), each go in one call of ``app.push`` in one server transaction:
the server checks who may write what, checks every value, merges field by field and writes
the conflict records. Only after the commit are the entries removed from the local outbox, by
``seq`` *and* tag (an entry the user edited meanwhile stays). A reply lost after the commit is
harmless: pushed again, an entry finds its own tag on the server and counts as a duplicate.

What the server answers, per entry:

* ``done`` / ``dup`` / ``rejected`` (a later edit won; the server logged the lost value): the
  entry leaves the outbox. When the server's row is not what this device has (a rejected
  value, a renamed account), the row is read back and merged.
* ``denied`` (the row is not the user's to change, or is gone) and ``refused`` (a value the
  server does not take, with the reason): the entry leaves the outbox, its value goes to the
  local conflict log, and the local row becomes the server's again (or goes, if the user may
  not see it).

An entry whose owner the server does not know (a login an import created offline) is *held*
here until the team has them, with the rows that link to it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from katerm.core import store
from katerm.core.store import DELETED_FIELD, Database, parse_tag
from katerm.core.sync import merge
from katerm.core.sync.entries import ClockAhead, Entry, PushResult
from katerm.core.sync.pending import fill
from katerm.core.sync.schema import TEAM_TABLE, SyncTable, synced_tables

BATCH = 500  # entries per server transaction: a cut-off push keeps what went through
MAX_AHEAD_MS = 5 * 60 * 1000
Progress = Callable[[str, int, int], None]


class Pusher:
    FUNCTION = "app.push"  # (benchmarks/bench_sync.py times an unchecked copy beside it)

    def __init__(
        self,
        db: Database,
        conn: Any,
        *,
        login: str,
        members: set[str],
        progress: Progress | None = None,
    ) -> None:
        self.db, self.conn, self.login = db, conn, login
        self.members = members  # ids the server has (me, below me, above me)
        self.progress = progress
        self.tables = {t.name: t for t in synced_tables()}
        self.result = PushResult()
        self.held_rows: set[tuple[str, str]] = set()
        self._taken: set[int] = set()  # seq of entries sent ahead of their turn
        # Members made on this computer (an import's new owner), not yet on the server; any
        # other owner the server does not show goes, and the server says no.
        with db.reading() as r:
            self.made_here = {i for (i,) in r.execute("SELECT id FROM users WHERE hlc != ''")}

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
            last, entries = self._next_batch(after)
            if last is None:
                break
            after = last
            if not entries:
                continue
            self._batch(entries)
            done += len(entries)
            if self.progress:
                self.progress("push", min(done, total), total)
        return self.result

    def _next_batch(self, after: int) -> tuple[int | None, list[Entry]]:
        """(where the next batch starts, the entries after ``after`` in ``seq`` order with
        every later entry of the same rows); None when the outbox is done. Entries taken
        early with their row are not taken again when their turn comes."""
        columns = "seq, tbl, row_id, owner_id, field, value, tag, base_tag, row_base"
        with self.db.reading() as r:
            rows = r.execute(
                f"SELECT {columns} FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?", (after, BATCH)
            ).fetchall()
            if not rows:
                return None, []
            last = rows[-1][0]
            rows = [row for row in rows if row[0] not in self._taken]
            # A row's "*" entry comes first (it was made with the row): the later ones are
            # field entries, which the index by row covers.
            for tbl, row_id in sorted({(row[1], row[2]) for row in rows}):
                rows += r.execute(
                    f"SELECT {columns} FROM outbox WHERE seq > ? AND tbl = ? "
                    "AND row_id = ? AND field != '*' ORDER BY seq",
                    (last, tbl, row_id),
                ).fetchall()
            # Compact entries get the row's value as it is now (``pending``).
            found, gone = fill(r, sorted(set(rows)))
        self._taken.update(row[0] for row in rows if row[0] > last)
        if gone:  # a row that is no longer here (nothing to send)
            with self.db.writing() as c:
                c.exec_driver_sql(
                    "DELETE FROM outbox WHERE seq = ? AND tag = ? AND value IS NULL",
                    [(g[0], g[6]) for g in gone],
                )
        return last, [Entry(*e) for e in found]

    def _check_clock(self, newest: str | None) -> None:
        server_ms = self.conn.execute(
            "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint"
        ).fetchone()[0]
        if newest and parse_tag(newest)[0] > server_ms + MAX_AHEAD_MS:
            minutes = (parse_tag(newest)[0] - server_ms) // 60000
            raise ClockAhead("sync.clock_ahead", hint="sync.clock_ahead_hint", minutes=minutes)

    def _held(self, e: Entry) -> bool:
        """Wait for the team: an owner the server does not know, or a link to a held row."""
        if (e.tbl, e.row_id) in self.held_rows:
            return True
        owner = e.owner
        if owner is not None and owner not in self.members and owner in self.made_here:
            return True
        t = self.tables.get(e.tbl)
        if t is None:
            return True
        values = e.value if e.field == "*" and isinstance(e.value, dict) else {e.field: e.value}
        return any(
            (f.ref, values.get(f.name)) in self.held_rows for f in t.links() if f.name in values
        )

    def _batch(self, entries: list[Entry]) -> None:
        from psycopg import errors
        from psycopg.types.json import Jsonb

        held, sending = [], []
        for e in entries:
            if self._held(e):
                held.append(e)
                self.held_rows.add((e.tbl, e.row_id))
            else:
                sending.append(e)
        self.result.held += len(held)
        self.result.held_owners.update(e.owner for e in held if e.owner)
        if not sending:
            return
        payload = Jsonb([self._payload(e) for e in sending])
        for attempt in range(4):
            try:
                with self.conn.transaction():
                    outcomes = self.conn.execute(
                        f"SELECT {self.FUNCTION}(%s)", (payload,)
                    ).fetchone()[0]
                break
            except (errors.DeadlockDetected, errors.SerializationFailure, errors.UniqueViolation):
                if attempt == 3:
                    raise
        self._settle(sending, outcomes)

    def _payload(self, e: Entry) -> dict[str, Any]:
        t = self.tables.get(e.tbl)
        return {
            "seq": e.seq,
            "tbl": e.tbl,
            "id": e.row_id,
            "field": e.field,
            "value": server_value(t, e.field, e.value) if t else e.value,
            "tag": e.tag,
            "base": e.base,
            "row_base": e.row_base,
        }

    # --- after the server committed ---------------------------------------------------------
    def _settle(self, sent: list[Entry], outcomes: list[dict[str, Any]]) -> None:
        by_seq = {e.seq: e for e in sent}
        gone: list[Entry] = []  # leave the outbox
        lost: list[tuple[Entry, str, str]] = []  # (entry, kind, reason) for the local log
        reread: set[tuple[str, str]] = set()
        reset: set[tuple[str, str]] = set()
        r = self.result
        for o in outcomes:
            e = by_seq.get(o.get("seq", -1))
            if e is None:
                continue
            gone.append(e)
            outcome = o.get("r")
            if outcome in ("done", "dup", "rejected"):
                r.pushed += 1
                if o.get("reread") or outcome == "rejected":
                    reread.add((e.tbl, e.row_id))
                continue
            why = str(o.get("why") or "")
            reason = f"{why}:{o.get('field') or ''}" if why else ""
            lost.append((e, "refused" if outcome == "refused" else "denied", reason))
            reset.add((e.tbl, e.row_id))
            if outcome == "refused":
                r.refused += 1
                r.reasons.append((e.tbl, str(o.get("field") or ""), why))
            else:
                r.denied += 1
        r.conflicts += len(lost)
        server_rows = self._read_back(reread | reset)
        with self.db.writing() as c:
            db = merge.raw(c)
            now = store.workspace_clock(c).now_text()
            db.executemany(
                "DELETE FROM outbox WHERE seq = ? AND tag = ?", [(e.seq, e.tag) for e in gone]
            )
            from katerm.core.sync.incoming import take_rows

            for tbl, row_id in sorted(reread | reset):
                t = self.tables[tbl]
                row = server_rows.get((tbl, row_id))
                if row is None:
                    merge.purge(db, t, [row_id])
                elif (tbl, row_id) in reset:
                    take_rows(db, t, [row], now=now, replace=True)
                else:
                    take_rows(db, t, [row], now=now)
            # After the rows: the user's own refused values stay in their log even when the
            # row they tried to change is not theirs to see.
            db.executemany(
                "INSERT OR IGNORE INTO conflict_log (tbl, row_id, field, lost_tag, kind, "
                "lost_value, won_value, won_tag, owner_id, detected_by, detected_at, "
                "acknowledged, reason) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, 0, ?)",
                [
                    (
                        e.tbl,
                        e.row_id,
                        e.field,
                        e.tag,
                        kind,
                        json.dumps(e.value, ensure_ascii=False),
                        e.owner or "",
                        self.login,
                        now[:19].replace("T", " "),
                        reason,
                    )
                    for e, kind, reason in lost
                ],
            )

    def _read_back(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[Any, ...]]:
        """The server's copy of these rows, as this member may see them (or nothing)."""
        from katerm.core.sync.schema import select_list

        out: dict[tuple[str, str], tuple[Any, ...]] = {}
        by_table: dict[str, list[str]] = {}
        for tbl, row_id in keys:
            by_table.setdefault(tbl, []).append(row_id)
        for tbl, ids in by_table.items():
            t = self.tables[tbl]
            for row in self.conn.execute(
                f"SELECT {select_list(t)} FROM {t.qualified} WHERE id = ANY (%s::uuid[])", (ids,)
            ):
                out[(tbl, row[0])] = tuple(row)
        return out


def server_value(t: SyncTable, name: str, value: Any) -> Any:
    """An outbox value as the server's JSON wants it (booleans as booleans, numbers as
    numbers); a value that cannot be converted goes as it is, and the server says why not."""
    if name == DELETED_FIELD:
        return bool(value) if isinstance(value, int | bool) else value
    if name == "*":
        if not isinstance(value, dict):
            return value
        return {k: server_value(t, k, v) for k, v in value.items()}
    try:
        f = t.field(name)
    except KeyError:
        return value
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN: the server refuses it with a reason
    try:
        if f.pg_type == "boolean":
            return bool(value) if isinstance(value, int | bool) else value
        if f.pg_type in ("double precision", "numeric") and isinstance(value, str):
            return float(value)
        if f.pg_type == "bigint" and isinstance(value, str):
            return int(value)
    except ValueError:
        return value
    if f.pg_type in ("uuid", "date", "timestamptz", "text", "jsonb") and not isinstance(value, str):
        return str(value)
    return value
