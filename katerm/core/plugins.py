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
feature adds its measures or its observer here. The features themselves are imported when
first used, not here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

_installed = False


def install() -> None:
    """Register every observer, measure and section (the first call only).

    Nothing here imports a feature: the first screen shows none of the features this wires
    together (importing them all cost ~0.2 s of CPU at start). The pyramid is imported when an
    account is first saved; the reviews' measures and sections are registered when the reviews'
    registry is first used (:mod:`katerm.core.deferred`).
    """
    global _installed
    if _installed:
        return
    from katerm.core import deferred, store
    from katerm.core.tiers import TIER_COLUMNS

    store.observe("accounts", set(TIER_COLUMNS), _record_tier_changes)
    # A new (or untiered) account is saved with the tier its figures give.
    deferred.defer("tier_rule", _use_figures_tier_rule)
    deferred.defer("reviews", _register_review_parts)
    _installed = True


def _record_tier_changes(*args: Any, **kwargs: Any) -> None:
    from katerm.core import pyramid

    pyramid.record_tier_changes(*args, **kwargs)


def _use_figures_tier_rule() -> None:
    from katerm.core import accounts

    accounts.use_tier_rule(_figures_tier_rule)


def _figures_tier_rule(conn: sqlite3.Connection) -> Callable[[Mapping[str, Any]], dict[str, str]]:
    from katerm.core import pyramid

    return pyramid.figures_tier_rule(conn)


def _register_review_parts() -> None:
    from katerm.core import influence, pipeline, reminders, reviews, stageplan

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
