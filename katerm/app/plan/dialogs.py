"""The edit form of a plan entry: the fields its kind has, with the people, contacts and
opportunities to choose from."""

from __future__ import annotations

from typing import Any

from textual.app import App

from katerm.app.context import workspace_of
from katerm.app.widgets.form import FieldSpec
from katerm.app.widgets.form_dialog import FormDialog
from katerm.core.plan import KINDS, Choices, PlanItemRecord
from katerm.i18n import t


def category_prefix(kind: str) -> str:
    return {"team_member": "role", "responsibility": "party"}.get(kind, kind)


def item_fields(kind_key: str, choices: Choices) -> list[FieldSpec]:
    kind = KINDS[kind_key]
    specs = []
    if kind.categories:
        prefix = category_prefix(kind_key)
        specs.append(
            FieldSpec(
                "category",
                t(f"plan.field.category_{prefix}"),
                kind="select",
                allow_blank=False,
                options=[(t(f"plan.{prefix}.{c}"), c) for c in kind.categories],
            )
        )
    if kind.person:
        specs.append(
            FieldSpec(
                "person_id",
                t(
                    f"plan.field.person_{kind_key}"
                    if kind_key == "team_member"
                    else "plan.field.person"
                ),
                kind="select",
                options=choices.members,
                prompt="—",
            )
        )
    specs.append(FieldSpec("title", t(f"plan.field.title_{kind_key}")))
    if kind.contact:
        specs.append(
            FieldSpec(
                "contact_id", t("plan.field.contact"), kind="select", options=choices.contacts
            )
        )
    if kind.opportunity:
        specs.append(
            FieldSpec(
                "opportunity_id",
                t("plan.field.opportunity"),
                kind="select",
                options=choices.opportunities,
            )
        )
    if kind.dated:
        specs.append(
            FieldSpec(
                "due_on",
                t("plan.field.date_event" if kind_key == "event" else "plan.field.due"),
                placeholder=t("fields.date_hint"),
            )
        )
    if kind.status:
        specs.append(
            FieldSpec(
                "status",
                t("plan.doc.col_status"),
                kind="select",
                allow_blank=False,
                options=[(t(f"plan.status.{s}"), s) for s in kind.status],
            )
        )
    specs.append(FieldSpec("detail", t("plan.field.detail"), kind="notes"))
    return specs


def _values(item: PlanItemRecord | None, preset: dict[str, Any], kind: str) -> dict[str, Any]:
    if item is None:
        values: dict[str, Any] = dict(preset)
        spec = KINDS[kind]
        if spec.status:
            values.setdefault("status", spec.status[0])
        if spec.categories:
            values.setdefault("category", spec.categories[0])
        return values
    return {
        "category": item.category,
        "person_id": item.person_id,
        "title": item.title,
        "contact_id": item.contact_id,
        "opportunity_id": item.opportunity_id,
        "due_on": item.due_on.isoformat() if item.due_on else "",
        "status": item.status,
        "detail": item.detail,
    }


def open_item_form(
    app: App,
    account_id: str,
    kind: str,
    item: PlanItemRecord | None,
    choices: Choices,
    *,
    parent_id: str | None = None,
    preset: dict[str, Any] | None = None,
) -> None:
    """Push the form to add (``item`` None) or edit one entry of ``kind``."""
    from katerm.core.plan import save_plan_item

    ws = workspace_of(app)
    specs = item_fields(kind, choices)

    def save(values: dict[str, Any]) -> None:
        if item is None:
            save_plan_item(ws, account_id, None, {**values, "kind": kind, "parent_id": parent_id})
        else:
            save_plan_item(ws, account_id, item.id, values)

    title = t("plan.form.edit" if item else "plan.form.new", kind=t(f"plan.kind.{kind}"))
    app.push_screen(
        FormDialog(
            title,
            specs,
            _values(item, preset or {}, kind),
            save,
            saved_message=t("plan.form.saved"),
            changed_only=item is not None,
        )
    )
