"""A search keystroke is answered as it is handled: the field and the list change together."""

from __future__ import annotations

from katerm.app.accounts.screen import AccountsScreen
from katerm.app.widgets.lazy_table import LazyTable
from tests.app.conftest import settle


async def test_each_letter_typed_shows_its_matches_at_once_without_a_worker(
    workspace, sample, make_app, monkeypatch
):
    """A search in the index in memory takes milliseconds; handing it to a thread and its
    answer back cost more than the search, and painted the field and the rows in two frames
    (issue 19). Every letter is answered in turn: the last one typed is the one shown."""
    handed: list[str] = []
    to_worker = AccountsScreen.run_query

    def run_query(self, query):
        handed.append(query.text)
        return to_worker(self, query)

    monkeypatch.setattr(AccountsScreen, "run_query", run_query)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountsScreen) and screen.index is not None
        handed.clear()
        table = screen.query_one(LazyTable)
        await pilot.press("slash")
        for typed in ("a", "ac", "acm"):
            await pilot.press(typed[-1])
            # No pause: the rows are those of the text in the field, as the key is handled.
            assert screen.shown_query is not None and screen.shown_query.text == typed
            shown = [table._row_cells(r)[0] for r in range(table.row_count)]
            assert shown and all(typed in name.casefold() for name in shown), shown
        assert handed == []


async def test_each_letter_is_painted_in_one_frame_with_its_rows(
    workspace, sample, make_app, monkeypatch
):
    """A letter and the rows it finds are painted together, in one frame: the search runs
    inside the keystroke. Run on the field's Changed message, it was handled after the field
    alone had asked for a repaint: two frames per letter, the second one the list (issue 19)."""
    from textual.screen import Screen
    from textual.widgets import Input

    frames: list[tuple[str, str | None]] = []
    paint = Screen._compositor_refresh

    def refresh(self):
        if isinstance(self, AccountsScreen) and self.shown_query is not None:
            frames.append((self.query_one("#search", Input).value, self.shown_query.text))
        return paint(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", refresh)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        for typed, key in (("a", "a"), ("ac", "c"), ("acm", "m"), ("ac", "backspace")):
            frames.clear()
            await pilot.press(key)
            await settle(pilot)
            assert frames == [(typed, typed)]


async def test_the_columns_keep_their_widths_through_a_search_and_its_clearing(
    workspace, sample, make_app
):
    """A search narrows the same list: its columns keep the widths measured on the whole list,
    so nothing jumps at each letter and clearing the search gives back the same layout (the
    walk saw the name widen and Industry narrow after a search, and another layout after
    clearing it). A keystroke then measures no rows either."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(LazyTable)

        def widths() -> list[tuple[str, int]]:
            return [(column.key, width) for column, width in table._layout]

        start = widths()
        await pilot.press("slash")
        for key in "rob":
            await pilot.press(key)
            await settle(pilot)
            assert widths() == start
        assert 0 < table.row_count < len(sample)  # narrowed: Acme Robotics
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.shown_query.text == "" and widths() == start
