"""A table that draws only the rows on screen, so 100,000 rows cost what 30 do.

Textual's ``DataTable`` builds every row up front (~25 s for 100k rows); this widget asks a
callback for the cells of the visible rows only. Columns have a priority: on a narrow terminal
the least important ones are hidden instead of squeezing everything into illegibility. Widths
are measured in terminal cells, so Chinese text lines up and is never cut mid-character.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
from katerm.app.widgets.columns import (
    Column,
    fit_cell,
    fit_columns,
    sample_rows,
)
from katerm.app.widgets.row_cursor import RowCursor
from katerm.app.widgets.waiting import WaitsForData
from katerm.i18n import t


class LazyTable(RowCursor, WaitsForData, Localized, ScrollView, can_focus=True):
    """Rows come from ``cells(row) -> list[str]``; ``row_count`` says how many there are.
    While ``rows_coming`` (set by a pane that loads its rows), Enter waits for the rows and then
    opens the row under the cursor (WaitsForData)."""

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
        # Rows on their way: a key pressed meanwhile waits for them. (Not Textual's
        # ``loading``, which covers the widget with a spinner and takes its focus away.)
        self.rows_coming = False
        self._wrapped: tuple[tuple[str, int], list[str]] | None = None
        self._repaint: tuple[Style, int] | None = None  # (style, width) while repainting

    # --- data ----------------------------------------------------------------------------
    def set_rows(
        self,
        count: int,
        cells: Callable[[int], Sequence[str]],
        *,
        keep_cursor: bool = False,
        rows_coming: bool = False,
        measure: bool = True,
    ) -> None:
        """Show ``count`` rows whose cells come from ``cells(row)`` (called lazily);
        ``rows_coming``: they are on their way (a key pressed meanwhile waits for them);
        ``measure=False``: the columns keep their widths (a search within the same list: the
        columns do not jump at each letter, and the keystroke does not measure rows)."""
        was_coming, self.rows_coming = self.rows_coming, rows_coming
        had_rows = bool(self._row_count)
        self._row_count = count
        self._cells = cells
        self._cache.clear()
        if measure or not self._content:  # nothing measured yet (or no rows then)
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
        if was_coming and not rows_coming:
            self.data_arrived()

    def waiting_for_data(self) -> bool:
        return self.rows_coming

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
        used = 0  # each cell is exactly its column's width and a space each side (fit_cell)
        for i, ((column, col_width), text) in enumerate(zip(self._layout, texts, strict=False)):
            fitted = fit_cell(text, col_width, column.numeric)
            segments.append(Segment(f" {fitted} ", styles[i] if styles else style))
            used += col_width + 2
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        strip = Strip(segments, max(used, width))  # its length known: not measured again
        return strip.crop(0, width) if used > width else strip

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
