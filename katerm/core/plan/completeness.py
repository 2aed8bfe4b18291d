"""How complete an account plan is, part by part, and what exactly is missing.

The team lead reviews plans for completeness (DOMAIN.md §8). Each part has a fixed list of
checks; its score is the share of checks met and every unmet check names what is missing
(a catalogue key under ``plan.missing.``). The plan's score is the average of its parts.

1. **Account team**: a customer manager, a solution expert and a delivery manager (the iron
   triangle) and an executive sponsor.
2. **Background**: each of the 3C (customer, customer's customers, competitors), each of
   the five looks, each SWOT quadrant, at least one key event, one executive profile.
3. **Strategy and execution map**: customer goals; every goal with a strategy, every
   strategy with a tactic, every tactic with a need, every need with our solution; at
   least one solution tied to an opportunity.
4. **Relationships**: at least three people at the customer; where the influence map
   exists, a known decision maker, a coach and every key person covered by one of us;
   where the gap table and the strategic-relationship table exist, at least one row each.
   A feature this database does not have yet is reported, not counted.
5. **Goals and actions**: goals, each with a sub-goal; actions, each with an owner and a
   date.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from katerm.core.plan.items import Plan, load_plan
from katerm.core.plan.kinds import IRON_TRIANGLE, LOOKS, PARTS, RESEARCH, SWOT
from katerm.core.plan.related import (
    gap_lines,
    influence_fields,
    influence_people,
    strategic_lines,
)

MIN_CONTACTS = 3


@dataclass(frozen=True)
class Missing:
    """One unmet check: ``plan.missing.<key>``, with a count and/or the catalogue key of
    what it is about (a role, a look, a quadrant)."""

    key: str
    count: int = 0
    what: str = ""


@dataclass(frozen=True)
class PartScore:
    part: str
    met: int
    total: int
    missing: tuple[Missing, ...] = ()
    unavailable: tuple[str, ...] = ()  # features this database lacks (not counted)

    @property
    def share(self) -> float:
        return self.met / self.total if self.total else 1.0

    @property
    def complete(self) -> bool:
        return self.met == self.total


@dataclass(frozen=True)
class PlanScore:
    parts: tuple[PartScore, ...]

    @property
    def share(self) -> float:
        return sum(p.share for p in self.parts) / len(self.parts)

    def part(self, name: str) -> PartScore:
        return next(p for p in self.parts if p.part == name)


@dataclass(frozen=True)
class RelationshipFacts:
    """What part 4 counts; None where this database has no such feature."""

    contacts: int = 0
    decision_maker: bool | None = None
    coach: bool | None = None
    uncovered: int | None = None  # key people nobody on our side covers
    key_people: int = 0
    gap_rows: int | None = None
    strategic_rows: int | None = None


@dataclass
class _Checks:
    met: int = 0
    total: int = 0
    missing: list[Missing] = field(default_factory=list)

    def check(
        self, ok: bool, key: str, count: int = 0, what: str = "", *, say: bool = True
    ) -> None:
        """Count a check; an unmet one is listed as missing unless another line already says
        it (``say=False``: "no action" covers "actions without an owner")."""
        self.total += 1
        if ok:
            self.met += 1
        elif say:
            self.missing.append(Missing(key, count, what))

    def score(self, part: str, unavailable: tuple[str, ...] = ()) -> PartScore:
        return PartScore(part, self.met, self.total, tuple(self.missing), unavailable)


def _team(plan: Plan) -> PartScore:
    c = _Checks()
    roles = {i.category for i in plan.of("team_member")}
    for role in (*IRON_TRIANGLE, "executive_sponsor"):
        c.check(role in roles, "role", what=f"plan.role.{role}")
    return c.score("team")


def _background(plan: Plan) -> PartScore:
    c = _Checks()
    for kind, categories in (("research", RESEARCH), ("look", LOOKS), ("swot", SWOT)):
        present = {i.category for i in plan.of(kind)}
        for category in categories:
            c.check(category in present, kind, what=f"plan.{kind}.{category}")
    c.check(bool(plan.of("event")), "events")
    c.check(bool(plan.of("executive")), "executives")
    return c.score("background")


def _chain(c: _Checks, plan: Plan, parent: str, child: str, key: str) -> None:
    """Every ``parent`` entry has at least one ``child`` under it (and there is one)."""
    parents = plan.of(parent)
    bare = [p for p in parents if not any(k.kind == child for k in plan.children(p.id))]
    if not parents or not plan.of(child):
        c.check(False, f"{key}_none")
    else:
        c.check(not bare, f"{key}_bare", count=len(bare))


def _map(plan: Plan) -> PartScore:
    c = _Checks()
    c.check(bool(plan.of("customer_goal")), "customer_goals")
    _chain(c, plan, "customer_goal", "strategy", "strategies")
    _chain(c, plan, "strategy", "tactic", "tactics")
    _chain(c, plan, "tactic", "need", "needs")
    _chain(c, plan, "need", "solution", "solutions")
    c.check(any(s.opportunity_id for s in plan.of("solution")), "solution_opportunities")
    return c.score("map")


def _relationships(facts: RelationshipFacts) -> PartScore:
    c = _Checks()
    unavailable = []
    c.check(facts.contacts >= MIN_CONTACTS, "contacts", count=facts.contacts)
    if facts.decision_maker is None:
        unavailable.append("influence")
    else:
        c.check(facts.decision_maker, "decision_maker")
        c.check(bool(facts.coach), "coach")
    if facts.uncovered is not None:
        c.check(facts.key_people > 0 and facts.uncovered == 0, "coverage", count=facts.uncovered)
    if facts.gap_rows is None:
        unavailable.append("gaps")
    else:
        c.check(facts.gap_rows > 0, "gaps")
    if facts.strategic_rows is None:
        unavailable.append("strategic")
    else:
        c.check(facts.strategic_rows > 0, "strategic")
    return c.score("relationships", tuple(unavailable))


def _goals(plan: Plan) -> PartScore:
    c = _Checks()
    c.check(bool(plan.of("goal")), "goals")
    _chain(c, plan, "goal", "sub_goal", "sub_goals")
    actions = [a for a in plan.of("action") if a.status != "dropped"]
    c.check(bool(actions), "actions")
    if actions:
        c.check(
            all(a.person_id for a in actions),
            "action_owners",
            count=sum(1 for a in actions if not a.person_id),
        )
        c.check(
            all(a.due_on for a in actions),
            "action_dates",
            count=sum(1 for a in actions if not a.due_on),
        )
    else:  # "no action" says it: not "0 actions without an owner"
        c.check(False, "action_owners", say=False)
        c.check(False, "action_dates", say=False)
    return c.score("goals")


def score_plan(plan: Plan, facts: RelationshipFacts) -> PlanScore:
    """Score a loaded plan; ``facts`` describe part 4 (see :func:`relationship_facts`)."""
    scores = {
        "team": _team(plan),
        "background": _background(plan),
        "map": _map(plan),
        "relationships": _relationships(facts),
        "goals": _goals(plan),
    }
    return PlanScore(tuple(scores[p] for p in PARTS))


def relationship_facts(conn: sqlite3.Connection, account_id: str) -> RelationshipFacts:
    """Count what part 4 checks, from whichever of the related features exist."""
    people = influence_people(conn, account_id)
    have = influence_fields(conn)
    roles = {p.role for p in people} if "role" in have else None
    key = [p for p in people if p.role] if "role" in have else people
    uncovered = sum(1 for p in key if not p.coverage) if "covered_by" in have else None
    gaps = gap_lines(conn, account_id)
    strategic = strategic_lines(conn, account_id)
    return RelationshipFacts(
        contacts=len(people),
        decision_maker=None if roles is None else "decision_maker" in roles,
        coach=None if roles is None else "coach" in roles,
        uncovered=uncovered,
        key_people=len(key),
        gap_rows=None if gaps is None else len(gaps),
        strategic_rows=None if strategic is None else len(strategic),
    )


def plan_score(conn: sqlite3.Connection, account_id: str) -> PlanScore:
    """The completeness of one account's plan."""
    return score_plan(load_plan(conn, account_id), relationship_facts(conn, account_id))
