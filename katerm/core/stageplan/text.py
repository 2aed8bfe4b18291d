"""The stage plan in words: labels of stages, departments, ways, roles and states in the
user's language, the line my day and the evening review show, and reading a choice the
user typed (the key, or its label in either language)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from katerm.core import levels
from katerm.core.errors import FieldError
from katerm.i18n import LANGUAGES, Term, t

if TYPE_CHECKING:
    from katerm.core.stageplan.read import Cell, StagePlan

# Which catalogue area holds each field's labels.
AREAS = {
    "stage": "stageplan.stage",
    "department": "stageplan.dept",
    "target": "gaps.level",  # the one relationship-level scale (katerm.core.levels)
    "way": "stageplan.way",
    "responsible": "stageplan.role",
    "status": "stageplan.status",
    "state": "stageplan.status",
}


class _Label:
    """:func:`label` of a key, looked up when a message is put into words."""

    __slots__ = ("field", "key")

    def __init__(self, field: str, key: str) -> None:
        self.field, self.key = field, key

    def __format__(self, spec: str) -> str:
        return format(label(self.field, self.key), spec)


def label(field: str, key: str, lang: str | None = None) -> str:
    """The label of ``key`` (a department not on the seed's list is its own name)."""
    if not key:
        return ""
    if field == "target" and key in levels.LEVELS:
        return levels.word(levels.LEVELS.index(key), lang)  # the one scale's word
    if field == "department":
        from katerm.core.stageplan.template import DEPARTMENTS

        if key not in DEPARTMENTS:
            return key
    return t(f"{AREAS[field]}.{key}", lang=lang)


def parse(
    field: str, value: Any, choices: tuple[str, ...], *, blank: bool, free: bool = False
) -> str:
    """The key ``value`` names: a key or a label in either language, case ignored."""
    from katerm.core.stageplan.template import DEPARTMENTS

    raw = "" if value is None else str(value).strip()
    if not raw:
        if blank:
            return ""
        raise FieldError(field, "fields.err.required")
    keys = tuple(DEPARTMENTS) if field == "department" else choices
    folded = raw.casefold()
    for key in keys:
        names = {key, *(label(field, key, lang).casefold() for lang in LANGUAGES)}
        if folded in names or folded.replace(" ", "_") == key:
            return key
    if free:
        return raw
    # Worded when the message is, in its language (the error may be shown in another).
    shown = [Term("fields.named_choice", key=k, label=_Label(field, k)) for k in keys]
    raise FieldError(field, "fields.err.bad_choice", value=raw, choices=shown)


def open_line(plan: StagePlan, cell: Cell) -> str:
    """「bidding: purchasing not yet reached — owner: customer manager」 with the order."""
    return t(
        "stageplan.line.open",
        opportunity=plan.opportunity,
        account=plan.account,
        stage=label("stage", cell.stage),
        department=label("department", cell.department),
        role=label("responsible", cell.responsible) or t("stageplan.nobody"),
        way=label("way", cell.way),
    )


def cell_json(cell: Cell) -> dict[str, Any]:
    return {
        "stage": cell.stage,
        "department": cell.department,
        "department_label": label("department", cell.department),
        "target": cell.target,
        "way": cell.way,
        "responsible": cell.responsible,
        "status": cell.status,
        "state": cell.state,
        "note": cell.note,
        "source": cell.source,
        "people": list(cell.people),
        "level_now": cell.level_now,
        "reached_by": [
            {"activity_id": r.activity_id, "date": r.at, "people": list(r.people)}
            for r in cell.reached
        ],
    }


def plan_json(plan: StagePlan) -> dict[str, Any]:
    return {
        "account": plan.account,
        "account_id": plan.account_id,
        "opportunity": plan.opportunity or None,
        "opportunity_id": plan.opportunity_id,
        "current_stage": plan.current_stage,
        "cells": [cell_json(c) for c in plan.cells],
    }


def plan_markdown(plans: list[StagePlan], lang: str | None = None) -> str:
    """The stage plans as a Markdown document (the default plan, then each opportunity)."""
    from katerm.core.ltc import LTC_STAGES

    cols = ("department", "target", "way", "responsible", "state", "people")
    out = [f"# {t('stageplan.doc.title', lang=lang, account=plans[0].account if plans else '')}"]
    for plan in plans:
        title = (
            t("stageplan.doc.opportunity", lang=lang, name=plan.opportunity)
            if plan.opportunity_id
            else t("stageplan.doc.default", lang=lang)
        )
        out += ["", f"## {title}"]
        if plan.current_stage:
            now = label("stage", plan.current_stage, lang)
            out += ["", t("stageplan.doc.now", lang=lang, stage=now)]
        for stage in LTC_STAGES:
            cells = plan.row(stage)
            if not cells:
                continue
            mark = " ◀" if stage == plan.current_stage else ""
            out += ["", f"### {label('stage', stage, lang)}{mark}", ""]
            out.append("| " + " | ".join(t(f"stageplan.col.{c}", lang=lang) for c in cols) + " |")
            out.append("|" + "---|" * len(cols))
            for c in cells:
                state = label("state", c.state, lang) if plan.opportunity_id else "—"
                if c.reached:
                    last = c.reached[-1]
                    state = t(
                        "stageplan.doc.reached",
                        lang=lang,
                        state=state,
                        date=last.at,
                        people=list(last.people),
                    )
                values = (
                    label("department", c.department, lang),
                    label("target", c.target, lang),
                    label("way", c.way, lang),
                    label("responsible", c.responsible, lang),
                    state,
                    t(
                        "dialog.names_more" if len(c.people) > 3 else "dialog.names",
                        lang=lang,
                        names=list(c.people[:3]),
                    ),
                )
                out.append("| " + " | ".join((v or "—").replace("|", "\\|") for v in values) + " |")
    return "\n".join(out) + "\n"
