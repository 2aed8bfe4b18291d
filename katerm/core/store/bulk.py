"""The write path's bulk entry for new rows: :func:`insert_rows`.

It does what :func:`katerm.core.store.apply` does for new rows (``Change(..., new=True)``),
with the same result in the file: each row stamped (``created_at``, ``updated_at``, a fresh
clock tag in ``hlc`` and ``clk = {"*": tag}``), the table's defaults for the fields not
given, the owner defaulting to the actor, values stored as :func:`to_db` gives them, and one
compact ``*`` outbox entry per row (a new row pushes whole; no entry per field). The device's
clock is saved in the same transaction.

What it saves is the per-row Python work of the general path: callers that make many rows
of the same shape (the demo: 100,000 accounts and everything around them) give plain dicts,
and the checks (unknown columns, required fields) run once per shape of row, not per row;
each row's values are taken out in column order by one C call and converted only where a
value is not already a plain SQLite value.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from katerm.core.store import changes as hooks
from katerm.core.store.tables import TableInfo, new_ids, table_info
from katerm.core.store.values import to_db

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

_PLAIN = frozenset({str, int, float, type(None)})
_SYNC = ("id", "created_at", "updated_at", "hlc", "clk", "deleted")


class _Shape:
    """How rows with one set of keys become parameter tuples (worked out once per set)."""

    __slots__ = ("columns", "get", "has_deleted", "has_id", "owner_at", "sql", "tail")

    def __init__(self, info: TableInfo, keys: tuple[str, ...], actor_id: str) -> None:
        unknown = set(keys) - info.allowed
        if unknown:
            raise ValueError(f"{info.name}: unknown columns {sorted(unknown)}")
        missing = info.required - set(keys)
        if missing:
            raise ValueError(f"{info.name}: missing required {sorted(missing)}")
        given = tuple(k for k in keys if k not in ("id", "deleted"))
        rest = tuple(f for f in info.fields if f not in given)
        defaults = {f: info.defaults.get(f) for f in rest}
        if "owner_id" in defaults:
            defaults["owner_id"] = actor_id
        self.has_id = "id" in keys
        self.has_deleted = "deleted" in keys
        self.columns = (*_SYNC, *given, *rest)
        self.owner_at = self.columns.index("owner_id")
        self.sql = (
            f"INSERT INTO {info.name} ({', '.join(self.columns)}) "
            f"VALUES ({', '.join('?' * len(self.columns))})"
        )
        # The given fields' values in ``given`` order, taken out of a row by one C call.
        self.get: Any = (
            itemgetter(*given) if len(given) > 1 else lambda row: tuple(row[k] for k in given)
        )
        tail = tuple(defaults[f] for f in rest)
        self.tail = tail if _PLAIN.issuperset(map(type, tail)) else tuple(map(to_db, tail))


def insert_rows(
    conn: Connection, table: str, rows: Iterable[dict[str, Any]], *, actor_id: str
) -> list[str]:
    """Insert new rows of a synced table in the caller's write transaction, in order; returns
    their ids. A row without ``id`` gets a new one; ``owner_id`` defaults to ``actor_id``.
    Unknown columns or a missing required field raise ``ValueError`` (a bug) before anything
    is written."""
    from katerm.core.store.write import _load_clock, _save_clock, workspace_clock

    info = table_info(table)
    batch = rows if isinstance(rows, list) else list(rows)
    if not batch:
        return []
    time = workspace_clock(conn)
    now, now_ms = time.now_text(), time.now_ms()
    shapes: dict[tuple[str, ...], _Shape] = {}
    prepared: list[tuple[_Shape, tuple[Any, ...], int]] = []
    ids: list[Any] = []
    for row in batch:
        keys = tuple(row)
        shape = shapes.get(keys)
        if shape is None:
            shape = shapes[keys] = _Shape(info, keys, actor_id)
        values = shape.get(row)
        if not _PLAIN.issuperset(map(type, values)):
            values = tuple([v if type(v) in _PLAIN else to_db(v) for v in values])
        ids.append(row["id"] if shape.has_id else None)
        prepared.append((shape, values, 1 if shape.has_deleted and row["deleted"] else 0))
    fresh = iter(new_ids(sum(1 for i in ids if not i)))
    ids = [i or next(fresh) for i in ids]
    clock = _load_clock(conn)
    tags = clock.ticks(now_ms, len(batch))
    row_check = hooks.ROW_CHECK
    outbox = []
    run: list[tuple[Any, ...]] = []  # consecutive rows of one shape: one executemany
    last: _Shape | None = None
    for (shape, values, deleted), row_id, tag in zip(prepared, ids, tags, strict=True):
        full = (row_id, now, now, tag, f'{{"*": "{tag}"}}', deleted, *values, *shape.tail)
        if row_check is not None:
            row_check(info.name, dict(zip(shape.columns[6:], full[6:], strict=True)))
        if shape is not last and run:
            assert last is not None
            conn.exec_driver_sql(last.sql, run)
            run = []
        last = shape
        run.append(full)
        outbox.append((info.name, row_id, full[shape.owner_at], tag))
    assert last is not None
    conn.exec_driver_sql(last.sql, run)
    conn.exec_driver_sql(
        "INSERT INTO outbox (tbl, row_id, owner_id, field, tag) VALUES (?, ?, ?, '*', ?)", outbox
    )
    _save_clock(conn, clock)
    return ids


__all__ = ["insert_rows"]
