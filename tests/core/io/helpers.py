"""Shared bits for the import/export tests: files written byte for byte, database snapshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

TABLES = ("users", "accounts", "contacts", "outbox", "sync_state")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def snapshot(ws) -> dict[str, list[tuple[Any, ...]]]:
    """Everything stored, to check that a refused import changed nothing at all."""
    with ws.db.reading() as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def accounts(ws) -> dict[str, dict[str, Any]]:
    """Live accounts by name, with the owner's login."""
    with ws.db.reading() as conn:
        conn.row_factory = None
        cur = conn.execute(
            # tier: the stored tier of the workspace's active scheme, as the list shows it.
            "SELECT a.*, u.login AS owner, CASE active_scheme() WHEN 'revenue' THEN "
            "a.tier_revenue WHEN 'fish' THEN a.tier_fish WHEN 'strategic' THEN a.tier_strategic "
            "ELSE a.tier_size END AS tier FROM accounts a JOIN users u ON u.id = a.owner_id "
            "WHERE a.deleted = 0"
        )
        names = [d[0] for d in cur.description]
        return {row[names.index("name")]: dict(zip(names, row, strict=True)) for row in cur}


def contacts(ws) -> dict[tuple[str, str], dict[str, Any]]:
    """Live contacts by (account name, contact name)."""
    with ws.db.reading() as conn:
        cur = conn.execute(
            "SELECT c.*, a.name AS account FROM contacts c JOIN accounts a "
            "ON a.id = c.account_id WHERE c.deleted = 0"
        )
        names = [d[0] for d in cur.description]
        out = {}
        for row in cur:
            record = dict(zip(names, row, strict=True))
            out[(record["account"], record["name"])] = record
        return out


def member(ws, login: str) -> tuple[str, str | None] | None:
    with ws.db.reading() as conn:
        return conn.execute("SELECT id, manager_id FROM users WHERE login = ?", (login,)).fetchone()
