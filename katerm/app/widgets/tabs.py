"""Stepping through a TabbedContent's tabs with `[` / `]`, shared by every screen with tabs."""

from __future__ import annotations

from textual.widgets import TabbedContent, TabPane


def open_tabs(tabs: TabbedContent) -> list[str]:
    """The ids of the panes a user can open, in the order the tab bar shows them."""
    return [pane.id or "" for pane in tabs.query(TabPane) if not pane.disabled]


def stepped_tab(tabs: TabbedContent, step: int) -> str:
    """The id of the tab ``step`` places from the active one, wrapping at either end."""
    ids = open_tabs(tabs)
    here = ids.index(tabs.active) if tabs.active in ids else 0
    return ids[(here + step) % len(ids)]
