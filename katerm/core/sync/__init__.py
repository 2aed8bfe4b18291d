"""Sync with a shared PostgreSQL: offline first, field-level merge, server-side visibility.

The design is ../shared/SYNC.md; what this package adds to it is written in each module:

* ``schema``: which local tables sync (every table with the ``SYNC_COLUMNS``, found in the
  SQLModel metadata) and the typed server tables derived from them;
* ``server``: ``katerm server init|upgrade|gc`` and the team (PostgreSQL login roles);
* ``rules`` / ``rules_tables``: what each synced field may hold, for server and client alike;
  ``server_check`` writes them to the server, ``server_push`` is the one write path members
  have (``app.push``), ``server_names`` keeps account names unique in each team tree;
* ``check`` / ``incoming``: every row from the server checked, bad ones set aside;
* ``connect``: the driver (psycopg, the ``[sync]`` extra), credentials and plain errors;
* ``merge``: applying server rows to the local database, field by field;
* ``push`` / ``pull``: the two halves of a sync; ``run``: a whole sync with its summary;
* ``conflicts`` and ``status``: what the user sees (read with plain sqlite3).

Nothing here imports psycopg at import time: katerm starts without the driver installed.
"""
