"""The fields whose rule is more than their type: choices, limits, ranges (see ``rules``).

Fields not listed here get the rule of their type: links and ids are UUIDs, dates real dates,
numbers finite and (money) not negative, text at most ``MAX_TEXT`` characters. The choices
come from the features that define them, so a new choice added there is a choice here too.
"""

from __future__ import annotations

from functools import cache

from katerm.core.sync.rules import (
    MAX_NAME,
    MAX_SHORT,
    MAX_TEXT,
    Rule,
    choice,
    key,
    text,
    whole,
)


@cache
def explicit_rules() -> dict[str, dict[str, Rule]]:
    from katerm.core import opportunities, roles, tier_rules, voice
    from katerm.core.cards import EVENT_KINDS, KEY_DATE_KINDS, PARTNER_KINDS, SPONSOR_CRITERIA
    from katerm.core.config import TIER_SCHEMES
    from katerm.core.gaps.rules import SCORED
    from katerm.core.plan.kinds import KINDS as PLAN_KINDS
    from katerm.core.reviews import activities
    from katerm.core.tiers import SCHEMES
    from katerm.core.values import Lifecycle

    scales = {name: choice(*(("",) if roles.EMPTY[name] == "" else ()), *roles.keys_of(name))
              for name in roles.SCALES}
    scheme = choice(*TIER_SCHEMES)
    by_scheme = tuple((s, tiers) for s, tiers in SCHEMES.items())
    any_tier = choice(*sorted({t for tiers in SCHEMES.values() for t in tiers}), nullable=True)
    period = choice("day", "week")
    period_key = Rule("pattern", limit=10,
                      pattern="^[0-9]{4}-([0-9]{2}-[0-9]{2}|W[0-9]{2})$")
    open_done = choice("open", "done", "dropped")
    scenario = choice("", *activities.SCENARIOS)
    score = whole(0, 5)
    gap_scores = {f"{d}_{w}": score for d in SCORED for w in ("now", "target")}
    return {
        "accounts": {
            "name": text(MAX_NAME, required=True), "industry": text(MAX_SHORT),
            "region": text(MAX_SHORT), "annual_orders": whole(),
            "tier": Rule("tier", True, MAX_SHORT, other="tier_scheme", by_scheme=by_scheme),
            "tier_scheme": scheme, "tier_override_reason": text(500),
            "lifecycle": choice(*(m.value for m in Lifecycle)),
            "currency": Rule("pattern", limit=3, pattern="^[A-Z]{3}$"),
        },
        "contacts": {
            "name": text(MAX_NAME, required=True), "title": text(MAX_SHORT),
            "department": text(MAX_SHORT), "phone": text(60), "email": text(MAX_NAME),
            "role": scales["role"], "influence": scales["influence"],
            "attitude": scales["attitude"], "support_level": scales["support_level"],
            "contact_level": scales["contact_level"], "favours_competitor": text(MAX_SHORT),
            "other_roles": Rule("csv", limit=400, choices=roles.keys_of("role")),
        },
        "influence_lines": {"strength": scales["strength"]},
        "expansion_cards": {
            "sponsor_criteria": Rule("csv", limit=200, choices=SPONSOR_CRITERIA)},
        "key_dates": {"kind": choice(*KEY_DATE_KINDS), "day": Rule("day", limit=10),
                      "label": text(MAX_NAME)},
        "key_events": {"kind": choice(*EVENT_KINDS)},
        "strategic_relationships": {"partner": text(MAX_NAME, required=True),
                                    "kind": choice(*PARTNER_KINDS)},
        "gap_rows": {**gap_scores, "next_action": text(500), "scenario": scenario,
                     "due_date": Rule("date", True, 10), "status": open_done},
        "gap_scores": {"dimension": choice(*SCORED), "old": whole(0, 5, nullable=True),
                       "new": score},
        "plan_items": {"kind": choice(*PLAN_KINDS), "category": text(MAX_SHORT),
                       "title": text(300), "status": choice("", "open", "done", "dropped"),
                       "position": whole(-2**31, 2**31)},
        "opportunities": {
            "name": text(MAX_NAME, required=True), "stage": choice(*opportunities.STAGES),
            "outcome": choice(*opportunities.OUTCOMES),
            "currency": Rule("pattern", limit=3, pattern="^[A-Z]{3}$"),
            "probability": whole(0, 100), "competitors": text(MAX_NAME),
            "lead_decision": choice("", *opportunities.LEAD_DECISIONS),
            "lead_checks": text(1000)},
        "order_milestones": {"milestone": key()},
        "voice_issues": {"title": text(300, required=True), "status": choice(*voice.STATUSES),
                         "rating": whole(1, 5, nullable=True)},
        "tier_thresholds": {"scheme": scheme, "tier": choice("", *any_tier.choices),
                            "measure": choice(*tier_rules.MEASURES)},
        "tier_targets": {"year": whole(1, 9999), "scheme": scheme,
                         "tier": Rule("tier", False, MAX_SHORT, other="scheme",
                                      by_scheme=by_scheme),
                         "target": whole()},
        "tier_changes": {"tier_scheme": scheme, "old_tier": any_tier, "new_tier": any_tier,
                         "source": Rule("pattern", limit=40, pattern="^[a-z_]{1,40}$"),
                         "reason": text(MAX_TEXT)},
        "activities": {"kind": choice(*activities.KINDS), "scenario": scenario,
                       "contact_ids": Rule("ids", limit=MAX_TEXT)},
        "checklist_items": {"period": period, "key": key(), "kind": choice("measured", "manual"),
                            "measure": Rule("pattern", limit=40,
                                            pattern="^([a-z][a-z0-9_]{0,39})?$"),
                            "target": whole(0, 1000, nullable=True), "label": text(120),
                            "position": whole(-2**31, 2**31)},
        "checklists": {"period": period, "period_key": period_key},
        "checklist_marks": {"period": period, "period_key": period_key, "item_key": key(),
                            "note": text(500)},
        "work_plans": {"period": period, "period_key": period_key},
        "follow_ups": {"text": text(MAX_TEXT, required=True), "status": choice("open", "done"),
                       "review_id": Rule("uuid", True, 36)},
        "evening_reviews": {"summary": Rule("json", limit=1_000_000)},
        "review_notes": {"review_id": Rule("uuid", limit=36), "comment": text(2000)},
    }
