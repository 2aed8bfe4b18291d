"""Where the features plug into the parts they share, in one explicit list.

* The store's observers: the pyramid keeps each account's tier history, so every path that
  writes a tier (the account form, an import, a re-tier) records the change
  (:func:`katerm.core.store.observe`).
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
    from katerm.core import reviews_hooks, store, tier_history
    from katerm.core.reviews import registry
    from katerm.core.reviews.measures import BUILTIN_MEASURES
    from katerm.core.reviews.sections import BUILTIN_SECTIONS

    store.observe("accounts", {"tier"}, tier_history.record)
    # The features' first: the template editor offers measures in this order.
    for measure in (*reviews_hooks.MEASURES, *BUILTIN_MEASURES):
        registry.register_measure(measure, placeholder=True)
    for section in (*reviews_hooks.SECTIONS, *BUILTIN_SECTIONS):
        registry.register_section(section, placeholder=True)
    _installed = True
