"""What a consistent read works out once: a memo that lives as long as the read's snapshot.

Inside :meth:`katerm.core.store.Database.reading` every query sees the same data, so what is
read twice in it (my day's checklist and its "Coming up" both ask for the card reviews due)
can be read once: :func:`read_memo` gives the snapshot's memo, ``None`` outside a read (and on
a connection that is not a read's), where nothing is kept.

A wrapper around a read's connection (the demo's ``FrozenReads``) names it as ``wrapped`` and
shares its memo.
"""

from __future__ import annotations

import sqlite3
from typing import Any

# id(connection) -> its read's memo, from BEGIN to COMMIT (each thread has its own connection).
_MEMOS: dict[int, dict[Any, Any]] = {}


def begin(conn: sqlite3.Connection) -> None:
    """Start a read on ``conn`` (``BEGIN``), with an empty memo."""
    conn.execute("BEGIN")
    _MEMOS[id(conn)] = {}


def end(conn: sqlite3.Connection) -> None:
    """End the read on ``conn`` (``COMMIT``); its memo goes with it."""
    _MEMOS.pop(id(conn), None)
    conn.execute("COMMIT")


def read_memo(conn: sqlite3.Connection) -> dict[Any, Any] | None:
    """The memo of the read ``conn`` (or the connection it wraps) is in, or ``None`` when it is
    in none."""
    seen: Any = conn
    while seen is not None:
        memo = _MEMOS.get(id(seen))
        if memo is not None:
            return memo
        seen = getattr(seen, "wrapped", None)
    return None
