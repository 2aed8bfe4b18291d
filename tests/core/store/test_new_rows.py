"""New rows handed over as tuples (``store.insert_new_rows``, an import's new records) leave
what ``store.apply`` leaves for the same rows."""

from __future__ import annotations

import json
from datetime import date

import pytest

from katerm.core import store
from katerm.core.store import Change

from .test_bulk import outbox, table_rows


def tags(ws, table):
    with ws.db.reading() as conn:
        rows = conn.execute(f"SELECT id, hlc, clk FROM {table} ORDER BY rowid").fetchall()
        queued = conn.execute(
            "SELECT row_id, field, tag FROM outbox WHERE tbl = ? ORDER BY seq", (table,)
        ).fetchall()
        (last,) = conn.execute("SELECT hlc FROM sync_state").fetchone()
    return rows, queued, last


def contact_rows(account_id, owner_id, count):
    """Rows of several kinds: with and without an id, a date to convert, an owner given or
    not, a field empty in every row (left out of a big batch's statement) or in some."""
    rows = []
    for i in range(count):
        values = (
            account_id,
            f"Li {i}",
            date(1980, 5, 4) if i % 3 == 0 else None,
            None,  # left_on: None in every row
            "" if i % 2 else "Head of IT",
        )
        rows.append((f"c{i:03d}" if i % 4 else None, values))
    return rows


@pytest.mark.parametrize("count", [3, 150], ids=["small", "big"])
@pytest.mark.parametrize("with_owner", [False, True], ids=["actor", "owner"])
def test_ready_rows_are_the_rows_apply_writes(workspace, count, with_owner):
    ws = workspace
    with ws.db.writing() as conn:
        account = store.insert(conn, "accounts", {"name": "Acme"}, actor_id=ws.me.id)
        other = store.insert(conn, "users", {"login": "li.na", "name": "Li Na"}, actor_id=ws.me.id)
    columns = ("account_id", "name", "birthday", "left_on", "title")
    rows = contact_rows(account, ws.me.id, count)
    if with_owner:  # a column of its own, not in the table's order
        columns = ("owner_id", *columns)
        rows = [(i, (other if n % 2 else ws.me.id, *v)) for n, (i, v) in enumerate(rows)]
    with ws.db.writing() as conn:
        ids = store.insert_new_rows(conn, "contacts", columns, rows, actor_id=ws.me.id)
    got_rows, got_outbox = table_rows(ws, "contacts"), outbox(ws, "contacts")
    written, queued, last = tags(ws, "contacts")
    with ws.db.writing() as conn:
        conn.exec_driver_sql("DELETE FROM contacts")
        conn.exec_driver_sql("DELETE FROM outbox WHERE tbl = 'contacts'")
        created = store.apply(
            conn,
            "contacts",
            [
                Change(i, {**dict(zip(columns, v, strict=True)), "id": i}, new=True)
                for i, (_, v) in zip(ids, rows, strict=True)
            ],
            actor_id=ws.me.id,
        ).created
    assert created == ids
    assert got_rows == table_rows(ws, "contacts")
    assert got_outbox == outbox(ws, "contacts")
    assert [r["id"] for r in got_rows] == ids and len(got_rows) == count
    for row_id, (given, _) in zip(ids, rows, strict=True):  # the row's own id, or a new one
        assert row_id == given if given else len(row_id) == 36
    assert got_rows[0]["birthday"] == "1980-05-04" and got_rows[0]["left_on"] is None
    owners = {r["owner_id"] for r in got_rows}
    assert owners == ({ws.me.id, other} if with_owner and count > 1 else {ws.me.id})
    # Each row its own tag, in order, queued whole with it; the device's clock saved.
    hlcs = [hlc for _, hlc, _ in written]
    assert hlcs == sorted(set(hlcs)) and last == hlcs[-1]
    assert all(json.loads(clk) == {"*": hlc} for _, hlc, clk in written)
    assert queued == [(row_id, "*", hlc) for row_id, hlc, _ in written]


def test_ready_rows_with_an_unknown_or_missing_column_write_nothing(workspace):
    ws = workspace
    with pytest.raises(ValueError, match="colour"), ws.db.writing() as conn:
        store.insert_new_rows(
            conn, "accounts", ("name", "colour"), [(None, ("A", "red"))], actor_id=ws.me.id
        )
    with pytest.raises(ValueError, match="missing required"), ws.db.writing() as conn:
        store.insert_new_rows(conn, "accounts", ("notes",), [(None, ("n",))], actor_id=ws.me.id)
    assert table_rows(ws, "accounts") == [] and outbox(ws) == []
