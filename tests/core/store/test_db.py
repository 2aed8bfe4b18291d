"""Opening databases: new, older (upgraded after a backup), damaged, locked, too new."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from katerm.core.errors import DatabaseProblem
from katerm.core.store import db as dbmod
from katerm.core.store.db import Database, known_revisions, open_database, schema_head, upgrade
from tests.conftest import pinned_clock

CLOCK = pinned_clock()


def test_a_new_database_is_created_at_head_in_wal_mode(tmp_path):
    path = tmp_path / "sub" / "k.db"
    db = open_database(path, clock=CLOCK)
    assert db.schema_version() == schema_head()
    with db.reading() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM sync_state").fetchone()[0] == 1
    db.close()


def test_the_filename_prefixes_match_alembics_own_history():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(dbmod.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_heads() == [schema_head()]
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert chain == known_revisions()  # one straight line, in filename order


def test_models_and_migrations_describe_the_same_schema(tmp_path):
    """Autogenerate finds nothing to do: every model change came with its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import katerm.core.store.models  # noqa: F401
    from katerm.core.store.migrations import include_object

    db = open_database(tmp_path / "k.db", clock=CLOCK)
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        diff = compare_metadata(ctx, SQLModel.metadata)
    db.close()
    assert diff == []


def test_an_older_database_is_backed_up_then_upgraded_with_its_data_intact(tmp_path):
    path = tmp_path / "old.db"
    first = known_revisions()[0]
    boot = dbmod.connect(path, create=True)
    boot.close()
    old = Database(path)
    upgrade(old, to=first)
    old.close()
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "INSERT INTO users (id, created_at, updated_at, hlc, clk, deleted, owner_id, "
            "login, name, email) VALUES ('u1', 't', 't', '', '{}', 0, 'u1', 'li', "
            "'李雷', '')"
        )
        raw.execute(
            "INSERT INTO accounts (id, created_at, updated_at, hlc, clk, deleted, "
            "owner_id, name, industry, region, annual_revenue, contract_value, "
            "potential_revenue, tier, tier_scheme, lifecycle, notes, currency) VALUES "
            "('a1', 't', 't', '', '{}', 0, 'u1', '上海明珠', '零售', '华东', "
            "5000000, 0, 0, "
            "'A', 'revenue', 'customer', '老客户', 'CNY')"
        )
    raw.close()
    backups: list[Path] = []
    db = open_database(path, on_backup=backups.append, clock=CLOCK)
    assert db.schema_version() == schema_head()
    with db.reading() as conn:
        row = conn.execute(
            "SELECT name, annual_revenue, tier, notes FROM accounts WHERE id = 'a1'"
        ).fetchone()
    db.close()
    assert row == ("上海明珠", 5000000, "A", "老客户")
    if first != schema_head():
        assert len(backups) == 1 and backups[0].exists()
        kept = sqlite3.connect(backups[0])
        assert kept.execute("SELECT version_num FROM alembic_version").fetchone()[0] == first
        kept.close()


def test_a_file_that_is_not_a_database_is_reported_not_overwritten(tmp_path):
    path = tmp_path / "k.db"
    path.write_bytes(b"this is certainly not sqlite" * 200)
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem) as info:
        open_database(path, clock=CLOCK)
    assert info.value.key == "db.corrupt"
    assert path.read_bytes() == before


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE invoices (id INTEGER)")
    raw.commit()
    raw.close()
    with pytest.raises(DatabaseProblem) as info:
        open_database(path, clock=CLOCK)
    assert info.value.key == "db.not_katerm"


def test_a_database_from_a_newer_katerm_is_left_alone(tmp_path):
    path = tmp_path / "k.db"
    open_database(path, clock=CLOCK).close()
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.close()
    with pytest.raises(DatabaseProblem) as info:
        open_database(path, clock=CLOCK)
    assert info.value.key == "db.too_new"


def test_a_locked_database_gives_a_clear_error_after_the_timeout(tmp_path):
    path = tmp_path / "k.db"
    db = open_database(path, clock=CLOCK)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseProblem) as info, db.writing() as conn:
            conn.exec_driver_sql("UPDATE sync_state SET cursor = '1'")
        assert info.value.key == "db.locked"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        db.close()


