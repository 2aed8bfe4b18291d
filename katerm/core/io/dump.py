"""The export query of a declared kind, built from its declaration.

Each link is written as the linked record's id and its name; each of our people as their
login (ids mean nothing to people). Deleted records are left out, and so are rows whose
account, contact or opportunity is deleted (they could not be imported again on their own);
an optional link to a deleted record is written empty. Rows come in an order that depends on
exported values only, so export → import → export gives the same file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from katerm.core.io.kind import DATETIME, FLAG, USER, Col, Kind, flag_text, plain

_NAMES = {"accounts": "name", "contacts": "name", "opportunities": "name", "competitors": "name"}


def query(kind: Kind, *, include_personal: bool = False) -> str:
    """SELECT every column of the kind's export, in order, from its table ``t``."""
    from katerm.core import store

    stored = set(store.table_info(kind.table).fields)
    joins: list[str] = []
    where = ["t.deleted = 0"]
    alias: dict[str, str] = {}
    # Links stored on the row first; links found through another record (a milestone's
    # account, through its opportunity) after the record they go through.
    refs = sorted(enumerate(kind.refs), key=lambda pair: pair[1].field not in stored)
    for index, ref in refs:
        name = f"r{index}"
        if ref.table == "self":
            table, source = kind.table, f"t.{ref.field}"
        elif ref.field in stored:
            table, source = ref.table, f"t.{ref.field}"
        else:
            via = next(
                alias[r.field] for r in kind.refs if r.field in alias and r.table != "accounts"
            )
            table, source = ref.table, f"{via}.{ref.field}"
        joins.append(f"LEFT JOIN {table} {name} ON {name}.id = {source} AND {name}.deleted = 0")
        alias[ref.field] = name
        if ref.required:
            where.append(f"{name}.id IS NOT NULL")
    selects: list[str] = []
    users = 0
    for col in exported(kind):
        expression = _expression(kind, col.name, col.sql, alias)
        if expression is None and col.type == USER:
            users += 1
            joins.append(f"LEFT JOIN users u{users} ON u{users}.id = t.{col.stored}")
            expression = f"u{users}.login"
        if expression is None:
            expression = f"t.{col.stored}"
        selects.append(f'{expression} AS "{col.name}"')
    if not include_personal and kind.personal_where:
        where.append(kind.personal_where.removeprefix("AND "))
    return (
        f"SELECT {', '.join(selects)} FROM {kind.table} t {' '.join(joins)} "
        f"WHERE {' AND '.join(where)} ORDER BY {kind.order}"
    )


def exported(kind: Kind) -> list[Col]:
    return [c for c in kind.columns if c.export]


def _expression(kind: Kind, name: str, sql: str | None, alias: dict[str, str]) -> str | None:
    if sql is not None:
        return sql
    for ref in kind.refs:
        if name == ref.id_col:
            return f"{alias[ref.field]}.id"
        if name == ref.name_col:
            return f"{alias[ref.field]}.{_NAMES.get(ref.table, 'id')}"
    return None


def formatter(kind: Kind, tz: Any) -> Any:
    """A function turning a row of :func:`query` into the values a file shows: whole
    amounts without ``.0``, flags as yes/no, moments in the user's zone."""
    moments = [i for i, c in enumerate(exported(kind)) if c.type == DATETIME]
    flags = [i for i, c in enumerate(exported(kind)) if c.type == FLAG]

    def row(values: Any) -> list[Any]:
        out = [plain(v) for v in values]
        for i in moments:
            if out[i]:
                out[i] = datetime.fromisoformat(out[i]).astimezone(tz).isoformat()
        for i in flags:
            out[i] = flag_text(out[i])
        return out

    return row


def rows(conn: Any, kind: Kind, tz: Any, *, include_personal: bool = False) -> Iterator[list[Any]]:
    shape = formatter(kind, tz)
    for values in conn.execute(query(kind, include_personal=include_personal)):
        yield shape(values)
