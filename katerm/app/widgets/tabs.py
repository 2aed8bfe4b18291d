"""Tab bars shared by every screen with tabs: stepping with `[` / `]`, and a bar that shows whole
tab names only, with a marker at each edge past which more tabs are hidden."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.widgets import Static, TabbedContent, TabPane, Tabs
from textual.widgets._tabs import Tab

from katerm.app.styles import tcss
from katerm.i18n import has_key, t

MORE_LEFT, MORE_RIGHT = "‹", "›"
MARKER_WIDTH = 2  # the arrow and a space between it and the next tab


def open_tabs(tabs: TabbedContent) -> list[str]:
    """The ids of the panes a user can open, in the order the tab bar shows them."""
    return [pane.id or "" for pane in tabs.query(TabPane) if not pane.disabled]


def stepped_tab(tabs: TabbedContent, step: int) -> str:
    """The id of the tab ``step`` places from the active one, wrapping at either end."""
    ids = open_tabs(tabs)
    here = ids.index(tabs.active) if tabs.active in ids else 0
    return ids[(here + step) % len(ids)]


def label_tabs(tabbed: TabbedContent, titles: dict[str, str], width: int) -> bool:
    """Name each tab (``titles``: catalogue key by pane id), the short names when the full ones
    do not fit ``width``; True when even the short ones do not (the bar then hides some)."""
    full = sum(cell_len(t(key)) + 2 for key in titles.values())
    short = full > width
    used = 0
    for pane, key in titles.items():
        label = t(f"{key}_short") if short and has_key(f"{key}_short") else t(key)
        tabbed.get_tab(pane).label = label
        used += cell_len(label) + 2
    return used > width


def tab_window(widths: Sequence[int], active: int, width: int, start: int = 0) -> tuple[int, int]:
    """The tabs ``[lo, hi)`` a bar ``width`` cells wide shows whole, the active one among them.

    A marker takes ``MARKER_WIDTH`` cells at each edge that hides tabs. The window keeps its
    ``start`` while the active tab is inside it (stepping does not make the bar jump), moves
    just far enough to show the active tab when it is not, and fills any room left.
    """
    n = len(widths)

    def fits(lo: int, hi: int) -> bool:
        markers = (lo > 0) + (hi < n)
        return sum(widths[lo:hi]) + markers * MARKER_WIDTH <= width

    if n == 0 or fits(0, n):
        return 0, n
    active = min(max(active, 0), n - 1)
    lo = min(max(start, 0), active)
    hi = lo + 1
    while hi < n and fits(lo, hi + 1):
        hi += 1
    if active >= hi:  # past the right edge: the active tab becomes the last one shown
        lo, hi = active, active + 1
        while lo > 0 and fits(lo - 1, hi):
            lo -= 1
    while hi < n and fits(lo, hi + 1):
        hi += 1
    while lo > 0 and fits(lo - 1, hi):
        lo -= 1
    return lo, hi


class TabsMore(Static):
    """The marker at an edge of the tab bar past which tabs are hidden."""

    DEFAULT_CSS = tcss(__file__, "tabs.tcss")


def fit_tab_bar(tabbed: TabbedContent, width: int, start: int = 0) -> int:
    """Show the tabs of ``tabbed`` that fit ``width`` whole, the active one always among them.

    Textual's own bar scrolls and cuts names in half at either edge (铁三角 → 铁三); here a tab
    is shown whole or not at all, and ``‹`` / ``›`` say more lie beyond. Returns the first tab
    shown, to pass back as ``start`` so that stepping keeps the bar still.
    """
    bar = tabbed.query_one(Tabs)
    tabs = list(bar.query("#tabs-list > Tab").results(Tab))
    if not tabs:
        return 0
    widths = [cell_len(tab.label.plain) + 2 for tab in tabs]  # Tab has padding 0 1
    active = next((i for i, tab in enumerate(tabs) if tab.has_class("-active")), 0)
    lo, hi = tab_window(widths, active, width, start)
    for i, tab in enumerate(tabs):
        tab.set_class(not lo <= i < hi, "-hidden")
    row = bar.query_one("#tabs-list")
    if not row.query(TabsMore):
        row.mount(TabsMore(MORE_LEFT, id="more-left"), before=0)
        row.mount(TabsMore(MORE_RIGHT, id="more-right", classes="-right"))
    row.query_one("#more-left", TabsMore).display = lo > 0
    row.query_one("#more-right", TabsMore).display = hi < len(tabs)
    bar.call_after_refresh(bar._highlight_active, False)  # the underline follows the tab
    return lo
