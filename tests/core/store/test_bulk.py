"""The bulk entry for new rows (``store.insert_rows``) leaves what ``store.apply`` leaves."""

from __future__ import annotations

import json
from datetime import date

import pytest

from katerm.core import store
from katerm.core.store import Change

SYNC_STAMPS = ("hlc", "clk")


def table_rows(ws, table):
    """Every row of ``table`` in insertion order, without the clock tags (new each write)."""
    with ws.db.reading() as conn:
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [d[0] for d in cursor.description]
        return [
            {k: v for k, v in zip(names, row, strict=True) if k not in SYNC_STAMPS}
            for row in cursor.fetchall()
        ]


def outbox(ws, table="accounts"):
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT tbl, row_id, owner_id, field, value, base_tag, row_base FROM outbox "
            "WHERE tbl = ? ORDER BY seq",
            (table,),
        ).fetchall()


def test_bulk_rows_are_the_rows_apply_writes(workspace):
    ws = workspace
    # Rows of several shapes: a deleted one, one without an owner (the actor's), one without
    # an id (a new one), a value to convert (an enum), shapes coming back after another.
    rows = [
        {"id": "a1", "name": "Acme", "annual_revenue": 12.5, "owner_id": ws.me.id},
        {"id": "a2", "name": "Beta", "annual_revenue": 3, "notes": "n", "deleted": True},
        {"name": "Gamma", "lifecycle": store.Lifecycle.LOYAL},
        {"id": "a4", "name": "Delta", "annual_revenue": 7.0, "owner_id": ws.me.id},
    ]
    with ws.db.writing() as conn:
        ids = store.insert_rows(conn, "accounts", [dict(r) for r in rows], actor_id=ws.me.id)
    got_rows, got_outbox = table_rows(ws, "accounts"), outbox(ws)
    with ws.db.writing() as conn:
        conn.exec_driver_sql("DELETE FROM accounts")
        conn.exec_driver_sql("DELETE FROM outbox WHERE tbl = 'accounts'")
        created = store.apply(
            conn,
            "accounts",
            [Change(i, {**r, "id": i}, new=True) for i, r in zip(ids, rows, strict=True)],
            actor_id=ws.me.id,
        ).created
    assert created == ids
    assert got_rows == table_rows(ws, "accounts")
    assert got_outbox == outbox(ws)
    assert [r["name"] for r in got_rows] == ["Acme", "Beta", "Gamma", "Delta"]
    assert [r["deleted"] for r in got_rows] == [0, 1, 0, 0]
    assert got_rows[2]["owner_id"] == ws.me.id and got_rows[2]["lifecycle"] == "loyal"
    assert len(ids[2]) == 36 and ids[:2] == ["a1", "a2"]


def test_bulk_rows_are_stamped_and_queued_whole(workspace):
    ws = workspace
    with ws.db.writing() as conn:
        (account,) = store.insert_rows(conn, "accounts", [{"name": "Acme"}], actor_id=ws.me.id)
        (contact,) = store.insert_rows(
            conn,
            "contacts",
            [{"account_id": account, "name": "Li", "birthday": date(1980, 5, 4)}],
            actor_id=ws.me.id,
        )
    with ws.db.reading() as conn:
        hlc, clk, birthday = conn.execute(
            "SELECT hlc, clk, birthday FROM contacts WHERE id = ?", (contact,)
        ).fetchone()
        (last,) = conn.execute("SELECT hlc FROM sync_state").fetchone()
        entries = conn.execute(
            "SELECT row_id, field, tag FROM outbox WHERE tbl != 'users' ORDER BY seq"
        ).fetchall()
    assert birthday == "1980-05-04"
    assert json.loads(clk) == {"*": hlc} and last == hlc
    assert [(r, f) for r, f, _ in entries] == [(account, "*"), (contact, "*")]
    assert entries[1][2] == hlc and entries[0][2] < hlc


def test_bulk_refuses_unknown_or_missing_columns_and_writes_nothing(workspace):
    ws = workspace
    with pytest.raises(ValueError, match="colour"), ws.db.writing() as conn:
        store.insert_rows(
            conn, "accounts", [{"name": "A"}, {"name": "X", "colour": "red"}], actor_id=ws.me.id
        )
    with pytest.raises(ValueError, match="missing required"), ws.db.writing() as conn:
        store.insert_rows(conn, "accounts", [{"name": "A"}, {"notes": "n"}], actor_id=ws.me.id)
    assert table_rows(ws, "accounts") == [] and outbox(ws) == []


# --- indexes set aside for a bulk load -------------------------------------------------------


def index_sql(ws):
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        ).fetchall()


def accounts_rows(n, start=0):
    return [{"name": f"Firm {i}", "annual_revenue": i, "region": "East"} for i in range(start, n)]


