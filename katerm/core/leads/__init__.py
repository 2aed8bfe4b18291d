"""Leads (线索, DOMAIN.md §7, the LTC seed's "manage leads"): a lead is an opportunity at the
lead stage, reviewed with the three questions (``katerm.core.pipeline``). This room adds where
it came from (its source; a referral 转介绍 names the customer and/or contact who referred it),
who nurtures an early one (线索培育人), its status with the day of each step, the weekly lead
meeting (每周线索管理例会) and the monthly "one new key account per seller" target.

* :mod:`~katerm.core.leads.rules`: the sources, statuses, what a review decision does, the
  team's target;
* :mod:`~katerm.core.leads.edit`: checking and saving a lead's details;
* :mod:`~katerm.core.leads.read`: the weekly meeting, new key accounts per seller;
* :mod:`~katerm.core.leads.text`: the meeting's title and sections for people.
"""

from katerm.core.leads.edit import FIELDS, check_lead, clean_lead, referral_text, save_lead
from katerm.core.leads.read import (
    LeadMeeting,
    LeadRow,
    SellerLeads,
    lead_meeting,
    load_details,
    load_meeting,
    meeting_json,
    new_key_accounts,
)
from katerm.core.leads.rules import (
    DEFAULT_TARGET,
    SOURCES,
    STATUSES,
    STEP_DAYS,
    review_changes,
    target_from_settings,
    team_target,
)
from katerm.core.leads.text import meeting_markdown, meeting_sections, meeting_title, source_label

__all__ = [
    "DEFAULT_TARGET",
    "FIELDS",
    "SOURCES",
    "STATUSES",
    "STEP_DAYS",
    "LeadMeeting",
    "LeadRow",
    "SellerLeads",
    "check_lead",
    "clean_lead",
    "lead_meeting",
    "load_details",
    "load_meeting",
    "meeting_json",
    "meeting_markdown",
    "meeting_sections",
    "meeting_title",
    "new_key_accounts",
    "referral_text",
    "review_changes",
    "save_lead",
    "source_label",
    "target_from_settings",
    "team_target",
]
