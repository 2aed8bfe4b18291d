"""What the outbox's compact entries stand for: the values a push sends, read from the rows.

An outbox entry (``katerm.core.store.apply``) names a row, a field (``*`` for a new row) and
the tags; its ``value`` is NULL, which means "the row's value when it is pushed". Here:

* :func:`fill`: the push reads, per batch, the rows its entries name and gives each entry its
  value (every field of the row for ``*``, the tombstone as a boolean for ``_deleted``);
* :func:`keep`: before a pull (or a push's read-back) overwrites, parks or removes local rows,
  their waiting entries get the row's value written into them, so a local edit that the
  server's newer value beats here still reaches the server, loses there and is written to
  the conflict log (SYNC.md), as when every entry carried its value.

Entries made before the compact outbox (and kept ones) carry their value as JSON and push it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from katerm.core.store import DELETED_FIELD
from katerm.core.sync.schema import SyncTable, table_named

_CHUNK = 500
# seq, tbl, row_id, owner_id, field, value (JSON or NULL), tag, base_tag, row_base
Raw = Sequence[Any]


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _rows(db: Any, t: SyncTable, ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
    """Row id -> (deleted, *fields) of the rows of ``t`` among ``ids`` that are here."""
    out: dict[str, tuple[Any, ...]] = {}
    select = ", ".join(("id", "deleted", *t.names))
    for chunk in _chunks(sorted(set(ids))):
        marks = ", ".join("?" * len(chunk))
        for row in db.execute(f"SELECT {select} FROM {t.name} WHERE id IN ({marks})", chunk):
            out[row[0]] = tuple(row[1:])
    return out


def value_of(t: SyncTable, row: tuple[Any, ...], field: str) -> Any:
    """What an entry for ``field`` sends, from the row as stored (``_rows``' form)."""
    if field == "*":
        value = dict(zip(t.names, row[1:], strict=True))
        if row[0]:
            value[DELETED_FIELD] = True
        return value
    if field == DELETED_FIELD:
        return bool(row[0])
    try:
        return row[t.names.index(field) + 1]
    except ValueError:  # a field this version no longer has: the server says no
        return None


def fill(db: Any, entries: Sequence[Raw]) -> tuple[list[list[Any]], list[Raw]]:
    """(entries with their value decoded or read from the row, entries whose row is gone).

    An entry of a table this version does not sync keeps ``None`` (the push holds it)."""
    compact: dict[str, list[str]] = {}
    for e in entries:
        if e[5] is None:
            compact.setdefault(e[1], []).append(e[2])
    found: dict[str, dict[str, tuple[Any, ...]]] = {}
    for tbl, ids in compact.items():
        t = table_named(tbl)
        if t is not None:
            found[tbl] = _rows(db, t, ids)
    out: list[list[Any]] = []
    gone: list[Raw] = []
    for e in entries:
        entry = list(e)
        if e[5] is not None:
            entry[5] = json.loads(e[5])
        elif e[1] in found:
            row = found[e[1]].get(e[2])
            if row is None:
                gone.append(e)
                continue
            t = table_named(e[1])
            assert t is not None
            entry[5] = value_of(t, row, e[4])
        out.append(entry)
    return out, gone


def keep(db: Any, t: SyncTable, ids: Sequence[str], *, new_rows: bool = False) -> None:
    """Write the rows' current values into their waiting compact entries (before the rows
    are overwritten, parked or removed). One indexed look-up per 500 rows when none wait,
    which is the usual case.

    A new row's ``*`` entry is only looked for with ``new_rows`` (rows parked or purged: a
    row made here and never pushed may be among them); it is found by a scan (the index by
    row covers field entries). A row the server sends over one of ours was pushed already,
    so its ``*`` entry, if still here, finds its own tag on the server and needs no value."""
    waiting: list[tuple[int, str, str]] = []
    for chunk in _chunks(list(ids)):
        marks = ", ".join("?" * len(chunk))
        waiting += db.execute(
            f"SELECT seq, row_id, field FROM outbox WHERE tbl = ? AND row_id IN ({marks}) "
            "AND field != '*' AND value IS NULL",
            (t.name, *chunk),
        ).fetchall()
    if new_rows and ids:
        wanted = set(ids)
        waiting += [
            w
            for w in db.execute(
                "SELECT seq, row_id, field FROM outbox WHERE field = '*' AND tbl = ? "
                "AND value IS NULL",
                (t.name,),
            )
            if w[1] in wanted
        ]
    if not waiting:
        return
    rows = _rows(db, t, (w[1] for w in waiting))
    db.executemany(
        "UPDATE outbox SET value = ? WHERE seq = ?",
        [
            (json.dumps(value_of(t, rows[row_id], field), ensure_ascii=False), seq)
            for seq, row_id, field in waiting
            if row_id in rows
        ],
    )
