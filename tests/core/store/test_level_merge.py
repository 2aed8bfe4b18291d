"""Revision 0023: one relationship-level scale, stored once on the contact (issue 17).

A database as today's main leaves it (revision 0016) holds a person's level twice: the map's
contact level (none/met/regular/trusted) and the gap row's ``level_now`` (0–5). The upgrade maps
the old words onto 0–5, keeps the most recently changed value, reports what it overrode, keeps
every row, queues the new values for sync and moves stage-plan targets onto the scale.
"""

from __future__ import annotations

import importlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from katerm.core.store import db as dbmod
from katerm.core.store.db import Database, schema_head, upgrade
from katerm.core.store.migrations import versions
from katerm.paths import resolve_paths

# The revision just before 0023: what today's main leaves (the lead may re-chain it).
_MIGRATION = next(Path(versions.__file__).parent.glob("*_relationship_level.py")).stem
BEFORE = importlib.import_module(f"{versions.__name__}.{_MIGRATION}").down_revision
OLD, MID, NEW = (f"000000000{n}000-00000-dev" for n in (1, 2, 3))
TABLES = ("users", "accounts", "contacts", "gap_rows", "gap_scores", "stage_plan_cells")


def _insert(raw: sqlite3.Connection, table: str, clk: dict[str, str], **values: Any) -> None:
    """A row with the given values; every other required column gets an empty value."""
    row: dict[str, Any] = {
        "created_at": "t",
        "updated_at": "t",
        "hlc": max(clk.values()),
        "clk": json.dumps(clk),
        "deleted": 0,
    }
    for _, name, kind, notnull, default, _ in raw.execute(f"PRAGMA table_info({table})"):
        if notnull and default is None and name not in row and name not in values:
            row[name] = 0 if kind.upper() in ("INTEGER", "BOOLEAN", "FLOAT") else ""
    row.update(values)
    raw.execute(
        f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        tuple(row.values()),
    )


def old_database(path) -> None:
    """A database as main leaves it (before this revision). 张总: map "trusted" (oldest),
    gap row scored 1 later: the gap wins.
    刘总: map "regular" edited last, gap row scored 4 earlier: the map wins (2). 陈总: map "met",
    gap row never scored (its 0 is a default): 1, nothing to report. 赵总: "none" and no gap row:
    0. 孙总 (deleted): "trusted" kept as 3. A stage-plan cell aims at "regular"."""
    boot = dbmod.connect(path, create=True)
    boot.close()
    old = Database(path)
    upgrade(old, to=BEFORE)
    old.close()
    raw = sqlite3.connect(path)
    with raw:
        _insert(raw, "users", {"*": OLD}, id="u1", owner_id="u1", login="li", name="李雷")
        _insert(raw, "accounts", {"*": OLD}, id="a1", owner_id="u1", name="上海明珠")
        people = (
            ("c1", "张总", "trusted", {"*": OLD}, 0),
            ("c2", "刘总", "regular", {"*": OLD, "contact_level": NEW}, 0),
            ("c3", "陈总", "met", {"*": MID}, 0),
            ("c4", "赵总", "none", {"*": OLD}, 0),
            ("c5", "孙总", "trusted", {"*": OLD}, 1),
        )
        for cid, name, word, clk, deleted in people:
            _insert(
                raw,
                "contacts",
                clk,
                id=cid,
                owner_id="u1",
                account_id="a1",
                name=name,
                contact_level=word,
                attitude="unknown",
                deleted=deleted,
            )
        gaps = (
            ("g1", "c1", 1, {"*": OLD, "level_now": MID}),
            ("g2", "c2", 4, {"*": MID}),
            ("g3", "c3", 0, {"*": NEW}),
        )
        for gid, cid, level, clk in gaps:
            _insert(
                raw,
                "gap_rows",
                clk,
                id=gid,
                owner_id="u1",
                account_id="a1",
                contact_id=cid,
                level_now=level,
                level_target=5,
                status="open",
            )
        # 刘总's row was scored when it was made (its history says so).
        _insert(
            raw,
            "gap_scores",
            {"*": MID},
            id="s1",
            owner_id="u1",
            gap_row_id="g2",
            dimension="level",
            target=0,
            old=None,
            new=4,
            changed_by="u1",
            changed_at="2026-10-01T00:00:00+00:00",
        )
        _insert(
            raw,
            "stage_plan_cells",
            {"*": OLD},
            id="p1",
            owner_id="u1",
            account_id="a1",
            stage="bidding",
            department="purchasing",
            target="regular",
            status="open",
        )
    raw.close()


def test_old_levels_map_onto_the_scale_the_newest_wins_and_every_row_is_kept(tmp_path):
    from tests.conftest import pinned_clock

    path = tmp_path / "old.db"
    old_database(path)
    notes: list = []
    db = dbmod.open_database(path, clock=pinned_clock(), on_notes=notes.extend)
    assert db.schema_version() == schema_head()
    with db.reading() as conn:
        found = dict(conn.execute("SELECT name, level FROM contacts").fetchall())
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]
        contact_columns = {r[1] for r in conn.execute("PRAGMA table_info(contacts)")}
        gap_columns = {r[1] for r in conn.execute("PRAGMA table_info(gap_rows)")}
        target = conn.execute("SELECT target FROM stage_plan_cells").fetchone()[0]
        queued = conn.execute(
            "SELECT tbl, row_id, field, tag, base_tag FROM outbox ORDER BY tbl, row_id"
        ).fetchall()
        clocks = json.loads(conn.execute("SELECT clk FROM contacts WHERE id = 'c2'").fetchone()[0])
        from katerm.core.gaps.read import load

        now = {v.contact: v.level_now for v in load(conn, None)}
    db.close()
    # The gap table's "now" is the contact's one level.
    assert now == {"张总": 1, "刘总": 2, "陈总": 1}
    assert found == {"张总": 1, "刘总": 2, "陈总": 1, "赵总": 0, "孙总": 3}
    assert counts == [1, 1, 5, 3, 1, 1]
    assert "contact_level" not in contact_columns and "level" in contact_columns
    assert "level_now" not in gap_columns and "level_target" in gap_columns
    assert target == "working"
    # Each new value is queued for sync one step after the tag of the value it carries.
    assert queued == [
        ("contacts", "c1", "level", "0000000002000-00001-dev", OLD),
        ("contacts", "c2", "level", "0000000003000-00001-dev", OLD),
        ("contacts", "c3", "level", "0000000002000-00001-dev", MID),
        ("stage_plan_cells", "p1", "target", "0000000001000-00001-dev", OLD),
    ]
    assert clocks["level"] == "0000000003000-00001-dev"
    merged = [p for k, p in notes if k == "db.upgrade.level_merged"]
    assert merged == [
        {"contact": "张总", "level": 1, "source": "gap", "overridden": "3"},
        {"contact": "刘总", "level": 2, "source": "map", "overridden": "4"},
    ]
    assert ("db.upgrade.levels_merged", {"count": 2}) in notes


def test_katerm_db_upgrade_reports_the_levels_it_overrode(cli):
    path = resolve_paths().db_file
    path.parent.mkdir(parents=True, exist_ok=True)
    old_database(path)
    result = cli("db", "upgrade")
    assert result.code == 0
    assert (
        "Relationship level of 张总: kept 1 (the newest, from the gap table); overrode 3."
        in result.out
    )
    assert "1 contact" not in result.out and "2 contacts had different levels" in result.out
    assert cli("db", "check").code == 0
