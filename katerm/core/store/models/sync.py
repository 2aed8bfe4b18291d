"""Local bookkeeping for sync: the outbox, this device's clock and server, the conflict log.

See ../shared/SYNC.md and ``katerm.core.sync``: these tables never travel themselves; they
record what has to travel (``outbox``), where to (``sync_state``) and what happened
(``conflict_log``).
"""

from sqlalchemy import Column, Index, Integer, String, text
from sqlmodel import Field, SQLModel


class OutboxEntry(SQLModel, table=True):
    """One local change waiting to be pushed.

    ``field`` is a column name, ``_deleted`` for a tombstone, or ``*`` for a newly created row
    (one entry per new row keeps bulk imports fast; the push sends every field). The entry
    records *which* field changed, not the value: ``value`` is NULL and the push reads the
    row as it is then. Only when a pull or a push's read-back is about to overwrite a row with
    waiting entries is their value kept here (JSON), so the edit still reaches the server,
    loses there and lands in the conflict log; entries from before the compact outbox carry
    their value too. ``base_tag`` is the field's tag the user saw before the edit: the server calls
    the edit concurrent when its current tag differs from it. ``row_base`` (tombstone entries
    only) is the newest tag of the whole row the user saw when deleting it: edits newer than it
    are hidden by the delete without the user having seen them, so they go to the conflict log.
    """

    __tablename__ = "outbox"
    # Looked up by row for edits (to fold into a waiting entry) and pulls (to keep a waiting
    # value): only field entries. A ``*`` entry is found by scanning (rare: a parked or purged
    # row), so a 100,000-row import or demo does not build an index of random ids.
    __table_args__ = (Index("ix_outbox_row_id", "row_id", sqlite_where=text("field != '*'")),)

    seq: int | None = Field(default=None, primary_key=True)
    tbl: str
    row_id: str
    owner_id: str | None = None
    field: str
    value: str | None = None  # JSON, or NULL: the row's current value
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
