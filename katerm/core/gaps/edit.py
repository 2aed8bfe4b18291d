"""Changing the gap table. Every score change is kept (``gap_scores``) in the same transaction.

:func:`save_gap` creates a key person's row or edits it (one live row per person);
:func:`step_level` raises or lowers the overall level by one; :func:`set_status` marks an
action done or dropped. All check first (:func:`katerm.core.gaps.rules.clean_gap`) and write
through :mod:`katerm.core.store`, so nothing is saved unless everything is valid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from katerm.core import store
from katerm.core.errors import FieldError, NotFound, ValidationFailed
from katerm.core.gaps.rules import (
    CONTACT_SCORE,
    HIGHEST,
    LOWEST,
    SCORED,
    clean_gap,
    field_of,
    row_columns,
    score_columns,
    split_pair,
)

if TYPE_CHECKING:
    import sqlite3

    from katerm.core.workspace import Workspace

_ROW_COLUMNS = (
    "id",
    "owner_id",
    "account_id",
    "contact_id",
    *row_columns(),
    "next_action",
    "scenario",
    "due_date",
    "status",
)
# The row as edits see it: its own columns and the contact's level as its "now".
_SELECT = ", ".join(f"g.{c}" for c in _ROW_COLUMNS) + f", coalesce(c.level, 0) AS {CONTACT_SCORE}"


def _row(conn: sqlite3.Connection, where: str, value: str) -> dict[str, Any] | None:
    found = conn.execute(
        f"SELECT {_SELECT} FROM gap_rows g LEFT JOIN contacts c ON c.id = g.contact_id "
        f"WHERE g.{where} AND g.deleted = 0",
        (value,),
    ).fetchone()
    return None if found is None else dict(zip((*_ROW_COLUMNS, CONTACT_SCORE), found, strict=True))


def find_row(conn: sqlite3.Connection, gap_id: str) -> dict[str, Any]:
    """The live gap row's stored values; NotFound otherwise."""
    row = _row(conn, "id = ?", gap_id)
    if row is None:
        raise NotFound("errors.row_missing", table="gap_rows", id=gap_id)
    return row


def history_rows(
    row_id: str,
    owner_id: str,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any],
    *,
    actor_id: str,
    at: datetime,
) -> list[store.Change]:
    """``gap_scores`` rows for the score columns that differ between ``old`` and ``new``
    (``old`` None: a new row, every score given is recorded with no previous value)."""
    when = at
    out = []
    for column in score_columns():
        if column not in new:
            continue
        before = None if old is None else old.get(column)
        if before == new[column]:
            continue
        dimension, which = column.rsplit("_", 1)
        out.append(
            store.Change(
                None,
                {
                    "owner_id": owner_id,
                    "gap_row_id": row_id,
                    "dimension": dimension,
                    "target": which == "target",
                    "old": before,
                    "new": new[column],
                    "changed_by": actor_id,
                    "changed_at": when,
                },
                new=True,
            )
        )
    return out


def _check_owner(conn: sqlite3.Connection, value: Any) -> str:
    owner = str(value or "").strip()
    if (
        not owner
        or conn.execute("SELECT 1 FROM users WHERE id = ? AND deleted = 0", (owner,)).fetchone()
        is None
    ):
        raise ValidationFailed([FieldError("owner_id", "gaps.err.owner", value=owner)])
    return owner


def save_gap(
    ws: Workspace,
    contact_id: str,
    values: Mapping[str, Any],
    *,
    confirm_lower: bool = False,
    at: datetime | None = None,
) -> str:
    """Create or edit the key person's gap row; returns its id.

    ``values`` may hold any score column, ``next_action``, ``scenario``, ``due_date``,
    ``status`` and ``owner_id``: our person owning the relationship, which is stored once, on
    the contact (``covered_by``), and shared with the influence map and the expansion card.
    The row itself belongs to the contact's portfolio (its ``owner_id`` is the contact's).
    Score changes are recorded in ``gap_scores``, dated ``at`` (default now). Raises
    :class:`ValidationFailed` (nothing written) or NotFound.
    """
    return _save(ws, contact_id, None, values, confirm_lower=confirm_lower, at=at)


