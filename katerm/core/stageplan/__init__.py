"""The stage expansion plan (DOMAIN.md §7, the LTC seed's 基于生命周期的关系拓展): for each stage
of lead to cash, which customer departments to reach, how, by which of our roles, and whether
it is done — per opportunity, with a default per account; the seed's template fills what
neither sets. An activity with a department's person for the opportunity at that stage ticks
the cell.

* :mod:`~katerm.core.stageplan.template`: departments, ways, roles, the seed's template;
* :mod:`~katerm.core.stageplan.read`: a plan with its cells ticked (:func:`stage_plan`,
  :func:`account_plans`), the unreached cells of the current stage (:func:`open_cells`);
* :mod:`~katerm.core.stageplan.edit`: setting a cell (:func:`set_cell`);
* :mod:`~katerm.core.stageplan.review`: the evening review's section and my day's lines;
* :mod:`~katerm.core.stageplan.text`: labels, JSON and Markdown;
* :mod:`~katerm.core.stageplan.triangle`: the iron triangle — our roles against the
  customer's departments and levels through each contact's relationship owner, gaps, warnings.
"""

from katerm.core.stageplan.edit import FIELDS, RULES, check, remove_cell, set_cell
from katerm.core.stageplan.read import (
    Cell,
    Reach,
    StagePlan,
    account_plans,
    find_opportunity,
    load_account_plans,
    open_cells,
    stage_plan,
)
from katerm.core.stageplan.review import (
    REVIEW_SECTIONS,
    load_stage_lines,
    stage_line,
    stage_lines,
)
from katerm.core.stageplan.template import (
    DEPARTMENTS,
    STATUSES,
    TARGETS,
    TEAM_ROLES,
    TEMPLATE,
    WAYS,
    in_department,
)
from katerm.core.stageplan.text import cell_json, label, open_line, parse, plan_json, plan_markdown
from katerm.core.stageplan.triangle import (
    EXPECTED,
    IRON_TRIANGLE,
    LEVELS,
    Triangle,
    TriangleWarning,
    column_label,
    iron_triangle,
    load_triangle,
    triangle_json,
    triangle_markdown,
)

__all__ = [
    "DEPARTMENTS",
    "EXPECTED",
    "FIELDS",
    "IRON_TRIANGLE",
    "LEVELS",
    "REVIEW_SECTIONS",
    "RULES",
    "STATUSES",
    "TARGETS",
    "TEAM_ROLES",
    "TEMPLATE",
    "WAYS",
    "Cell",
    "Reach",
    "StagePlan",
    "Triangle",
    "TriangleWarning",
    "account_plans",
    "cell_json",
    "check",
    "column_label",
    "find_opportunity",
    "in_department",
    "iron_triangle",
    "label",
    "load_account_plans",
    "load_stage_lines",
    "load_triangle",
    "open_cells",
    "open_line",
    "parse",
    "plan_json",
    "plan_markdown",
    "remove_cell",
    "set_cell",
    "stage_line",
    "stage_lines",
    "stage_plan",
    "triangle_json",
    "triangle_markdown",
]
