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


def _sync() -> Screen:
    from katerm.app.screens.sync import SyncScreen

    return SyncScreen()


MODES: list[ModeSpec] = [
    ModeSpec("accounts", "1", "modes.accounts", "modes.accounts_help", _accounts),
    ModeSpec("sync", "7", "modes.sync", "modes.sync_help", _sync),
]

ACCOUNT_TABS: list[AccountTab] = []
