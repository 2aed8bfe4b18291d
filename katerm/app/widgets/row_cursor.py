"""Cursor keys shared by the lists drawn row by row (the lazy table, the influence tree)."""

from __future__ import annotations


class RowCursor:
    """Up/down, page and first/last for a widget with ``cursor_row``, ``row_count`` and
    ``visible_rows``; the cursor never leaves the rows."""

    cursor_row: int

    @property
    def row_count(self) -> int:
        """How many rows there are (the widget says)."""
        raise NotImplementedError

    @property
    def visible_rows(self) -> int:
        """How many rows fit on screen (the widget says)."""
        raise NotImplementedError

    def _move_to(self, row: int) -> None:
        if self.row_count:
            self.cursor_row = max(0, min(self.row_count - 1, row))

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor_row + direction * self.visible_rows)

    def action_jump(self, where: int) -> None:
        self._move_to(self.row_count - 1 if where < 0 else where)
