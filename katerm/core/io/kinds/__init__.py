"""Every kind of record that can be imported and exported, in dependency order.

A workbook (``katerm export all``) has one sheet per kind in this order, and ``katerm import
all`` reads them in this order: each kind after the kinds its rows point at. To add a kind,
declare it (:class:`katerm.core.io.kind.Kind`) in one of these modules and list it here.
"""

from __future__ import annotations

from katerm.core.io.kind import Kind, Registry
from katerm.core.io.kinds.broad import ROUTINES
from katerm.core.io.kinds.competitors import COMPETITOR_PRESENCES, COMPETITORS
from katerm.core.io.kinds.influence import INFLUENCE_LINES
from katerm.core.io.kinds.money import RATES
from katerm.core.io.kinds.people import ACCOUNTS, CONTACTS, TEAM
from katerm.core.io.kinds.pipeline import MILESTONES, OPPORTUNITIES, VOICE
from katerm.core.io.kinds.plan import ACTIVITIES, PLAN
from katerm.core.io.kinds.pyramid import ACCOUNT_REVENUES, MEMBER_GRADES
from katerm.core.io.kinds.relations import (
    CARDS,
    GAP_SCORES,
    GAPS,
    KEY_DATES,
    KEY_EVENTS,
    STRATEGIC,
)
from katerm.core.io.kinds.reviews import (
    CHECKLIST_ITEMS,
    CHECKLIST_MARKS,
    CHECKLISTS,
    EVENING_REVIEWS,
    FOLLOW_UPS,
    REVIEW_NOTES,
    TIER_REVENUE_TARGETS,
    TIER_TARGETS,
    TIER_THRESHOLDS,
    WORK_PLANS,
)
from katerm.core.io.kinds.stageplan import STAGE_PLAN

REGISTRY = Registry()
REGISTRY.add(
    TEAM,
    ACCOUNTS,
    CONTACTS,
    INFLUENCE_LINES,
    OPPORTUNITIES,
    MILESTONES,
    VOICE,
    COMPETITORS,
    COMPETITOR_PRESENCES,
    STAGE_PLAN,
    ROUTINES,
    GAPS,
    GAP_SCORES,
    CARDS,
    KEY_DATES,
    KEY_EVENTS,
    STRATEGIC,
    PLAN,
    ACTIVITIES,
    TIER_THRESHOLDS,
    TIER_TARGETS,
    TIER_REVENUE_TARGETS,
    ACCOUNT_REVENUES,
    MEMBER_GRADES,
    RATES,
    CHECKLIST_ITEMS,
    CHECKLISTS,
    CHECKLIST_MARKS,
    WORK_PLANS,
    EVENING_REVIEWS,
    REVIEW_NOTES,
    FOLLOW_UPS,
)
KINDS: tuple[str, ...] = REGISTRY.names()


def get(name: str) -> Kind:
    """The kind called ``name`` (or one of its other names); KeyError if there is none."""
    found = REGISTRY.find(name)
    if found is None:
        raise KeyError(name)
    return found


__all__ = ["KINDS", "REGISTRY", "get"]
