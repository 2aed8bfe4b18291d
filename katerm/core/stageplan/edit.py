"""Writing a stage plan's cells through the one write path: a cell set for an opportunity (or
the account's default plan) is stored over the template cell of the same stage and
department. Refusals name the field (:class:`~katerm.core.errors.ValidationFailed`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from katerm.core import levels, store
from katerm.core.errors import FieldError, NotFound, ValidationFailed
from katerm.core.fields import MAX_SHORT, collect, text
from katerm.core.ltc import LTC_STAGES
from katerm.core.stageplan.read import stage_plan
from katerm.core.stageplan.template import STATUSES, TARGETS, TEAM_ROLES, WAYS
from katerm.core.stageplan.text import parse

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

MAX_NOTE = 500
FIELDS = ("target", "way", "responsible", "status", "note")


def _choice(field: str, choices: tuple[str, ...], blank: bool) -> Callable[[Any], str]:
    return lambda v: parse(field, v, choices, blank=blank)


def _target(value: Any) -> str:
    """A cell's target on the one relationship-level scale, stored as its word
    (``trusted``): the word in either language, its number (``3``), ``3 trusted`` or an old
    contact-level word (``met``). Empty: no target; 0 (unknown) is no target to aim at."""
    raw = "" if value is None else str(value).strip()
    if not raw:
        return ""
    number = levels.parse_level(raw, field="target")
    if number == levels.LOWEST:
        raise FieldError(
            "target",
            "fields.err.bad_choice",
            value=raw,
            choices=[levels.label(n) for n in range(1, levels.HIGHEST + 1)],
        )
    return TARGETS[number - 1]


RULES: dict[str, Callable[[Any], str]] = {
    "stage": _choice("stage", LTC_STAGES, False),
    "department": lambda v: parse("department", v, (), blank=False, free=True),
    "target": lambda v: _target(v),
    "way": _choice("way", WAYS, True),
    "responsible": _choice("responsible", TEAM_ROLES, True),
    "status": _choice("status", STATUSES, False),
    "note": lambda v: text("note", v, limit=MAX_NOTE),
}


def check(values: Mapping[str, Any]) -> dict[str, str]:
    """The given fields as stored keys; every bad one raised together."""
    clean: dict[str, str] = collect(values, RULES)
    if len(clean.get("department", "")) > MAX_SHORT:
        raise ValidationFailed([FieldError("department", "fields.err.too_long", limit=MAX_SHORT)])
    return clean


def set_cell(
    ws: Workspace,
    account_id: str,
    opportunity_id: str | None,
    values: Mapping[str, Any],
) -> str:
    """Store one cell (``stage`` and ``department`` name it; ``target``, ``way``,
    ``responsible``, ``status``, ``note`` as given, the rest from the cell it overrides) of
    the opportunity's plan, or of the account's default plan. Returns the row's id."""
    clean = check(values)
    missing = [f for f in ("stage", "department") if f not in clean]
    if missing:
        raise ValidationFailed([FieldError(f, "fields.err.required") for f in missing])
    with ws.db.writing() as conn:
        raw = conn.connection.driver_connection
        owner = store.live_owner(raw, "accounts", account_id)
        if opportunity_id is not None:
            opp = raw.execute(
                "SELECT account_id, owner_id FROM opportunities WHERE id = ? AND deleted = 0",
                (opportunity_id,),
            ).fetchone()
            if opp is None or opp[0] != account_id:
                raise NotFound("errors.row_missing", table="opportunities", id=opportunity_id)
            owner = opp[1]
        plan = stage_plan(raw, account_id, opportunity_id)
        key = (clean["stage"], clean["department"])
        below = next((c for c in plan.cells if (c.stage, c.department) == key), None)
        mine = "opportunity" if opportunity_id else "account"
        if below is not None and below.source == mine and below.id is not None:
            changes = {f: clean[f] for f in FIELDS if f in clean}
            if changes:
                store.update(conn, "stage_plan_cells", below.id, changes, actor_id=ws.me.id)
            return below.id
        row = {
            "owner_id": owner,
            "account_id": account_id,
            "opportunity_id": opportunity_id,
            "stage": clean["stage"],
            "department": clean["department"],
            "target": below.target if below else "",
            "way": below.way if below else "",
            "responsible": below.responsible if below else "",
            "status": "open",
            "note": below.note if below else "",
        }
        row.update({f: clean[f] for f in FIELDS if f in clean})
        return store.insert(conn, "stage_plan_cells", row, actor_id=ws.me.id)


def remove_cell(ws: Workspace, cell_id: str) -> None:
    """Take a stored cell back out: the cell below (the default plan's, the template's)
    shows again. A template cell is removed from a plan by setting it ``skipped``."""
    with ws.db.writing() as conn:
        store.delete(conn, "stage_plan_cells", cell_id, actor_id=ws.me.id)
