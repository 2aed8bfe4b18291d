"""Pushing one table's entries of a batch: lock the server's rows, merge each entry by SYNC.md's
rules (see :mod:`katerm.core.sync.push`), write the rows back."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from katerm.core.store import DELETED_FIELD
from katerm.core.sync import merge
from katerm.core.sync.entries import Conflict, Entry
from katerm.core.sync.schema import SyncTable, select_list, tag_time

if TYPE_CHECKING:
    from katerm.core.sync.push import _Batch


class TableBatch:
    """One table's entries of a batch: its rows locked, each entry merged by SYNC.md's rules,
    then the rows written back."""

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
            f"ORDER BY id FOR UPDATE",
            (ids,),
        ):
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
                fresh.append(
                    (e, [e.row_id, *values, born, born, deleted, e.tag, json.dumps({"*": e.tag})])
                )
        if not fresh:
            return
        cols = merge.columns(t)
        params = ", ".join(
            [
                "%s::uuid",
                *(f.param() for f in t.fields),
                "%s::timestamptz",
                "%s::timestamptz",
                "%s::boolean",
                "%s",
                "%s::jsonb",
            ]
        )
        cur = self.conn.cursor()
        cur.executemany(
            f"INSERT INTO {t.qualified} ({', '.join(cols)}) VALUES ({params}) "
            f"ON CONFLICT (id) DO NOTHING RETURNING id::text",
            [self._server_params(row) for _, row in fresh],
            returning=True,
        )
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
        exists = set(
            self.conn.execute(
                "SELECT app.existing_ids(%s, %s::uuid[])::text[]",
                (t.name, sorted({e.row_id for e in rest})),
            ).fetchone()[0]
        )
        for e in rest:
            if e.row_id in exists:
                self._deny(e, None)
            else:  # cleaned up on the server long after it was deleted
                b.local_conflicts.append(
                    Conflict(
                        t.name,
                        e.row_id,
                        e.field,
                        e.tag,
                        "edit_on_deleted_row",
                        e.value,
                        True,
                        None,
                        e.owner_id or "",
                    )
                )
                b.mark(e, "denied")
                b.reset[(t.name, e.row_id)] = None

    def _deny(self, e: Entry, server_row: list[Any] | None) -> None:
        value = e.value
        self.b.local_conflicts.append(
            Conflict(
                self.t.name,
                e.row_id,
                e.field,
                e.tag,
                "denied",
                value,
                None,
                None,
                (value.get("owner_id") if e.field == "*" else e.owner_id) or "",
            )
        )
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

    def _field(
        self, e: Entry, row: list[Any], clk: dict[str, str], name: str, value: Any, base: str | None
    ) -> str:
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
            self._log(
                e.row_id,
                name,
                e.tag,
                "edit_on_deleted_row",
                value,
                True,
                clk.get(DELETED_FIELD, default),
                owner,
            )
        if name == DELETED_FIELD and value and e.row_base:
            for i, other in enumerate(self.names, start=1):
                seen = clk.get(other, default)
                if seen > e.row_base and seen != e.tag:
                    self._log(
                        e.row_id, other, seen, "edit_hidden_by_delete", row[i], True, e.tag, owner
                    )
        return "applied"

    def _log(
        self,
        row_id: str,
        name: str,
        lost_tag: str,
        kind: str,
        lost: Any,
        won: Any,
        won_tag: str | None,
        owner: str,
    ) -> None:
        self.b.conflicts.append(
            Conflict(self.t.name, row_id, name, lost_tag, kind, lost, won, won_tag, owner)
        )

    # --- writing back -----------------------------------------------------------------------
    def _server_params(self, row: list[Any]) -> list[Any]:
        n = len(self.t.fields)
        return [
            row[0],
            *(f.to_server(v) for f, v in zip(self.t.fields, row[1 : n + 1], strict=True)),
            row[n + 1],
            row[n + 2],
            bool(row[n + 3]),
            row[n + 4],
            row[n + 5],
        ]

    def _write(self) -> None:
        if not self.changed:
            return
        t = self.t
        sets = ", ".join(
            [
                *(f"{f.name} = {f.param()}" for f in t.fields),
                "updated_at = %s::timestamptz",
                "deleted = %s::boolean",
                "hlc = %s",
                "clk = %s::jsonb",
            ]
        )
        params = []
        for row_id in sorted(self.changed):
            row = self.state[row_id]
            row[-1] = json.dumps(self.clocks[row_id], separators=(",", ":"))
            row[len(t.names) + 2] = tag_time(row[-2])
            values = self._server_params(row)
            params.append(
                [
                    *values[1 : len(t.fields) + 1],
                    values[len(t.fields) + 2],
                    values[len(t.fields) + 3],
                    values[-2],
                    values[-1],
                    row_id,
                ]
            )
        self.conn.cursor().executemany(
            f"UPDATE {t.qualified} SET {sets} WHERE id = %s::uuid", params
        )
