"""Checklist templates: which items a team's daily and weekly checklists have.

A template is data a team lead edits, not code. Each item row is valid for a span of dates
(``valid_from`` .. ``valid_until``); an edit takes effect from the next period (tomorrow for
the daily checklist, next Monday for the weekly one) by ending the current version and
starting a new one, so a checklist of the past keeps the items it had. A person's checklist
uses the template of the nearest of themselves, their lead, their lead's manager... that has
one, else the built-in template.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from katerm.core.errors import BadInput, NotFound
from katerm.core.periods import DAY, PERIODS, WEEK, Period

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

MEASURED, MANUAL = "measured", "manual"
MAX_LABEL = 120
MAX_TARGET = 1000


@dataclass(frozen=True)
class TemplateItem:
    """One version of a template item (or a built-in item: ``id`` None)."""

    key: str
    kind: str  # measured | manual
    measure: str = ""
    target: int | None = None
    label: str = ""  # empty: the built-in label of the key
    position: int = 0
    valid_from: date | None = None
    valid_until: date | None = None
    id: str | None = None  # None for the built-in template

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day < self.valid_until
        )


def _m(key: str, position: int, target: int | None = None) -> TemplateItem:
    return TemplateItem(key, MEASURED, key, target, position=position)


BUILTIN: dict[str, tuple[TemplateItem, ...]] = {
    DAY: (
        _m("visits", 0, 1),
        _m("stuck_orders_updated", 1),
        _m("gap_actions_due", 2, 0),
        _m("key_dates_today", 3),
        _m("tomorrow_plan", 4),
    ),
    WEEK: (
        _m("visits", 0, 6),
        _m("proposal_meetings", 1, 3),
        _m("weekly_plan", 2),
        _m("a_maps_reviewed", 3),
        _m("pipeline_updated", 4),
    ),
}

_COLUMNS = (
    "key",
    "kind",
    "measure",
    "target",
    "label",
    "position",
    "valid_from",
    "valid_until",
    "id",
)


def _item(row: tuple[Any, ...]) -> TemplateItem:
    values = dict(zip(_COLUMNS, row, strict=True))
    for name in ("valid_from", "valid_until"):
        values[name] = date.fromisoformat(values[name]) if values[name] else None
    return TemplateItem(**values)


def managers(conn: sqlite3.Connection, user_id: str) -> list[str]:
    """The user, their manager, the manager's manager... (stops at a loop)."""
    chain = [user_id]
    while True:
        row = conn.execute("SELECT manager_id FROM users WHERE id = ?", (chain[-1],)).fetchone()
        if not row or not row[0] or row[0] in chain:
            return chain
        chain.append(row[0])


def owned_rows(conn: sqlite3.Connection, owner_id: str, period_kind: str) -> list[TemplateItem]:
    """Every version of a lead's own template items for a period kind."""
    rows = conn.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM checklist_items WHERE owner_id = ? "
        "AND period = ? AND deleted = 0 ORDER BY position, key",
        (owner_id, period_kind),
    )
    return [_item(r) for r in rows]


def source_of(
    conn: sqlite3.Connection, user_id: str, period_kind: str
) -> tuple[str | None, list[TemplateItem]]:
    """Whose template a person's checklist uses (None: built-in), with all its versions."""
    for owner in managers(conn, user_id):
        rows = owned_rows(conn, owner, period_kind)
        if rows:
            return owner, rows
    return None, list(BUILTIN[period_kind])


def items_for(conn: sqlite3.Connection, user_id: str, period: Period) -> list[TemplateItem]:
    """The items of a person's checklist for this period, as the template was then."""
    _, rows = source_of(conn, user_id, period.kind)
    return sorted((r for r in rows if r.valid_on(period.start)), key=lambda r: (r.position, r.key))


def effective_from(period_kind: str, today: date) -> date:
    """When an edit made today starts to apply: the next day, or the next Monday."""
    if period_kind == DAY:
        return today + timedelta(days=1)
    return Period.week_of(today).end


# --- editing (team leads) -----------------------------------------------------------------


def _driver(conn: Any) -> sqlite3.Connection:
    raw = getattr(getattr(conn, "connection", None), "driver_connection", None)
    return raw if raw is not None else conn.connection


def _check(period_kind: str) -> None:
    if period_kind not in PERIODS:
        raise BadInput("reviews.err.bad_period", value=period_kind, choices=tuple(PERIODS))


def _require_lead(conn: sqlite3.Connection, user_id: str) -> None:
    lead = conn.execute(
        "SELECT 1 FROM users WHERE manager_id = ? AND deleted = 0 LIMIT 1", (user_id,)
    ).fetchone()
    if not lead:
        raise BadInput("reviews.err.lead_only")


def _own_copy(conn: Any, owner_id: str, period_kind: str, actor_id: str) -> list[TemplateItem]:
    """The owner's rows, first copying the template they inherit (every version of it, so
    their team's past checklists stay as they were)."""
    from katerm.core import store

    raw = _driver(conn)
    rows = owned_rows(raw, owner_id, period_kind)
    if rows:
        return rows
    _, inherited = source_of(raw, owner_id, period_kind)
    changes = [
        store.Change(None, _values(replace(r, id=None), owner_id, period_kind), new=True)
        for r in inherited
    ]
    store.apply(conn, "checklist_items", changes, actor_id=actor_id)
    return owned_rows(raw, owner_id, period_kind)


def _values(item: TemplateItem, owner_id: str, period_kind: str) -> dict[str, Any]:
    return {
        "owner_id": owner_id,
        "period": period_kind,
        "key": item.key,
        "kind": item.kind,
        "measure": item.measure,
        "target": item.target,
        "label": item.label,
        "position": item.position,
        "valid_from": item.valid_from,
        "valid_until": item.valid_until,
    }


