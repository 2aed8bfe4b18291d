"""The workspace's settings the SQL reads: the team's active tier scheme, per database file.

An account holds one stored tier per scheme (``accounts.tier_<scheme>``, migration 0014); the
accounts list, the account screen, the gap table and the review measures show the one of the
team's active scheme. Rather than hand that scheme down every reader, each connection
``connect`` makes gets the SQL function ``active_scheme()``, which answers the scheme the
workspace open on that file uses (``set_active_scheme``, called when a workspace opens): a
setting of the workspace, not of the process, so two workspaces open at once keep theirs.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

DEFAULT_SCHEME = "revenue"
_ACTIVE: dict[str, str] = {}


def _key(path: Path) -> str:
    return str(path.absolute())


def set_active_scheme(path: Path, scheme: str) -> None:
    """The tier scheme the workspace on this database file shows (its ``tier_scheme``)."""
    _ACTIVE[_key(path)] = scheme


def active_scheme(path: Path) -> str:
    return _ACTIVE.get(_key(path), DEFAULT_SCHEME)


def register(conn: sqlite3.Connection, path: Path) -> None:
    """Give a connection to ``path`` the SQL function ``active_scheme()``."""
    key = _key(path)
    conn.create_function("active_scheme", 0, lambda: _ACTIVE.get(key, DEFAULT_SCHEME))
