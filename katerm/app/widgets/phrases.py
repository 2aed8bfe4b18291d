"""A line of phrases ("线索 20 · 1,733.86万") that wraps between phrases, never inside one: a
stage is never left at the end of one line with its amount on the next."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from katerm.app.styles import tcss

GAP = "  "


def wrap_phrases(phrases: list[str], width: int, gap: str = GAP) -> list[str]:
    """The phrases on as few lines of ``width`` cells as fit, breaking only between phrases
    (a phrase wider than the line gets a line of its own, cut by the widget)."""
    return [gap.join(line) for line in _lines(phrases, width, gap)]


def _lines(phrases: list[str], width: int, gap: str) -> list[list[str]]:
    lines: list[list[str]] = []
    used = 0
    for phrase in phrases:
        size = cell_len(phrase)
        if lines and lines[-1] and used + cell_len(gap) + size <= width:
            lines[-1].append(phrase)
            used += cell_len(gap) + size
        else:
            lines.append([phrase])
            used = size
    return lines


class Phrases(Widget):
    """Like a ``Static`` of the phrases joined by ``gap``, wrapped between phrases only."""

    DEFAULT_CSS = tcss(__file__, "phrases.tcss")

    def __init__(
        self, *, gap: str = GAP, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.gap = gap
        self.phrases: list[str | Text] = []

    def update(self, phrases: list[str | Text]) -> None:
        """Plain phrases, or styled ones (Rich ``Text``: a dim label, a bold name)."""
        self.phrases = list(phrases)
        self.refresh(layout=True)

    @property
    def text(self) -> str:
        """All the phrases on one line, as a reader (or a test) takes them."""
        return self.gap.join(str(p) for p in self.phrases)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(_lines([str(p) for p in self.phrases], width, self.gap)))

    def render(self) -> Content:
        width = max(1, self.content_size.width)
        phrases = iter(self.phrases)
        out = Text()
        for number, line in enumerate(_lines([str(p) for p in self.phrases], width, self.gap)):
            if number:
                out.append("\n")
            for place in range(len(line)):
                if place:
                    out.append(self.gap)
                phrase = next(phrases)
                if isinstance(phrase, Text):
                    out.append_text(phrase)
                else:
                    out.append(phrase)
        return Content.from_rich_text(out)