def _save(
    ws: Workspace,
    contact_id: str | None,
    gap_id: str | None,
    values: Mapping[str, Any] | Callable[[dict[str, Any]], dict[str, Any]],
    *,
    confirm_lower: bool,
    at: datetime | None,
) -> str:
    """Check and write inside one write transaction, so the row checked is the row changed
    (two quick edits never lose one). ``values`` may be a function of the stored row."""
    with ws.db.writing() as conn:
        raw = conn.connection.driver_connection
        current = find_row(raw, gap_id) if gap_id is not None else None
        if current is not None:
            contact_id = current["contact_id"]
        contact = raw.execute(
            "SELECT account_id, covered_by, owner_id, level FROM contacts "
            "WHERE id = ? AND deleted = 0",
            (contact_id,),
        ).fetchone()
        if contact is None:
            raise NotFound("errors.row_missing", table="contacts", id=contact_id)
        if gap_id is None:
            current = _row(raw, "contact_id = ?", str(contact_id))
        # A new row's "now" is the person's level already (the map may have set it).
        seen = current or {CONTACT_SCORE: contact[3]}
        given = values(seen) if callable(values) else values
        clean = clean_gap(given, current=seen, confirm_lower=confirm_lower)
        clean.pop("owner_id", None)
        if CONTACT_SCORE in clean and clean[CONTACT_SCORE] != contact[3]:
            # The person's level is the contact's one value (the influence map's too).
            store.update(
                conn,
                "contacts",
                str(contact_id),
                {"level": clean[CONTACT_SCORE]},
                actor_id=ws.me.id,
            )
        row_values = {k: v for k, v in clean.items() if k != CONTACT_SCORE}
        if current is None:
            # Nobody aims below where we already are: a new row's target starts at the level.
            row_values.setdefault("level_target", clean.get(CONTACT_SCORE, contact[3]))
        if "owner_id" in given:
            # The relationship owner is the contact's one value (the map's and the card's).
            owner_of_relationship = _check_owner(raw, given["owner_id"])
            if owner_of_relationship != contact[1]:
                store.update(
                    conn,
                    "contacts",
                    str(contact_id),
                    {"covered_by": owner_of_relationship},
                    actor_id=ws.me.id,
                )
        if current is None:
            # The row sits in the contact's portfolio: whoever sees the contact sees it.
            row_id = store.insert(
                conn,
                "gap_rows",
                {
                    **row_values,
                    "owner_id": contact[2],
                    "account_id": contact[0],
                    "contact_id": contact_id,
                },
                actor_id=ws.me.id,
            )
            owner = contact[2]
        else:
            row_id = current["id"]
            if row_values:
                store.update(conn, "gap_rows", row_id, row_values, actor_id=ws.me.id)
            owner = current["owner_id"]
        changes = history_rows(
            row_id,
            owner,
            current,
            clean,
            actor_id=ws.me.id,
            at=at or ws.clock.now(),
        )
        if changes:
            store.apply(conn, "gap_scores", changes, actor_id=ws.me.id)
    return str(row_id)


def edit_gap(
    ws: Workspace,
    gap_id: str,
    values: Mapping[str, Any],
    *,
    confirm_lower: bool = False,
    at: datetime | None = None,
) -> str:
    """Edit a gap row by its id (see :func:`save_gap`)."""
    return _save(ws, None, gap_id, values, confirm_lower=confirm_lower, at=at)


def step_level(ws: Workspace, gap_id: str, step: int, *, dimension: str = "level") -> int:
    """Raise (``step`` > 0) or lower the current score of ``dimension`` by ``step``; returns
    the new score. Raising past the target is refused (raise the target first); below 0 or
    above 5 stays at the bound."""
    return step_level_from(ws, gap_id, step, dimension=dimension)[1]


def step_level_from(
    ws: Workspace, gap_id: str, step: int, *, dimension: str = "level"
) -> tuple[int, int]:
    """:func:`step_level`, returning the score before and after (read in the same write, so
    an undo puts back exactly what was there)."""
    if dimension not in SCORED:
        raise ValueError(f"unknown dimension {dimension!r}")
    column = f"{dimension}_now"
    moved: dict[str, int] = {}

    def stepped(row: dict[str, Any]) -> dict[str, Any]:
        moved["old"] = row[column]
        moved["new"] = max(LOWEST, min(HIGHEST, row[column] + step))
        return {column: moved["new"]}

    _save(ws, None, gap_id, stepped, confirm_lower=False, at=None)
    return moved["old"], moved["new"]


def set_status(ws: Workspace, gap_id: str, status: str) -> None:
    """Mark the row's action ``open``, ``done`` or ``dropped``."""
    edit_gap(ws, gap_id, {"status": status})


def delete_gap(ws: Workspace, gap_id: str) -> None:
    """Tombstone a gap row (its history stays, for undo and for sync)."""
    with ws.db.writing() as conn:
        store.delete(conn, "gap_rows", gap_id, actor_id=ws.me.id)


def restore_gap(ws: Workspace, gap_id: str) -> None:
    with ws.db.writing() as conn:
        store.restore(conn, "gap_rows", gap_id, actor_id=ws.me.id)


FORM_FIELDS = (*SCORED, "next_action", "scenario", "due_date", "status", "confirm_lower")


def form_values(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored row as the editor shows it: each dimension as ``now/target`` text."""
    out: dict[str, Any] = {d: f"{row[f'{d}_now']}/{row[f'{d}_target']}" for d in SCORED}
    out.update({k: row[k] or "" for k in ("next_action", "scenario", "due_date", "status")})
    out["confirm_lower"] = "no"
    return out


def save_form(ws: Workspace, gap_id: str, values: Mapping[str, Any]) -> str:
    """Save what the row editor holds (see :data:`FORM_FIELDS`: dimensions as ``now/target``
    text, ``confirm_lower`` as yes/no). Errors name the editor's fields (``support``, not
    ``support_target``), so each shows beside its own field; nothing is saved then."""
    errors: list[FieldError] = []
    given: dict[str, Any] = {}
    for dimension in SCORED:
        if dimension in values:
            try:
                given.update(split_pair(dimension, values[dimension]))
            except FieldError as exc:
                errors.append(exc)
    given.update(
        {k: values[k] for k in ("next_action", "scenario", "due_date", "status") if k in values}
    )
    confirm = str(values.get("confirm_lower") or "").strip().casefold() in ("yes", "true", "1")
    try:
        if not errors:
            return edit_gap(ws, gap_id, given, confirm_lower=confirm)
        with ws.db.reading() as conn:
            clean_gap(given, current=find_row(conn, gap_id), confirm_lower=confirm)
    except ValidationFailed as exc:
        taken = {e.field for e in errors}
        for problem in exc.errors:
            name = field_of(problem.field)
            if name not in taken:  # one message per field: the first problem found
                taken.add(name)
                errors.append(FieldError(name, problem.key, **problem.params))
    raise ValidationFailed(errors)
