"""New rows into a table, as every entry of the write path writes them:
:func:`write_new_rows`, shared by :func:`katerm.core.store.apply` and
:func:`katerm.core.store.insert_rows`."""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from katerm.core.store import changes as hooks

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from katerm.core.clock import Clock
    from katerm.core.store.hlc import HybridClock
    from katerm.core.store.tables import TableInfo

# A new row as the writer takes it: its id, whether it is deleted, its fields' stored values
# in the table's field order.
NewRow = tuple[str, int, tuple[Any, ...]]
STAMPS = ("id", "created_at", "updated_at", "hlc", "clk", "deleted")


def write_new_rows(
    conn: Connection, info: TableInfo, rows: Sequence[NewRow], clock: HybridClock, time: Clock
) -> list[str]:
    """Stamp prepared new rows (times, a fresh clock tag each, ``clk = {"*": tag}``), insert
    them with one statement and give each one compact ``*`` outbox entry; returns their ids.
    Shared by :func:`apply` and the bulk entry :func:`katerm.core.store.bulk.insert_rows`;
    the caller saves the clock."""
    now, now_ms = time.now_text(), time.now_ms()
    row_check = hooks.ROW_CHECK
    owner_at = info.fields.index("owner_id")
    params: list[tuple[Any, ...]] = []
    outbox: list[tuple[Any, ...]] = []
    written = _written_fields(conn, info, rows)
    pick = itemgetter(*written) if len(written) < len(info.fields) else None
    for (row_id, deleted, values), tag in zip(rows, clock.ticks(now_ms, len(rows)), strict=True):
        if row_check is not None:
            row_check(info.name, dict(zip(info.fields, values, strict=True)))
        params.append(
            (
                row_id,
                now,
                now,
                tag,
                f'{{"*": "{tag}"}}',
                deleted,
                *(pick(values) if pick else values),
            )
        )
        outbox.append((info.name, row_id, values[owner_at], tag))
    columns = (*STAMPS, *(info.fields[i] for i in written))
    conn.exec_driver_sql(
        f"INSERT INTO {info.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        params,
    )
    conn.exec_driver_sql(
        "INSERT INTO outbox (tbl, row_id, owner_id, field, tag) VALUES (?, ?, ?, '*', ?)", outbox
    )
    return [row[0] for row in rows]


# From this many new rows on, the fields no row sets are left out of the statement.
SPARSE_FROM = 100


def _written_fields(conn: Connection, info: TableInfo, rows: Sequence[NewRow]) -> list[int]:
    """The positions of the fields the INSERT names: all of them, except, for a big batch,
    those that are NULL in every row and whose column has no SQL default, which SQLite then
    stores as NULL itself. The file is the same, and SQLite binds and copies fewer values:
    a third less of its time over a wide table (opportunities: 12 of 32 fields are empty in
    a typical import). Positions in the table's field order."""
    everything = list(range(len(info.fields)))
    if len(rows) < SPARSE_FROM:
        return everything
    by_field = zip(*(values for _, _, values in rows), strict=True)
    empty = {i for i, column in enumerate(by_field) if column.count(None) == len(rows)}
    if not empty:
        return everything
    plain_null = plain_null_fields(conn, info.name)
    return [i for i in everything if i not in empty or info.fields[i] not in plain_null]


def plain_null_fields(conn: Connection, table: str) -> set[str]:
    """The fields of ``table`` without an SQL default: left out of an INSERT, SQLite stores
    NULL in them. The default a column really has is the database's own (migrations may set
    one), so it is read from the database."""
    return {
        name
        for _, name, _, _, default, _ in conn.exec_driver_sql(f"PRAGMA table_info({table})")
        if default is None
    }
