"""An import's new records go to the store as ready rows (``store.insert_new_rows``): the rows,
stamps and outbox entries are those the same records written as changes through
``store.apply`` get; re-importing creates nothing; a bad row still writes nothing."""

from __future__ import annotations

import json

import pytest

from katerm.core import store
from katerm.core.io import generic, import_file
from katerm.core.io.report import ImportFailed

from .test_import_bulk import write_csv

HEADER = ["id", "account", "name", "stage", "amount", "expected_close", "has_budget", "owner"]
IDS = [f"00000000-0000-4000-8000-{i:012d}" for i in range(8)]
# Stamps new each write; ids new for the rows the file gives none.
STAMPS = ("hlc", "clk")


def rows_of(ws, table="opportunities"):
    with ws.db.reading() as conn:
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [d[0] for d in cursor.description]
        found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        queued = conn.execute(
            "SELECT o.row_id, o.owner_id, o.field, o.tag, t.hlc FROM outbox o "
            f"JOIN {table} t ON t.id = o.row_id WHERE o.tbl = ? ORDER BY o.seq",
            (table,),
        ).fetchall()
    return found, queued


def plain(found):
    """Rows without their tags, and without the ids the import made up."""
    return [
        {k: v for k, v in row.items() if k not in STAMPS and (k != "id" or row[k] in IDS)}
        for row in found
    ]


def the_file(tmp_path):
    rows = [
        [IDS[0], "Acme", "Pilot", "lead", "120000", "2027-03-01", "yes", "li.na"],
        ["", "Acme", "Rollout", "", "", "", "", ""],  # defaults; the account's owner
        [IDS[2], "上海明珠", "扩容", "contract", "3万", "2027/4/1", "否", "wang.lei"],
        ["", "上海明珠", "续约", "delivery", "99.5", "", "no", "王磊"],
    ]
    return write_csv(tmp_path / "opportunities.csv", HEADER, rows)


@pytest.fixture
def ready(workspace, tmp_path):
    """A workspace with the accounts and people the file names."""
    accounts = write_csv(
        tmp_path / "accounts.csv", ["name", "owner"], [["Acme", "li.na"], ["上海明珠", ""]]
    )
    import_file(workspace, "accounts", accounts, add_owners=True)
    with workspace.db.writing() as conn:
        store.insert(conn, "users", {"login": "wang.lei", "name": "王磊"}, actor_id=workspace.me.id)
    return workspace


@pytest.mark.now("2026-11-27")
def test_new_records_are_written_as_apply_writes_them(ready, tmp_path, monkeypatch):
    ws = ready
    calls = []
    original = store.insert_new_rows
    monkeypatch.setattr(
        store, "insert_new_rows", lambda *a, **k: calls.append(a[2]) or original(*a, **k)
    )
    report = import_file(ws, "opportunities", the_file(tmp_path))
    assert report.created == 4 and len(calls) == 1  # all four as ready rows, one batch
    fast, fast_queue = rows_of(ws)
    assert import_file(ws, "opportunities", the_file(tmp_path)).created == 0  # no duplicates
    assert rows_of(ws) == (fast, fast_queue)
    with ws.db.writing() as conn:
        conn.exec_driver_sql("DELETE FROM opportunities")
        conn.exec_driver_sql("DELETE FROM outbox WHERE tbl = 'opportunities'")
    # The same file, every new record a change through store.apply (the way before).
    monkeypatch.setattr(generic, "new_row_layout", lambda table, fields: ((), None, (), set()))
    assert import_file(ws, "opportunities", the_file(tmp_path)).created == 4
    slow, slow_queue = rows_of(ws)
    assert len(calls) == 1
    assert plain(fast) == plain(slow)
    assert [r["name"] for r in fast] == ["Pilot", "Rollout", "扩容", "续约"]
    assert [(r["stage"], r["amount"], r["has_budget"]) for r in fast] == [
        ("lead", 120000.0, 1),
        ("lead", 0.0, 0),
        ("contract", 30000.0, 0),
        ("delivery", 99.5, 0),
    ]
    assert fast[0]["opened_on"] == fast[1]["stage_on"] == "2026-11-27"
    # One whole-row entry per record, carrying the record's own tag and owner.
    assert [(f, tag == hlc) for _, _, f, tag, hlc in fast_queue] == [("*", True)] * 4
    assert [o for _, o, *_ in fast_queue] == [o for _, o, *_ in slow_queue]
    assert [o for _, o, *_ in fast_queue] == [r["owner_id"] for r in fast]
    assert all(json.loads(r["clk"]) == {"*": r["hlc"]} for r in fast)


@pytest.mark.now("2026-11-27")
def test_json_records_lacking_fields_get_the_defaults_apply_gives(ready, tmp_path, monkeypatch):
    ws = ready
    records = [
        {"id": IDS[5], "account": "Acme", "name": "Pilot", "amount": 5},
        {"id": IDS[6], "account": "Acme", "name": "Rollout", "stage": "contract"},
    ]
    path = tmp_path / "o.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    assert import_file(ws, "opportunities", path).created == 2
    fast, _ = rows_of(ws)
    with ws.db.writing() as conn:
        conn.exec_driver_sql("DELETE FROM opportunities")
        conn.exec_driver_sql("DELETE FROM outbox WHERE tbl = 'opportunities'")
    monkeypatch.setattr(generic, "new_row_layout", lambda table, fields: ((), None, (), set()))
    assert import_file(ws, "opportunities", path).created == 2
    assert plain(fast) == plain(rows_of(ws)[0])
    assert [(r["stage"], r["amount"]) for r in fast] == [("lead", 5.0), ("contract", 0.0)]


def test_a_bad_row_after_new_records_writes_none_of_them(ready, tmp_path):
    ws = ready
    path = the_file(tmp_path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(",Acme,Bad,closing,,,,\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(ws, "opportunities", path)
    assert [(p.line, p.field) for p in caught.value.problems] == [(6, "stage")]
    assert rows_of(ws) == ([], [])
