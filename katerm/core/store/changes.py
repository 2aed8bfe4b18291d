"""What a write is made of: the rows to change (:class:`Change`), why they change
(:class:`Why`), what came of it (:class:`ApplyResult`), and the observers told about edits."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# One edited row as an observer sees it: (row id, row before, row after), every field.
Edit = tuple[str, dict[str, Any], dict[str, Any]]
Observer = Callable[..., None]
# table -> (fields watched, observer). The observer is called as
# ``observer(conn, edits, actor_id=..., why=...)`` after the edits are written, in the same
# transaction, with ``edits`` the edited rows in which a watched field changed. New rows are not
# edits: creating an account with a tier is not a tier change. Only local edits pass here (a
# sync pull merges without apply), so a log row is written once, by the device where the change
# was made.
OBSERVERS: dict[str, tuple[frozenset[str], Observer]] = {}
# Tests only: called as ``ROW_CHECK(table, row)`` with every field of each row :func:`apply`
# writes, before it is written; the test suite checks each row against the sync rules the
# shared server enforces (``katerm.core.sync.check``). None in katerm itself.
RowCheck = Callable[[str, dict[str, Any]], None]
ROW_CHECK: RowCheck | None = None


def observe(table: str, fields: Iterable[str], observer: Observer) -> None:
    """Tell ``observer`` about every local edit of ``fields`` in ``table`` (one per table)."""
    OBSERVERS[table] = (frozenset(fields), observer)


@dataclass(frozen=True)
class Why:
    """Why rows are changed, for the logs observers keep: where the change comes from
    (``edit``, ``import``, ``suggestion``...) and the user's words, the same for every row
    (``reason``) or per row id (``reasons``)."""

    source: str = "edit"
    reason: str = ""
    reasons: Mapping[str, str] = field(default_factory=dict)

    def reason_for(self, row_id: str) -> str:
        return self.reasons.get(row_id, self.reason)


@dataclass
class Change:
    """One row to create (``new=True``) or edit. ``values`` maps column names to values."""

    row_id: str | None
    values: dict[str, Any]
    new: bool = False


@dataclass
class ApplyResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
