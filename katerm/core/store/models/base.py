"""What every synced table has, and the column types katerm stores.

Every user-editable table is sync-ready (../shared/SYNC.md): a UUID text primary key, the
owner, creation and update times, the row's latest hybrid-logical-clock tag (``hlc``), the
per-field tags (``clk``), and a tombstone flag instead of hard deletes. Rows change only
through :func:`katerm.core.store.apply`, which also records each change in the outbox.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime stored as ISO-8601 text (sorts and reads well in SQL)."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        if value.tzinfo is None:
            raise ValueError("naive datetime: katerm stores UTC-aware times only")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def fk(target: str, *, nullable: bool = True, index: bool = True) -> Any:
    """A foreign key checked at commit, so a sync pull may bring rows in any order."""
    return Field(
        default=None,
        sa_column=Column(
            String,
            ForeignKey(target, deferrable=True, initially="DEFERRED"),
            nullable=nullable,
            index=index,
        ),
    )


class SyncedTable(SQLModel):
    """Columns shared by every synced table (not a table itself)."""

    id: str = Field(primary_key=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    hlc: str = Field(default="")
    clk: str = Field(default="{}")
    deleted: bool = Field(default=False)
