"""Check boxes, radio buttons and selection lists whose state reads without colour.

Textual draws every toggle as ``▐X▌`` and tells on from off by colour alone: in a text
capture, on a monochrome terminal or to a colour-blind eye every contact in the log-activity
dialog read as ticked. Here an option that is on shows a tick (``▐✓▌``, a radio ``▐●▌``) and
one that is off an empty box (``▐ ▌``). Use these instead of Textual's own.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton

TICK = "✓"  # one cell wide in every terminal (not an East Asian ambiguous width)
DOT = "●"
OFF = " "


class TickBox(Checkbox):
    """A check box: ``▐✓▌`` when ticked, ``▐ ▌`` when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = TICK if self.value else OFF
        return super()._button


class TickRadio(RadioButton):
    """A radio button: ``▐●▌`` when chosen, ``▐ ▌`` when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = DOT if self.value else OFF
        return super()._button


class TickList(SelectionList[Any]):
    """A selection list whose selected options show a tick, the others an empty box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        for i, segment in enumerate(segments):
            meta = segment.style.meta if segment.style else {}
            if segment.text == ToggleButton.BUTTON_INNER and "option" in meta:
                option = self.get_option_at_index(meta["option"])
                mark = TICK if option.value in self.selected else OFF
                segments[i] = Segment(mark, segment.style, segment.control)
                return Strip(segments, strip.cell_length)
        return strip
