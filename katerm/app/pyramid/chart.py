"""Two text bars per tier: its share of the accounts against its share of the revenue.

The point of the pyramid (1% of the accounts, 22% of the revenue) shown without colour: each
bar has its own label and its percentage, and is drawn with block characters in eighths of a
cell. Labels are padded in terminal cells, so Chinese tier names line up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from katerm.app.styles import tcss

_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True)
class ShareRow:
    label: str  # the tier's name
    count_share: float  # 0..1
    revenue_share: float  # 0..1


def bar(share: float, width: int) -> str:
    """A bar of ``share`` (0..1) of ``width`` cells, in eighths; padded to the width."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part else "")
    return text + " " * (width - len(text))


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def chart_lines(
    rows: Sequence[ShareRow], width: int, count_label: str, revenue_label: str
) -> list[tuple[str, str, str, str]]:
    """Per bar: (tier label or blank, bar label, bar, percentage), all padded to line up
    within ``width`` cells."""
    tier_width = max((cell_len(r.label) for r in rows), default=0)
    kind_width = max(cell_len(count_label), cell_len(revenue_label))
    value_width = 6  # "100.0%"
    bar_width = max(4, width - tier_width - kind_width - value_width - 4)
    out = []
    for row in rows:
        for first, kind, share in (
            (True, count_label, row.count_share),
            (False, revenue_label, row.revenue_share),
        ):
            out.append(
                (
                    pad(row.label if first else "", tier_width),
                    pad(kind, kind_width),
                    bar(share, bar_width),
                    f"{share * 100:5.1f}%".rjust(value_width),
                )
            )
    return out


class ShareChart(Widget):
    """Count share against revenue share per tier (set :attr:`rows`, then it redraws)."""

    COMPONENT_CLASSES = {"share-chart--count", "share-chart--revenue", "share-chart--label"}
    DEFAULT_CSS = tcss(__file__, "share_chart.tcss")

    def __init__(self, *, count_label: str, revenue_label: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.count_label = count_label
        self.revenue_label = revenue_label
        self.rows: list[ShareRow] = []

    def set_rows(self, rows: Sequence[ShareRow]) -> None:
        self.rows = list(rows)
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 2 * len(self.rows)

    def render(self) -> Text:
        width = self.content_region.width or self.size.width
        label = self.get_component_rich_style("share-chart--label")
        styles = (
            self.get_component_rich_style("share-chart--count"),
            self.get_component_rich_style("share-chart--revenue"),
        )
        text = Text(no_wrap=True, overflow="crop")
        lines = chart_lines(self.rows, width, self.count_label, self.revenue_label)
        for i, (tier, kind, drawn, value) in enumerate(lines):
            if i:
                text.append("\n")
            text.append(f"{tier} ")
            text.append(f"{kind} ", label)
            text.append(drawn, styles[i % 2])
            text.append(f" {value}")
        return text
