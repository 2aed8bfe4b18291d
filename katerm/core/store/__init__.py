"""The store: katerm's lowest layer, the SQLite file and the one way rows change.

``from katerm.core import store`` then ``store.apply(...)``, ``store.insert(...)``: this module is
the store's public face. What is inside:

* ``db``: opening the file (pragmas, migrations with a backup first, plain errors): reads
  through plain sqlite3 (``Database.reading``), writes in ``BEGIN IMMEDIATE``
  (``Database.writing``);
* ``write``: :func:`apply` (clock tags, the sync outbox, observers) and its conveniences;
* ``newrows``: how new rows are written (stamps, one ``*`` outbox entry each; a big batch
  leaves out of its statement the fields no row sets), for ``write`` and ``bulk``;
* ``bulk``: :func:`insert_rows`, the same for many new rows of one shape, without the
  per-row work of the general path (the demo); :func:`insert_new_rows`, new rows checked
  elsewhere handed over as tuples in a given column order (an import's new records: no
  dict, no change object per row); :func:`indexes_set_aside` (or its halves
  :func:`set_indexes_aside` and :func:`put_indexes_back`), a table's
  indexes built once after a bulk load instead of updated per row;
* ``changes``: what a write is made of (``Change``, ``Why``) and the observers of edits (and
  ``ROW_CHECK``, the tests' look at every row written);
* ``tables``: what the write path knows of each synced table; ids for new rows;
* ``hlc``: the hybrid logical clock that tags every change;
* ``values``: plain values shared by the schema and the write path (no SQLAlchemy), and
  ``name_key``, when two account names are the same name (here and on the sync server);
* ``settings``: the team's settings, one value per key (the most senior owner's row wins);
* ``snapshot``: :func:`read_memo`, what a read (``Database.reading``) works out once;
* ``sql``: helpers for read queries (``IN`` lists, ``LIKE`` patterns);
* ``models`` (the schema as SQLModel classes) and ``migrations`` (Alembic), loaded only when
  needed: importing this package does not import SQLAlchemy.

The store imports nothing of katerm above it: only the leaf modules ``katerm.core.errors`` and
``katerm.core.clock`` (for types), and the message catalogue.
"""

from katerm.core.store.active import active_scheme, set_active_scheme
from katerm.core.store.bulk import (
    ReadyRow,
    indexes_set_aside,
    insert_new_rows,
    insert_rows,
    put_indexes_back,
    set_indexes_aside,
)
from katerm.core.store.changes import (
    OBSERVERS,
    ApplyResult,
    Change,
    Edit,
    Observer,
    Why,
    observe,
)
from katerm.core.store.db import (
    CLOCK_KEY,
    Database,
    UpgradeNote,
    backup,
    backup_name,
    check,
    connect,
    explain,
    known_revisions,
    open_database,
    schema_head,
    translated_errors,
    upgrade,
)
from katerm.core.store.hlc import HybridClock, parse_tag
from katerm.core.store.settings import Setter, managers_of, owner_ranks, set_above, winners
from katerm.core.store.snapshot import read_memo
from katerm.core.store.sql import in_clause, like_escape, like_pattern, live_owner
from katerm.core.store.tables import TableInfo, new_id, new_ids, table_info
from katerm.core.store.values import (
    DELETED_FIELD,
    SYNC_COLUMNS,
    Lifecycle,
    fold_char,
    fold_table,
    name_key,
    to_db,
)
from katerm.core.store.write import (
    apply,
    delete,
    insert,
    pending_count,
    restore,
    update,
    workspace_clock,
)

__all__ = [
    "CLOCK_KEY",
    "DELETED_FIELD",
    "OBSERVERS",
    "SYNC_COLUMNS",
    "ApplyResult",
    "Change",
    "Database",
    "Edit",
    "HybridClock",
    "Lifecycle",
    "Observer",
    "ReadyRow",
    "Setter",
    "TableInfo",
    "UpgradeNote",
    "Why",
    "active_scheme",
    "apply",
    "backup",
    "backup_name",
    "check",
    "connect",
    "delete",
    "explain",
    "fold_char",
    "fold_table",
    "in_clause",
    "indexes_set_aside",
    "insert",
    "insert_new_rows",
    "insert_rows",
    "known_revisions",
    "like_escape",
    "like_pattern",
    "live_owner",
    "managers_of",
    "name_key",
    "new_id",
    "new_ids",
    "observe",
    "open_database",
    "owner_ranks",
    "parse_tag",
    "pending_count",
    "put_indexes_back",
    "read_memo",
    "restore",
    "schema_head",
    "set_above",
    "set_active_scheme",
    "set_indexes_aside",
    "table_info",
    "to_db",
    "translated_errors",
    "update",
    "upgrade",
    "winners",
    "workspace_clock",
]
