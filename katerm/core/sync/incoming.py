"""Rows from the server, checked before they are stored: the good merged, the bad set aside.

Every row a pull (or a push's read-back) brings is converted from ``COPY`` text and checked
with the sync rules (``check``). A row that breaks them is never merged: it is kept whole in
``sync_quarantine`` with what is wrong, the local copy of the row (if any) stays as it was,
and ``katerm sync``, the sync screen and ``katerm db check`` say so. When a good version of the
row arrives later, it is merged and the quarantined one dropped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from katerm.core.sync import merge
from katerm.core.sync.check import convert, row_problem
from katerm.core.sync.schema import SyncTable


def split(
    t: SyncTable, rows: Sequence[Sequence[Any]]
) -> tuple[list[list[Any]], list[tuple[Any, str]]]:
    """(good rows converted, [(bad row, problem)])."""
    good: list[list[Any]] = []
    bad: list[tuple[Any, str]] = []
    for raw in rows:
        try:
            row = convert(t, raw)
        except (TypeError, ValueError):  # a row of the wrong width: a server out of step
            bad.append((raw, "row: format"))
            continue
        found = row_problem(t, row)
        if found is None:
            good.append(row)
        else:
            bad.append((raw, found))
    return good, bad


def quarantine(db: Any, t: SyncTable, bad: Sequence[tuple[Any, str]], now: str) -> None:
    if not bad:
        return
    db.executemany(
        "INSERT OR REPLACE INTO sync_quarantine (tbl, row_id, data, problem, received_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (
                t.name,
                str(row[0])[:64] if row else "",
                json.dumps(list(row), ensure_ascii=False, default=str),
                problem,
                now,
            )
            for row, problem in bad
        ],
    )


def release(db: Any, t: SyncTable, ids: Sequence[str]) -> None:
    """Good versions of these rows arrived: their quarantined versions are no longer news."""
    if not ids:
        return
    if not db.execute("SELECT 1 FROM sync_quarantine WHERE tbl = ? LIMIT 1", (t.name,)).fetchone():
        return
    db.executemany(
        "DELETE FROM sync_quarantine WHERE tbl = ? AND row_id = ?", [(t.name, i) for i in ids]
    )


def take_rows(
    db: Any,
    t: SyncTable,
    rows: Sequence[Sequence[Any]],
    *,
    now: str,
    replace: bool = False,
    names: merge.MemberNames | None = None,
    all_new: bool = False,
) -> tuple[int, str, int]:
    """Check, then merge (or, ``replace``, overwrite) rows; (changed here, newest tag, set
    aside). ``now`` (the workspace clock's) dates what is set aside."""
    good, bad = split(t, rows)
    quarantine(db, t, bad, now)
    release(db, t, [r[0] for r in good])
    if replace:
        for row in good:
            merge.replace_row(db, t, row)
        return len(good), max((r[-2] for r in good), default=""), len(bad)
    changed, newest = merge.merge_rows(db, t, good, names, all_new=all_new) if good else (0, "")
    return changed, newest, len(bad)


def count(conn: Any) -> int:
    return int(conn.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0])


def listing(conn: Any, limit: int = 5) -> list[tuple[str, str, str]]:
    """(table, row id, problem) of the rows set aside, newest first."""
    return [
        tuple(r)
        for r in conn.execute(
            "SELECT tbl, row_id, problem FROM sync_quarantine "
            "ORDER BY received_at DESC, tbl, row_id LIMIT ?",
            (limit,),
        )
    ]
