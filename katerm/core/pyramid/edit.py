"""Setting the pyramid up: a scheme's thresholds and a portfolio's yearly targets per tier.

Both are team data that sync. Each threshold and each target has an id derived from what it
is (scheme, tier and measure; portfolio, year, scheme and tier), so two devices setting the
same one edit one row instead of creating two. Values are checked with the same words as the
account form (``katerm.core.fields``); nothing is written unless every value is good.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from katerm.core import fields, store
from katerm.core.errors import BadInput, FieldError, ValidationFailed
from katerm.core.pyramid.read import load_targets
from katerm.core.pyramid.rules import (
    RULES,
    Threshold,
    Thresholds,
    check_per_tier,
    load_thresholds,
    threshold_owners,
)
from katerm.core.pyramid.target_rows import write_tier_targets
from katerm.i18n import t

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from katerm.core.workspace import Workspace

_NAMESPACE = uuid.UUID("5c1b7a52-3f0e-4d8e-9a4b-6b1f2a0c9e17")  # katerm pyramid ids
YEARS = (2000, 2100)


def threshold_id(scheme: str, spec: Threshold) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"threshold/{scheme}/{spec.tier}/{spec.measure}"))


def target_id(owner_id: str, year: int, scheme: str, tier: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"target/{owner_id}/{year}/{scheme}/{tier}"))


def target_field(tier: str) -> str:
    """The name of a tier's target in forms and error maps."""
    return f"target.{tier}"


def check_year(value: Any) -> int:
    """A year for targets (2000-2100); raises :class:`BadInput` otherwise."""
    try:
        year = int(str(value).strip())
    except ValueError:
        raise BadInput("pyramid.err.bad_year", value=value, low=YEARS[0], high=YEARS[1]) from None
    if not YEARS[0] <= year <= YEARS[1]:
        raise BadInput("pyramid.err.bad_year", value=value, low=YEARS[0], high=YEARS[1])
    return year


def _number(spec: Threshold, value: Any) -> float:
    if value is None or str(value).strip() == "":
        raise FieldError(spec.key, "fields.err.required")
    if spec.whole:
        return float(fields.whole(spec.key, value))
    return fields.money(spec.key, value)


def check_thresholds(
    scheme: str, values: Mapping[str, Any], current: Mapping[str, float] | None = None
) -> Thresholds:
    """Check thresholds typed for a scheme (keys: :attr:`Threshold.key`) and return them all.

    Keys not given keep ``current`` (default: the scheme's defaults). Every value must be a
    number, 0 or more; in a ranked scheme each tier's threshold must stay below the one above
    it (B below A), in the fish scheme each middle line below its high line. Raises
    :class:`ValidationFailed` naming each bad field.
    """
    rule = RULES[scheme]
    merged: dict[str, float] = {s.key: s.default for s in rule.thresholds}
    merged.update(current or {})
    errors: dict[str, FieldError] = {}
    for spec in rule.thresholds:
        if spec.key in values:
            try:
                merged[spec.key] = _number(spec, values[spec.key])
            except FieldError as exc:
                errors[spec.key] = exc
    if rule.kind in ("ranked", "fish"):
        for measure in dict.fromkeys(s.measure for s in rule.thresholds):
            chain = [s for s in rule.thresholds if s.measure == measure]
            for upper, lower in pairwise(chain):
                if upper.key in errors or lower.key in errors:
                    continue
                if merged[lower.key] >= merged[upper.key]:
                    # Beside the field that was typed (the lower one if both were).
                    if lower.key in values or upper.key not in values:
                        errors[lower.key] = FieldError(
                            lower.key,
                            "pyramid.err.not_below",
                            tier=t(f"fields.tier.{upper.label_tier}"),
                            value=upper.shown(merged[upper.key]),
                        )
                    else:
                        errors[upper.key] = FieldError(
                            upper.key,
                            "pyramid.err.not_above",
                            tier=t(f"fields.tier.{lower.label_tier}"),
                            value=lower.shown(merged[lower.key]),
                        )
    if errors:
        raise ValidationFailed(list(errors.values()))
    return merged


def threshold_setters(ws: Workspace, scheme: str) -> dict[str, store.Setter]:
    """The thresholds of a scheme a manager above me holds (key -> who): theirs to change."""
    with ws.db.reading() as conn:
        return {
            key: setter
            for key, owner in threshold_owners(conn, scheme).items()
            if (setter := store.set_above(conn, ws.me.id, owner)) is not None
        }


def _mine_to_set(
    ws: Workspace, scheme: str, values: Mapping[str, Any], clean: Thresholds, current: Thresholds
) -> tuple[dict[str, Any], list[FieldError]]:
    """The given thresholds I may store: one a manager holds is left alone when unchanged
    (a form shows it) and refused when changed (my row would never be used)."""
    held = threshold_setters(ws, scheme)
    errors = [
        FieldError(
            key,
            "pyramid.err.set_above",
            name=held[key].name,
            value=RULES[scheme].threshold(key).shown(current[key]),
        )
        for key in values
        if key in held and clean[key] != current[key]
    ]
    return {k: v for k, v in values.items() if k not in held}, errors


