"""An old database for the migration tests: made at a past revision, then seeded by plain
SQL (the models of today may have columns that revision did not)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from katerm.core.store import db as dbmod
from katerm.core.store.db import Database, upgrade

# The columns every synced row has, before its own.
COLS = "id, created_at, updated_at, hlc, clk, deleted"


def li_lei_at(path: Path, revision: str) -> sqlite3.Connection:
    """A database at ``revision`` with one member, 李雷 (``u1``), and his account 上海明珠
    (``a1``, tier A); returns a plain connection for the test to add its own rows with."""
    dbmod.connect(path, create=True).close()
    old = Database(path)
    upgrade(old, to=revision)
    old.close()
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            f"INSERT INTO users ({COLS}, owner_id, login, name, email) "
            "VALUES ('u1', 't', 't', '', '{}', 0, 'u1', 'li', '李雷', '')"
        )
        raw.execute(
            f"INSERT INTO accounts ({COLS}, owner_id, name, industry, region, annual_revenue, "
            "contract_value, potential_revenue, lifecycle, notes, currency, tier_revenue) "
            "VALUES ('a1', 't', 't', '', '{}', 0, 'u1', '上海明珠', '', '', 6e6, 0, 0, "
            "'customer', '', 'CNY', 'A')"
        )
    return raw
