"""Typed ways from any widget to what the app holds: the workspace and its one clock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from katerm.core.clock import Clock
    from katerm.core.workspace import Workspace


def workspace_of(app: Any) -> Workspace:
    """The workspace of the running :class:`~katerm.app.app.KatermApp`."""
    ws: Workspace = app.ws
    return ws


def clock_of(app: Any) -> Clock:
    """The workspace's clock: "now" and "today" for every screen (never the machine's own)."""
    return workspace_of(app).clock
