"""Plans, ticks, reopening and follow-ups: the small records a checklist is made of.

Records that exist once per person and period use :func:`stable_id`, so the same record
created on two devices is one row after sync. All writes go through ``katerm.core.store``.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from katerm.core.errors import BadInput, NotFound
from katerm.core.periods import Period

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from katerm.core.workspace import Workspace

_NAMESPACE = uuid.UUID("6f1d2c1e-8f0b-4a53-9a4e-6b2f3c0d8e11")
MAX_PLAN = 10_000
MAX_FOLLOW_UP = 500


def stable_id(table: str, *parts: str) -> str:
    """The id of the one row of ``table`` about ``parts`` (same on every device)."""
    return str(uuid.uuid5(_NAMESPACE, "|".join((table, *parts))))


def upsert(
    conn: Connection, table: str, row_id: str, values: dict[str, Any], *, actor_id: str
) -> None:
    """Create the row with this id, or edit it (undeleting it first if it was deleted)."""
    from katerm.core import store

    found = conn.exec_driver_sql(f"SELECT deleted FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if found is None:
        store.insert(conn, table, {"id": row_id, **values}, actor_id=actor_id)
        return
    if found[0]:
        store.restore(conn, table, row_id, actor_id=actor_id)
    store.update(conn, table, row_id, values, actor_id=actor_id)


# --- who may change what --------------------------------------------------------------------


def require_visible(conn: sqlite3.Connection, viewer_id: str, user_id: str) -> None:
    """Refuse to touch a person the viewer cannot see (themselves or someone below them)."""
    from katerm.core.team import below

    if user_id not in below(conn, viewer_id):
        raise NotFound("reviews.err.not_in_team", user=user_id)


def is_reopened(conn: sqlite3.Connection, user_id: str, period: Period) -> bool:
    """Has a lead reopened this person's checklist for the period?"""
    row = conn.execute(
        "SELECT reopened FROM checklists WHERE id = ? AND deleted = 0",
        (stable_id("checklists", user_id, period.key),),
    ).fetchone()
    return bool(row and row[0])


def read_only(conn: sqlite3.Connection, user_id: str, period: Period, today: date) -> bool:
    """A period that has ended is kept as it was, unless a lead reopened it."""
    return period.is_past(today) and not is_reopened(conn, user_id, period)


def _check_writable(conn: sqlite3.Connection, user_id: str, period: Period, today: date) -> None:
    if read_only(conn, user_id, period, today):
        raise BadInput("reviews.err.read_only", period=period.key)


def set_reopened(ws: Workspace, user_id: str, period: Period, reopened: bool) -> None:
    """Reopen a past checklist for changes (or close it again). Leads only."""
    from katerm.core.team import below

    with ws.db.reading() as conn:
        require_visible(conn, ws.me.id, user_id)
        if user_id == ws.me.id or len(below(conn, ws.me.id)) < 2:
            raise BadInput("reviews.err.lead_only")
    with ws.db.writing() as conn:
        upsert(
            conn,
            "checklists",
            stable_id("checklists", user_id, period.key),
            {
                "owner_id": user_id,
                "period": period.kind,
                "period_key": period.key,
                "reopened": reopened,
                "reopened_by": ws.me.id if reopened else None,
            },
            actor_id=ws.me.id,
        )


# --- plans ----------------------------------------------------------------------------------


def get_plan(conn: sqlite3.Connection, user_id: str, period: Period) -> str:
    """The plan a person wrote for a day or week (empty if none)."""
    row = conn.execute(
        "SELECT text FROM work_plans WHERE id = ? AND deleted = 0",
        (stable_id("work_plans", user_id, period.key),),
    ).fetchone()
    return row[0] if row else ""


def save_plan(ws: Workspace, user_id: str, period: Period, text: str, *, today: date) -> None:
    """Write the plan for a day or week (tomorrow's plan, the weekly plan sheet)."""
    cleaned = (text or "").strip()
    if len(cleaned) > MAX_PLAN:
        raise BadInput("fields.err.too_long", limit=MAX_PLAN)
    with ws.db.reading() as conn:
        require_visible(conn, ws.me.id, user_id)
        _check_writable(conn, user_id, period, today)
    with ws.db.writing() as conn:
        upsert(
            conn,
            "work_plans",
            stable_id("work_plans", user_id, period.key),
            {"owner_id": user_id, "period": period.kind, "period_key": period.key, "text": cleaned},
            actor_id=ws.me.id,
        )


# --- ticks ----------------------------------------------------------------------------------


