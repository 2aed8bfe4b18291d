"""A big import into a smaller table builds the table's indexes once at the end
(``store.indexes_set_aside``): the file ends as a fresh database's schema with every row
indexed, and a refused file leaves every index and every row as they were."""

from __future__ import annotations

import csv
from contextlib import contextmanager

import pytest

from katerm.core import store
from katerm.core.io import import_file
from katerm.core.io.report import ImportFailed

ROWS = 60  # above the floor the tests set, as 100,000 rows are above the real one
OPP_HEADER = ["account", "name", "stage", "amount", "expected_close", "probability", "owner"]


@pytest.fixture
def set_aside(monkeypatch):
    """The floor lowered to 10 rows; returns the names of the indexes each import set aside."""
    from katerm.core.store import bulk

    monkeypatch.setattr(bulk, "REBUILD_FLOOR", 10)
    seen: list[list[str]] = []
    original = store.indexes_set_aside

    @contextmanager
    def spy(conn, adding, unset=None):
        with original(conn, adding, unset) as aside:
            seen.append(aside)
            yield aside

    monkeypatch.setattr(store, "indexes_set_aside", spy)
    return seen


def schema(ws):
    with ws.db.reading() as conn:
        return sorted(
            conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(),
            key=repr,
        )


def everything(ws):
    with ws.db.reading() as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def write_csv(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def accounts_file(path, n=ROWS, bad_line=None):
    rows = [[f"上海{i:03d}科技有限公司", "华东", str(1000 * i), "wang.lei"] for i in range(n)]
    if bad_line is not None:
        rows[bad_line - 2][2] = "lots"
    return write_csv(path, ["name", "region", "annual_revenue", "owner"], rows)


def opportunities_file(path, n=ROWS, bad_line=None):
    account = "上海{:03d}科技有限公司".format
    rows = [
        [account(i % 5), f"商机{i:03d}", "lead", str(10_000 + i), "2027-03-01", "20", "wang.lei"]
        for i in range(n)
    ]
    if bad_line is not None:
        rows[bad_line - 2][2] = "closing"
    return write_csv(path, OPP_HEADER, rows)


def integrity(ws):
    with ws.db.reading() as conn:
        return conn.execute("PRAGMA integrity_check").fetchall()


def test_a_big_import_ends_with_a_fresh_databases_schema_and_every_row_indexed(
    workspace, tmp_path, set_aside
):
    ws = workspace
    fresh = schema(ws)
    report = import_file(ws, "accounts", accounts_file(tmp_path / "a.csv"), add_owners=True)
    opps = opportunities_file(tmp_path / "o.csv")
    assert import_file(ws, "opportunities", opps).created == ROWS
    assert report.created == ROWS
    accounts_aside, opportunities_aside = set_aside
    assert "ix_accounts_name_nocase" in accounts_aside
    assert "ix_opportunities_figures" in opportunities_aside
    # The file has no closed_on column: no new row enters that partial index, which stays.
    assert "ix_opportunities_closed_on" not in opportunities_aside
    assert schema(ws) == fresh
    assert integrity(ws) == [("ok",)]
    with ws.db.reading() as conn:
        # Read through the rebuilt indexes: every row is in them.
        assert conn.execute(
            "SELECT count(*) FROM opportunities INDEXED BY ix_opportunities_figures "
            "WHERE stage = 'lead'"
        ).fetchone() == (ROWS,)
        assert conn.execute(
            "SELECT count(*) FROM accounts INDEXED BY ix_accounts_name_nocase WHERE name = ?",
            (f"上海{ROWS - 1:03d}科技有限公司",),
        ).fetchone() == (1,)
    # Importing the same files again finds every row (no duplicates), with the indexes kept.
    again = import_file(ws, "opportunities", opps)
    assert (again.created, again.unchanged) == (0, ROWS)
    assert set_aside[-1] == []
    assert import_file(ws, "accounts", tmp_path / "a.csv").created == 0
    assert schema(ws) == fresh


@pytest.mark.parametrize("kind", ["accounts", "opportunities"])
def test_a_big_import_refused_near_its_end_leaves_every_index_and_row(
    workspace, tmp_path, set_aside, kind
):
    ws = workspace
    import_file(ws, "accounts", accounts_file(tmp_path / "a.csv", n=5), add_owners=True)
    before_schema, before_rows = schema(ws), everything(ws)
    make = accounts_file if kind == "accounts" else opportunities_file
    bad = make(tmp_path / "bad.csv", bad_line=ROWS)  # the last row
    with pytest.raises(ImportFailed) as failed:
        import_file(ws, kind, bad, add_owners=True)
    assert [p.line for p in failed.value.problems] == [ROWS]
    assert set_aside[-1]  # the indexes were out while the rows went in
    assert schema(ws) == before_schema
    assert everything(ws) == before_rows
    assert integrity(ws) == [("ok",)]


def test_a_big_dry_run_keeps_every_index(workspace, tmp_path, set_aside):
    ws = workspace
    before = schema(ws)
    report = import_file(
        ws, "accounts", accounts_file(tmp_path / "a.csv"), dry_run=True, add_owners=True
    )
    assert report.created == ROWS
    assert schema(ws) == before
    with ws.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM accounts").fetchone() == (0,)


def test_a_big_import_cancelled_midway_leaves_every_index_and_row(
    workspace, tmp_path, set_aside, monkeypatch
):
    from katerm.core.io import generic, planning

    monkeypatch.setattr(planning, "_PROGRESS_EVERY", 10)
    monkeypatch.setattr(generic, "CHUNK", 20)  # rows are written 20 at a time
    ws = workspace
    import_file(ws, "accounts", accounts_file(tmp_path / "a.csv", n=5), add_owners=True)
    before_schema, before_rows = schema(ws), everything(ws)

    def cancel(done, total):
        if done >= 50:  # two chunks written, their indexes not built yet
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_file(ws, "opportunities", opportunities_file(tmp_path / "o.csv"), progress=cancel)
    assert set_aside[-1]
    assert schema(ws) == before_schema
    assert everything(ws) == before_rows
