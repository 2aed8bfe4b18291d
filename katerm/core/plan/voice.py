"""Customer voice (客户之声): an issue the customer raised, followed until they rate how it
was handled.

An issue is **accepted** when recorded, then **handled**, **escalated** if it needs someone
higher up, **closed** when solved and finally **rated** by the customer (1-5 and a comment).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.errors import BadInput, FieldError, NotFound, ValidationFailed
from katerm.core.fields import MAX_NOTES, collect, day, text

if TYPE_CHECKING:
    from katerm.core.store import Database
    from katerm.core.team import Member
    from katerm.core.workspace import Workspace

STATUSES = ("accepted", "handled", "escalated", "closed", "rated")
# Where an issue may go from each status (escalating is optional, and an escalated issue
# comes back to be handled).
NEXT: dict[str, tuple[str, ...]] = {
    "accepted": ("handled", "escalated"),
    "handled": ("escalated", "closed"),
    "escalated": ("handled", "closed"),
    "closed": ("rated",),
    "rated": (),
}
_COLUMNS = (
    "id",
    "account_id",
    "title",
    "detail",
    "raised_on",
    "status",
    "handler_id",
    "closed_on",
    "rating",
    "feedback",
)


@dataclass(frozen=True)
class VoiceRecord:
    id: str
    account_id: str
    title: str
    detail: str
    raised_on: date
    status: str
    handler_id: str | None
    closed_on: date | None
    rating: int | None
    feedback: str
    handler_name: str = ""


def list_voice(conn: sqlite3.Connection, account_id: str) -> list[VoiceRecord]:
    """The account's issues, open ones first, newest first."""
    rows = conn.execute(
        "SELECT " + ", ".join(f"v.{c}" for c in _COLUMNS) + ", "
        "coalesce(nullif(u.name, ''), u.login, '') FROM voice_issues v "
        "LEFT JOIN users u ON u.id = v.handler_id WHERE v.account_id = ? AND v.deleted = 0 "
        "ORDER BY v.status IN ('closed', 'rated'), v.raised_on DESC, v.rowid",
        (account_id,),
    ).fetchall()
    out = []
    for row in rows:
        values = dict(zip(_COLUMNS, row[:-1], strict=True))
        values["raised_on"] = date.fromisoformat(values["raised_on"])
        values["closed_on"] = (
            date.fromisoformat(values["closed_on"]) if values["closed_on"] else None
        )
        out.append(VoiceRecord(**values, handler_name=row[-1]))
    return out


def load_voice(db: Database, account_id: str) -> tuple[list[VoiceRecord], list[Member]]:
    """An account's issues and our team (who may handle them), in one read."""
    from katerm.core.team import members

    with db.reading() as conn:
        return list_voice(conn, account_id), members(conn)


_RULES = {
    "title": lambda v: text("title", v, required=True, limit=300),
    "detail": lambda v: text("detail", v, limit=MAX_NOTES),
    "raised_on": lambda v: day("raised_on", v),
}


def save_voice(
    ws: Workspace, account_id: str, voice_id: str | None, values: Mapping[str, Any], *, today: date
) -> str:
    """Record a new issue (raised ``today`` unless ``raised_on`` says otherwise) or edit
    one's title, detail, date and handler."""
    given = dict(values)
    if voice_id is None:
        given.setdefault("title", "")
    clean = collect(given, _RULES)
    if "raised_on" in clean and clean["raised_on"] is None:
        clean["raised_on"] = today
    with ws.db.reading() as conn:
        owner = store.live_owner(conn, "accounts", account_id)
        if "handler_id" in values:
            handler = values["handler_id"] or None
            if (
                handler
                and not conn.execute(
                    "SELECT 1 FROM users WHERE id = ? AND deleted = 0", (handler,)
                ).fetchone()
            ):
                raise ValidationFailed([FieldError("handler_id", "plan.err.bad_link")])
            clean["handler_id"] = handler
    with ws.db.writing() as conn:
        if voice_id is None:
            clean.setdefault("raised_on", today)
            return store.insert(
                conn,
                "voice_issues",
                {**clean, "account_id": account_id, "owner_id": owner},
                actor_id=ws.me.id,
            )
        store.update(conn, "voice_issues", voice_id, clean, actor_id=ws.me.id)
    return voice_id


def move_voice(
    ws: Workspace,
    voice_id: str,
    status: str,
    *,
    today: date,
    rating: Any = None,
    feedback: str = "",
) -> None:
    """Move an issue on (see :data:`NEXT`); closing dates it, rating needs 1-5."""
    with ws.db.reading() as conn:
        row = conn.execute(
            "SELECT status FROM voice_issues WHERE id = ? AND deleted = 0", (voice_id,)
        ).fetchone()
    if row is None:
        raise NotFound("errors.row_missing", table="voice_issues", id=voice_id)
    if status not in NEXT.get(row[0], ()):
        raise BadInput("voice.bad_move", current=row[0], wanted=status)
    values: dict[str, Any] = {"status": status}
    if status == "closed":
        values["closed_on"] = today
    if status == "rated":
        try:
            score = int(str(rating).strip())
        except ValueError:
            score = 0
        if not 1 <= score <= 5:
            raise ValidationFailed([FieldError("rating", "voice.err.rating", value=rating)])
        values.update(rating=score, feedback=text("feedback", feedback, limit=MAX_NOTES))
    with ws.db.writing() as conn:
        store.update(conn, "voice_issues", voice_id, values, actor_id=ws.me.id)
