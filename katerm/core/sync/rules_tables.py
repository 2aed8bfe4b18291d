"""Every synced table's rules (:func:`table_rules`): the fields whose rule is more than their
type (choices, limits, ranges; the kinds of rule are in ``rules``), and the rule of each type.

Fields not listed here get the rule of their type: links and ids are UUIDs, dates real dates,
numbers finite and (money) not negative, text at most ``MAX_TEXT`` characters. The choices
come from the features that define them, so a new choice added there is a choice here too.
"""

from __future__ import annotations

from functools import cache

from katerm.core.sync.rules import (
    BIGINT,
    MAX_NAME,
    MAX_SHORT,
    MAX_TEXT,
    MONEY,
    Rule,
    choice,
    key,
    text,
    whole,
)


@cache
def explicit_rules() -> dict[str, dict[str, Rule]]:
    from katerm.core import levels, roles
    from katerm.core.broad import KINDS as ROUTINE_KINDS
    from katerm.core.cards import EVENT_KINDS, KEY_DATE_KINDS, PARTNER_KINDS, SPONSOR_CRITERIA
    from katerm.core.config import GRADES, TIER_SCHEMES
    from katerm.core.gaps import SCORED, row_columns
    from katerm.core.leads import SOURCES as LEAD_SOURCES
    from katerm.core.leads import STATUSES as LEAD_STATUSES
    from katerm.core.ltc import LTC_STAGES
    from katerm.core.money import MAX_RATE, MIN_RATE
    from katerm.core.pipeline import LEAD_DECISIONS, OUTCOMES, STAGES
    from katerm.core.plan import KINDS as PLAN_KINDS
    from katerm.core.plan import STATUSES as VOICE_STATUSES
    from katerm.core.pyramid import MEASURES
    from katerm.core.reviews import KINDS as ACTIVITY_KINDS
    from katerm.core.reviews import SCENARIOS
    from katerm.core.stageplan import STATUSES as CELL_STATUSES
    from katerm.core.stageplan import TARGETS, TEAM_ROLES, WAYS
    from katerm.core.store import Lifecycle
    from katerm.core.tiers import SCHEMES

    scales = {
        name: choice(*(("",) if roles.EMPTY[name] == "" else ()), *roles.keys_of(name))
        for name in roles.SCALES
    }
    scheme = choice(*TIER_SCHEMES)
    by_scheme = tuple((s, tiers) for s, tiers in SCHEMES.items())
    any_tier = choice(*sorted({t for tiers in SCHEMES.values() for t in tiers}), nullable=True)
    period = choice("day", "week")
    period_key = Rule("pattern", limit=10, pattern="^[0-9]{4}-([0-9]{2}-[0-9]{2}|W[0-9]{2})$")
    open_done = choice("open", "done", "dropped")
    scenario = choice("", *SCENARIOS)
    score = whole(0, 5)
    # The gap row keeps every score but its level "now", which is the contact's ``level``.
    gap_scores = {c: score for c in row_columns()}
    return {
        "accounts": {
            "name": text(MAX_NAME, required=True),
            "industry": text(MAX_SHORT),
            "region": text(MAX_SHORT),
            "annual_orders": whole(),
            # One stored tier per scheme, each with its override reason (migration 0014).
            **{f"tier_{s}": choice(*tiers, nullable=True) for s, tiers in SCHEMES.items()},
            **{f"tier_{s}_reason": text(500) for s in SCHEMES},
            "lifecycle": choice(*(m.value for m in Lifecycle)),
            "currency": Rule("pattern", limit=3, pattern="^[A-Z]{3}$"),
            "phone": text(60),
            "website": text(MAX_NAME),
            "address": text(500),
        },
        "contacts": {
            "name": text(MAX_NAME, required=True),
            "title": text(MAX_SHORT),
            "department": text(MAX_SHORT),
            "phone": text(60),
            "email": text(MAX_NAME),
            "role": scales["role"],
            "influence": scales["influence"],
            "attitude": scales["attitude"],
            "support_level": scales["support_level"],
            # The relationship level, 0 unknown … 5 partner (katerm.core.levels; migration
            # 0023). It replaced ``contact_level``: see RETIRED_FIELDS.
            "level": whole(levels.LOWEST, levels.HIGHEST),
            "favours_competitor": text(MAX_SHORT),
            "favour_strength": choice("", *roles.keys_of("strength")),
            "other_roles": Rule("csv", limit=400, choices=roles.keys_of("role")),
            # Additional coverage: our other people who know them (a JSON list of user ids).
            "also_covered_by": Rule("ids", limit=MAX_TEXT),
        },
        "competitors": {"name": text(MAX_SHORT, required=True), "notes": text(2000)},
        "competitor_presences": {
            a: text(2000) for a in ("profile", "relationships", "strengths", "offer", "strategy")
        }
        | {"customer_attitude": text(2000)},
        "routine_actions": {
            "kind": choice(*ROUTINE_KINDS),
            "title": text(MAX_SHORT),
            "cadence_days": whole(1, 366),
            "note": text(500),
        },
        "stage_plan_cells": {
            "stage": choice(*LTC_STAGES),
            # A department of the seed's list (a key) or the customer's own name for it.
            "department": text(MAX_SHORT, required=True),
            "target": choice("", *TARGETS),
            "way": choice("", *WAYS),
            "responsible": choice("", *TEAM_ROLES),
            "status": choice(*CELL_STATUSES),
            "note": text(500),
        },
        "influence_lines": {"strength": scales["strength"]},
        "expansion_cards": {"sponsor_criteria": Rule("csv", limit=200, choices=SPONSOR_CRITERIA)},
        "key_dates": {
            "kind": choice(*KEY_DATE_KINDS),
            "day": Rule("day", limit=11),  # L1985-08-15: a lunar date with its year
            "label": text(MAX_NAME),
        },
        "key_events": {"kind": choice(*EVENT_KINDS)},
        "strategic_relationships": {
            "partner": text(MAX_NAME, required=True),
            "kind": choice(*PARTNER_KINDS),
        },
        "gap_rows": {
            **gap_scores,
            "next_action": text(500),
            "scenario": scenario,
            "due_date": Rule("date", True, 10),
            "status": open_done,
        },
        "gap_scores": {
            "dimension": choice(*SCORED),
            "old": whole(0, 5, nullable=True),
            "new": score,
        },
        "plan_items": {
            "kind": choice(*PLAN_KINDS),
            "category": text(MAX_SHORT),
            "title": text(300),
            "status": choice("", "open", "done", "dropped"),
            "position": whole(-(2**31), 2**31),
        },
        "opportunities": {
            "name": text(MAX_NAME, required=True),
            "stage": choice(*STAGES),
            "outcome": choice(*OUTCOMES),
            "currency": Rule("pattern", limit=3, pattern="^[A-Z]{3}$"),
            "probability": whole(0, 100),
            "competitors": text(MAX_NAME),
            "lead_decision": choice("", *LEAD_DECISIONS),
            "lead_checks": text(1000),
            "loss_reason": text(500),
            "winner": text(MAX_NAME),
            "lead_source": choice("", *LEAD_SOURCES),
            "lead_status": choice("", *LEAD_STATUSES),
        },
        "order_milestones": {"milestone": key()},
        "voice_issues": {
            "title": text(300, required=True),
            "status": choice(*VOICE_STATUSES),
            "rating": whole(1, 5, nullable=True),
        },
        # The team's base currency and exchange rates (katerm.core.money): ISO 4217 codes,
        # a positive finite rate (the base row's is 1).
        "currency_rates": {
            "base": Rule("pattern", limit=3, pattern="^[A-Z]{3}$"),
            "currency": Rule("pattern", limit=3, pattern="^[A-Z]{3}$"),
            "rate": Rule("money", low=MIN_RATE, high=MAX_RATE),
        },
        "tier_thresholds": {
            "scheme": scheme,
            "tier": choice("", *any_tier.choices),
            "measure": choice(*MEASURES),
        },
        "tier_targets": {
            "year": whole(1, 9999),
            "scheme": scheme,
            "tier": Rule("tier", False, MAX_SHORT, other="scheme", by_scheme=by_scheme),
            "target": whole(),
        },
        "tier_revenue_targets": {
            "year": whole(1, 9999),
            "scheme": scheme,
            "tier": Rule("tier", False, MAX_SHORT, other="scheme", by_scheme=by_scheme),
            "target": MONEY,
        },
        # The periodic evaluation's yearly revenue and satisfaction (1-5), and who serves
        # which tier (migration 0019).
        "account_revenues": {
            "year": whole(1900, 2100),
            "currency": Rule("pattern", limit=3, pattern="^[A-Z]{3}$"),
            "satisfaction": whole(1, 5, nullable=True),
        },
        "member_grades": {"grade": choice("", *GRADES)},
        "tier_changes": {
            "tier_scheme": scheme,
            "old_tier": any_tier,
            "new_tier": any_tier,
            "source": Rule("pattern", limit=40, pattern="^[a-z_]{1,40}$"),
            "reason": text(MAX_TEXT),
        },
        "activities": {
            "kind": choice(*ACTIVITY_KINDS),
            "scenario": scenario,
            "contact_ids": Rule("ids", limit=MAX_TEXT),
            "stage": choice("", *LTC_STAGES),
        },
        "checklist_items": {
            "period": period,
            "key": key(),
            "kind": choice("measured", "manual"),
            "measure": Rule("pattern", limit=40, pattern="^([a-z][a-z0-9_]{0,39})?$"),
            "target": whole(0, 1000, nullable=True),
            "label": text(120),
            "position": whole(-(2**31), 2**31),
        },
        "checklists": {"period": period, "period_key": period_key},
        "checklist_marks": {
            "period": period,
            "period_key": period_key,
            "item_key": key(),
            "note": text(500),
        },
        "work_plans": {"period": period, "period_key": period_key},
        "follow_ups": {
            "text": text(MAX_TEXT, required=True),
            "status": choice("open", "done"),
            "review_id": Rule("uuid", True, 36),
        },
        "evening_reviews": {"summary": Rule("json", limit=1_000_000)},
        "review_notes": {"review_id": Rule("uuid", limit=36), "comment": text(2000)},
    }


