"""Typed ways from any screen or widget to what the app holds: the app, the workspace, the clock.

Textual types ``node.app`` as a plain ``App``; every katerm screen and widget runs inside a
:class:`~katerm.app.app.KatermApp`, so these say so once, instead of an ignore per use.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from katerm.app.app import KatermApp
    from katerm.core.clock import Clock
    from katerm.core.workspace import Workspace


def katerm_app(node: DOMNode) -> KatermApp:
    """The running app (``node`` is any screen, widget, or the app itself)."""
    return cast("KatermApp", node.app)


def workspace_of(node: DOMNode) -> Workspace:
    """The workspace the app works in."""
    return katerm_app(node).ws


def clock_of(node: DOMNode) -> Clock:
    """The workspace's clock: "now" and "today" for every screen (never the machine's own)."""
    return katerm_app(node).ws.clock


def on_data_change(node: DOMNode, callback: Callable[[], object]) -> None:
    """Call ``callback`` after every change to the data (the app bumps ``data_version``)."""

    def changed(_version: int) -> None:
        callback()

    node.watch(node.app, "data_version", changed, init=False)


def filling(node: DOMNode) -> AbstractContextManager[None]:
    """:func:`katerm.core.background.fill` for ``node``'s worker: what it reads inside gives
    way to a screen being opened, and goes slower while ``node``'s screen is hidden."""
    from katerm.core import background

    def shown() -> bool:  # asked from the worker's thread
        try:
            return node.screen.is_current
        except Exception:  # removed meanwhile: no screen to give way to
            return False

    return background.fill(shown)


def first_rows_painted(node: DOMNode) -> None:
    """Say (in the main thread) that ``node``'s screen painted its first rows: the background
    fills a screen switch held go on after this refresh (katerm.core.background)."""
    from katerm.core import background

    if background.held() and node.screen.is_current:
        node.call_after_refresh(katerm_app(node).collector.painted)
