"""Local bookkeeping for sync: the outbox, this device's clock and server, the conflict log.

See ../shared/SYNC.md and ``katerm.core.sync``: these tables never travel themselves; they
record what has to travel (``outbox``), where to (``sync_state``) and what happened
(``conflict_log``).
"""

from sqlalchemy import Column, Integer, String, text
from sqlmodel import Field, SQLModel


class OutboxEntry(SQLModel, table=True):
    """One local change waiting to be pushed.

    ``field`` is a column name, ``_deleted`` for a tombstone, or ``*`` for a newly created row
    whose ``value`` holds every field (one entry per new row keeps bulk imports fast; the push
    expands it). ``base_tag`` is the field's tag the user saw before the edit: the server calls
    the edit concurrent when its current tag differs from it. ``row_base`` (tombstone entries
    only) is the newest tag of the whole row the user saw when deleting it: edits newer than it
    are hidden by the delete without the user having seen them, so they go to the conflict log.
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
    row_base: str | None = None


class SyncState(SQLModel, table=True):
    """This device: its identity and clock, the server it syncs with, and how far it got.

    ``cursor`` is the server transaction id (xid8, as text) below which every change has been
    pulled; ``epoch`` the server's team-structure version at the last full pull (a different
    one forces a full resync); ``held`` how many outbox entries the last push had to keep.
    """

    __tablename__ = "sync_state"

    id: int = Field(default=1, primary_key=True)
    device_id: str
    hlc: str = Field(default="")
    cursor: str = Field(default="0")
    server_url: str | None = None
    server_login: str | None = None
    server_id: str | None = None
    epoch: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, server_default=text("0"))
    )
    last_sync_at: str | None = None
    last_error: str | None = None
    held: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, server_default=text("0"))
    )
    # 1: the user allowed a connection without TLS to this server (``katerm login --insecure``).
    insecure: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, server_default=text("0"))
    )


class ConflictRecord(SQLModel, table=True):
    """A value that lost a merge, kept so someone can look at it and bring it back.

    The same rows exist on the server (``app.conflicts``) and reach every replica that may see
    the record; ``denied`` ones (an edit the server refused) exist only here. ``acknowledged``
    is local: each person clears their own list.
    """

    __tablename__ = "conflict_log"

    tbl: str = Field(primary_key=True)
    row_id: str = Field(primary_key=True)
    field: str = Field(primary_key=True)
    lost_tag: str = Field(primary_key=True)
    kind: str
    lost_value: str | None = None  # JSON
    won_value: str | None = None  # JSON
    won_tag: str | None = None
    owner_id: str | None = None
    detected_by: str = Field(default="")
    detected_at: str = Field(default="")
    acknowledged: bool = Field(default=False, index=True)
    # Why the server refused a change (``refused``): "problem:field", e.g. "range:amount".
    reason: str = Field(
        default="", sa_column=Column(String, nullable=False, server_default=text("''"))
    )


class ParkedRow(SQLModel, table=True):
    """A pulled row that points at a record this device does not have (yet).

    SQLite checks links at commit, so such a row cannot be stored; it waits here, whole, and
    comes back as soon as what it points at arrives.
    """

    __tablename__ = "sync_parked"

    tbl: str = Field(primary_key=True)
    row_id: str = Field(primary_key=True)
    data: str  # JSON: every column of the row


class UnseenRow(SQLModel, table=True):
    """Local rows a full resync has not received (yet): what is left at its end is purged.

    Noting the rows that exist here, rather than every row received, costs nothing on a new
    laptop's first sync, and a resync cut short simply starts the list again.
    """

    __tablename__ = "sync_unseen"

    tbl: str = Field(primary_key=True)
    row_id: str = Field(primary_key=True)


class QuarantinedRow(SQLModel, table=True):
    """A row from the server that breaks the sync rules: kept aside whole, never merged, with
    what is wrong with it (``problem``: "field: why"). A good version of the row, when it
    comes, takes its place."""

    __tablename__ = "sync_quarantine"

    tbl: str = Field(primary_key=True)
    row_id: str = Field(primary_key=True)
    data: str  # JSON: the row as received
    problem: str
    received_at: str
