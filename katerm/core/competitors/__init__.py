"""Competitors (DOMAIN.md §7, the LTC seed): the team's list of competitors, where each is
present (an account, or one opportunity there) with the seed's questions answered, who at the
customer favours them, and our win/loss against each.

* :mod:`~katerm.core.competitors.read`: the list, the presences, win/loss per competitor
  (:func:`win_loss`, a plain function the monthly review can call for any period);
* :mod:`~katerm.core.competitors.edit`: adding, renaming and retiring a competitor,
  recording a presence.
"""

from katerm.core.competitors.edit import (
    add_competitor,
    edit_presence,
    remove_presence,
    rename_competitor,
    retire_competitor,
    set_presence,
)
from katerm.core.competitors.read import (
    QUESTIONS,
    AccountCompetitors,
    CompetitorRecord,
    Favourer,
    Presence,
    WinLoss,
    favourers,
    find_competitor,
    list_competitors,
    load_account_competitors,
    load_team_list,
    presences,
    resolve_opportunity,
    win_loss,
)

__all__ = [
    "QUESTIONS",
    "AccountCompetitors",
    "CompetitorRecord",
    "Favourer",
    "Presence",
    "WinLoss",
    "add_competitor",
    "edit_presence",
    "favourers",
    "find_competitor",
    "list_competitors",
    "load_account_competitors",
    "load_team_list",
    "presences",
    "remove_presence",
    "rename_competitor",
    "resolve_opportunity",
    "retire_competitor",
    "set_presence",
    "win_loss",
]