def threshold_refusal(
    conn: Any, actor_id: str, scheme: str, tier: str, measure: str, value: float | None
) -> FieldError | None:
    """Why ``value`` for a threshold is not mine to store (an import's row), or None: the
    threshold in use is a manager's and says otherwise."""
    key = Threshold(tier or "", measure, 0.0).key
    setter = store.set_above(conn, actor_id, threshold_owners(conn, scheme).get(key))
    if setter is None:
        return None
    current = load_thresholds(conn, scheme).get(key)
    if value is not None and current is not None and float(value) == current:
        return None
    shown = RULES[scheme].threshold(key).shown(current) if current is not None else ""
    return FieldError("value", "pyramid.err.set_above", name=setter.name, value=shown)


def save_thresholds(ws: Workspace, scheme: str, values: Mapping[str, Any]) -> Thresholds:
    """Check and store a scheme's thresholds for the team; returns them all."""
    with ws.db.reading() as conn:
        current = load_thresholds(conn, scheme)
    clean = check_thresholds(scheme, values, current)
    mine, errors = _mine_to_set(ws, scheme, values, clean, current)
    if errors:
        raise ValidationFailed(errors)
    with ws.db.writing() as conn:
        _write_thresholds(conn, ws.me.id, scheme, mine, clean)
    return clean


def _write_thresholds(
    conn: Connection, actor_id: str, scheme: str, values: Mapping[str, Any], clean: Thresholds
) -> None:
    """Store the thresholds that were given (``values``), checked (``clean``)."""
    raw = conn.connection.driver_connection  # sqlite3, same transaction
    for spec in RULES[scheme].thresholds:
        if spec.key not in values:
            continue
        row_id = threshold_id(scheme, spec)
        found = raw.execute("SELECT 1 FROM tier_thresholds WHERE id = ?", (row_id,)).fetchone()
        # The row becomes mine (one a report of mine set): the key's value is now my word.
        row = {"value": clean[spec.key], "deleted": False, "owner_id": actor_id}
        if found:
            store.update(conn, "tier_thresholds", row_id, row, actor_id=actor_id)
        else:
            store.insert(
                conn,
                "tier_thresholds",
                {
                    "id": row_id,
                    "scheme": scheme,
                    "tier": spec.tier,
                    "measure": spec.measure,
                    "value": clean[spec.key],
                },
                actor_id=actor_id,
            )


def check_targets(scheme: str, values: Mapping[str, Any]) -> dict[str, int | None]:
    """Targets typed per tier (keys: tier names): whole numbers, 0 or more; empty = no plan."""
    return check_per_tier(scheme, values, lambda tier, v: fields.whole(target_field(tier), v))


def save_targets(
    ws: Workspace, owner_id: str, year: int, scheme: str, values: Mapping[str, Any]
) -> dict[str, int]:
    """Check and store a portfolio's targets for a year; an empty value removes a target.

    Returns the targets now set.
    """
    year = check_year(year)
    clean = check_targets(scheme, values)
    with ws.db.writing() as conn:
        return _write_targets(conn, ws.me.id, owner_id, year, scheme, clean)


def _write_targets(
    conn: Connection,
    actor_id: str,
    owner_id: str,
    year: int,
    scheme: str,
    clean: Mapping[str, int | None],
) -> dict[str, int]:
    """Store checked targets (None removes one); returns the targets now set."""
    write_tier_targets(conn, "tier_targets", target_id, actor_id, owner_id, year, scheme, clean)
    raw = conn.connection.driver_connection  # sqlite3, same transaction
    return load_targets(raw, owner_id, year, scheme)


def save_settings(
    ws: Workspace,
    scheme: str,
    owner_id: str,
    year: int,
    thresholds: Mapping[str, Any],
    targets: Mapping[str, Any],
    revenue: Mapping[str, Any] | None = None,
) -> None:
    """Check a scheme's thresholds and a portfolio's targets for a year (accounts per tier,
    and ``revenue``, annual revenue per tier) together, then store them in one transaction
    (the pyramid's settings tab). Nothing is stored unless every value is good:
    :class:`ValidationFailed` names every bad field, thresholds' and targets' alike.
    """
    from katerm.core.pyramid.revenue_targets import check_revenue_targets, write_revenue_targets

    revenue = revenue or {}
    errors: list[FieldError] = []
    with ws.db.reading() as conn:
        current = load_thresholds(conn, scheme)
    clean_thresholds: Thresholds = {}
    clean_targets: dict[str, int | None] = {}
    try:
        clean_thresholds = check_thresholds(scheme, thresholds, current)
        thresholds, refused = _mine_to_set(ws, scheme, thresholds, clean_thresholds, current)
        errors.extend(refused)
    except ValidationFailed as exc:
        errors.extend(exc.errors)
    try:
        clean_targets = check_targets(scheme, targets)
    except ValidationFailed as exc:
        errors.extend(exc.errors)
    clean_revenue: dict[str, float | None] = {}
    try:
        clean_revenue = check_revenue_targets(scheme, revenue)
    except ValidationFailed as exc:
        errors.extend(exc.errors)
    if errors:
        raise ValidationFailed(errors)
    year = check_year(year) if targets or revenue else year
    with ws.db.writing() as conn:
        if thresholds:
            _write_thresholds(conn, ws.me.id, scheme, thresholds, clean_thresholds)
        if targets:
            _write_targets(conn, ws.me.id, owner_id, year, scheme, clean_targets)
        if revenue:
            write_revenue_targets(conn, ws.me.id, owner_id, year, scheme, clean_revenue)
