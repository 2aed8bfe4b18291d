"""The account pyramid (DOMAIN.md §2): tiers from figures, a portfolio's figures per tier, targets,
re-tier suggestions and each account's tier history.

* :mod:`~katerm.core.pyramid.rules`: the schemes as rules: thresholds, how figures give a tier
  (in Python and as SQL);
* :mod:`~katerm.core.pyramid.read`: the figures per tier, the accounts in a tier, the filters;
* :mod:`~katerm.core.pyramid.edit`: checking and saving thresholds and yearly targets;
* :mod:`~katerm.core.pyramid.retier`: accounts whose figures give another tier, and applying
  that;
* :mod:`~katerm.core.pyramid.history`: every tier change, kept by the store's observer
  (:func:`record_tier_changes`, registered by ``katerm.core.plugins``);
* :mod:`~katerm.core.pyramid.text`: thresholds in words.

The tier vocabulary itself (which tiers each scheme has) is ``katerm.core.tiers``.
"""

from katerm.core.pyramid.edit import (
    YEARS,
    check_targets,
    check_thresholds,
    check_year,
    save_settings,
    save_targets,
    save_thresholds,
    target_field,
    target_id,
    threshold_id,
)
from katerm.core.pyramid.history import SOURCES, TierChangeRecord, record_tier_changes, tier_history
from katerm.core.pyramid.read import (
    FilterOptions,
    Pyramid,
    PyramidQuery,
    TierAccount,
    TierFigures,
    accounts_in_tier,
    beside,
    compute,
    filter_options,
    load_figures,
    load_filter_options,
    load_targets,
    load_tier_accounts,
    portfolio,
    scope_sql,
)
from katerm.core.pyramid.retier import (
    Fact,
    RetierResult,
    Suggestion,
    apply_suggestions,
    describe,
    explain,
    load_suggestions,
    suggestions,
)
from katerm.core.pyramid.rules import (
    LIFECYCLES,
    MEASURES,
    QUADRANTS,
    RULES,
    Params,
    SchemeRule,
    Threshold,
    Thresholds,
    default_thresholds,
    figures_tier,
    figures_tier_rule,
    is_held,
    load_thresholds,
    measures_of,
    pyramid_tier,
    pyramid_tier_sql,
    tier_by_figures,
    tier_sql,
)
from katerm.core.pyramid.text import describe_thresholds

__all__ = [
    "LIFECYCLES",
    "MEASURES",
    "QUADRANTS",
    "RULES",
    "SOURCES",
    "YEARS",
    "Fact",
    "FilterOptions",
    "Params",
    "Pyramid",
    "PyramidQuery",
    "RetierResult",
    "SchemeRule",
    "Suggestion",
    "Threshold",
    "Thresholds",
    "TierAccount",
    "TierChangeRecord",
    "TierFigures",
    "accounts_in_tier",
    "apply_suggestions",
    "beside",
    "check_targets",
    "check_thresholds",
    "check_year",
    "compute",
    "default_thresholds",
    "describe",
    "describe_thresholds",
    "explain",
    "figures_tier",
    "figures_tier_rule",
    "filter_options",
    "is_held",
    "load_figures",
    "load_filter_options",
    "load_suggestions",
    "load_targets",
    "load_thresholds",
    "load_tier_accounts",
    "measures_of",
    "portfolio",
    "pyramid_tier",
    "pyramid_tier_sql",
    "record_tier_changes",
    "save_settings",
    "save_targets",
    "save_thresholds",
    "scope_sql",
    "suggestions",
    "target_field",
    "target_id",
    "threshold_id",
    "tier_by_figures",
    "tier_history",
    "tier_sql",
]
