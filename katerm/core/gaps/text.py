"""The gap table as words and records: what the command line prints and exports carry.

One record shape serves JSON and CSV (raw keys and numbers, dimension scores flattened to
``recognition_now`` … columns) and, through :func:`display`, the aligned table people read.
"""

from __future__ import annotations

from datetime import date, tzinfo
from typing import Any

from katerm.core.gaps.read import GapView, ScoreChange
from katerm.core.gaps.rules import DIMENSIONS, level_word_key
from katerm.core.roles import label
from katerm.i18n import t

# Columns of a CSV export, in order (the JSON records have the same keys).
RECORD_COLUMNS = (
    "id",
    "account",
    "tier",
    "person",
    "title",
    "role",
    "influence",
    "owner",
    "level_now",
    "level_target",
    "gap",
    *(f"{d}_{w}" for d in DIMENSIONS for w in ("now", "target")),
    "next_action",
    "scenario",
    "due_date",
    "status",
    "overdue",
    "priority",
)
# Columns of the table people read.
TABLE_COLUMNS = (
    "person",
    "account",
    "tier",
    "role",
    "level",
    "gap",
    "dims",
    "owner",
    "action",
    "due",
    "status",
)
OVERDUE_MARK = "!"
DONE_MARK = "✓"  # a done action's date: not read as one still to do (or overdue)


def record(view: GapView, today: date) -> dict[str, Any]:
    """One row as plain keys and values (JSON and CSV)."""
    out: dict[str, Any] = {
        "id": view.id,
        "account": view.account,
        "tier": view.tier,
        "person": view.contact,
        "title": view.title,
        "role": view.role,
        "influence": view.influence,
        "owner": view.owner,
        "level_now": view.level_now,
        "level_target": view.level_target,
        "gap": view.level_gap,
    }
    for i, dimension in enumerate(DIMENSIONS):
        out[f"{dimension}_now"] = view.now[i]
        out[f"{dimension}_target"] = view.target[i]
    out.update(
        next_action=view.next_action,
        scenario=view.scenario,
        due_date=view.due_date,
        status=view.status,
        overdue=view.overdue(today),
        priority=view.priority,
    )
    return out


def level_text(now: int, target: int) -> str:
    """``1→4`` with the words: ``1→4 acquainted→friend``."""
    return f"{now}→{target} {t(level_word_key(now))}→{t(level_word_key(target))}"


def dims_text(view: GapView) -> str:
    """The six dimensions' gaps as digits, in DIMENSIONS order (``3 0 1 0 2 0``)."""
    return " ".join(str(g) for g in view.gaps)


def due_text(view: GapView, today: date) -> str:
    """The due date, marked when the action is overdue or done (readable without colour)."""
    from katerm.i18n.fmt import fmt_date

    if not view.due_date:
        return ""
    shown = fmt_date(date.fromisoformat(view.due_date))
    if view.status == "done":
        return f"{DONE_MARK}{shown}"
    return f"{OVERDUE_MARK}{shown}" if view.overdue(today) else shown


def display(view: GapView, today: date) -> dict[str, Any]:
    """One row in the words of the interface language (the CLI table)."""
    return {
        "person": view.contact,
        "account": view.account,
        "tier": t(f"fields.tier.{view.tier}") if view.tier else "",
        "role": label("role", view.role),
        "level": level_text(view.level_now, view.level_target),
        "gap": view.level_gap,
        "dims": dims_text(view),
        "owner": view.owner,
        "action": view.next_action,
        "due": due_text(view, today),
        "status": t(f"gaps.status.{view.status}"),
    }


def change_text(change: ScoreChange, tz: tzinfo | None = None) -> str:
    """``2026-11-20 09:30  王芳  Overall level (target): 2 → 4`` in the interface language."""
    from datetime import datetime

    when = datetime.fromisoformat(change.changed_at).astimezone(tz)
    what = t(f"gaps.dim.{change.dimension}")
    if change.target:
        what = t("gaps.history_target", what=what)
    old = "—" if change.old is None else str(change.old)
    return t(
        "gaps.history_line",
        when=f"{when:%Y-%m-%d %H:%M}",
        who=change.who,
        what=what,
        old=old,
        new=change.new,
    )
