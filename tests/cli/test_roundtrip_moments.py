"""`export all` then `import all` of the same workspace changes nothing, moments included
(issue 18, walk Q): a workbook holds a time to the second, the store to the microsecond, and a
finished evening review came back "updated" with a new clock tag the next sync pushed."""

from __future__ import annotations

import sqlite3

from katerm.core.io.kind import DATETIME
from katerm.core.io.kinds import KINDS, get


def test_a_workbook_round_trip_of_every_kind_with_moments_changes_nothing(
    cli, tmp_path, katerm_home
):
    assert cli("demo", "--accounts", "60", "--no-open").code == 0
    db = katerm_home / "data" / "katerm.db"
    moments = {
        (get(name).table, col.stored)
        for name in KINDS
        for col in get(name).columns
        if col.type == DATETIME
    }
    assert {t for t, _ in moments} >= {"evening_reviews", "activities"}
    conn = sqlite3.connect(db)
    with conn:
        for table, column in sorted(moments):
            # As the app stores them: to the microsecond (the demo's are whole seconds).
            conn.execute(
                f"UPDATE {table} SET {column} = substr({column}, 1, 19) || '.327594+00:00' "
                f"WHERE {column} IS NOT NULL"
            )
            assert conn.execute(
                f"SELECT count(*) FROM {table} WHERE {column} LIKE '%.327594+00:00'"
            ).fetchone()[0], (table, column)  # the demo fills every one of them
    before = conn.execute("SELECT count(*), max(seq) FROM outbox").fetchone()
    stamps = {
        table: conn.execute(f"SELECT id, clk, {column} FROM {table} ORDER BY id").fetchall()
        for table, column in moments
    }
    conn.close()
    book = tmp_path / "all.xlsx"
    assert cli("export", "all", "-o", str(book), "--include-personal").code == 0
    result = cli("import", "all", str(book))
    assert result.code == 0, result.err
    counts = [line for line in result.out.splitlines() if "created" in line]
    assert counts and all("0 created, 0 updated" in line for line in counts), result.out
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), max(seq) FROM outbox").fetchone() == before
    for table, column in moments:
        rows = conn.execute(f"SELECT id, clk, {column} FROM {table} ORDER BY id").fetchall()
        assert rows == stamps[table], table
    conn.close()
