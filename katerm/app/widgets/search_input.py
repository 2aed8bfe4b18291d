"""A search field whose keystrokes repaint it without laying out the whole screen.

Textual's Input sets its ``virtual_size`` (its text's width, for scrolling sideways) at every
change of value, and ``virtual_size`` is a reactive that lays out the screen: at 100k accounts
that pass was a third of a search keystroke's time to the filtered list (issue 19). A
one-line input with no scrollbar has nothing to lay out when its text grows: the sideways
scroll reads ``virtual_size`` when it moves, and the field repaints itself.

``on_value``, when set, hears each new value at once, inside the keystroke: what it shows
(the filtered rows) is painted in the same frame as the typed letter. Through the
``Changed`` message it would be handled a turn later, often after the field alone had been
painted: two frames, the list a frame late.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchInput(Input):
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    on_value: Callable[[str], None] | None = None

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        if self.on_value is not None:
            self.on_value(value)
