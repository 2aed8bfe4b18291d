"""A search field whose keystrokes repaint it without laying out the whole screen.

Textual's Input sets its ``virtual_size`` (its text's width, for scrolling sideways) at every
change of value, and ``virtual_size`` is a reactive that lays out the screen: at 100k accounts
that pass was a third of a search keystroke's time to the filtered list (issue 19). A
one-line input with no scrollbar has nothing to lay out when its text grows: the sideways
scroll reads ``virtual_size`` when it moves, and the field repaints itself.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchInput(Input):
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