# Fields a migration replaced. The server stops listing them among a table's columns, so a
# katerm from before the change is refused as a whole (its check of the server's columns
# fails before it pushes anything) rather than writing an old value nobody reads: the old
# contact level (none/met/regular/trusted) and the gap row's own copy of the level became
# ``contacts.level`` 0–5 in migration 0023. Mapping the old words on the server instead would
# keep a second scale alive in every old client's edits, and their gap rows would still write
# a second "now". Upgrading katerm is the one fix either way.
RETIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": ("contact_level",),
    "gap_rows": ("level_now",),
}


# --- every synced table's rules ---------------------------------------------------------------


@cache
def table_rules(table: str) -> dict[str, Rule]:
    """The rule of each user field of a synced table (``owner_id`` and links included)."""
    from katerm.core.sync.schema import table_named

    t = table_named(table)
    if t is None:
        raise KeyError(table)
    given = explicit_rules().get(table, {})
    rules = {}
    for f in t.fields:
        rule = given.get(f.name) or _by_type(f.pg_type, f.ref is not None or f.name == "id")
        if f.nullable != rule.nullable:
            rule = Rule(**{**rule.__dict__, "nullable": f.nullable})
        rules[f.name] = rule
    return rules


def _by_type(pg_type: str, link: bool) -> Rule:
    if link or pg_type == "uuid":
        return Rule("uuid", limit=36)
    return {
        "double precision": MONEY,
        "bigint": whole(-BIGINT, BIGINT),
        "boolean": Rule("bool"),
        "date": Rule("date", limit=10),
        "timestamptz": Rule("timestamp", limit=40),
    }.get(pg_type, text())
