"""What a push works with: outbox entries, the conflicts they meet, and what became of them."""

from __future__ import annotations

import json
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


@dataclass
class PushResult:
    pushed: int = 0  # applied, or on the server already
    conflicts: int = 0
    denied: int = 0
    held: int = 0
    held_owners: set[str] = field(default_factory=set)


@dataclass
class Conflict:
    tbl: str
    row_id: str
    field: str
    lost_tag: str
    kind: str
    lost_value: Any
    won_value: Any
    won_tag: str | None
    owner_id: str

    def params(self, by: str) -> tuple[Any, ...]:
        return (
            self.tbl,
            self.row_id,
            self.field,
            self.lost_tag,
            self.kind,
            json.dumps(self.lost_value, ensure_ascii=False),
            json.dumps(self.won_value, ensure_ascii=False),
            self.won_tag,
            self.owner_id,
            by,
        )
