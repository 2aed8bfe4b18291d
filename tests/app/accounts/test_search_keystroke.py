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
