"""What a push works with: outbox entries and what became of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from katerm.core.errors import KatermError


class ClockAhead(KatermError):
    """This computer's clock runs ahead of the server's by more than the limit."""


@dataclass
class Entry:
    seq: int
    tbl: str
    row_id: str
    owner_id: str | None
    field: str
    value: Any
    tag: str
    base: str | None
    row_base: str | None

    @property
    def owner(self) -> str | None:
        if self.field == "*" and isinstance(self.value, dict):
            return self.value.get("owner_id") or self.owner_id
        return self.owner_id


@dataclass
class PushResult:
    pushed: int = 0  # applied, or on the server already
    conflicts: int = 0  # recorded here only (refused, denied)
    denied: int = 0
    refused: int = 0
    held: int = 0
    held_owners: set[str] = field(default_factory=set)
    reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (table, field, why)
