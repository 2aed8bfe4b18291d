"""The influence map's rules: the warnings a good team lead gives about a map, and no circles in
the reporting lines.

Warnings carry stable codes (:data:`WARNING_CODES`) and a message that says what to do next.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.influence.read import InfluenceMap, Person

WARNING_CODES = (
    "no_coach",
    "decision_maker_unknown",
    "decision_maker_uncovered",
    "decision_maker_opposed",
    "influential_opponent_unplanned",
    "competitor_favoured_uncovered",
    "influential_uncovered",
    "single_threaded",
    "one_level_deep",
    "rising_star_uncovered",
    "no_executive_sponsor",
    # The iron triangle's (katerm.core.stageplan, added by read.load_map): a role empty on an
    # A account; a solution expert or delivery manager who covers nobody.
    "triangle_role_empty",
    "triangle_covers_nobody",
)
# Roles that sit at the decision-making level, whatever their place in the org chart.
DECISION_ROLES = frozenset({"decision_maker", "approver", "executive_sponsor"})


@dataclass(frozen=True)
class MapWarning:
    code: str
    message: str
    contacts: tuple[str, ...] = ()  # ids of the people it is about

    def as_json(self, people: dict[str, Person]) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message,
            "contacts": [{"id": c, "name": people[c].name} for c in self.contacts],
        }


def cycle_path(bosses: dict[str, str | None], person: str, new_boss: str | None) -> list[str]:
    """The circle that ``person`` reporting to ``new_boss`` would close (ids from ``person``
    back to it), or [] if none. ``bosses`` maps each person to their current boss."""
    if new_boss is None:
        return []
    path = [person]
    seen = {person}
    current: str | None = new_boss
    while current is not None:
        path.append(current)
        if current == person:
            return path
        if current in seen:
            return []  # an old circle elsewhere, not one this edit makes
        seen.add(current)
        current = bosses.get(current)
    return []


# --- warnings -------------------------------------------------------------------------------


def _names(m: InfluenceMap, ids: Iterable[str]) -> str:
    return t("influence.sep").join(m.people[i].name for i in ids)


def _warn(
    m: InfluenceMap, code: str, ids: Iterable[str] = (), key: str | None = None, **params: object
) -> MapWarning:
    ids = tuple(ids)
    text = t(f"influence.warn.{key or code}", None, names=_names(m, ids), **params)
    return MapWarning(code, text, ids)


def warnings(m: InfluenceMap) -> list[MapWarning]:
    """What a good lead would point out about this map, in :data:`WARNING_CODES` order.

    An empty map has none: there is nothing to judge yet.
    """
    people = [r.person for r in m.rows]
    if not people:
        return []
    found: list[MapWarning] = []
    if not any(p.has_role("coach") for p in people):
        found.append(_warn(m, "no_coach"))
    deciders = [p for p in people if p.has_role("decision_maker")]
    if not deciders:
        found.append(_warn(m, "decision_maker_unknown"))
    uncovered_dm = [p.id for p in deciders if p.covered_by is None]
    if uncovered_dm:
        found.append(_warn(m, "decision_maker_uncovered", uncovered_dm))
    opposed = [
        p.id for p in deciders if p.attitude == "opponent" or p.support_level == "does_not_accept"
    ]
    if opposed:
        found.append(_warn(m, "decision_maker_opposed", opposed))
    unplanned = [
        p.id
        for p in people
        if p.attitude == "opponent" and p.influence == "high" and p.id not in m.planned
    ]
    if unplanned:
        found.append(_warn(m, "influential_opponent_unplanned", unplanned))
    # A competitor's friend with a big say, and nobody of ours beside them: the order is
    # theirs to lose. Named here, they are not named again as merely uncovered.
    rivals = [
        p.id
        for p in people
        if p.influence == "high" and p.favours_competitor and p.covered_by is None
    ]
    if rivals:
        found.append(_warn(m, "competitor_favoured_uncovered", rivals))
    # The decision maker is already named above; saying it twice would bury the rest.
    influential = [
        p.id
        for p in people
        if p.influence == "high"
        and p.covered_by is None
        and p.id not in uncovered_dm
        and p.id not in rivals
    ]
    if influential:
        found.append(_warn(m, "influential_uncovered", influential))
    covered = [p for p in people if p.covered_by is not None]
    coverers = {p.covered_by for p in covered}
    if len(covered) == 1:
        found.append(_warn(m, "single_threaded", [covered[0].id], key="single_threaded_one"))
    elif len(coverers) == 1 and len(people) > 1:
        who = next(iter(coverers))
        found.append(_warn(m, "single_threaded", [p.id for p in covered], who=m.our_name(who)))
    reached = [p for p in people if p.reached]
    depth = {r.person.id: r.depth for r in m.rows}
    if not any(depth[p.id] == 0 or DECISION_ROLES.intersection(p.roles) for p in reached):
        found.append(_warn(m, "one_level_deep", [p.id for p in reached]))
    stars = [p.id for p in people if p.rising_star and p.covered_by is None]
    if stars:
        found.append(_warn(m, "rising_star_uncovered", stars))
    if m.top_tier and not any(p.has_role("executive_sponsor") for p in people):
        found.append(_warn(m, "no_executive_sponsor"))
    return found
