"""The influence map's tree: one line per person, drawn only for the lines on screen.

Rows come from :func:`katerm.core.influence.text.tree_cells`, so a row reads exactly as
``katerm influence`` prints it; this widget only picks the columns that fit (the least
important go first on a narrow terminal; what still does not fit scrolls sideways) and
colours each cell from the theme. The attitude symbol carries the meaning without colour.
Arrow keys move along the tree: up and down row by row, left to the boss, right to the first
person reporting to this one.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from katerm.app.context import first_rows_painted
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.row_cursor import RowCursor
from katerm.core.influence import (
    COLUMNS,
    GAP,
    Cell,
    InfluenceMap,
    column_widths,
    fit,
    layout,
    tree_cells,
)
from katerm.i18n import t

# Style keys of the core's cells -> this widget's component classes.
_CLASS = {
    "tree": "tree",
    "name": "name",
    "muted": "muted",
    "star": "star",
    "line": "line",
    "coverage": "coverage",
    "uncovered": "uncovered",
    "attitude.supporter": "supporter",
    "attitude.neutral": "neutral",
    "attitude.opponent": "opponent",
    "attitude.unknown": "unknown",
    "role.decision_maker": "decision",
    "role.approver": "decision",
    "role.executive_sponsor": "decision",
    "role.coach": "coach",
    "influence.high": "high",
    "level": "level",
}
_PREFIX = "influence-tree--"


class InfluenceTree(RowCursor, Localized, ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        _PREFIX + c
        for c in (
            "cursor",
            "tree",
            "name",
            "muted",
            "star",
            "line",
            "coverage",
            "uncovered",
            "supporter",
            "neutral",
            "opponent",
            "unknown",
            "decision",
            "coach",
            "role",
            "high",
            "level",
            "placeholder",
        )
    }
    DEFAULT_CSS = tcss(__file__, "influence_tree.tcss")
    BINDINGS = [
        Binding("up", "cursor(-1)", "keys.up", show=False, id="influence.up"),
        Binding("down", "cursor(1)", "keys.down", show=False, id="influence.down"),
        Binding("left", "boss", "keys.to_boss", show=False, id="influence.boss"),
        Binding("right", "first_report", "keys.to_report", show=False, id="influence.first_report"),
        Binding("pageup", "page(-1)", "keys.page_up", show=False, id="influence.page_up"),
        Binding("pagedown", "page(1)", "keys.page_down", show=False, id="influence.page_down"),
        Binding("home", "jump(0)", "keys.first", show=False, id="influence.first"),
        Binding("end", "jump(-1)", "keys.last", show=False, id="influence.last"),
        Binding("enter", "choose", "keys.edit_person", id="influence.choose", show=False),
    ]

    # Moving the cursor redraws two lines (watch_cursor_row), not the whole tree.
    cursor_row: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        def __init__(self, tree: InfluenceTree, contact_id: str | None) -> None:
            super().__init__()
            self.tree = tree
            self.contact_id = contact_id

    class Chosen(Message):
        """Enter (or a double click) on a person."""

        def __init__(self, tree: InfluenceTree, contact_id: str) -> None:
            super().__init__()
            self.tree = tree
            self.contact_id = contact_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        vars(self)["HELP"] = t("influence.legend")  # F1's panel explains the symbols
        self.map: InfluenceMap | None = None
        self.placeholder = ""
        self._widths: dict[str, int] = {}
        self._columns: tuple[str, ...] = tuple(COLUMNS)
        self._cache: dict[int, list[Cell]] = {}

    # --- data ----------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self.map.rows) if self.map else 0

    @property
    def selected_id(self) -> str | None:
        if not self.row_count:
            return None
        assert self.map is not None  # rows come from the map
        return self.map.rows[min(self.cursor_row, self.row_count - 1)].person.id

    def show(self, found: InfluenceMap | None, select: str | None = None) -> None:
        """Show a map, keeping the cursor on ``select`` (or the same row) when possible."""
        keep = select or self.selected_id
        self.map = found
        self._cache.clear()
        self._widths = column_widths(found) if found else {}
        self._relayout()
        row = found.position(keep) if found and keep else None
        if row is None:
            row = min(self.cursor_row, max(0, self.row_count - 1))
        self.cursor_row = row
        first_rows_painted(self)  # background fills held by the switch go on after this

    def select(self, contact_id: str | None) -> None:
        row = self.map.position(contact_id) if self.map else None
        if row is not None:
            self.cursor_row = row

    # --- layout and drawing --------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _relayout(self) -> None:
        width = max(1, self.scrollable_content_region.width)
        self._columns = fit(self._widths, width) if self._widths else tuple(COLUMNS)
        total = sum(self._widths.get(k, 0) for k in self._columns) + len(GAP) * (
            len(self._columns) - 1
        )
        self._cache.clear()
        self.virtual_size = Size(max(width, total), self.row_count)
        self.refresh()

    def _cells(self, row: int) -> list[Cell]:
        cached = self._cache.get(row)
        if cached is None:
            assert self.map is not None
            if len(self._cache) > 256:
                self._cache.clear()
            cached = layout(tree_cells(self.map, self.map.rows[row]), self._widths, self._columns)
            self._cache[row] = cached
        return cached

    def _style(self, key: str) -> Style:
        name = _CLASS.get(key, "role" if key.startswith("role.") else "")
        return self.get_component_rich_style(_PREFIX + name) if name else Style()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        row = self.scroll_offset.y + y
        if row >= self.row_count:
            if self.row_count == 0 and y == 1 and self.placeholder:
                style = base + self.get_component_rich_style(_PREFIX + "placeholder")
                return (
                    Strip([Segment("  " + self.placeholder, style)])
                    .extend_cell_length(width, base)
                    .crop(0, width)
                )
            return Strip.blank(width, base)
        if row == self.cursor_row:
            cursor = self.get_component_rich_style(_PREFIX + "cursor")
            base = base + Style(bgcolor=cursor.bgcolor, bold=cursor.bold)
        segments = [
            Segment(c.text, base + self._style(c.style) if c.style else base)
            for c in self._cells(row)
        ]
        x = self.scroll_offset.x
        total = max(width + x, self.virtual_size.width)
        return Strip(segments).extend_cell_length(total, base).crop(x, x + width)

    # --- cursor --------------------------------------------------------------------------
    @property
    def visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def watch_cursor_row(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + self.visible_rows:
            self.scroll_to(y=new - self.visible_rows + 1, animate=False)
        self.refresh_line(old - top)
        self.refresh_line(new - self.scroll_offset.y)
        self.post_message(self.Highlighted(self, self.selected_id))

    def refresh_line(self, y: int) -> None:
        if 0 <= y < self.size.height:
            self.refresh_lines(y)
        else:
            self.refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("boss", "first_report", "choose") and self.why_not(action, ()):
            return None  # pressing it says why
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Why ← / → / Enter cannot move or open here."""
        if action not in ("boss", "first_report", "choose"):
            return None
        if self.map is None or not self.row_count:
            return self.placeholder or t("keys.nothing_here")
        here = self.map.rows[min(self.cursor_row, self.row_count - 1)]
        if action == "boss" and here.boss is None:
            return t("influence.why.at_top", name=here.person.name)
        if action == "first_report":
            below = (
                self.map.rows[self.cursor_row + 1] if self.cursor_row + 1 < self.row_count else None
            )
            if below is None or below.boss != here.person.id:
                return t("influence.why.no_reports", name=here.person.name)
        return None

    def action_boss(self) -> None:
        if self.map and self.row_count:
            boss = self.map.rows[self.cursor_row].boss
            if boss is not None:
                self.select(boss)

    def action_first_report(self) -> None:
        if self.map and self.cursor_row + 1 < self.row_count:
            here, below = self.map.rows[self.cursor_row], self.map.rows[self.cursor_row + 1]
            if below.boss == here.person.id:
                self.cursor_row += 1

    def action_choose(self) -> None:
        contact = self.selected_id
        if contact is not None:
            self.post_message(self.Chosen(self, contact))

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < self.row_count:
            self.cursor_row = row
            if event.chain == 2:
                self.action_choose()
