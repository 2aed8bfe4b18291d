"""The key-account plan (大客户计划): five parts, their completeness, the exported document, and
the customer's voice.

* :mod:`~katerm.core.plan.kinds`: the parts and the kinds of entry in each;
* :mod:`~katerm.core.plan.items`: reading and saving entries;
* :mod:`~katerm.core.plan.completeness`: the score per part and what is missing;
* :mod:`~katerm.core.plan.related`: part 4, read from the influence-map and gap features;
* :mod:`~katerm.core.plan.document` and :mod:`~katerm.core.plan.text`: the whole plan as a
  Markdown or HTML document (``katerm plan ACCOUNT``);
* :mod:`~katerm.core.plan.view`: what the Plan tab shows, in one read;
* :mod:`~katerm.core.plan.voice`: issues the customer raised (客户声音), followed until rated.
"""

from katerm.core.plan.completeness import (
    MIN_CONTACTS,
    Missing,
    PartScore,
    PlanScore,
    RelationshipFacts,
    plan_score,
    relationship_facts,
    score_plan,
)
from katerm.core.plan.document import Document, label, missing_text, part_summary, plan_document
from katerm.core.plan.items import (
    ITEM_COLUMNS,
    MAX_TITLE,
    Plan,
    PlanItemRecord,
    delete_plan_item,
    load_plan,
    save_plan_item,
)
from katerm.core.plan.kinds import (
    ACTION_STATUSES,
    IRON_TRIANGLE,
    JOINT,
    KINDS,
    LOOKS,
    PARTIES,
    PARTS,
    RESEARCH,
    ROOT_KINDS,
    SECTION_KINDS,
    SWOT,
    children_kinds,
)
from katerm.core.plan.related import (
    GapLine,
    InfluencePerson,
    StrategicLine,
    gap_lines,
    influence_people,
    influence_tree,
    strategic_lines,
)
from katerm.core.plan.text import FORMATS, render, to_html, to_markdown
from katerm.core.plan.view import Choices, PlanView, load_view
from katerm.core.plan.voice import (
    NEXT,
    STATUSES,
    VoiceRecord,
    list_voice,
    load_voice,
    move_voice,
    save_voice,
)

__all__ = [
    "ACTION_STATUSES",
    "FORMATS",
    "IRON_TRIANGLE",
    "ITEM_COLUMNS",
    "JOINT",
    "KINDS",
    "LOOKS",
    "MAX_TITLE",
    "MIN_CONTACTS",
    "NEXT",
    "PARTIES",
    "PARTS",
    "RESEARCH",
    "ROOT_KINDS",
    "SECTION_KINDS",
    "STATUSES",
    "SWOT",
    "Choices",
    "Document",
    "GapLine",
    "InfluencePerson",
    "Missing",
    "PartScore",
    "Plan",
    "PlanItemRecord",
    "PlanScore",
    "PlanView",
    "RelationshipFacts",
    "StrategicLine",
    "VoiceRecord",
    "children_kinds",
    "delete_plan_item",
    "gap_lines",
    "influence_people",
    "influence_tree",
    "label",
    "list_voice",
    "load_plan",
    "load_view",
    "load_voice",
    "missing_text",
    "move_voice",
    "part_summary",
    "plan_document",
    "plan_score",
    "relationship_facts",
    "render",
    "save_plan_item",
    "save_voice",
    "score_plan",
    "strategic_lines",
    "to_html",
    "to_markdown",
]
