"""The app's modes (top-level screens), each reachable by a number key and the palette.

A feature adds its screen by appending a :class:`ModeSpec` here; the app builds its modes,
key bindings and palette commands from this list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen


@dataclass(frozen=True)
class ModeSpec:
    name: str
    key: str
    title_key: str  # catalogue key of the mode's name
    help_key: str  # catalogue key of a one-line description (command palette)
    factory: Callable[[], Screen]


def _accounts() -> Screen:
    from katerm.app.screens.accounts import AccountsScreen

    return AccountsScreen()


MODES: list[ModeSpec] = [
    ModeSpec("accounts", "1", "modes.accounts", "modes.accounts_help", _accounts),
]