def test_check_reports_a_healthy_database_as_healthy(tmp_path):
    db = open_database(tmp_path / "k.db", clock=CLOCK)
    assert dbmod.check(db) == []
    db.close()


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(DatabaseProblem) as info:
        open_database(tmp_path, clock=CLOCK)
    assert info.value.key == "db.is_directory"


def test_close_closes_the_connections_of_every_thread_and_they_reopen(tmp_path):
    import threading

    path = tmp_path / "k.db"
    db = open_database(path, clock=CLOCK)
    seen = []

    def use() -> None:
        with db.reading() as conn:
            seen.append(conn.execute("SELECT count(*) FROM sync_state").fetchone()[0])

    worker = threading.Thread(target=use)
    worker.start()
    worker.join()
    use()
    db.close()
    # Only the closed file is left: leaving WAL mode needs the last connection gone.
    probe = dbmod.connect(path)
    assert probe.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    probe.execute("PRAGMA journal_mode = WAL")
    probe.close()
    use()  # this thread reconnects
    worker = threading.Thread(target=use)
    worker.start()
    worker.join()
    assert seen == [1, 1, 1, 1]
    db.close()


def test_entries_waiting_before_the_compact_outbox_keep_their_values_and_push_them(tmp_path):
    from katerm.core.sync.pending import fill

    path = tmp_path / "old.db"
    dbmod.connect(path, create=True).close()
    old = Database(path)
    upgrade(old, to="0013")
    old.close()
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "INSERT INTO users (id, created_at, updated_at, hlc, clk, deleted, owner_id, "
            "login, name, email) VALUES ('u1', 't', 't', '', '{}', 0, 'u1', 'li', '李雷', '')"
        )
        raw.executemany(
            "INSERT INTO outbox (tbl, row_id, owner_id, field, value, tag, base_tag) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                ("accounts", "a1", "u1", "*", '{"name": "上海明珠", "region": "华东"}', "T1", None),
                ("accounts", "a1", "u1", "region", '"华北"', "T2", "T1"),
            ],
        )
    raw.close()
    db = open_database(path, clock=CLOCK)
    assert db.schema_version() == schema_head()
    with db.reading() as conn:
        entries = conn.execute(
            "SELECT seq, tbl, row_id, owner_id, field, value, tag, base_tag, row_base "
            "FROM outbox ORDER BY seq"
        ).fetchall()
        found, gone = fill(conn, entries)
    db.close()
    assert not gone
    assert [(e[4], e[5], e[6]) for e in found] == [
        ("*", {"name": "上海明珠", "region": "华东"}, "T1"),
        ("region", "华北", "T2"),
    ]


def test_going_back_before_the_compact_outbox_gives_every_entry_its_value(tmp_path):
    from alembic import command
    from alembic.config import Config

    from katerm.core import store
    from katerm.core.store.db import MIGRATIONS_DIR, _make_engine

    db = open_database(tmp_path / "k.db", clock=CLOCK)
    with db.writing() as conn:
        me = "0b9d6d8e-0000-4000-8000-000000000001"
        store.insert(conn, "users", {"id": me, "owner_id": me, "login": "li"}, actor_id=me)
        acc = store.insert(
            conn, "accounts", {"name": "上海明珠", "annual_revenue": 12.5}, actor_id=me
        )
        gone = store.insert(conn, "accounts", {"name": "Acme"}, actor_id=me)
    with db.writing() as conn:
        store.update(conn, "accounts", acc, {"region": "华东"}, actor_id=me)
        store.delete(conn, "accounts", gone, actor_id=me)
    db.close()
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = _make_engine(tmp_path / "k.db", foreign_keys=False)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0013")
        entries = conn.exec_driver_sql(
            "SELECT row_id, field, value FROM outbox WHERE tbl = 'accounts' ORDER BY seq"
        ).fetchall()
    engine.dispose()
    import json

    found = {(row_id, field): json.loads(value) for row_id, field, value in entries}
    assert found[(acc, "*")]["name"] == "上海明珠" and found[(acc, "*")]["annual_revenue"] == 12.5
    assert found[(acc, "region")] == "华东"
    assert found[(gone, "_deleted")] is True and found[(gone, "*")]["_deleted"] is True
