"""A table that draws only the rows on screen, so 100,000 rows cost what 30 do.

Textual's ``DataTable`` builds every row up front (~25 s for 100k rows); this widget asks a
callback for the cells of the visible rows only. Columns have a priority: on a narrow terminal
the least important ones are hidden instead of squeezing everything into illegibility. Widths
are measured in terminal cells, so Chinese text lines up and is never cut mid-character.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.row_cursor import RowCursor
from katerm.i18n import t


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    min_width: int
    priority: int = 0  # lower is more important; hidden last
    numeric: bool = False
    grow: int = 0  # share of spare width
    # Short values read only whole (a person's name: "Danie…" names no one): the column gets
    # its values' width before the growing columns grow past NAME_ROOM.
    whole: bool = False


def fit_cell(text: str, width: int, numeric: bool = False) -> str:
    """``text`` in exactly ``width`` cells: padded (numbers to the right), or cut with an
    ellipsis so a cut name never looks whole ("Goldenbrook Microelectro…")."""
    used = cell_len(text)
    if used <= width:
        return " " * (width - used) + text if numeric else text + " " * (width - used)
    if width < 2:
        return set_cell_size(text, width)
    cut = set_cell_size(text, width - 1).rstrip(" ") + "…"  # a CJK cell spare: "带… ", not "带 …"
    return cut + " " * (width - cell_len(cut))


def fit_columns(
    columns: Sequence[Column],
    width: int,
    content: Mapping[str, int] | None = None,
    sorted_key: str | None = None,
) -> list[tuple[Column, int]]:
    """Pick the columns that fit in ``width`` cells (most important first) and size them.

    ``content`` is how wide each column's values are (cells). A column takes at least its
    header and its values up to its ``min_width`` (narrow values: less); columns are hidden,
    least important first, until those fit. The room left goes to the names (the growing
    columns) up to their values' width first, then to the other columns up to theirs, then
    to the names again. Columns of short names (``whole``: an owner) come first of all: the
    growing columns reach ``NAME_ROOM`` cells, then those get their values' width. While a
    name (a growing column of priority 0 or 1) is cut short of ``NAME_ROOM`` cells, the
    optional columns (priority 5 and beyond) are hidden first; the essential ones (the
    pipeline's order state, a gap's due date…) stay while they fit. While a short name is
    cut, the optional columns less important than it are hidden.
    The column sorted on (``sorted_key``) has room for its arrow after the header (Tier▲).
    """
    content = content or {}

    def floor(c: Column) -> int:
        values = content.get(c.key)
        least = c.min_width if values is None else min(values, c.min_width)
        return max(cell_len(c.label) + (c.key == sorted_key), least)

    chosen = sorted(columns, key=lambda c: c.priority)
    while chosen:
        needed = sum(floor(c) + 2 for c in chosen)
        if needed <= width or len(chosen) == 1:
            break
        chosen.pop()  # drop the least important
    while True:
        widths = _sized([c for c in columns if c in chosen], width, content, floor)
        # A name cut short of NAME_ROOM hides the optional columns, least important first.
        starved = [
            c
            for c in chosen
            if c.grow
            and c.priority <= NAME_PRIORITY
            and widths[c.key] < min(content.get(c.key, 0), max(c.min_width, NAME_ROOM))
        ]
        optional = [c for c in chosen if not c.grow and c.priority >= OPTIONAL_PRIORITY]
        if not starved:  # a short name cut: the optional columns less important than it go
            cut = [c for c in chosen if c.whole and widths[c.key] < content.get(c.key, 0)]
            optional = [c for c in optional if cut and c.priority > cut[0].priority]
        if not optional:
            break
        chosen.remove(optional[-1])
    return [(c, widths[c.key]) for c in columns if c in chosen]


NAME_ROOM = 24  # a name gets this many cells (or all it needs) before an optional column
NAME_PRIORITY = 1  # the names: growing columns this important
OPTIONAL_PRIORITY = 5  # columns this unimportant give way to the names; the others stay


def _sized(
    keep: list[Column], width: int, content: Mapping[str, int], floor: Callable[[Column], int]
) -> dict[str, int]:
    widths = {c.key: floor(c) for c in keep}
    spare = max(0, width - sum(w + 2 for w in widths.values()))
    growers = [c for c in keep if c.grow] or keep[:1]
    others = sorted((c for c in keep if c not in growers), key=lambda c: c.priority)

    def fill(group: list[Column], spare: int, cap: int | None = None) -> int:
        """Widen ``group`` towards its values' width (or ``cap`` cells, if less, and not below
        where a column is), shared by weight; the room left."""

        def goal(c: Column) -> int:
            full = content.get(c.key, 0)
            return full if cap is None else min(full, max(widths[c.key], cap))

        goals = {c.key: goal(c) for c in group}
        needy = [c for c in group if widths[c.key] < goals[c.key]]
        while spare and needy:
            for c in needy:
                add = min(c.grow or 1, goals[c.key] - widths[c.key], spare)
                widths[c.key] += add
                spare -= add
            needy = [c for c in needy if widths[c.key] < goals[c.key]]
        return spare

    whole = [c for c in others if c.whole]
    if whole:  # the growers to NAME_ROOM, then the short names whole, before growing on
        spare = fill(growers, spare, NAME_ROOM)
        for c in whole:
            spare = fill([c], spare)
    spare = fill(growers, spare)
    for c in others:  # one at a time, most important first: whole values, not all cut
        spare = fill([c], spare)
    total_grow = sum(c.grow or 1 for c in growers)
    for c in growers:
        widths[c.key] += spare * (c.grow or 1) // total_grow
    return widths


SAMPLE_ROWS = 400  # rows measured for the columns' widths (spread over a long table)


def sample_rows(count: int) -> range | list[int]:
    """The rows measured for the columns' widths: all of a short table, a spread of a long one."""
    if count <= SAMPLE_ROWS:
        return range(count)
    step = count / SAMPLE_ROWS
    return [int(i * step) for i in range(SAMPLE_ROWS)]


