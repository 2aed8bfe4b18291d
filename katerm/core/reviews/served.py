"""What an activity served: the opportunity (at the activity's account) and the stage of lead
to cash it was for (:func:`katerm.core.reviews.opportunity_history` lists them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from katerm.core.errors import FieldError
from katerm.core.ltc import LTC_STAGES, ltc_stage


def served_by(
    conn: sqlite3.Connection,
    account_id: str,
    values: Mapping[str, Any],
    errors: list[FieldError],
) -> dict[str, Any]:
    """``opportunity_id`` and ``stage`` for an activity at the account, from ``values``'
    ``opportunity`` (id or name, case ignored) and ``stage``; problems go to ``errors``."""
    wanted = str(values.get("opportunity") or "").strip()
    stage = str(values.get("stage") or "").strip().casefold()
    if stage and stage not in LTC_STAGES:
        errors.append(
            FieldError("stage", "fields.err.bad_choice", value=stage, choices=tuple(LTC_STAGES))
        )
        stage = ""
    if not wanted:
        if stage:
            errors.append(FieldError("stage", "reviews.err.stage_needs_opportunity"))
        return {"opportunity_id": None, "stage": ""}
    rows = conn.execute(
        "SELECT id, name, stage, locked_on FROM opportunities WHERE account_id = ? "
        "AND deleted = 0 ORDER BY name",
        (account_id,),
    ).fetchall()
    folded = wanted.casefold()
    hits = [r for r in rows if r[0] == wanted] or [r for r in rows if r[1].casefold() == folded]
    if len(hits) != 1:
        key = "reviews.err.opportunity_unknown" if not hits else "reviews.err.opportunity_ambiguous"
        names = "; ".join(r[1] for r in (hits or rows)[:10]) or "—"
        errors.append(FieldError("opportunity", key, value=wanted, names=names))
        return {"opportunity_id": None, "stage": ""}
    opp_id, _, opp_stage, locked_on = hits[0]
    return {"opportunity_id": opp_id, "stage": stage or ltc_stage(opp_stage, bool(locked_on))}


def opportunity_choices(conn: sqlite3.Connection, account_id: str) -> list[tuple[str, str]]:
    """(name, id) of the account's opportunities an activity may serve: those still worked
    for (open, or won and not yet paid), by name."""
    rows = conn.execute(
        "SELECT name, id FROM opportunities WHERE account_id = ? AND deleted = 0 "
        "AND outcome IN ('open', 'won') ORDER BY name",
        (account_id,),
    )
    return [(r[0], r[1]) for r in rows]


def routine_of(
    conn: sqlite3.Connection,
    account_id: str,
    values: Mapping[str, Any],
    errors: list[FieldError],
) -> str | None:
    """The broad-relationship routine (``values["routine_id"]``, katerm.core.broad) the
    activity carried out, which must be one of the account's; None when not given."""
    wanted = str(values.get("routine_id") or "").strip()
    if not wanted:
        return None
    row = conn.execute(
        "SELECT 1 FROM routine_actions WHERE id = ? AND account_id = ? AND deleted = 0",
        (wanted, account_id),
    ).fetchone()
    if row is None:
        errors.append(FieldError("routine_id", "errors.row_missing", table="routines", id=wanted))
        return None
    return wanted
