"""Hints that say how to reach a widget say it only while the widget is not focused.

The account screen's Gaps tab said "Tab to the table, then: n score a person…" while the
table already had the focus (issue 18), and pressing Tab then left it. Every such text is
two catalogue entries: ``KEY``, what the keys do, and ``KEY_reach``, which wraps it with
how to get there (``"Tab to the table, then: {text}"``). :func:`reach` picks one by where
the focus is now; :class:`ReachHint` is a hint line that follows the focus.
tests/app/widgets/test_reach.py checks the catalogue has no other text naming Tab.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Static

from katerm.i18n import t


def has_focus_within(target: Widget) -> bool:
    """The focus is on ``target`` or on a widget inside it."""
    focused = target.screen.focused if target.is_attached else None
    return focused is not None and (focused is target or target in focused.ancestors)


def reach(target: Widget, key: str) -> str:
    """The catalogue text ``key`` while ``target`` has the focus; else ``key + "_reach"``
    around it, which says how to get there."""
    text = t(key)
    return text if has_focus_within(target) else t(f"{key}_reach", text=text)


class ReachHint(Static):
    """A muted hint line beside a widget (``target``, a selector in the same parent): the
    catalogue text ``key``, with how to reach the widget while it does not have the focus."""

    def __init__(self, target: str, key: str, *, id: str | None = None) -> None:
        super().__init__(t(f"{key}_reach", text=t(key)), id=id, markup=False)
        self.target = target
        self.key = key

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._follow)

    def _follow(self, _focused: DOMNode | None = None) -> None:
        if self.parent is not None:
            self.update(reach(self.parent.query_one(self.target), self.key))
