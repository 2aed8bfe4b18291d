"""The relationship-gap table (DOMAIN.md §5): rules, the portfolio read, edits and text.

* :mod:`~katerm.core.gaps.rules`: dimensions, levels, validation, gap, overdue, ordering;
* :mod:`~katerm.core.gaps.read`: every row I may see, in one read, as plain data; filters
  and order in memory; a row's score history;
* :mod:`~katerm.core.gaps.edit`: saving rows; every score change is kept in ``gap_scores``;
* :mod:`~katerm.core.gaps.text`: rows as text and records (``katerm gaps``).

Nothing here imports Textual, and the read path imports no SQLAlchemy.
"""

from katerm.core.gaps.edit import (
    FORM_FIELDS,
    delete_gap,
    edit_gap,
    find_row,
    form_values,
    restore_gap,
    save_form,
    save_gap,
    set_status,
    step_level,
)
from katerm.core.gaps.read import (
    GapFilter,
    GapView,
    ScoreChange,
    level_trends,
    load,
    load_first,
    load_score_history,
    load_unscored_people,
    load_visible,
    load_visible_first,
    narrow,
    order,
    score_history,
    unscored_people,
)
from katerm.core.gaps.rules import (
    DIMENSIONS,
    HIGHEST,
    LEVELS,
    MAX_ACTION,
    SCORED,
    STATUSES,
    clean_gap,
    gap,
    is_overdue,
    level_word_key,
    priority,
    row_columns,
    score,
    score_columns,
    split_pair,
)
from katerm.core.gaps.text import (
    OVERDUE_MARK,
    RECORD_COLUMNS,
    TABLE_COLUMNS,
    change_text,
    display,
    due_text,
    record,
)

__all__ = [
    "DIMENSIONS",
    "FORM_FIELDS",
    "HIGHEST",
    "LEVELS",
    "MAX_ACTION",
    "OVERDUE_MARK",
    "RECORD_COLUMNS",
    "SCORED",
    "STATUSES",
    "TABLE_COLUMNS",
    "GapFilter",
    "GapView",
    "ScoreChange",
    "change_text",
    "clean_gap",
    "delete_gap",
    "display",
    "due_text",
    "edit_gap",
    "find_row",
    "form_values",
    "gap",
    "is_overdue",
    "level_trends",
    "level_word_key",
    "load",
    "load_first",
    "load_score_history",
    "load_unscored_people",
    "load_visible",
    "load_visible_first",
    "narrow",
    "order",
    "priority",
    "record",
    "restore_gap",
    "row_columns",
    "save_form",
    "save_gap",
    "score",
    "score_columns",
    "score_history",
    "set_status",
    "split_pair",
    "step_level",
    "unscored_people",
]
