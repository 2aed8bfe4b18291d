"""The demo's file has the schema every migration gives, though it is copied, not migrated."""

from __future__ import annotations

import sqlite3

from katerm.core import store
from katerm.core.demo import generate
from katerm.core.workspace import environment_clock


def schema_and_state(path):
    """Every table's columns (types, defaults, keys), foreign keys and indexes, and the sync
    state's row. (Not the CREATE text: Alembic's table rebuilds write the foreign keys in an
    order that changes from run to run.)"""
    conn = sqlite3.connect(path)
    try:
        schema = {}
        for (table,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall():
            indexes = {
                name: (unique, partial, conn.execute(f"PRAGMA index_xinfo({name})").fetchall())
                for _, name, unique, _, partial in conn.execute(f"PRAGMA index_list({table})")
            }
            foreign = sorted(r[2:] for r in conn.execute(f"PRAGMA foreign_key_list({table})"))
            columns = conn.execute(f"PRAGMA table_xinfo({table})").fetchall()
            schema[table] = (columns, foreign, indexes)
        partial = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql LIKE '%WHERE%'"
        ).fetchall()
        cursor = conn.execute("SELECT * FROM sync_state")
        names = [d[0] for d in cursor.description]
        (row,) = cursor.fetchall()
        return (schema, sorted(partial)), dict(zip(names, row, strict=True))
    finally:
        conn.close()


def test_the_demo_file_has_the_migrated_schema_and_a_device_of_its_own(workspace, tmp_path):
    before = schema_and_state(workspace.db.path)[1]
    migrated = store.open_database(tmp_path / "fresh.db", clock=environment_clock())
    migrated.close()
    schema, state = schema_and_state(tmp_path / "fresh.db")
    generate(workspace, accounts=5)
    workspace.db.close()
    demo_schema, demo_state = schema_and_state(workspace.db.path)
    assert demo_schema == schema
    assert workspace.db.schema_version() == store.schema_head()
    # A new device: its own id, its clock at the demo's last tag, never synced.
    assert demo_state["device_id"] not in (before["device_id"], state["device_id"])
    assert len(demo_state["device_id"]) == len(state["device_id"])
    assert demo_state["hlc"].endswith(demo_state["device_id"])
    same = {k: v for k, v in state.items() if k not in ("device_id", "hlc")}
    assert {k: demo_state[k] for k in same} == same


def master(path):
    """sqlite_master as the migrations wrote it: every table and index with its SQL."""
    conn = sqlite3.connect(path)
    try:
        return sorted(
            conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchall()
        )
    finally:
        conn.close()


def every_row(path):
    """Every table's rows in id order, without the clock tags (new for each run)."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for (table,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT IN ('outbox', 'sync_state')"
        ).fetchall():
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            kept = [c for c in columns if c not in ("hlc", "clk")]
            order = "id" if "id" in columns else "rowid"
            out[table] = conn.execute(
                f"SELECT {', '.join(kept)} FROM {table} ORDER BY {order}"
            ).fetchall()
        return out
    finally:
        conn.close()


def test_indexes_built_once_after_the_batches_give_the_same_schema_and_rows(tmp_path, monkeypatch):
    """A big demo drops the plain indexes of the tables the batches fill and builds them once
    at the end (and the yearly figures' table around its one write): the file ends with
    exactly the schema it was copied from, and exactly the rows a demo with every index kept
    writes."""
    from katerm.core.demo.pipeline import BATCH
    from katerm.core.store import bulk
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    def demo(name):
        ws = open_workspace(resolve_paths().with_db(tmp_path / f"{name}.db"))
        source = master(ws.db.path)
        generate(ws, accounts=40, seed=5, lang="zh_CN")
        ws.close()
        return source, tmp_path / f"{name}.db"

    _, kept_path = demo("kept")  # 40 accounts: under the floor, every index kept
    aside: list[str] = []
    real = bulk.set_indexes_aside

    def spy(conn, adding, unset=None):
        dropped = real(conn, adding, unset)
        aside.extend(name for name, _sql in dropped)
        return dropped

    monkeypatch.setattr(bulk, "REBUILD_FLOOR", 10)
    monkeypatch.setattr(bulk, "set_indexes_aside", spy)
    monkeypatch.setattr(store, "set_indexes_aside", spy)
    assert BATCH > 40  # one batch: the tables are empty when their indexes go
    source, aside_path = demo("aside")
    assert {"ix_contacts_account_id", "ix_opportunities_figures"} <= set(aside)
    assert "ix_account_revenues_evaluation" in aside
    assert master(aside_path) == source
    assert every_row(aside_path) == every_row(kept_path)
