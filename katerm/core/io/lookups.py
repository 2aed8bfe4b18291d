"""Finding the records a file's rows point at: accounts by name, contacts and opportunities by
name within their account, anything by id.

Each table is read once per import, inside the import's write transaction, so rows written
by an earlier sheet of the same workbook are found too (:meth:`Lookups.forget` drops what a
sheet's writes made stale).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from katerm.core.accounts import name_key

MANY = "\0several"  # a name that more than one live record has

# The column naming a record of each table that rows point at by name.
NAME_COLUMNS = {
    "accounts": "name",
    "contacts": "name",
    "opportunities": "name",
    "competitors": "name",
}
# The stored column of a table's account, for records named within their account.
ACCOUNT_COLUMNS = {
    "contacts": "account_id",
    "opportunities": "account_id",
    "gap_rows": "account_id",
    "plan_items": "account_id",
}


@dataclass(frozen=True)
class Found:
    """A record a row points at: its account (or its own id for an account), its display
    name's key, its owner and whether it is deleted."""

    account_id: str
    key: str
    owner_id: str
    deleted: bool


class Lookups:
    """Lazily loaded maps of one table each, over a sqlite3 connection."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self._by_id: dict[str, dict[str, Found]] = {}
        self._by_name: dict[str, dict[tuple[str, str], str]] = {}

    def forget(self, table: str | None = None) -> None:
        """Read ``table`` (every table, for None) again when it is next asked about."""
        for cache in (self._by_id, self._by_name):
            if table is None:
                cache.clear()
            else:
                cache.pop(table, None)

    def _load(self, table: str) -> None:
        name = NAME_COLUMNS.get(table)
        account = "id" if table == "accounts" else ACCOUNT_COLUMNS.get(table, "''")
        label = name if name else "''"
        by_id: dict[str, Found] = {}
        by_name: dict[tuple[str, str], str] = {}
        for row_id, account_id, text, owner, deleted in self.raw.execute(
            f"SELECT id, {account}, {label}, owner_id, deleted FROM {table}"
        ):
            key = name_key(text or "")
            by_id[row_id] = Found(account_id or "", key, owner, bool(deleted))
            if not deleted and name:
                pair = ("" if table == "accounts" else account_id, key)
                by_name[pair] = MANY if pair in by_name else row_id
        self._by_id[table] = by_id
        self._by_name[table] = by_name

    def by_id(self, table: str) -> dict[str, Found]:
        if table not in self._by_id:
            self._load(table)
        return self._by_id[table]

    def by_name(self, table: str) -> dict[tuple[str, str], str]:
        if table not in self._by_name:
            self._load(table)
        return self._by_name[table]

    def live(self, table: str, row_id: str) -> Found | None:
        found = self.by_id(table).get(row_id)
        return None if found is None or found.deleted else found

    def named(self, table: str, name: str, account_id: str = "") -> str | None:
        """The live record called ``name`` (at ``account_id``); MANY if several are."""
        return self.by_name(table).get((account_id, name_key(name)))
