"""Plain values shared by the schema and the write path, importable without SQLAlchemy.

The TUI's first screen reads through plain sqlite3; keeping these here means showing the
accounts list never pays for importing SQLModel.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

# Columns every synced table has; the rest of a table's columns are the user's fields.
SYNC_COLUMNS = ("id", "owner_id", "created_at", "updated_at", "hlc", "clk", "deleted")
# The name under which the tombstone travels in clocks and the outbox (SYNC.md).
DELETED_FIELD = "_deleted"


class Lifecycle(StrEnum):
    PROSPECT = "prospect"
    CUSTOMER = "customer"
    LOYAL = "loyal"
    FORMER = "former"


def to_db(value: Any) -> Any:
    """A Python value as SQLite stores it (the form the outbox and comparisons use)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime: katerm stores UTC-aware times only")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value
