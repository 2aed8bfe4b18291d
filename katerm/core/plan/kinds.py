"""What a key-account plan is made of: its five parts and the kinds of entry in each.

The five parts (DOMAIN.md §8) are (1) the account team, (2) the background, (3) the strategy
and execution map, (4) relationships, (5) goals, sub-goals and the action plan. A sixth
section, the joint business plan with the customer, sits beside them (not scored).

Each entry is a ``plan_items`` row of one ``kind``; some kinds have a ``category`` (which
of the five looks, which SWOT quadrant, which team role). The strategy map links entries
into a tree through ``parent_id``: customer goal → strategy → tactic → need, and the
execution map hangs our solutions under the needs, each solution perhaps tied to an
opportunity. Part 4 has no entries of its own: it shows the influence map, the gap table
and the strategic-relationship table kept by those features.
"""

from __future__ import annotations

from dataclasses import dataclass

PARTS = ("team", "background", "map", "relationships", "goals")
JOINT = "joint"  # the joint business plan: a section beside the five parts


@dataclass(frozen=True)
class Kind:
    key: str
    section: str  # one of PARTS, or JOINT
    categories: tuple[str, ...] = ()
    parent: tuple[str, ...] = ()  # kinds it may hang under; () for none
    parent_required: bool = False
    dated: bool = False  # has a date (due, or when it happens)
    date_required: bool = False
    person: bool = False  # names one of our people
    contact: bool = False  # names one of the customer's people
    status: tuple[str, ...] = ()  # statuses it moves through, first is the default
    opportunity: bool = False  # may be tied to an opportunity
    title_required: bool = True


# Our people on the account: the iron triangle (铁三角), the executive sponsor and the
# collections role near the end (DOMAIN.md §7).
TEAM_ROLES = (
    "customer_manager",
    "solution_expert",
    "delivery_manager",
    "executive_sponsor",
    "collections",
    "other",
)
IRON_TRIANGLE = ("customer_manager", "solution_expert", "delivery_manager")
RESEARCH = ("customer", "customers_customers", "competitors")  # 3C
LOOKS = ("macro", "industry", "customer", "competition", "self")  # 五看
SWOT = ("strength", "weakness", "opportunity", "threat")
ACTION_STATUSES = ("open", "done", "dropped")
PARTIES = ("us", "customer", "both")  # who holds a joint-plan responsibility

KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("team_member", "team", TEAM_ROLES, person=True, title_required=False),
        Kind("research", "background", RESEARCH),
        Kind("look", "background", LOOKS),
        Kind("swot", "background", SWOT),
        Kind("event", "background", dated=True, date_required=True),
        Kind("executive", "background", contact=True),
        Kind("customer_goal", "map"),
        Kind("strategy", "map", parent=("customer_goal",), parent_required=True),
        Kind("tactic", "map", parent=("strategy",), parent_required=True),
        Kind("need", "map", parent=("tactic",), parent_required=True),
        Kind("solution", "map", parent=("need",), parent_required=True, opportunity=True),
        Kind("goal", "goals", dated=True),
        Kind("sub_goal", "goals", parent=("goal",), parent_required=True, dated=True),
        Kind(
            "action",
            "goals",
            parent=("goal", "sub_goal"),
            dated=True,
            person=True,
            status=ACTION_STATUSES,
        ),
        Kind("joint_goal", JOINT),
        Kind("responsibility", JOINT, PARTIES),
        Kind("joint_milestone", JOINT, dated=True, status=ACTION_STATUSES),
        Kind("joint_check", JOINT, dated=True, status=ACTION_STATUSES),
    )
}

# The order kinds appear in within a section (and in the exported document).
SECTION_KINDS: dict[str, tuple[str, ...]] = {
    "team": ("team_member",),
    "background": ("research", "look", "swot", "event", "executive"),
    "map": ("customer_goal", "strategy", "tactic", "need", "solution"),
    "relationships": (),
    "goals": ("goal", "sub_goal", "action"),
    JOINT: ("joint_goal", "responsibility", "joint_milestone", "joint_check"),
}
# Kinds at the top of a section's tree (the others hang under a parent).
ROOT_KINDS = (
    "team_member",
    "research",
    "look",
    "swot",
    "event",
    "executive",
    "customer_goal",
    "goal",
    "action",
    "joint_goal",
    "responsibility",
    "joint_milestone",
    "joint_check",
)


def children_kinds(kind: str) -> tuple[str, ...]:
    """The kinds that may hang under an entry of ``kind``."""
    return tuple(k.key for k in KINDS.values() if kind in k.parent)
