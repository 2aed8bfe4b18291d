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
