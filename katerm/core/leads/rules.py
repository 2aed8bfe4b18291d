"""Leads' fixed lists and rules: where a lead comes from, the statuses of the weekly lead
meeting, what the three-question review's decision does to the status, and the team's target
of new key accounts per seller per month.

The sources are the seeds' channels (DOMAIN.md §7; the LTC seed's "collect and generate
leads" and the key-account seed's customer channels): a referral (转介绍) by a customer or one
of its people, a seller's visits (销售跑动), the technical team's network talks (看网讲网),
delivery (交付中发掘), marketing (营销部门), peers (同行), industry associations (行业商协会),
online (网络), an existing customer's new need (老客户), ranking lists and listed-company
directories (排名榜、名录) — and other.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from katerm.core.errors import ConfigProblem

if TYPE_CHECKING:
    from katerm.core.config import Settings

SOURCES = (
    "referral",
    "sales_visit",
    "technical",
    "delivery",
    "marketing",
    "peer",
    "association",
    "online",
    "existing_customer",
    "ranking_list",
    "other",
)
# The weekly lead meeting's statuses; an empty status is an opportunity that never was a lead.
STATUSES = ("new", "reviewed", "converted", "dropped")
# The meeting counts each step on its own day: opened, reviewed, converted, dropped.
STEP_DAYS = {
    "new": "opened_on",
    "reviewed": "reviewed_on",
    "converted": "converted_on",
    "dropped": "dropped_on",
}
DEFAULT_TARGET = 1  # 每人每月一家新大客户: one new key account per seller per month
MAX_TARGET = 50


def review_changes(
    status: str, stage: str, reviewed_on: date | None, decision: str, today: date
) -> dict[str, Any]:
    """What the three-question review's decision does to a lead's status and days.

    Any decision reviews the lead (the first review's day is kept); ``convert`` converts it,
    ``close`` drops it, ``nurture`` keeps it reviewed (a converted lead put back to nurture is
    reviewed again, its conversion undone). An opportunity that never was a lead (empty
    status, past the lead stage) is left alone.
    """
    if not status and stage != "lead":
        return {}
    changes: dict[str, Any] = {"reviewed_on": reviewed_on or today}
    if decision == "convert":
        changes.update(lead_status="converted", converted_on=today, dropped_on=None)
    elif decision == "close":
        changes.update(lead_status="dropped", dropped_on=today, converted_on=None)
    else:
        changes.update(lead_status="reviewed", converted_on=None, dropped_on=None)
    return changes


def target_from_settings(settings: Settings) -> int:
    """The team's monthly target of new key accounts per seller (``[leads]`` in the settings
    file, ``new_key_accounts_per_month = 1``); a wrong value is refused, saying what to write."""
    section = settings.section("leads")
    value = section.get("new_key_accounts_per_month", DEFAULT_TARGET)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_TARGET:
        raise ConfigProblem("leads.bad_target", value=value, most=MAX_TARGET)
    return value


def team_target() -> int:
    """:func:`target_from_settings` of the user's settings file; the default when the file is
    missing or wrong (``katerm leads`` says what is wrong with it)."""
    from katerm.core.config import load_settings
    from katerm.core.errors import KatermError
    from katerm.paths import resolve_paths

    path = resolve_paths().config_file
    if not path.exists():
        return DEFAULT_TARGET
    try:
        return target_from_settings(load_settings(path))
    except KatermError:
        return DEFAULT_TARGET
