"""Writing broad relationships: a routine set up at an account, and a routine carried out —
an activity (through the reviews' one check of activities) that names it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.broad.read import KINDS
from katerm.core.errors import FieldError, NotFound
from katerm.core.fields import MAX_SHORT, collect, text

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

MAX_CADENCE = 366


def _kind(value: Any) -> str:
    from katerm.i18n import LANGUAGES, t

    raw = str(value or "").strip()
    for k in KINDS:
        if raw.casefold() in {k, *(t(f"broad.kind.{k}", lang=x).casefold() for x in LANGUAGES)}:
            return k
    raise FieldError("kind", "fields.err.bad_choice", value=raw, choices=tuple(KINDS))


def _cadence(value: Any) -> int:
    try:
        days = int(str(value).strip())
    except ValueError:
        raise FieldError("cadence_days", "broad.err.cadence", limit=MAX_CADENCE) from None
    if not 1 <= days <= MAX_CADENCE:
        raise FieldError("cadence_days", "broad.err.cadence", limit=MAX_CADENCE)
    return days


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """A routine's fields checked together (every bad field named): ``kind`` (key or label),
    ``cadence_days`` (1–366, default 30), ``title`` (default: the kind's label), ``note``."""
    from katerm.i18n import t

    rules: dict[str, Callable[[Any], Any]] = {
        "kind": _kind,
        "cadence_days": _cadence,
        "title": lambda v: text("title", v, limit=MAX_SHORT),
        "note": lambda v: text("note", v, limit=500),
    }
    clean = collect({"kind": "", "cadence_days": 30, "title": "", "note": "", **values}, rules)
    clean["title"] = clean["title"] or t(f"broad.kind.{clean['kind']}")
    return clean


def add_routine(ws: Workspace, account_id: str, values: Mapping[str, Any]) -> str:
    """Set up a routine at the account (fields as :func:`_clean` takes them). Returns its id."""
    clean = _clean(values)
    with ws.db.writing() as conn:
        raw = conn.connection.driver_connection
        owner = store.live_owner(raw, "accounts", account_id)
        return store.insert(
            conn,
            "routine_actions",
            {"owner_id": owner, "account_id": account_id, **clean},
            actor_id=ws.me.id,
        )


def edit_routine(ws: Workspace, routine_id: str, values: Mapping[str, Any]) -> bool:
    """Change a routine's kind, cadence, title or note (the same checks as when it was set up;
    a blank title takes the kind's label). Its done activities stay; its next due date
    follows the new cadence. True if anything changed."""
    with ws.db.reading() as conn:
        row = conn.execute(
            "SELECT kind, cadence_days, title, note FROM routine_actions "
            "WHERE id = ? AND deleted = 0",
            (routine_id,),
        ).fetchone()
    if row is None:
        raise NotFound("errors.row_missing", table="routine_actions", id=routine_id)
    old = dict(zip(("kind", "cadence_days", "title", "note"), row, strict=True))
    clean = _clean({**old, **values})
    changed = {k: v for k, v in clean.items() if v != old[k]}
    if not changed:
        return False
    with ws.db.writing() as conn:
        return store.update(conn, "routine_actions", routine_id, changed, actor_id=ws.me.id)


# What carrying out a routine is logged as unless the user says otherwise: not a visit (a
# routine key message counted as one, and ticked the day's visit in the checklist).
ROUTINE_ACTIVITY = "event"


def log_routine(ws: Workspace, routine_id: str, values: Mapping[str, Any] | None = None) -> str:
    """Carry out the routine: an activity of mine at its account (``kind`` default
    ``event``; ``date``, ``time``, ``contacts``, ``note`` as ``katerm log`` takes them) that
    names it. Returns the activity's id."""
    from katerm.core.reviews import log_activity

    with ws.db.reading() as conn:
        row = conn.execute(
            "SELECT account_id, title FROM routine_actions WHERE id = ? AND deleted = 0",
            (routine_id,),
        ).fetchone()
    if row is None:
        raise NotFound("errors.row_missing", table="routine_actions", id=routine_id)
    given = dict(values or {})
    given.setdefault("kind", ROUTINE_ACTIVITY)
    given.setdefault("note", row[1])
    return log_activity(ws, {**given, "account": row[0], "routine_id": routine_id})