def _edit(ws: Workspace, period_kind: str, today: date, change: Any) -> None:
    _check(period_kind)
    with ws.db.reading() as conn:
        _require_lead(conn, ws.me.id)
    starts = effective_from(period_kind, today)
    with ws.db.writing() as conn:
        rows = _own_copy(conn, ws.me.id, period_kind, ws.me.id)
        change(conn, [r for r in rows if r.valid_on(starts)], rows, starts)


def _find(current: list[TemplateItem], key: str) -> TemplateItem:
    for item in current:
        if item.key == key:
            return item
    raise NotFound("reviews.err.no_item", key=key)


def _new_version(
    conn: Any, ws: Workspace, item: TemplateItem, starts: date, period_kind: str, **changes: Any
) -> None:
    """Change an item from ``starts``: in place if that version has not applied yet,
    else end it and start a new one."""
    from katerm.core import store

    assert item.id is not None
    if item.valid_from is not None and item.valid_from >= starts:
        store.update(conn, "checklist_items", item.id, changes, actor_id=ws.me.id)
        return
    store.update(conn, "checklist_items", item.id, {"valid_until": starts}, actor_id=ws.me.id)
    fresh = replace(item, valid_from=starts, valid_until=None, id=None, **changes)
    store.insert(conn, "checklist_items", _values(fresh, ws.me.id, period_kind), actor_id=ws.me.id)


def add_item(
    ws: Workspace,
    period_kind: str,
    *,
    today: date,
    label: str = "",
    measure: str = "",
    target: int | None = None,
) -> str:
    """Add a manual item (``label``) or a measured one (``measure``) from the next period.

    Returns the item's key: the measure's key, or a new ``custom_…`` key for a manual item.
    """
    from katerm.core import store
    from katerm.core.reviews.registry import MEASURES

    cleaned = (label or "").strip()
    if len(cleaned) > MAX_LABEL:
        raise BadInput("fields.err.too_long", limit=MAX_LABEL)
    if measure:
        found = MEASURES.get(measure)
        if found is None or period_kind not in found.periods:
            raise NotFound(
                "reviews.err.no_measure",
                key=measure,
                choices=tuple(sorted(k for k, m in MEASURES.items() if period_kind in m.periods)),
            )
        key, kind = measure, MEASURED
        if target is None:
            target = found.default_target(period_kind)
    elif not cleaned:
        raise BadInput("reviews.err.label_required")
    else:
        key, kind = f"custom_{secrets.token_hex(4)}", MANUAL
    _check_target(target)
    added: list[str] = []

    def change(
        conn: Any, current: list[TemplateItem], rows: list[TemplateItem], starts: date
    ) -> None:
        if any(i.key == key for i in current):
            raise BadInput("reviews.err.item_exists", key=key)
        position = max((r.position for r in rows), default=-1) + 1
        item = TemplateItem(key, kind, measure, target, cleaned, position, valid_from=starts)
        store.insert(
            conn, "checklist_items", _values(item, ws.me.id, period_kind), actor_id=ws.me.id
        )
        added.append(key)

    _edit(ws, period_kind, today, change)
    return added[0]


def remove_item(ws: Workspace, period_kind: str, key: str, *, today: date) -> None:
    """Drop an item from the next period on (past checklists keep it)."""
    from katerm.core import store

    def change(
        conn: Any, current: list[TemplateItem], rows: list[TemplateItem], starts: date
    ) -> None:
        item = _find(current, key)
        assert item.id is not None
        if item.valid_from is not None and item.valid_from >= starts:
            store.delete(conn, "checklist_items", item.id, actor_id=ws.me.id)
        else:
            store.update(
                conn, "checklist_items", item.id, {"valid_until": starts}, actor_id=ws.me.id
            )

    _edit(ws, period_kind, today, change)


def number_or_none(text: str | None) -> int | None:
    """A target as typed: a whole number, or empty for none."""
    raw = (text or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise BadInput("reviews.err.bad_target", value=raw, high=MAX_TARGET) from None


def _check_target(target: int | None) -> None:
    if target is not None and not 0 <= target <= MAX_TARGET:
        raise BadInput("reviews.err.bad_target", value=target, high=MAX_TARGET)


def set_target(
    ws: Workspace, period_kind: str, key: str, target: int | None, *, today: date
) -> None:
    """Change a measured item's target from the next period on."""
    _check_target(target)

    def change(
        conn: Any, current: list[TemplateItem], rows: list[TemplateItem], starts: date
    ) -> None:
        item = _find(current, key)
        if item.kind != MEASURED:
            raise BadInput("reviews.err.target_manual", key=key)
        if item.target != target:
            _new_version(conn, ws, item, starts, period_kind, target=target)

    _edit(ws, period_kind, today, change)


def set_label(ws: Workspace, period_kind: str, key: str, label: str, *, today: date) -> None:
    """Rename an item from the next period on (empty: back to its built-in name)."""
    cleaned = (label or "").strip()
    if len(cleaned) > MAX_LABEL:
        raise BadInput("fields.err.too_long", limit=MAX_LABEL)

    def change(
        conn: Any, current: list[TemplateItem], rows: list[TemplateItem], starts: date
    ) -> None:
        item = _find(current, key)
        if item.kind == MANUAL and not cleaned:
            raise BadInput("reviews.err.label_required")
        if item.label != cleaned:
            _new_version(conn, ws, item, starts, period_kind, label=cleaned)

    _edit(ws, period_kind, today, change)
