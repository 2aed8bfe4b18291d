"""Accounts and contacts: look-ups the forms, import and CLI share."""

from __future__ import annotations

import sqlite3


def name_taken(conn: sqlite3.Connection, name: str, *, exclude_id: str | None = None) -> bool:
    """Is another live account already called this (trimmed, ASCII case ignored)?"""
    row = conn.execute(
        "SELECT id FROM accounts WHERE deleted = 0 AND name = ? COLLATE NOCASE AND id != ? "
        "LIMIT 1", (name.strip(), exclude_id or "")).fetchone()
    return row is not None


def name_key(name: str) -> str:
    """How import matches account names: trimmed and case-insensitive (any script)."""
    return " ".join(name.split()).casefold()
