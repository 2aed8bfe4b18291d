"""Plain values shared by the schema and the write path, importable without SQLAlchemy.

The TUI's first screen reads through plain sqlite3; keeping these here means showing the
accounts list never pays for importing SQLModel.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import cache
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


# --- account names: one key for "the same name" on every replica and on the server --------


@cache
def fold_char(ch: str) -> str:
    """What one character counts as when names are compared: its NFKC compatibility form
    (全角 ＡＢＣ is ABC, ㈱ is (株)), case-folded, with every kind of space a plain one.

    The server compares names with a table of exactly these values (``app.name_fold``, made
    by ``katerm server init|upgrade`` from :func:`fold_table`), so both sides agree by
    construction, whatever their Unicode versions.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", ch).casefold())
    return "".join(" " if c.isspace() else c for c in folded)


class _Folds(dict[int, str]):
    """:func:`fold_char` by code point, as ``str.translate`` wants it, filled as it is used."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLDS = _Folds()


def name_key(name: str) -> str:
    """Two account names are the same name when their keys are equal: width, case and runs
    of spaces do not count (``Same Name Co`` = ``ｓａｍｅ　name co``)."""
    if name.isascii():  # the fold of ASCII is lower case, its spaces split() splits on
        return " ".join(name.lower().split())
    # Every space-like character folds to " ", so split() cuts at the same places.
    return " ".join(name.translate(_FOLDS).split())


def fold_table() -> list[tuple[str, str]]:
    """Every character :func:`fold_char` changes, with what it becomes (for the server)."""
    out = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF or code == 0:
            continue
        ch = chr(code)
        folded = fold_char.__wrapped__(ch)
        if folded != ch:
            out.append((ch, folded))
    return out
