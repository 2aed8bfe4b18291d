"""The relationship-gap table widget: its columns, what a row shows, the gap coloured by heat.

The table draws only the rows on screen; the gap is coloured by heat (theme colours) next to
the number, overdue actions are marked with a symbol and each person's level trend is a
sparkline.
"""

from __future__ import annotations

from datetime import date

from rich.style import Style

from katerm.app.styles import tcss
from katerm.app.widgets.lazy_table import Column, LazyTable
from katerm.core.gaps import DIMENSIONS, GapView, due_text, level_word_key
from katerm.core.roles import label
from katerm.i18n import t

SPARKS = "▁▂▃▅▆█"  # level 0 … 5
TREND_POINTS = 8
ACTION_ROOM = 16  # a next action cut shorter hides the optional columns (trend, owner, tier)


def gap_columns(one_account: bool) -> list[Column]:
    col = lambda key: t(f"gaps.col.{key}")  # noqa: E731
    columns = [
        Column("person", col("person"), 10, priority=0, grow=2),
        Column("account", col("account"), 10, priority=1, grow=1),
        # Shown at 120 columns beside the owner (it gave way to the owner's name): the next
        # action keeps ACTION_ROOM cells, not a name's NAME_ROOM, before these give way.
        Column("tier", col("tier"), 4, priority=5),
        Column("role", col("role"), 6, priority=7, whole=True),
        Column("influence", col("influence"), 4, priority=11),
        Column("level", col("level"), 5, priority=1),
        Column("gap", col("gap"), 3, priority=1, numeric=True),
        Column("dims", col("dims"), 6, priority=10),
        Column("owner", col("owner"), 6, priority=5, whole=True),
        Column("action", col("action"), 14, priority=3, grow=3, room=ACTION_ROOM),
        Column("due", col("due"), 11, priority=2),
        Column("status", col("status"), 6, priority=9),
        Column("trend", col("trend"), TREND_POINTS, priority=6),
    ]
    # One account's gaps: its name and its tier are the same on every row.
    return [c for c in columns if not (one_account and c.key in ("account", "tier"))]


def sparkline(values: tuple[int, ...]) -> str:
    """The last few levels as block characters (a flat line for one value)."""
    return "".join(SPARKS[max(0, min(5, v))] for v in values[-TREND_POINTS:])


def cells(view: GapView, today: date, one_account: bool = False) -> list[str]:
    """What a row shows, in gap_columns(one_account) order."""
    out = [
        view.contact,
        view.account,
        t(f"fields.tier.{view.tier}") if view.tier else "",
        label("role", view.role),
        label("influence", view.influence),
        f"{view.level_now}→{view.level_target}",
        str(view.level_gap),
        "".join(SPARKS[max(0, min(5, v))] for v in view.now),
        view.owner,
        view.next_action,
        due_text(view, today),
        t(f"gaps.status.{view.status}"),
        sparkline(view.trend),
    ]
    return [out[0], *out[3:]] if one_account else out


def detail_text(view: GapView | None) -> str:
    """The selected row in full on one line: the level in words, then each dimension's
    now→target (``工作往来→伙伴 · 认可 2→5 活动 1→3 …``), for when the columns are hidden."""
    if view is None:
        return ""
    words = f"{t(level_word_key(view.level_now))}→{t(level_word_key(view.level_target))}"
    dims = "  ".join(
        f"{t(f'gaps.dim_short.{d}')} {n}→{g}"
        for d, n, g in zip(DIMENSIONS, view.now, view.target, strict=True)
    )
    return f"{words} · {dims}"


def heat(level_gap: int) -> str:
    """The heat component class of a gap: 3+ hot, 2 warm, 1 mild, 0 or less met."""
    if level_gap >= 3:
        return "gap-table--hot"
    if level_gap == 2:
        return "gap-table--warm"
    return "gap-table--mild" if level_gap == 1 else "gap-table--met"


class GapTable(LazyTable):
    """A LazyTable that colours the gap by heat and overdue dates, from theme variables."""

    COMPONENT_CLASSES = LazyTable.COMPONENT_CLASSES | {
        "gap-table--hot",
        "gap-table--warm",
        "gap-table--mild",
        "gap-table--met",
        "gap-table--overdue",
    }
    DEFAULT_CSS = tcss(__file__, "gap_table.tcss")

    def __init__(self, columns: list[Column], *, id: str | None = None) -> None:
        super().__init__(columns, id=id)
        self.views: list[GapView] = []
        self.today = date.min  # set by the pane from the workspace clock

    def cell_style(self, row: int, key: str) -> Style | None:
        if row >= len(self.views) or key not in ("gap", "due"):
            return None
        view = self.views[row]
        if key == "gap":
            return self.get_component_rich_style(heat(view.level_gap))
        if view.overdue(self.today):
            return self.get_component_rich_style("gap-table--overdue")
        return None
