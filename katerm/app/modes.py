"""Where features plug into the app: modes (top-level screens) and account-screen tabs.

A feature adds a top-level screen by appending a :class:`ModeSpec` to ``MODES`` (the app builds
its modes, number-key bindings and palette commands from it), and a tab on the account screen
by appending an :class:`AccountTab` to ``ACCOUNT_TABS``. Factories import their screen lazily,
so start-up only loads what the first screen needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class ModeSpec:
    name: str
    key: str
    title_key: str  # catalogue key of the mode's name
    help_key: str  # catalogue key of a one-line description (command palette)
    factory: Callable[[], Screen]


@dataclass(frozen=True)
class AccountTab:
    """A tab on the account screen (influence map, gaps, plan...)."""

    id: str
    title_key: str  # catalogue key of the tab's title
    factory: Callable[[str], Widget]  # account id -> the tab's content


def _accounts() -> Screen:
    from katerm.app.screens.accounts import AccountsScreen

    return AccountsScreen()


def _pyramid() -> Screen:
    from katerm.app.screens.pyramid import PyramidScreen

    return PyramidScreen()


def _tier_history(account_id: str) -> Widget:
    from katerm.app.screens.tier_history import TierHistoryPane

    return TierHistoryPane(account_id)


MODES: list[ModeSpec] = [
    ModeSpec("accounts", "1", "modes.accounts", "modes.accounts_help", _accounts),
    ModeSpec("pyramid", "2", "modes.pyramid", "modes.pyramid_help", _pyramid),
]

ACCOUNT_TABS: list[AccountTab] = [
    AccountTab("tier-history", "pyramid.history.tab", _tier_history),
]
