"""Reviews (issue 8): the activity log, daily and weekly checklists, and the evening review.

* :mod:`~katerm.core.reviews.activities`: logging visits, calls, meetings... and finding the
  account and contacts;
* :mod:`~katerm.core.reviews.registry`: measures (ticked from data) and evening-review sections
  that features plug into; :mod:`~katerm.core.reviews.measures` and
  :mod:`~katerm.core.reviews.sections` hold the built-in ones (``katerm.core.plugins``
  registers them with the features' own);
* :mod:`~katerm.core.reviews.templates`: the checklist each team uses, kept as versioned data so
  edits only reach future checklists;
* :mod:`~katerm.core.reviews.checklist`: a person's checklist for a day or week, computed once
  for screen and CLI;
* :mod:`~katerm.core.reviews.plans`: tomorrow's plan, the weekly plan sheet and follow-ups;
* :mod:`~katerm.core.reviews.evening`: the team lead's evening review and its summary;
  :mod:`~katerm.core.reviews.weekly`: 8-week trends;
* :mod:`~katerm.core.reviews.views`: what the reviews screen shows for a day or a week;
* :mod:`~katerm.core.reviews.text`: the same results as text, Markdown or JSON.

Days, weeks and the user's time zone are ``katerm.core.periods``.
"""

from katerm.core.reviews.activities import (
    ActivityRow,
    IN_PERSON,
    KINDS,
    SCENARIOS,
    activities_between,
    find_account,
    find_contacts,
    get_activity,
    log_activity,
    visible_owners,
)
from katerm.core.reviews.checklist import Checklist, ItemResult, build_checklist, item_label, person
from katerm.core.reviews.evening import (
    Behind,
    Note,
    SellerPage,
    Team,
    add_review_follow_up,
    build_summary,
    direct_reports,
    find_team,
    finish,
    is_lead,
    review_id,
    seller_page,
    set_comment,
    set_reviewed,
    summaries,
    teams_for,
)
from katerm.core.reviews.measures import BUILTIN_MEASURES
from katerm.core.reviews.plans import (
    FollowUp,
    add_follow_up,
    get_plan,
    open_follow_ups,
    save_plan,
    set_follow_up_done,
    set_mark,
    set_reopened,
    stable_id,
)
from katerm.core.reviews.registry import (
    BAD,
    Evidence,
    Line,
    MEASURES,
    MUTED,
    Measure,
    MeasureContext,
    Measurement,
    OK,
    PLAIN,
    SECTIONS,
    Section,
    SectionSpec,
    SellerContext,
    WARN,
    register_measure,
    register_section,
)
from katerm.core.reviews.sections import BUILTIN_SECTIONS
from katerm.core.reviews.templates import (
    BUILTIN,
    MANUAL,
    MAX_TARGET,
    MEASURED,
    TemplateItem,
    add_item,
    effective_from,
    items_for,
    number_or_none,
    remove_item,
    set_label,
    set_target,
    source_of,
)
from katerm.core.reviews.text import (
    FORMATS,
    checklist_md,
    checklist_text,
    scenario_label,
    summary_md,
    summary_text,
    to_json,
    trend_lines,
    weekly_md,
    weekly_text,
)
from katerm.core.reviews.views import DayView, WeekView, day_view, people_for, week_view
from katerm.core.reviews.weekly import Trend, WeekStat, trend

__all__ = [
    "ActivityRow",
    "BAD",
    "BUILTIN",
    "BUILTIN_MEASURES",
    "BUILTIN_SECTIONS",
    "Behind",
    "Checklist",
    "DayView",
    "Evidence",
    "FORMATS",
    "FollowUp",
    "IN_PERSON",
    "ItemResult",
    "KINDS",
    "Line",
    "MANUAL",
    "MAX_TARGET",
    "MEASURED",
    "MEASURES",
    "MUTED",
    "Measure",
    "MeasureContext",
    "Measurement",
    "Note",
    "OK",
    "PLAIN",
    "SCENARIOS",
    "SECTIONS",
    "Section",
    "SectionSpec",
    "SellerContext",
    "SellerPage",
    "Team",
    "TemplateItem",
    "Trend",
    "WARN",
    "WeekStat",
    "WeekView",
    "activities_between",
    "add_follow_up",
    "add_item",
    "add_review_follow_up",
    "build_checklist",
    "build_summary",
    "checklist_md",
    "checklist_text",
    "day_view",
    "direct_reports",
    "effective_from",
    "find_account",
    "find_contacts",
    "find_team",
    "finish",
    "get_activity",
    "get_plan",
    "is_lead",
    "item_label",
    "items_for",
    "log_activity",
    "number_or_none",
    "open_follow_ups",
    "people_for",
    "person",
    "register_measure",
    "register_section",
    "remove_item",
    "review_id",
    "save_plan",
    "scenario_label",
    "seller_page",
    "set_comment",
    "set_follow_up_done",
    "set_label",
    "set_mark",
    "set_reopened",
    "set_reviewed",
    "set_target",
    "source_of",
    "stable_id",
    "summaries",
    "summary_md",
    "summary_text",
    "teams_for",
    "to_json",
    "trend",
    "trend_lines",
    "visible_owners",
    "week_view",
    "weekly_md",
    "weekly_text",
]