@pytest.fixture
def small_floor(monkeypatch):
    from katerm.core.store import bulk

    monkeypatch.setattr(bulk, "REBUILD_FLOOR", 10)


def test_a_bulk_load_builds_the_same_indexes_again(workspace, small_floor):
    ws = workspace
    before = index_sql(ws)
    with ws.db.writing() as conn, store.indexes_set_aside(conn, {"accounts": 40}) as aside:
        gone = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'accounts' AND sql IS NOT NULL"
        ).scalar()
        store.insert_rows(conn, "accounts", accounts_rows(40), actor_id=ws.me.id)
    assert aside and all(name.startswith("ix_") for name in aside)
    assert gone == 0  # every plain index was out while the rows went in
    assert index_sql(ws) == before
    with ws.db.reading() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM accounts WHERE region = 'East'").fetchone() == (
            40,
        )


def test_a_failed_bulk_load_leaves_the_indexes_and_no_row(workspace, small_floor):
    ws = workspace
    before = index_sql(ws)
    with (
        pytest.raises(RuntimeError),
        ws.db.writing() as conn,
        store.indexes_set_aside(conn, {"accounts": 40}) as aside,
    ):
        store.insert_rows(conn, "accounts", accounts_rows(40), actor_id=ws.me.id)
        raise RuntimeError("line 41: bad")
    assert aside
    assert index_sql(ws) == before
    with ws.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM accounts").fetchone() == (0,)


def test_indexes_stay_for_a_few_rows_or_a_bigger_table(workspace, small_floor):
    ws = workspace
    with ws.db.writing() as conn:
        with store.indexes_set_aside(conn, {"accounts": 5}) as aside:  # under the floor
            store.insert_rows(conn, "accounts", accounts_rows(5), actor_id=ws.me.id)
        assert aside == []
        store.insert_rows(conn, "accounts", accounts_rows(60, 5), actor_id=ws.me.id)
        with store.indexes_set_aside(conn, {"accounts": 30}) as aside:  # 60 held already
            store.insert_rows(conn, "accounts", accounts_rows(90, 60), actor_id=ws.me.id)
        assert aside == []


def opportunity_rows(account, n, closed_every=0):
    """``n`` new opportunities of ``account``; every ``closed_every``-th one won and closed."""
    return [
        {
            "account_id": account,
            "name": f"Deal {i}",
            "amount": 1000.0 + i,
            "opened_on": "2026-11-01",
            **(
                {"outcome": "won", "closed_on": "2026-11-20"}
                if closed_every and i % closed_every == 0
                else {}
            ),
        }
        for i in range(n)
    ]


def test_a_big_batch_stores_what_rows_written_one_by_one_store(workspace):
    # A batch of 150 leaves the fields no row sets out of its statement (contact_id...);
    # closed_on is set in some rows only. The rows are the same as one apply each leaves.
    ws = workspace
    with ws.db.writing() as conn:
        account = store.insert(conn, "accounts", {"name": "Acme"}, actor_id=ws.me.id)
        ids = store.insert_rows(
            conn, "opportunities", opportunity_rows(account, 150, 7), actor_id=ws.me.id
        )
    batch = table_rows(ws, "opportunities")
    with ws.db.writing() as conn:
        conn.exec_driver_sql("DELETE FROM opportunities")
        for row_id, row in zip(ids, opportunity_rows(account, 150, 7), strict=True):
            store.apply(conn, "opportunities", [Change(row_id, row, new=True)], actor_id=ws.me.id)
    assert batch == table_rows(ws, "opportunities")
    assert sum(r["closed_on"] is not None for r in batch) == 22
    assert all(r["contact_id"] is None and r["loss_reason"] == "" for r in batch)


def test_a_partial_index_of_a_field_no_new_row_sets_stays_and_stays_right(workspace, small_floor):
    # The caller says no new row sets closed_on: its partial index is kept, not built
    # again. Were the hint wrong (every 5th row closed), the kept index still holds them.
    ws = workspace
    before = index_sql(ws)
    with ws.db.writing() as conn:
        account = store.insert(conn, "accounts", {"name": "Acme"}, actor_id=ws.me.id)
        with store.indexes_set_aside(
            conn, {"opportunities": 40}, {"opportunities": {"closed_on", "contact_id"}}
        ) as aside:
            store.insert_rows(
                conn, "opportunities", opportunity_rows(account, 40, 5), actor_id=ws.me.id
            )
    assert "ix_opportunities_figures" in aside
    assert "ix_opportunities_closed_on" not in aside
    assert "ix_opportunities_contact_id" not in aside
    assert index_sql(ws) == before
    with ws.db.reading() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute(
            "SELECT count(*) FROM opportunities INDEXED BY ix_opportunities_closed_on "
            "WHERE closed_on IS NOT NULL"
        ).fetchone() == (8,)