class LazyTable(RowCursor, Localized, ScrollView, can_focus=True):
    """Rows come from ``cells(row) -> list[str]``; ``row_count`` says how many there are."""

    COMPONENT_CLASSES = {
        "lazy-table--header",
        "lazy-table--cursor",
        "lazy-table--odd",
        "lazy-table--sorted",
    }
    DEFAULT_CSS = tcss(__file__, "lazy_table.tcss")
    BINDINGS = [
        Binding("up", "cursor(-1)", "keys.up", show=False, id="table.up"),
        Binding("down", "cursor(1)", "keys.down", show=False, id="table.down"),
        Binding("pageup", "page(-1)", "keys.page_up", show=False, id="table.page_up"),
        Binding("pagedown", "page(1)", "keys.page_down", show=False, id="table.page_down"),
        Binding("home", "jump(0)", "keys.first", show=False, id="table.first"),
        Binding("end", "jump(-1)", "keys.last", show=False, id="table.last"),
        Binding("enter", "choose", "keys.open", id="table.open"),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class Chosen(Message):
        """The user pressed Enter on (or double-clicked) a row."""

        def __init__(self, table: LazyTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class Highlighted(Message):
        def __init__(self, table: LazyTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class HeaderClicked(Message):
        def __init__(self, table: LazyTable, column: str) -> None:
            super().__init__()
            self.table = table
            self.column = column

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = list(columns)
        self._row_count = 0
        self._cells: Callable[[int], Sequence[str]] = lambda row: ()
        self._cache: dict[int, Sequence[str]] = {}
        self._layout: list[tuple[Column, int]] = []
        self._content: dict[str, int] = {}
        self.sort_key: str | None = None
        self.sort_descending = False
        self.placeholder = ""
        self._wrapped: tuple[tuple[str, int], list[str]] | None = None
        self._repaint: tuple[Style, int] | None = None  # (style, width) while repainting

    # --- data ----------------------------------------------------------------------------
    def set_rows(
        self, count: int, cells: Callable[[int], Sequence[str]], *, keep_cursor: bool = False
    ) -> None:
        """Show ``count`` rows whose cells come from ``cells(row)`` (called lazily)."""
        had_rows = bool(self._row_count)
        self._row_count = count
        self._cells = cells
        self._cache.clear()
        self._measure()
        self._set_virtual_height(count + 1)
        row = min(self.cursor_row, max(0, count - 1)) if keep_cursor else 0
        if not keep_cursor:
            self.scroll_to(y=0, animate=False)
        self.cursor_row = row
        self.refresh()
        if had_rows != bool(count):
            # Keys that need a row (Enter, the screen's row actions) are dimmed or not by the
            # new rows: the footer must hear of it now, not at the next focus change.
            self.refresh_bindings()

    def _set_virtual_height(self, height: int) -> None:
        """The scrollable height, without a layout pass of the whole screen when only the
        scrollbar's thumb moves (a search keystroke re-laid and repainted every widget on the
        screen: two thirds of its time). Showing or hiding the scrollbar still lays out."""
        size = Size(self.size.width, height)
        if size == self.virtual_size:
            return
        self.set_reactive(ScrollView.virtual_size, size)
        # Updates the thumb; a scrollbar shown or hidden sets a reactive that lays out.
        self._scroll_update(size)
        self.refresh()

    def set_sort(self, key: str | None, descending: bool) -> None:
        changed = key != self.sort_key
        self.sort_key, self.sort_descending = key, descending
        if changed:  # the sorted column's header grows by its arrow
            self._relayout()
        else:
            self.refresh()

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self._measure()

    def _measure(self) -> None:
        """How wide each column's values are (a sample of a long table), then lay out."""
        widest: dict[str, int] = {}
        if self._row_count:
            keys = [c.key for c in self.columns]
            for row in sample_rows(self._row_count):
                for key, text in zip(keys, self._row_cells(row), strict=False):
                    widest[key] = max(widest.get(key, 0), cell_len(text))
        self._content = widest
        self._relayout()

    # --- layout --------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self.virtual_size = Size(self.size.width, self.row_count + 1)

    def _relayout(self) -> None:
        width = max(1, self.scrollable_content_region.width)
        self._layout = fit_columns(self.columns, width, self._content, self.sort_key)
        self.refresh()

    @property
    def row_count(self) -> int:
        return self._row_count

    @property
    def visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    # --- drawing -------------------------------------------------------------------------
    def _row_cells(self, row: int) -> Sequence[str]:
        cached = self._cache.get(row)
        if cached is None:
            if len(self._cache) > 512:
                self._cache.clear()
            cached = self._cells(row)
            self._cache[row] = cached
        return cached

    def _line(
        self, texts: Sequence[str], style: Style, width: int, styles: Sequence[Style] | None = None
    ) -> Strip:
        segments = []
        for i, ((column, col_width), text) in enumerate(zip(self._layout, texts, strict=False)):
            fitted = fit_cell(text, col_width, column.numeric)
            segments.append(Segment(f" {fitted} ", styles[i] if styles else style))
        strip = Strip(segments)
        return strip.extend_cell_length(width, style).crop(0, width)

    def _placeholder_lines(self, width: int) -> list[str]:
        """The placeholder wrapped to the table's width (Chinese between characters)."""
        if not self.placeholder:
            return []
        key = (self.placeholder, width)
        if self._wrapped is None or self._wrapped[0] != key:
            text = Text(self.placeholder)
            lines = [str(x) for x in text.wrap(self.app.console, max(1, width - 4))]
            self._wrapped = (key, lines)
        return self._wrapped[1]

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style and width once per repaint, not once per line: the style walks
        # every ancestor (~1 ms a line at the first paint, a third of drawing the table).
        self._repaint = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._repaint = None

    def render_line(self, y: int) -> Strip:
        base, width = self._repaint or (self.rich_style, self.scrollable_content_region.width)
        if not self._layout:
            self._layout = fit_columns(self.columns, max(1, width), self._content, self.sort_key)
        if y == 0:
            header = self.get_component_rich_style("lazy-table--header")
            sorted_style = self.get_component_rich_style("lazy-table--sorted")
            labels, styles = [], []
            for column, _ in self._layout:
                label = column.label
                if column.key == self.sort_key:
                    label = f"{label}{'▼' if self.sort_descending else '▲'}"
                labels.append(label)
                styles.append(sorted_style if column.key == self.sort_key else header)
            return self._line(labels, header, width, styles)
        row = self.scroll_offset.y + y - 1
        if row >= self.row_count:
            lines = self._placeholder_lines(width) if self.row_count == 0 else []
            if 0 <= y - 2 < len(lines):  # wrapped: at 80 columns it says what to do whole
                return Strip([Segment(set_cell_size(f"  {lines[y - 2]}", width), base)])
            return Strip.blank(width, base)
        if row == self.cursor_row:
            style = self.get_component_rich_style("lazy-table--cursor")
        elif row % 2:
            style = base + self.get_component_rich_style("lazy-table--odd")
        else:
            style = base
        cells = self._row_cells(row)
        by_key = dict(zip((c.key for c in self.columns), cells, strict=False))
        texts = [by_key.get(c.key, "") for c, _ in self._layout]
        if row != self.cursor_row:  # the cursor row keeps the cursor's colours
            extra = [self.cell_style(row, c.key) for c, _ in self._layout]
            if any(extra):
                return self._line(texts, style, width, [style + e if e else style for e in extra])
        return self._line(texts, style, width)

    def cell_style(self, row: int, key: str) -> Style | None:
        """A style laid over one cell (a subclass colours a value: a gap's heat); None: the
        row's own. Take it from a component class so it follows the theme."""
        return None

    # --- cursor --------------------------------------------------------------------------
    def watch_cursor_row(self, old: int, new: int) -> None:
        if self.row_count == 0:
            return
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + self.visible_rows:
            self.scroll_to(y=new - self.visible_rows + 1, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self, new))

    def action_choose(self) -> None:
        if self.row_count:
            self.post_message(self.Chosen(self, self.cursor_row))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "choose" and not self.row_count else True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Enter on an empty table says what its placeholder says (what to do instead)."""
        return (self.placeholder or t("keys.nothing_here")) if action == "choose" else None

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = event.x
            for column, col_width in self._layout:
                if x < col_width + 2:
                    self.post_message(self.HeaderClicked(self, column.key))
                    return
                x -= col_width + 2
            return
        row = self.scroll_offset.y + event.y - 1
        if 0 <= row < self.row_count:
            self.cursor_row = row
            if event.chain == 2:
                self.action_choose()
