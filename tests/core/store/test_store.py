"""The one write path: clocks, outbox, coalescing, tombstones."""

from __future__ import annotations

import json

import pytest

from katerm.core import store
from katerm.core.errors import NotFound
from katerm.core.store import Change
from katerm.core.sync.pending import fill


def rows(ws, sql, *params):
    with ws.db.reading() as conn:
        return conn.execute(sql, params).fetchall()


def sent(ws, row_id):
    """(field, value the push would send, tag, base) of the row's outbox entries, in order."""
    with ws.db.reading() as conn:
        entries = conn.execute(
            "SELECT seq, tbl, row_id, owner_id, field, value, tag, base_tag, row_base "
            "FROM outbox WHERE row_id = ? ORDER BY seq",
            (row_id,),
        ).fetchall()
        found, gone = fill(conn, entries)
    assert not gone
    return [(e[4], e[5], e[6], e[7]) for e in found]


def test_insert_stamps_clock_and_queues_one_outbox_entry(workspace):
    ws = workspace
    with ws.db.writing() as conn:
        acc = store.insert(
            conn, "accounts", {"name": "Acme", "annual_revenue": 12.5}, actor_id=ws.me.id
        )
    (row,) = rows(
        ws,
        "SELECT owner_id, hlc, clk, deleted, annual_revenue, currency FROM accounts WHERE id = ?",
        acc,
    )
    owner, hlc, clk, deleted, revenue, currency = row
    assert owner == ws.me.id and deleted == 0 and revenue == 12.5 and currency == "CNY"
    assert json.loads(clk) == {"*": hlc}
    # The entry names the row, not its values (a compact outbox): the push reads the row.
    assert rows(ws, "SELECT value FROM outbox WHERE row_id = ?", acc) == [(None,)]
    entries = sent(ws, acc)
    assert len(entries) == 1
    field, value, tag, base = entries[0]
    assert field == "*" and tag == hlc and base is None
    assert value["name"] == "Acme" and value["annual_revenue"] == 12.5


def test_edits_coalesce_while_unpushed_and_keep_the_first_base(workspace):
    ws = workspace
    with ws.db.writing() as conn:
        acc = store.insert(conn, "accounts", {"name": "Acme"}, actor_id=ws.me.id)
    born = rows(ws, "SELECT hlc FROM accounts WHERE id = ?", acc)[0][0]
    for revenue in (1.0, 2.0, 3.0):
        with ws.db.writing() as conn:
            assert store.update(
                conn, "accounts", acc, {"annual_revenue": revenue}, actor_id=ws.me.id
            )
    entries = [e[1:] for e in sent(ws, acc) if e[0] == "annual_revenue"]
    assert len(entries) == 1
    value, tag, base = entries[0]
    assert value == 3.0 and base == born
    clk = json.loads(rows(ws, "SELECT clk FROM accounts WHERE id = ?", acc)[0][0])
    assert clk["annual_revenue"] == tag > born


def test_a_pushed_entry_is_not_rewritten(workspace):
    ws = workspace
    with ws.db.writing() as conn:
        acc = store.insert(conn, "accounts", {"name": "Acme"}, actor_id=ws.me.id)
        store.update(conn, "accounts", acc, {"region": "North"}, actor_id=ws.me.id)
        first_tag = conn.exec_driver_sql(
            "SELECT tag FROM outbox WHERE field = 'region'"
        ).scalar_one()
        conn.exec_driver_sql("DELETE FROM outbox")  # what a successful push does
        store.update(conn, "accounts", acc, {"region": "South"}, actor_id=ws.me.id)
    (base,) = rows(ws, "SELECT base_tag FROM outbox WHERE field = 'region'")[0]
    assert base == first_tag


def test_unchanged_values_queue_nothing(workspace):
    ws = workspace
    with ws.db.writing() as conn:
        acc = store.insert(
            conn, "accounts", {"name": "Acme", "annual_revenue": 5}, actor_id=ws.me.id
        )
        before = conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar_one()
        result = store.apply(
            conn,
            "accounts",
            [Change(acc, {"annual_revenue": 5.0, "name": "Acme"})],
            actor_id=ws.me.id,
        )
        after = conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar_one()
    assert result.unchanged == [acc] and before == after


