"""Revision 0011: the three relationship owners of a contact become one (issue 17).

A database as today's main leaves it (revision 0010) holds a contact's owner on the map, on
the expansion card and on the gap row; the upgrade keeps the most recently changed one,
reports what it overrode, keeps every row, and the card loses its own copy.
"""

from __future__ import annotations

import json
import sqlite3

from katerm.core.store import db as dbmod
from katerm.core.store.db import Database, schema_head, upgrade
from katerm.paths import resolve_paths

DIMENSIONS = ("recognition", "events", "information", "guidance", "support", "competition", "level")
OLD, MID, NEW = (f"000000000{n}000-00000-dev" for n in (1, 2, 3))


def _sync(row_id: str, clk: dict[str, str]) -> tuple[str, ...]:
    return (row_id, "t", "t", max(clk.values()), json.dumps(clk), "0")


def old_database(path) -> None:
    """A 0010 database: 张总's map says li (oldest), his card wang (newest), his gap row zhao;
    刘总's map says li and nothing disagrees; 陈总's map is newest (uncovered by hand)."""
    boot = dbmod.connect(path, create=True)
    boot.close()
    old = Database(path)
    upgrade(old, to="0010")
    old.close()
    raw = sqlite3.connect(path)
    cols = "id, created_at, updated_at, hlc, clk, deleted"
    with raw:
        for uid, login, name in (("u1", "li", "李雷"), ("u2", "wang", "王芳"), ("u3", "zhao", "")):
            raw.execute(
                f"INSERT INTO users ({cols}, owner_id, login, name, email) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
                (*_sync(uid, {"*": OLD}), uid, login, name),
            )
        raw.execute(
            f"INSERT INTO accounts ({cols}, owner_id, name, industry, region, annual_revenue, "
            "contract_value, potential_revenue, annual_orders, company_revenue, tier, "
            "tier_scheme, tier_override_reason, lifecycle, notes, currency) VALUES "
            "(?, ?, ?, ?, ?, ?, 'u1', '上海明珠', '', '', 0, 0, 0, 0, 0, NULL, 'revenue', '', "
            "'customer', '', 'CNY')",
            _sync("a1", {"*": OLD}),
        )
        people = (
            ("c1", "张总", "u1", {"*": OLD}),
            ("c2", "刘总", "u1", {"*": OLD}),
            ("c3", "陈总", None, {"*": OLD, "covered_by": NEW}),
        )
        for cid, name, covered, clk in people:
            raw.execute(
                f"INSERT INTO contacts ({cols}, owner_id, account_id, name, title, department, "
                "phone, email, notes, role, other_roles, influence, attitude, support_level, "
                "favours_competitor, contact_level, covered_by, rising_star) VALUES "
                "(?, ?, ?, ?, ?, ?, 'u1', 'a1', ?, '', '', '', '', '', '', '', '', 'unknown', "
                "'', '', 'none', ?, 0)",
                (*_sync(cid, clk), name, covered),
            )
        for kid, cid, owner, clk in (
            ("k1", "c1", "u2", {"*": OLD, "relationship_owner_id": NEW}),
            ("k2", "c2", "u1", {"*": OLD}),
            ("k3", "c3", "u2", {"*": MID}),
        ):
            raw.execute(
                f"INSERT INTO expansion_cards ({cols}, owner_id, account_id, contact_id, "
                "relationship_owner_id, sponsor_id, sponsor_criteria, commitments, action_plan, "
                "notes) VALUES (?, ?, ?, ?, ?, ?, 'u1', 'a1', ?, ?, NULL, '', '', '', '')",
                (*_sync(kid, clk), cid, owner),
            )
        scores = ", ".join(f"{d}_{w}" for d in DIMENSIONS for w in ("now", "target"))
        raw.execute(
            f"INSERT INTO gap_rows ({cols}, owner_id, account_id, contact_id, {scores}, "
            "next_action, scenario, due_date, status) VALUES "
            f"(?, ?, ?, ?, ?, ?, 'u3', 'a1', 'c1', {', '.join('1' * 14)}, '', '', NULL, 'open')",
            _sync("g1", {"*": MID}),
        )
    raw.close()


def test_the_newest_owner_wins_is_reported_and_every_row_is_kept(tmp_path):
    from tests.conftest import pinned_clock

    path = tmp_path / "old.db"
    old_database(path)
    notes: list = []
    db = dbmod.open_database(path, clock=pinned_clock(), on_notes=notes.extend)
    assert db.schema_version() == schema_head()
    with db.reading() as conn:
        owners = dict(conn.execute("SELECT name, covered_by FROM contacts").fetchall())
        also = dict(conn.execute("SELECT name, also_covered_by FROM contacts").fetchall())
        counts = [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("users", "accounts", "contacts", "expansion_cards", "gap_rows")
        ]
        card_columns = {r[1] for r in conn.execute("PRAGMA table_info(expansion_cards)")}
        queued = conn.execute(
            "SELECT row_id, field, value, tag FROM outbox WHERE tbl = 'contacts'"
        ).fetchall()
    db.close()
    # 张总: the card's owner was changed last; 陈总: uncovering him on the map was newest.
    assert owners == {"张总": "u2", "刘总": "u1", "陈总": None}
    assert counts == [3, 1, 3, 3, 1]
    assert "relationship_owner_id" not in card_columns
    # The card's owner who lost the merge is not forgotten: additional coverage.
    assert json.loads(also["陈总"]) == ["u2"]
    assert json.loads(also["张总"]) == []
    assert queued == [("c1", "covered_by", '"u2"', NEW)]
    merged = [p for k, p in notes if k == "db.upgrade.owner_merged"]
    assert merged == [
        {"contact": "张总", "owner": "王芳", "source": "card", "overridden": "zhao, 李雷"}
    ]
    assert ("db.upgrade.owners_merged", {"count": 1}) in notes


def test_katerm_db_upgrade_says_what_it_overrode(cli):
    path = resolve_paths().db_file
    path.parent.mkdir(parents=True, exist_ok=True)
    old_database(path)
    result = cli("db", "upgrade")
    assert result.code == 0
    assert "Relationship owner of 张总: kept 王芳 (newest, from the expansion card)" in result.out
    assert "overrode zhao, 李雷" in result.out
    assert "Merged the relationship owners of 1 contact into" in result.out
    assert cli("db", "check").code == 0
