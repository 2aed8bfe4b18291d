"""The gap table's rules: what is scored, what is valid, what a gap is, what comes first.

Six Huawei dimensions (recognition of our company, joins our events, shares information,
gives guidance, supports our project, attitude when we compete) and an overall level, each
0–5 now and as target; gap = target − current. The table is ordered by what matters most:
open actions past their due date first, then gap × the person's influence × the account's
tier, with stable tie-breaks. ``today`` is always passed in: core never reads the clock.

No SQLAlchemy here: the screens and the portfolio read use it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from katerm.core import levels
from katerm.core.errors import FieldError, ValidationFailed
from katerm.core.fields import day, text
from katerm.core.reviews import SCENARIOS
from katerm.core.tiers import UNRANKED

DIMENSIONS = ("recognition", "events", "information", "guidance", "support", "competition")
SCORED = (*DIMENSIONS, "level")
# The overall level is the one relationship-level scale (katerm.core.levels): its "now" is the
# contact's stored level, the gap row keeps the target.
LOWEST, HIGHEST = levels.LOWEST, levels.HIGHEST
LEVELS = levels.LEVELS
STATUSES = ("open", "done", "dropped")
MAX_ACTION = 500
INFLUENCE_WEIGHT = {"high": 3, "medium": 2, "low": 1}
UNRATED_INFLUENCE_WEIGHT = 1
# Tier weight by rank (0 = top tier): a top-tier account's gap weighs four times a bottom one's.
TIER_WEIGHTS = (4, 3, 2, 1)
UNTIERED_WEIGHT = 1


def score_columns() -> tuple[str, ...]:
    """Every score, ``recognition_now`` … ``level_target``, in table order (``level_now`` is
    the contact's level, not a column of the gap row: see :func:`row_columns`)."""
    return tuple(f"{d}_{w}" for d in SCORED for w in ("now", "target"))


# The score that lives on the contact (``contacts.level``), not on the gap row.
CONTACT_SCORE = "level_now"


def row_columns() -> tuple[str, ...]:
    """The score columns stored on the gap row: every score but the current level."""
    return tuple(c for c in score_columns() if c != CONTACT_SCORE)


def score(field: str, value: Any) -> int:
    """A whole number 0–5 (``3``, ``"3"``, ``" 3 "``); anything else is a FieldError."""
    if isinstance(value, bool):
        raise FieldError(field, "gaps.err.score", value=value, low=LOWEST, high=HIGHEST)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        raw = value.strip()
        try:
            value = int(raw)
        except ValueError:
            raise FieldError(field, "gaps.err.score", value=raw, low=LOWEST, high=HIGHEST) from None
    if not isinstance(value, int) or not LOWEST <= value <= HIGHEST:
        raise FieldError(field, "gaps.err.score", value=value, low=LOWEST, high=HIGHEST)
    return value


def clean_gap(
    values: Mapping[str, Any],
    *,
    current: Mapping[str, Any] | None = None,
    confirm_lower: bool = False,
) -> dict[str, Any]:
    """Check what a user gave for a gap row; return the clean values.

    ``values`` may hold any score column, ``next_action``, ``scenario``, ``due_date`` and
    ``status``. ``current`` is the stored row (for an edit), so a target given alone is
    compared with the stored current score. A target below its current score is refused
    unless ``confirm_lower`` (someone lowered their ambition on purpose). Raises
    :class:`ValidationFailed` listing every problem.
    """
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    for column in score_columns():
        if column in values:
            try:
                clean[column] = score(column, values[column])
            except FieldError as exc:
                errors.append(exc)
    if "next_action" in values:
        try:
            clean["next_action"] = text("next_action", values["next_action"], limit=MAX_ACTION)
        except FieldError as exc:
            errors.append(exc)
    if "scenario" in values:
        scenario = str(values["scenario"] or "").strip().casefold()
        if scenario and scenario not in SCENARIOS:
            errors.append(
                FieldError(
                    "scenario",
                    "fields.err.bad_choice",
                    value=scenario,
                    choices=tuple(SCENARIOS),
                )
            )
        clean["scenario"] = scenario
    if "due_date" in values:
        try:
            due = day("due_date", values["due_date"])
            clean["due_date"] = due.isoformat() if due else None
        except FieldError as exc:
            errors.append(exc)
    if "status" in values:
        status = str(values["status"] or "").strip().casefold() or "open"
        if status not in STATUSES:
            errors.append(
                FieldError("status", "fields.err.bad_choice", value=status, choices=tuple(STATUSES))
            )
        clean["status"] = status
    if not confirm_lower:
        stored = current or {}
        bad = {e.field for e in errors}
        for dimension in SCORED:
            now_col, target_col = f"{dimension}_now", f"{dimension}_target"
            if not ({now_col, target_col} & clean.keys()) or {now_col, target_col} & bad:
                continue
            now = clean.get(now_col, stored.get(now_col, 0))
            target = clean.get(target_col, stored.get(target_col, 0))
            if target < now:
                errors.append(
                    FieldError(target_col, "gaps.err.target_below", now=now, target=target)
                )
    if errors:
        raise ValidationFailed(errors)
    return clean


def gap(now: int, target: int) -> int:
    """How far we still have to go (negative: we are past the target)."""
    return target - now


def is_overdue(status: str, due_date: str | None, today: date) -> bool:
    """An open action whose due date has passed (due today is not overdue yet)."""
    return status == "open" and bool(due_date) and due_date < today.isoformat()  # type: ignore[operator]


def influence_weight(influence: str) -> int:
    return INFLUENCE_WEIGHT.get(influence, UNRATED_INFLUENCE_WEIGHT)


def tier_weight(rank: int) -> int:
    """Weight of a tier by its rank in its scheme (0 = top); untiered weighs least."""
    if rank == UNRANKED or rank < 0:
        return UNTIERED_WEIGHT
    return TIER_WEIGHTS[rank] if rank < len(TIER_WEIGHTS) else UNTIERED_WEIGHT


def priority(level_gap: int, influence: str, tier_rank: int) -> int:
    """gap × influence weight × tier weight; a closed or negative gap counts as 0."""
    return max(level_gap, 0) * influence_weight(influence) * tier_weight(tier_rank)


def level_word_key(level: int) -> str:
    """The catalogue key of an overall level's word (``gaps.level.partner``)."""
    return levels.word_key(level)


_PAIR = re.compile(r"^\s*(\S+?)\s*(?:/|→|->|\s)\s*(\S+)\s*$")


def split_pair(dimension: str, value: Any) -> dict[str, Any]:
    """``"2/4"`` (or ``2 4``, ``2→4``) for a dimension: ``{"<dim>_now": "2",
    "<dim>_target": "4"}``, for :func:`clean_gap` to check. Empty gives nothing.
    Raises FieldError on ``dimension`` when it is not two values."""
    raw = "" if value is None else str(value).strip()
    if not raw:
        return {}
    found = _PAIR.match(raw)
    if found is None:
        raise FieldError(dimension, "gaps.err.pair", value=raw)
    return {f"{dimension}_now": found[1], f"{dimension}_target": found[2]}


def field_of(column: str) -> str:
    """The form field a score column's error belongs to (``support_target`` -> ``support``)."""
    name = column.rsplit("_", 1)[0]
    return name if column.endswith(("_now", "_target")) and name in SCORED else column