def test_delete_is_a_tombstone_and_restore_undoes_it(workspace):
    ws = workspace
    with ws.db.writing() as conn:
        acc = store.insert(conn, "accounts", {"name": "Acme"}, actor_id=ws.me.id)
        store.delete(conn, "accounts", acc, actor_id=ws.me.id)
    assert rows(ws, "SELECT deleted FROM accounts WHERE id = ?", acc) == [(1,)]
    with ws.db.writing() as conn, pytest.raises(NotFound):
        store.update(conn, "accounts", acc, {"name": "Edited"}, actor_id=ws.me.id)
    with ws.db.writing() as conn:
        store.restore(conn, "accounts", acc, actor_id=ws.me.id)
    assert rows(ws, "SELECT deleted, name FROM accounts WHERE id = ?", acc) == [(0, "Acme")]
    fields = [r[0] for r in rows(ws, "SELECT field FROM outbox WHERE row_id = ? ORDER BY seq", acc)]
    assert fields == ["*", "_deleted"]  # the restore folded into the pending tombstone


def test_a_failed_transaction_leaves_no_row_and_no_outbox_entry(workspace):
    ws = workspace
    with pytest.raises(RuntimeError), ws.db.writing() as conn:
        store.insert(conn, "accounts", {"name": "Ghost"}, actor_id=ws.me.id)
        raise RuntimeError("boom")
    assert rows(ws, "SELECT count(*) FROM accounts") == [(0,)]
    assert rows(ws, "SELECT count(*) FROM outbox WHERE tbl = 'accounts'") == [(0,)]


def test_tags_increase_and_the_clock_is_persisted(workspace):
    ws = workspace
    tags = []
    for i in range(5):
        with ws.db.writing() as conn:
            acc = store.insert(conn, "accounts", {"name": f"A{i}"}, actor_id=ws.me.id)
        tags.append(rows(ws, "SELECT hlc FROM accounts WHERE id = ?", acc)[0][0])
    assert tags == sorted(tags) and len(set(tags)) == 5
    assert rows(ws, "SELECT hlc FROM sync_state")[0][0] == tags[-1]


def test_unknown_columns_are_refused(workspace):
    with workspace.db.writing() as conn, pytest.raises(ValueError):
        store.insert(conn, "accounts", {"name": "X", "colour": "red"}, actor_id=workspace.me.id)


def test_new_ids_are_valid_uuid4():
    import uuid

    for value in store.new_ids(200):
        parsed = uuid.UUID(value)
        assert parsed.version == 4 and str(parsed) == value


def test_two_edits_of_one_row_in_one_call_fold_into_one_entry_per_field(workspace):
    ws = workspace
    with ws.db.writing() as conn:
        acc = store.insert(conn, "accounts", {"name": "Acme"}, actor_id=ws.me.id)
    born = rows(ws, "SELECT hlc FROM accounts WHERE id = ?", acc)[0][0]
    with ws.db.writing() as conn:
        result = store.apply(
            conn,
            "accounts",
            [
                Change(acc, {"region": "North", "industry": "Steel"}),
                Change(acc, {"region": "South"}),
            ],
            actor_id=ws.me.id,
        )
    assert result.updated == [acc, acc]
    assert rows(ws, "SELECT region, industry FROM accounts WHERE id = ?", acc) == [
        ("South", "Steel")
    ]
    entries = [(f, v, b) for f, v, _, b in sent(ws, acc) if f != "*"]
    assert entries == [("region", "South", born), ("industry", "Steel", born)]
    clk = json.loads(rows(ws, "SELECT clk FROM accounts WHERE id = ?", acc)[0][0])
    assert clk["region"] > clk["industry"] > born


def test_restore_and_edit_in_one_change(workspace):
    ws = workspace
    with ws.db.writing() as conn:
        acc = store.insert(conn, "accounts", {"name": "Acme"}, actor_id=ws.me.id)
        store.delete(conn, "accounts", acc, actor_id=ws.me.id)
        store.apply(
            conn, "accounts", [Change(acc, {"deleted": False, "region": "East"})], actor_id=ws.me.id
        )
    assert rows(ws, "SELECT deleted, region FROM accounts WHERE id = ?", acc) == [(0, "East")]


def test_many_rows_edited_in_one_call_keep_their_own_values(workspace):
    ws = workspace
    with ws.db.writing() as conn:
        ids = store.apply(
            conn,
            "accounts",
            [Change(None, {"name": f"A{i}"}, new=True) for i in range(1200)],
            actor_id=ws.me.id,
        ).created
        result = store.apply(
            conn,
            "accounts",
            [
                Change(row_id, {"annual_revenue": float(i)} if i % 2 else {"name": f"A{i}"})
                for i, row_id in enumerate(ids)
            ],
            actor_id=ws.me.id,
        )
    assert len(result.updated) == 600 and len(result.unchanged) == 600
    got = dict(rows(ws, "SELECT id, annual_revenue FROM accounts"))
    assert all(got[row_id] == (float(i) if i % 2 else 0.0) for i, row_id in enumerate(ids))
    assert rows(ws, "SELECT count(*) FROM outbox WHERE field = 'annual_revenue'") == [(600,)]
