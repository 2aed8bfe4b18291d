"""The Plan tab's data in one read: the plan, its score, part 4's related facts, and what its
entries may point at."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from katerm.core.plan.completeness import PlanScore, relationship_facts, score_plan
from katerm.core.plan.items import Plan, load_plan
from katerm.core.plan.related import (
    GapLine,
    InfluencePerson,
    StrategicLine,
    gap_lines,
    influence_people,
    strategic_lines,
)

if TYPE_CHECKING:
    from katerm.core.store import Database


@dataclass(frozen=True)
class Choices:
    """What a plan entry may point at: our people, the customer's, the account's orders."""

    members: list[tuple[str, str]] = field(default_factory=list)  # (name, id)
    contacts: list[tuple[str, str]] = field(default_factory=list)
    opportunities: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    score: PlanScore
    people: list[InfluencePerson]
    gaps: list[GapLine] | None
    strategic: list[StrategicLine] | None
    choices: Choices


def load_view(db: Database, account_id: str) -> PlanView:
    """Everything the Plan tab shows about an account, in one consistent read."""
    from katerm.core.accounts import contact_choices
    from katerm.core.pipeline import opportunity_choices
    from katerm.core.team import members

    with db.reading() as conn:
        plan = load_plan(conn, account_id)
        score = score_plan(plan, relationship_facts(conn, account_id))
        team = [(m.display, m.id) for m in members(conn)]
        choices = Choices(
            team, contact_choices(conn, account_id), opportunity_choices(conn, account_id)
        )
        return PlanView(
            plan,
            score,
            influence_people(conn, account_id),
            gap_lines(conn, account_id),
            strategic_lines(conn, account_id),
            choices,
        )
