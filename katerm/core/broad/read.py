"""Reading broad relationships: each routine with the last time it was done (its latest
activity) and when it is due next, and how many were done in a period."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from katerm.core.errors import BadInput, NotFound
from katerm.core.store import in_clause, name_key

if TYPE_CHECKING:
    from katerm.core.store import Database

# The seed's 普遍客户关系拓展常用方法: team building, business events, routine actions.
KINDS = (
    "sports",
    "entertainment",
    "festival",
    "family",
    "business_exchange",
    "brand_event",
    "management_training",
    "care",
    "key_message",
    "department_social",
)


@dataclass(frozen=True)
class Routine:
    id: str
    account_id: str
    account: str
    kind: str
    title: str
    cadence_days: int
    note: str
    last_done: date | None
    next_due: date
    done_count: int  # activities that carried it out, ever

    def overdue(self, today: date) -> bool:
        return self.next_due < today


@dataclass
class BroadCount:
    """Routine actions carried out in a period: in all, by kind, by account id."""

    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_account: dict[str, int] = field(default_factory=dict)


def routines(
    conn: sqlite3.Connection,
    today: date,
    *,
    account_id: str | None = None,
    owner_ids: Iterable[str] | None = None,
) -> list[Routine]:
    """Live routines of an account (or of the accounts ``owner_ids`` own), the most overdue
    first. A routine never done is due the day it was set up."""
    owners, params = in_clause("a.owner_id", owner_ids)
    sql = (
        "SELECT r.id, r.account_id, a.name, r.kind, r.title, r.cadence_days, r.note, "
        "substr(r.created_at, 1, 10), max(substr(v.occurred_at, 1, 10)), count(v.id) "
        "FROM routine_actions r JOIN accounts a ON a.id = r.account_id AND a.deleted = 0 "
        "LEFT JOIN activities v ON v.routine_id = r.id AND v.deleted = 0 "
        "WHERE r.deleted = 0" + owners
    )
    if account_id is not None:
        sql += " AND r.account_id = ?"
        params.append(account_id)
    out = []
    for r in conn.execute(sql + " GROUP BY r.id", params):
        last = date.fromisoformat(r[8]) if r[8] else None
        start = last or date.fromisoformat(r[7])
        due = start + timedelta(days=r[5]) if last else start
        out.append(Routine(r[0], r[1], r[2], r[3], r[4], r[5], r[6], last, due, r[9]))
    return sorted(out, key=lambda x: (x.next_due, x.account, x.title))


def due_routines(db: Database, owner_id: str, day: date) -> list[Routine]:
    """The routines at the accounts ``owner_id`` owns that are due on ``day`` or before (not
    done since): my day's list, the most overdue first."""
    with db.reading() as conn:
        found = routines(conn, day, owner_ids=[owner_id])
    return [r for r in found if r.next_due <= day]


def account_routines(db: Database, account_id: str, today: date) -> list[Routine]:
    """The account's live routines, the most overdue first (the app's Routines tab)."""
    with db.reading() as conn:
        return routines(conn, today, account_id=account_id)


def broad_count(
    conn: sqlite3.Connection, owner_ids: Iterable[str] | None, start: date, end: date
) -> BroadCount:
    """The routine actions carried out between ``start`` and ``end`` (inclusive, by the
    activity's date) at the accounts ``owner_ids`` own (None: all)."""
    owners, params = in_clause("a.owner_id", owner_ids)
    rows = conn.execute(
        "SELECT r.kind, r.account_id, count(*) FROM activities v "
        "JOIN routine_actions r ON r.id = v.routine_id "
        "JOIN accounts a ON a.id = r.account_id AND a.deleted = 0 "
        "WHERE v.deleted = 0 AND substr(v.occurred_at, 1, 10) BETWEEN ? AND ?"
        + owners
        + " GROUP BY r.kind, r.account_id",
        [start.isoformat(), end.isoformat(), *params],
    )
    out = BroadCount()
    for kind, account, n in rows:
        out.total += n
        out.by_kind[kind] = out.by_kind.get(kind, 0) + n
        out.by_account[account] = out.by_account.get(account, 0) + n
    return out


def routines_done_by_owner(
    conn: sqlite3.Connection, owner_ids: Iterable[str], start: date, end: date
) -> dict[str, int]:
    """Owner id -> the routine actions carried out in [start, end) (by the activity's date,
    as :func:`broad_count` counts them) at the accounts each owns: the monthly review's
    broad-relationship count per seller."""
    ids = list(owner_ids)
    if not ids:
        return {}
    # From the routines (one per account and action, few) to their accounts and activities:
    # starting from the owners' accounts looked up every account of the team (bench_monthly:
    # 110 ms at 100,000 accounts with no routine at all, 1 ms this way).
    rows = conn.execute(
        "SELECT a.owner_id, count(*) FROM routine_actions r "
        "CROSS JOIN accounts a ON a.id = r.account_id "
        "CROSS JOIN activities v ON v.routine_id = r.id "
        f"WHERE a.deleted = 0 AND +a.owner_id IN ({', '.join('?' * len(ids))}) "
        "AND v.deleted = 0 AND substr(v.occurred_at, 1, 10) >= ? "
        "AND substr(v.occurred_at, 1, 10) < ? GROUP BY a.owner_id",
        [*ids, start.isoformat(), end.isoformat()],
    )
    return {owner: int(n) for owner, n in rows}


def find_routine(conn: sqlite3.Connection, account_id: str, text: str) -> str:
    """The id of the account's routine ``text`` names: its id, its title or its kind (when
    only one routine has it)."""
    rows = conn.execute(
        "SELECT id, title, kind FROM routine_actions WHERE account_id = ? AND deleted = 0",
        (account_id,),
    ).fetchall()
    wanted = text.strip()
    hits = [r for r in rows if r[0] == wanted] or [
        r for r in rows if name_key(r[1]) == name_key(wanted) or r[2] == wanted.casefold()
    ]
    if not hits:
        raise NotFound("broad.err.unknown", name=text)
    if len(hits) > 1:
        raise BadInput("broad.err.several", name=text, choices="; ".join(r[0] for r in hits[:5]))
    return str(hits[0][0])


def routines_json(found: list[Routine], today: date) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "account": r.account,
            "account_id": r.account_id,
            "kind": r.kind,
            "title": r.title,
            "cadence_days": r.cadence_days,
            "note": r.note,
            "last_done": r.last_done.isoformat() if r.last_done else None,
            "next_due": r.next_due.isoformat(),
            "overdue": r.overdue(today),
            "done_count": r.done_count,
        }
        for r in found
    ]
