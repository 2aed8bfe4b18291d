"""Alembic environment: katerm runs migrations itself, on a connection it opened.

``katerm.core.store.db`` passes the connection in ``config.attributes["connection"]`` and owns the
transaction (with a backup taken before). Running ``alembic`` by hand against a URL is supported
for developers writing new revisions.
"""

from typing import Any

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import katerm.core.store.models  # noqa: F401  (registers every table)
from katerm.core.store.migrations import include_object

config = context.config
target_metadata = SQLModel.metadata


def _configure(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
        compare_type=True,
        include_object=include_object,
    )


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("alembic: set sqlalchemy.url (katerm itself passes a connection)")
    engine = create_engine(url)
    with engine.begin() as conn:
        _configure(conn)
        context.run_migrations()


run()
