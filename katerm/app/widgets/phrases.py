"""A line of phrases ("线索 20 · 1,733.86万") that wraps between phrases, never inside one: a
stage is never left at the end of one line with its amount on the next."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

GAP = "  "


def wrap_phrases(phrases: list[str], width: int, gap: str = GAP) -> list[str]:
    """The phrases on as few lines of ``width`` cells as fit, breaking only between phrases
    (a phrase wider than the line gets a line of its own, cut by the widget)."""
    lines: list[str] = []
    line = ""
    for phrase in phrases:
        if line and cell_len(line) + cell_len(gap) + cell_len(phrase) > width:
            lines.append(line)
            line = phrase
        else:
            line = f"{line}{gap}{phrase}" if line else phrase
    if line:
        lines.append(line)
    return lines


class Phrases(Widget):
    """Like a ``Static`` of the phrases joined by ``gap``, wrapped between phrases only."""

    DEFAULT_CSS = "Phrases { height: auto; }"

    def __init__(
        self, *, gap: str = GAP, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.gap = gap
        self.phrases: list[str] = []

    def update(self, phrases: list[str]) -> None:
        self.phrases = list(phrases)
        self.refresh(layout=True)

    @property
    def text(self) -> str:
        """All the phrases on one line, as a reader (or a test) takes them."""
        return self.gap.join(self.phrases)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(wrap_phrases(self.phrases, width, self.gap)))

    def render(self) -> Content:
        width = max(1, self.content_size.width)
        return Content("\n".join(wrap_phrases(self.phrases, width, self.gap)))