def marks(conn: sqlite3.Connection, user_id: str, period: Period) -> dict[str, tuple[bool, str]]:
    """Manual items of a checklist: item key -> (done, note)."""
    rows = conn.execute(
        "SELECT item_key, done, note FROM checklist_marks WHERE owner_id = ? "
        "AND period_key = ? AND deleted = 0",
        (user_id, period.key),
    )
    return {k: (bool(d), n) for k, d, n in rows}


def set_mark(
    ws: Workspace,
    user_id: str,
    period: Period,
    item_key: str,
    *,
    done: bool,
    note: str | None = None,
    today: date,
) -> None:
    """Tick or untick a manual item (refused on a closed past checklist)."""
    with ws.db.reading() as conn:
        require_visible(conn, ws.me.id, user_id)
        _check_writable(conn, user_id, period, today)
    values: dict[str, Any] = {
        "owner_id": user_id,
        "period": period.kind,
        "period_key": period.key,
        "item_key": item_key,
        "done": done,
    }
    if note is not None:
        values["note"] = note.strip()[:MAX_FOLLOW_UP]
    with ws.db.writing() as conn:
        upsert(
            conn,
            "checklist_marks",
            stable_id("checklist_marks", user_id, period.key, item_key),
            values,
            actor_id=ws.me.id,
        )


# --- follow-ups -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    """A follow-up as screens show it, with who gave it and the account's name."""

    id: str
    owner_id: str
    text: str
    due_date: date | None
    status: str
    created_by: str | None
    created_by_name: str
    review_id: str | None
    account_name: str

    @property
    def open(self) -> bool:
        return self.status == "open"


_FOLLOW_UP_SELECT = (
    "SELECT f.id, f.owner_id, f.text, f.due_date, f.status, f.created_by, "
    "coalesce(nullif(u.name, ''), u.login, ''), f.review_id, coalesce(a.name, '') "
    "FROM follow_ups f LEFT JOIN users u ON u.id = f.created_by "
    "LEFT JOIN accounts a ON a.id = f.account_id WHERE f.deleted = 0 "
)


def _follow_up(row: tuple[Any, ...]) -> FollowUp:
    values = list(row)
    values[3] = date.fromisoformat(values[3]) if values[3] else None
    return FollowUp(*values)


def open_follow_ups(conn: sqlite3.Connection, user_id: str) -> list[FollowUp]:
    """A person's open follow-ups, soonest due first (undated last)."""
    rows = conn.execute(
        _FOLLOW_UP_SELECT + "AND f.owner_id = ? AND f.status = 'open' "
        "ORDER BY f.due_date IS NULL, f.due_date, f.created_at, f.rowid",
        (user_id,),
    )
    return [_follow_up(r) for r in rows]


def review_follow_ups(conn: sqlite3.Connection, review_id: str) -> list[FollowUp]:
    """The follow-ups given in one evening review, oldest first."""
    rows = conn.execute(
        _FOLLOW_UP_SELECT + "AND f.review_id = ? ORDER BY f.created_at, f.rowid", (review_id,)
    )
    return [_follow_up(r) for r in rows]


def add_follow_up(
    ws: Workspace,
    user_id: str,
    text: str,
    *,
    due: date | None = None,
    review_id: str | None = None,
    account_id: str | None = None,
) -> str:
    """Give a seller an action: it is theirs (they own the row) and shows on their day."""
    from katerm.core import store

    cleaned = (text or "").strip()
    if not cleaned:
        raise BadInput("reviews.err.follow_up_empty")
    if len(cleaned) > MAX_FOLLOW_UP:
        raise BadInput("fields.err.too_long", limit=MAX_FOLLOW_UP)
    with ws.db.reading() as conn:
        require_visible(conn, ws.me.id, user_id)
    with ws.db.writing() as conn:
        return store.insert(
            conn,
            "follow_ups",
            {
                "owner_id": user_id,
                "created_by": ws.me.id,
                "review_id": review_id,
                "account_id": account_id,
                "text": cleaned,
                "due_date": due,
                "status": "open",
            },
            actor_id=ws.me.id,
        )


def set_follow_up_done(ws: Workspace, follow_up_id: str, done: bool = True) -> None:
    """Mark a follow-up done (or open again)."""
    from katerm.core import store

    with ws.db.reading() as conn:
        row = conn.execute(
            "SELECT owner_id FROM follow_ups WHERE id = ? AND deleted = 0", (follow_up_id,)
        ).fetchone()
        if row is None:
            raise NotFound("errors.row_missing", table="follow_ups", id=follow_up_id)
        require_visible(conn, ws.me.id, row[0])
    with ws.db.writing() as conn:
        store.update(
            conn,
            "follow_ups",
            follow_up_id,
            {"status": "done" if done else "open", "done_at": ws.clock.now() if done else None},
            actor_id=ws.me.id,
        )
