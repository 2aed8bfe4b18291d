"""Where the features plug into the parts they share, in one explicit list.

* The store's observers: the pyramid keeps each account's tier history, so every path that
  writes a tier (the account form, an import, a re-tier) records the change
  (:func:`katerm.core.store.observe`).
* The accounts' tier rule: a new account is saved with the tier the pyramid's rules give
  its figures (:func:`katerm.core.accounts.use_tier_rule`).
* The reviews' measures and evening-review sections (:mod:`katerm.core.reviews.registry`):
  those the pipeline and the influence map own, and the reviews' built-in ones.

:func:`install` registers them all, once. Opening a workspace calls it, so the app, every
command and the tests see the same set, whichever module happens to be imported first; a new
feature adds its measures or its observer here.
"""

from __future__ import annotations

_installed = False


def install() -> None:
    """Register every observer, measure and section (the first call only)."""
    global _installed
    if _installed:
        return
    from katerm.core import (
        accounts,
        influence,
        pipeline,
        pyramid,
        reminders,
        reviews,
        stageplan,
        store,
    )
    from katerm.core.tiers import TIER_COLUMNS

    store.observe("accounts", set(TIER_COLUMNS), pyramid.record_tier_changes)
    # A new (or untiered) account is saved with the tier its figures give.
    accounts.use_tier_rule(pyramid.figures_tier_rule)
    # The features' measures first: the template editor offers them in this order.
    for measure in (
        *pipeline.REVIEW_MEASURES,
        *influence.REVIEW_MEASURES,
        *reviews.BUILTIN_MEASURES,
    ):
        reviews.register_measure(measure)
    for section in (
        *pipeline.REVIEW_SECTIONS,
        *reminders.REVIEW_SECTIONS,
        *stageplan.REVIEW_SECTIONS,
        *reviews.BUILTIN_SECTIONS,
    ):
        reviews.register_section(section)
    _installed = True
