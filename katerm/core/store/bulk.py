"""The write path's bulk entries for new rows: :func:`insert_rows` and
:func:`insert_new_rows`.

It does what :func:`katerm.core.store.apply` does for new rows (``Change(..., new=True)``),
with the same result in the file: each row stamped (``created_at``, ``updated_at``, a fresh
clock tag in ``hlc`` and ``clk = {"*": tag}``), the table's defaults for the fields not
given, the owner defaulting to the actor, values stored as :func:`to_db` gives them, and one
compact ``*`` outbox entry per row (a new row pushes whole; no entry per field). The device's
clock is saved in the same transaction.

What it saves is the per-row Python work of the general path: callers that make many rows
(the demo: 100,000 accounts and everything around them) give plain dicts; the checks
(unknown columns, required fields) run once per set of keys, not per row; each row's values
are laid over the defaults and taken out in column order by C calls, and converted only
where a value is not already a plain SQLite value. All rows go in by one statement.

:func:`insert_new_rows` takes rows already checked and laid out as tuples in a column order
the caller gives (an import's new records): no dict and no change object per row; the
stamps, clock tags, new ids, defaults and outbox entries are added here, as above.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from katerm.core.store import changes as hooks
from katerm.core.store.tables import TableInfo, new_ids, table_info
from katerm.core.store.values import to_db

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def _check_keys(info: TableInfo, keys: tuple[str, ...]) -> None:
    unknown = set(keys) - info.allowed
    if unknown:
        raise ValueError(f"{info.name}: unknown columns {sorted(unknown)}")
    missing = info.required - set(keys)
    if missing:
        raise ValueError(f"{info.name}: missing required {sorted(missing)}")


def insert_rows(
    conn: Connection, table: str, rows: Iterable[dict[str, Any]], *, actor_id: str
) -> list[str]:
    """Insert new rows of a synced table in the caller's write transaction, in order; returns
    their ids. A row without ``id`` gets a new one; ``owner_id`` defaults to ``actor_id``.
    Unknown columns or a missing required field raise ``ValueError`` (a bug) before anything
    is written."""
    from katerm.core.store.newrows import write_new_rows
    from katerm.core.store.write import _PLAIN, _load_clock, _save_clock, workspace_clock

    info = table_info(table)
    batch = rows if isinstance(rows, list) else list(rows)
    if not batch:
        return []
    time = workspace_clock(conn)
    # Every field with its default, a row's own values laid over it: one statement for all.
    template = {f: info.defaults.get(f) for f in info.fields}
    template["owner_id"] = actor_id
    if not _PLAIN.issuperset(map(type, template.values())):
        template = {k: to_db(v) for k, v in template.items()}
    fields = itemgetter(*info.fields)
    checked: set[tuple[str, ...]] = set()  # the sets of keys seen (rows come in few shapes)
    prepared: list[tuple[Any, int, tuple[Any, ...]]] = []
    for row in batch:
        keys = tuple(row)
        if keys not in checked:
            _check_keys(info, keys)
            checked.add(keys)
        values = fields({**template, **row})
        if not _PLAIN.issuperset(map(type, values)):
            values = tuple([v if type(v) in _PLAIN else to_db(v) for v in values])
        prepared.append((row.get("id"), 1 if row.get("deleted") else 0, values))
    fresh = iter(new_ids(sum(1 for p in prepared if not p[0])))
    clock = _load_clock(conn)
    ids = write_new_rows(
        conn,
        info,
        [(row_id or next(fresh), deleted, values) for row_id, deleted, values in prepared],
        clock,
        time,
    )
    _save_clock(conn, clock)
    return ids


# A new row as :func:`insert_new_rows` takes it: its id (None: a new one), then the values of
# the given columns, in their order.
ReadyRow = tuple[str | None, tuple[Any, ...]]


def insert_new_rows(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[ReadyRow],
    *,
    actor_id: str,
) -> list[str]:
    """Insert new rows already checked and laid out as ``columns`` (fields of the table), in
    the caller's write transaction, in order; returns their ids.

    The same rows, stamps, clock tags and outbox entries as :func:`katerm.core.store.apply`
    with ``Change(row_id, dict(zip(columns, values)), new=True)`` for each row, without a
    dict or a change object per row: fields not in ``columns`` get the table's default
    (``owner_id`` the actor), values that are not plain SQLite values go through
    :func:`to_db`, a row without an id gets a new one, and the clock is saved. An unknown
    column or a required field missing from ``columns`` raises ``ValueError`` (a bug)
    before anything is written.
    """
    from katerm.core.store.newrows import pick_fields, stamp_and_insert
    from katerm.core.store.write import _PLAIN, _load_clock, _save_clock, workspace_clock

    info = table_info(table)
    batch = rows if isinstance(rows, list) else list(rows)
    if not batch:
        return []
    given = tuple(columns)
    unknown = set(given) - set(info.fields)
    if unknown or len(set(given)) != len(given):
        raise ValueError(f"{table}: unknown or repeated columns {sorted(unknown) or given}")
    missing = info.required - set(given)
    if missing:
        raise ValueError(f"{table}: missing required {sorted(missing)}")
    # One look at every value's type for the whole batch, in C (an import gives plain ones).
    if not _PLAIN.issuperset(map(type, chain.from_iterable(v for _, v in batch))):
        batch = [
            (row_id, tuple([v if type(v) in _PLAIN else to_db(v) for v in values]))
            for row_id, values in batch
        ]
    # The fields the rows leave out: each one's default, the same for every row.
    rest = {f: actor_id if f == "owner_id" else info.defaults.get(f) for f in info.fields}
    for name in given:
        del rest[name]
    rest = {k: v if type(v) in _PLAIN else to_db(v) for k, v in rest.items()}
    fresh = iter(new_ids(sum(1 for row_id, _ in batch if not row_id)))
    ids = [row_id or next(fresh) for row_id, _ in batch]
    if hooks.ROW_CHECK is not None:
        for _, values in batch:
            hooks.ROW_CHECK(info.name, {**rest, **dict(zip(given, values, strict=True))})
    if "owner_id" in given:
        owners: list[Any] = list(map(itemgetter(given.index("owner_id")), (v for _, v in batch)))
    else:
        owners = [rest["owner_id"]] * len(batch)
    # As write_new_rows does: the fields left NULL in every row stay out of the statement.
    empty = _plain_null(conn, info, given, batch, rest)
    tail_names = [f for f in rest if f not in empty]
    names = [name for name in given if name not in empty]
    if len(names) == len(given):
        laid: list[tuple[Any, ...]] = [v for _, v in batch]
    else:
        pick = pick_fields([i for i, name in enumerate(given) if name not in empty])
        laid = [pick(v) for _, v in batch]
    clock = _load_clock(conn)
    stamp_and_insert(
        conn,
        info.name,
        [*names, *tail_names],
        ids,
        laid,
        owners,
        clock,
        workspace_clock(conn),
        tail=tuple(rest[f] for f in tail_names),
    )
    _save_clock(conn, clock)
    return ids


def _plain_null(
    conn: Connection,
    info: TableInfo,
    given: tuple[str, ...],
    batch: Sequence[ReadyRow],
    rest: dict[str, Any],
) -> set[str]:
    """The fields :func:`insert_new_rows` leaves out of its statement: NULL in every row (a
    big batch's given fields, always the defaults) and without an SQL default, so SQLite
    stores NULL itself (as ``newrows`` does)."""
    empty = {f for f, v in rest.items() if v is None}
    from katerm.core.store.newrows import SPARSE_FROM, plain_null_fields

    if len(batch) >= SPARSE_FROM:
        rows = [values for _, values in batch]
        # Only a field NULL in the first row can be NULL in all of them.
        for index, value in enumerate(rows[0]):
            if value is None and set(map(itemgetter(index), rows)) == {None}:
                empty.add(given[index])
    if not empty:
        return empty
    return empty & plain_null_fields(conn, info.name)


# Below this many new rows, or when the table already holds more rows than come in, the
# indexes are kept: updating them row by row is then cheaper than building them again.
REBUILD_FLOOR = 5_000


def _rebuild_pays(conn: Connection, table: str, adding: int) -> bool:
    if adding < REBUILD_FLOOR:
        return False
    held = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0
    return adding > held


# A partial index of the rows where one field is set: "... WHERE closed_on IS NOT NULL".
_SET_ONLY = re.compile(r"\sWHERE\s+\"?(\w+)\"?\s+IS\s+NOT\s+NULL\s*$", re.IGNORECASE)


def set_indexes_aside(
    conn: Connection, adding: dict[str, int], unset: Mapping[str, Collection[str]] | None = None
) -> list[tuple[str, str]]:
    """Drop the plain indexes of each table in ``adding`` that the rule of
    :func:`indexes_set_aside` picks; returns each dropped index's name and stored SQL, for
    :func:`put_indexes_back`. For a caller whose load spans several transactions of a file
    that is thrown away if the load fails (the demo's scratch file); everyone else uses
    :func:`indexes_set_aside`, which puts them back in the same transaction."""
    tables = [t for t, n in adding.items() if _rebuild_pays(conn, t, n)]
    kept: list[tuple[str, str]] = []
    for table in tables:
        empty = _left_empty(table, (unset or {}).get(table, ()))
        kept += [
            (name, sql)
            for name, sql in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
                (table,),
            )
            if not ((found := _SET_ONLY.search(sql)) and found.group(1) in empty)
        ]
    for name, _sql in kept:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return kept


def _left_empty(table: str, unset: Collection[str]) -> set[str]:
    """Of the fields no new row sets, those the new rows then leave NULL (no default)."""
    if not unset:
        return set()
    defaults = table_info(table).defaults
    return {f for f in unset if defaults.get(f) is None}


def put_indexes_back(conn: Connection, kept: list[tuple[str, str]]) -> None:
    """Create again, from their own stored SQL, the indexes :func:`set_indexes_aside` gave."""
    for _name, sql in kept:
        conn.exec_driver_sql(sql)


@contextmanager
def indexes_set_aside(
    conn: Connection, adding: dict[str, int], unset: Mapping[str, Collection[str]] | None = None
) -> Iterator[list[str]]:
    """Inside the caller's write transaction, drop the secondary indexes of each table about
    to receive many new rows (``adding``: table -> how many), and create them again, from
    their own stored SQL, when the block ends: building an index once over the finished
    table sorts once, where 100,000 inserts each update every index's B-tree.

    Only plain (non-unique) indexes are set aside: unique ones keep checking every row as it
    goes in. A table gets the treatment only when the new rows are at least
    ``REBUILD_FLOOR`` and more than the rows it holds. The schema's one source is the file's
    own ``sqlite_master``, so the indexes come back exactly as the migrations made them; if
    the block raises, nothing is created again and the caller's rollback brings the dropped
    indexes back with the data. Yields the names of the indexes set aside.

    ``unset`` names, per table, fields none of the new rows sets (a file without those
    columns): a partial index of the rows where such a field is set (``WHERE closed_on IS
    NOT NULL``) stays, since no new row enters it, where building it again would read the
    whole table once more for nothing."""
    kept = set_indexes_aside(conn, adding, unset)
    yield [name for name, _sql in kept]
    put_indexes_back(conn, kept)


__all__ = [
    "REBUILD_FLOOR",
    "ReadyRow",
    "indexes_set_aside",
    "insert_new_rows",
    "insert_rows",
    "put_indexes_back",
    "set_indexes_aside",
]
