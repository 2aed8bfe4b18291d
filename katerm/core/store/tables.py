"""What the write path knows about each synced table (from the SQLModel classes), and ids for
new rows."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

from katerm.core.store.values import SYNC_COLUMNS, to_db


@dataclass(frozen=True)
class TableInfo:
    name: str
    fields: tuple[str, ...]  # user fields, in column order (owner_id included)
    defaults: dict[str, Any]
    required: frozenset[str]

    @property
    def allowed(self) -> frozenset[str]:
        """The keys a change may carry: the fields, ``id`` and ``deleted``."""
        return frozenset((*self.fields, "id", "deleted"))


@cache
def table_info(name: str) -> TableInfo:
    """What :func:`apply` needs to know about a synced table, from the SQLModel classes."""
    from sqlmodel import SQLModel

    import katerm.core.store.models  # noqa: F401  (register every table)

    table = SQLModel.metadata.tables.get(name)
    if table is None or not set(SYNC_COLUMNS) <= set(table.columns.keys()):
        raise ValueError(f"{name!r} is not a synced table")
    model = _model_for(table)
    names = table.columns.keys()  # keys: iterating the collection itself yields Columns
    fields = tuple(c for c in names if c not in SYNC_COLUMNS or c == "owner_id")
    defaults: dict[str, Any] = {}
    required = set()
    for name_ in fields:
        info = model.model_fields.get(name_)
        if info is None:
            continue
        if info.is_required():
            required.add(name_)
        elif info.default_factory is not None:
            defaults[name_] = info.default_factory()
        else:
            defaults[name_] = to_db(info.default)
    required.discard("owner_id")
    return TableInfo(name, fields, defaults, frozenset(required))


def _model_for(table: Any) -> Any:
    from sqlmodel import SQLModel

    stack = list(SQLModel.__subclasses__())
    while stack:
        cls = stack.pop()
        if getattr(cls, "__table__", None) is table:
            return cls
        stack.extend(cls.__subclasses__())
    raise ValueError(f"no model for table {table.name!r}")


def new_ids(count: int) -> list[str]:
    """Random (version 4) UUIDs as text; ~10x faster than uuid.uuid4() for bulk work."""
    raw = os.urandom(16 * count).hex()
    out = []
    for i in range(count):
        h = raw[32 * i : 32 * i + 32]
        variant = "89ab"[int(h[16], 16) & 3]
        out.append(f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:]}")
    return out


def new_id() -> str:
    return new_ids(1)[0]
