"""Local bookkeeping for sync: the outbox of unpushed changes and this device's clock."""

from sqlmodel import Field, SQLModel


class OutboxEntry(SQLModel, table=True):
    """One local change waiting to be pushed.

    ``field`` is a column name, ``_deleted`` for a tombstone, or ``*`` for a newly created row
    whose ``value`` holds every field (one entry per new row keeps bulk imports fast; the push
    expands it). ``base_tag`` is the field's tag the user saw before the edit: the server calls
    the edit concurrent when its current tag differs from it.
    """

    __tablename__ = "outbox"

    seq: int | None = Field(default=None, primary_key=True)
    tbl: str
    row_id: str = Field(index=True)
    owner_id: str | None = None
    field: str
    value: str  # JSON
    tag: str
    base_tag: str | None = None


class SyncState(SQLModel, table=True):
    """This device's identity, its clock's last tag and the pull cursor (one row)."""

    __tablename__ = "sync_state"

    id: int = Field(default=1, primary_key=True)
    device_id: str
    hlc: str = Field(default="")
    cursor: str = Field(default="0")
