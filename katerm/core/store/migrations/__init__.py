"""Alembic migrations for the local SQLite store (run by ``katerm.core.store.db.upgrade``)."""

from typing import Any

# Indexes on expressions (e.g. ``name COLLATE NOCASE``) that SQLite cannot reflect; autogenerate
# would otherwise propose dropping them on every run.
EXPRESSION_INDEXES = frozenset({"ix_accounts_name_nocase"})


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    return not (type_ == "index" and name in EXPRESSION_INDEXES)
