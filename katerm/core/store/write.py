"""The write path: :func:`apply`, the one way rows change.

Each call runs inside the caller's write transaction (``Database.writing()``) and, for every
row it touches:

1. takes a new hybrid-logical-clock tag from this device's clock (saved in the same
   transaction);
2. writes the row: a new row gets ``clk = {"*": tag}``; an edited field gets ``clk[field]``;
   a delete is the tombstone field ``_deleted`` (rows are never removed);
3. records the change in the outbox for sync: one ``*`` entry for a new row, one entry per
   edited field carrying the tag the user saw (``base_tag``), coalesced into a still-pending
   entry for the same field so an offline day of edits pushes once. An entry names the row,
   the field and the tags, not the value: the push reads the row as it is then
   (``katerm.core.sync`` keeps a value only when a pull is about to overwrite it).

Single edits from a form and bulk imports take the same path; bulk work is batched with
``executemany`` on the driver, which keeps a 100,000-row import within a small factor of raw
SQLite.

Some edits are also logged elsewhere (an account's tier changes go to its tier history): a
feature registers an observer with :func:`observe` (``katerm.core.plugins`` lists them), and
:func:`apply` tells it about edits of the fields it watches, in the same transaction. Callers
say why they change rows with :class:`Why`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any

from katerm.core.errors import NotFound
from katerm.core.store import changes as hooks
from katerm.core.store.changes import OBSERVERS, ApplyResult, Change, Edit, Why
from katerm.core.store.db import CLOCK_KEY
from katerm.core.store.hlc import HybridClock
from katerm.core.store.newrows import NewRow, write_new_rows
from katerm.core.store.tables import TableInfo, new_ids, table_info
from katerm.core.store.values import DELETED_FIELD, to_db

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from katerm.core.clock import Clock

_CHUNK = 500
_json_clock = json.JSONEncoder(separators=(",", ":")).encode
# Values SQLite and JSON take as they are (anything else goes through to_db).
_PLAIN = frozenset({str, int, float, type(None)})


def workspace_clock(conn: Connection) -> Clock:
    """The clock of the workspace whose write transaction ``conn`` is (``Database.writing``)."""
    found = conn.info.get(CLOCK_KEY)
    if found is None:
        raise RuntimeError("this write connection carries no clock: open the database with one")
    return found


def _load_clock(conn: Connection) -> HybridClock:
    device, last = conn.exec_driver_sql("SELECT device_id, hlc FROM sync_state WHERE id = 1").one()
    return HybridClock.from_tag(device, last)


def _save_clock(conn: Connection, clock: HybridClock) -> None:
    conn.exec_driver_sql("UPDATE sync_state SET hlc = ? WHERE id = 1", (clock.last,))


def apply(
    conn: Connection,
    table: str,
    changes: Iterable[Change],
    *,
    actor_id: str,
    why: Why | None = None,
) -> ApplyResult:
    """Create or edit rows of a synced table, stamping clocks and filling the outbox.

    ``actor_id`` is the user making the change: new rows without an ``owner_id`` belong to
    them. Edits of a deleted row are refused (undelete first); unknown columns are a bug and
    raise ``ValueError``. Values equal to what is stored are skipped, so re-importing the same
    file changes nothing and queues nothing. ``why`` goes to the table's observer, if any
    (default: an ``edit`` with no reason).
    """
    info = table_info(table)
    allowed = info.allowed
    inserts: list[Change] = []
    updates: list[Change] = []
    for change in changes:
        if not allowed.issuperset(change.values):
            unknown = set(change.values) - allowed
            raise ValueError(f"{table}: unknown columns {sorted(unknown)}")
        (inserts if change.new else updates).append(change)
    clock = _load_clock(conn)
    time = workspace_clock(conn)
    result = ApplyResult()
    observer = OBSERVERS.get(table)
    observed: list[Edit] | None = [] if observer is not None else None
    if inserts:
        _insert(conn, info, inserts, clock, time, actor_id, result)
    if updates:
        _update(
            conn,
            info,
            updates,
            clock,
            time,
            result,
            observer[0] if observer is not None else frozenset(),
            observed,
        )
    if result.created or result.updated:
        _save_clock(conn, clock)
    if observed:
        # After the clock is saved: the observer writes through apply too.
        assert observer is not None
        observer[1](conn, observed, actor_id=actor_id, why=why or Why())
    return result


def _insert(
    conn: Connection,
    info: TableInfo,
    changes: Sequence[Change],
    clock: HybridClock,
    time: Clock,
    actor_id: str,
    result: ApplyResult,
) -> None:
    ids = new_ids(sum(1 for c in changes if not (c.row_id or c.values.get("id"))))
    fresh = iter(ids)
    rows: list[NewRow] = []
    # Every field in column order, with its default; a row's values are laid over a copy.
    template = {f: info.defaults.get(f) for f in info.fields}
    width = len(template)
    # The defaults are checked once; each row's own values are checked as given (a bulk
    # import gives plain values, so converting is the exception).
    plain_defaults = _PLAIN.issuperset(map(type, template.values()))
    # One look at every given value's type for the whole batch, in C; only a batch holding
    # some other type (a date, a flag) is then looked at row by row.
    all_plain = plain_defaults and _PLAIN.issuperset(
        map(type, chain.from_iterable(c.values.values() for c in changes))
    )
    required = info.required
    for change in changes:
        given = change.values
        row_id = change.row_id or given.get("id") or next(fresh)
        if not given.keys() >= required:
            missing = required - given.keys()
            raise ValueError(f"{info.name}: missing required {sorted(missing)}")
        full = template.copy()
        full.update(given)
        if len(full) != width:  # "id" and "deleted" are not fields
            full.pop("id", None)
            full.pop("deleted", None)
        if "owner_id" not in given:
            full["owner_id"] = actor_id
        if not (all_plain or (plain_defaults and _PLAIN.issuperset(map(type, given.values())))):
            full = {k: v if type(v) in _PLAIN else to_db(v) for k, v in full.items()}
        rows.append((row_id, 1 if given.get("deleted") else 0, tuple(full.values())))
    result.created.extend(write_new_rows(conn, info, rows, clock, time))


def _update(
    conn: Connection,
    info: TableInfo,
    changes: Sequence[Change],
    clock: HybridClock,
    time: Clock,
    result: ApplyResult,
    watched: frozenset[str] = frozenset(),
    observed: list[Edit] | None = None,
) -> None:
    """Edit rows, then write the touched rows and outbox entries with a few ``executemany``.

    Each change is compared with the row as the earlier changes of this call left it, so two
    edits of one row in one call behave like two calls (the second folds into the first's
    outbox entry). A row is written once, with every column this call changed in it.
    """
    now, now_ms = time.now_text(), time.now_ms()
    row_check = hooks.ROW_CHECK
    ids = [c.row_id for c in changes]
    if any(i is None for i in ids):
        raise ValueError(f"{info.name}: an edit needs a row id")
    columns = ("id", "owner_id", "clk", "deleted", *info.fields)
    current: dict[str, dict[str, Any]] = {}
    # (row id, field) -> the still-unpushed outbox entry: ("seq", seq) for one stored before
    # this call, ("new", index into ``inserts``) for one this call adds; plus its tag.
    pending: dict[tuple[str, str], tuple[str, int, str]] = {}
    read = _driver(conn)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for row in read.execute(
            f"SELECT {', '.join(columns)} FROM {info.name} WHERE id IN ({marks})", chunk
        ).fetchall():
            current[row[0]] = dict(zip(columns, row, strict=True))
        for seq, row_id, fld, tag in read.execute(
            f"SELECT seq, row_id, field, tag FROM outbox WHERE tbl = ? "
            f"AND row_id IN ({marks}) AND field != '*'",
            (info.name, *chunk),
        ).fetchall():
            pending[(row_id, fld)] = ("seq", seq, tag)
    clocks: dict[str, dict[str, str]] = {}
    touched: dict[str, tuple[str, set[str]]] = {}  # row id -> (newest tag, columns changed)
    inserts: list[list[Any]] = []
    folds: dict[int, tuple[str, str | None]] = {}  # seq -> (tag, owner)
    for change in changes:
        row_id = change.row_id
        assert row_id is not None
        old = current.get(row_id)
        if old is None:
            raise NotFound("errors.row_missing", table=info.name, id=row_id)
        edits: dict[str, Any] = {}
        for key, value in change.values.items():
            new_value = value if type(value) in _PLAIN else to_db(value)
            if key == "deleted":
                new_value = int(bool(new_value))
            if old[key] != new_value:
                edits[key] = new_value
        if not edits:
            result.unchanged.append(row_id)
            continue
        if old["deleted"] and edits.get("deleted", 1):
            raise NotFound("errors.row_deleted", table=info.name, id=row_id)
        clk = clocks.get(row_id)
        if clk is None:
            clk = clocks[row_id] = json.loads(old["clk"] or "{}")
        tag = clock.tick(now_ms)
        owner = edits.get("owner_id", old["owner_id"])
        default_tag = clk.get("*")
        # A delete or restore remembers the newest tag of the row the user saw, so the server
        # can log the edits the tombstone hides that the user never saw (SYNC.md).
        row_base = max(clk.values(), default=None) if "deleted" in edits else None
        for column in edits:
            name = DELETED_FIELD if column == "deleted" else column
            base = clk.get(name, default_tag)
            clk[name] = tag
            waiting = pending.get((row_id, name))
            if waiting is not None and waiting[2] == base:
                # Still unpushed: fold into it, keeping the base the server must compare with.
                where, index, _ = waiting
                if where == "seq":
                    folds[index] = (tag, owner)
                else:
                    entry = inserts[index]  # [tbl, row_id, owner, field, tag, base, …]
                    entry[2], entry[4] = owner, tag
                pending[(row_id, name)] = (where, index, tag)
            else:
                pending[(row_id, name)] = ("new", len(inserts), tag)
                inserts.append(
                    [
                        info.name,
                        row_id,
                        owner,
                        name,
                        tag,
                        base,
                        row_base if name == DELETED_FIELD else None,
                    ]
                )
        if observed is not None and not watched.isdisjoint(edits):
            before = {k: v for k, v in old.items() if k not in ("clk", "deleted")}
            observed.append((row_id, before, {**before, **edits}))
        old.update(edits)
        if row_check is not None:
            row_check(info.name, old)
        changed = touched[row_id][1] if row_id in touched else set()
        changed.update(edits)
        touched[row_id] = (tag, changed)
        result.updated.append(row_id)
    if folds:
        conn.exec_driver_sql(
            # value = NULL: an entry from before the compact outbox pushes the row's value now.
            "UPDATE outbox SET value = NULL, tag = ?, owner_id = ? WHERE seq = ?",
            [(*entry, seq) for seq, entry in folds.items()],
        )
    if inserts:
        conn.exec_driver_sql(
            "INSERT INTO outbox (tbl, row_id, owner_id, field, tag, base_tag, row_base) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [tuple(entry) for entry in inserts],
        )
    # Rows that changed the same columns share one statement; only those columns are
    # written, so indexes on the others are left alone.
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for row_id, (tag, changed) in touched.items():
        written = tuple(c for c in columns if c in changed)
        row = current[row_id]
        groups.setdefault(written, []).append(
            (*(row[c] for c in written), _json_clock(clocks[row_id]), tag, now, row_id)
        )
    for written, params in groups.items():
        conn.exec_driver_sql(
            f"UPDATE {info.name} SET {', '.join(f'{c} = ?' for c in written)}, "
            f"clk = ?, hlc = ?, updated_at = ? WHERE id = ?",
            params,
        )


def _driver(conn: Any) -> Any:
    """The DB-API connection under a SQLAlchemy one (same transaction), for bulk reads."""
    raw = getattr(getattr(conn, "connection", None), "driver_connection", None)
    return raw if raw is not None else conn.connection


# --- conveniences over apply ---------------------------------------------------------------


def insert(conn: Connection, table: str, values: dict[str, Any], *, actor_id: str) -> str:
    return apply(
        conn, table, [Change(values.get("id"), values, new=True)], actor_id=actor_id
    ).created[0]


def update(
    conn: Connection,
    table: str,
    row_id: str,
    values: dict[str, Any],
    *,
    actor_id: str,
    why: Why | None = None,
) -> bool:
    """Edit one row; True if anything changed."""
    return bool(apply(conn, table, [Change(row_id, values)], actor_id=actor_id, why=why).updated)


def delete(conn: Connection, table: str, row_id: str, *, actor_id: str) -> bool:
    """Tombstone a row (it stays, marked deleted, so the deletion can sync and be undone)."""
    return update(conn, table, row_id, {"deleted": True}, actor_id=actor_id)


def restore(conn: Connection, table: str, row_id: str, *, actor_id: str) -> bool:
    """Undo a delete: the tombstone is cleared with a newer tag."""
    return update(conn, table, row_id, {"deleted": False}, actor_id=actor_id)


def pending_count(conn: Any) -> int:
    """How many changes wait in the outbox (works on sqlite3 and SQLAlchemy connections)."""
    execute = getattr(conn, "exec_driver_sql", None) or conn.execute
    return int(execute("SELECT count(*) FROM outbox").fetchone()[0])
