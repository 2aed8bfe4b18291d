"""A lead's details in the opportunity form: its source, who referred it (``account /
contact``) and its nurturer (one of our users)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from katerm.app.widgets.form import FieldSpec
from katerm.core.leads import FIELDS, SOURCES
from katerm.core.team import Member
from katerm.i18n import t


def lead_specs(team: list[Member]) -> list[FieldSpec]:
    return [
        FieldSpec(
            "lead_source",
            t("leads.field.lead_source"),
            kind="select",
            options=[(t(f"leads.source.{s}"), s) for s in SOURCES],
        ),
        FieldSpec(
            "referred_by", t("leads.field.referred_by"), placeholder=t("leads.field.referred_hint")
        ),
        FieldSpec(
            "nurturer",
            t("leads.field.nurturer"),
            kind="select",
            options=[(m.display, m.login) for m in team],
        ),
    ]


def with_lead(
    ws: Any, opportunity_id: str | None, save_opportunity: Callable[[dict[str, Any]], str]
) -> Callable[[dict[str, Any]], None]:
    """The form's save: the lead's details checked first (a refusal saves nothing), then the
    opportunity, then the details on it."""
    from katerm.core.leads import check_lead, save_lead

    def save(changed: dict[str, Any]) -> None:
        lead = {k: changed.pop(k) for k in FIELDS if k in changed}
        check_lead(ws, opportunity_id, lead)
        saved = save_opportunity(changed)
        if lead:
            save_lead(ws, saved, lead)

    return save


def lead_values(details: Mapping[str, str]) -> dict[str, Any]:
    """The form's starting values (an empty select is None)."""
    return {
        "lead_source": details.get("lead_source") or None,
        "referred_by": details.get("referred_by", ""),
        "nurturer": details.get("nurturer") or None,
    }
