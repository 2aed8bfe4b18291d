"""Mode 4: the relationship-gap table across every account I can see (portfolio view).

Overdue actions first, then gap × influence × account tier; filters for overdue, mine, tier
and role; edit a row (e or Enter), raise or lower the overall level (+ / −), mark the action
done (x). The table itself is :class:`~katerm.app.gaps.pane.GapPane`, shared with the
account screen's gaps tab.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header

from katerm.app.gaps.pane import GapPane
from katerm.app.gaps.table import GapTable
from katerm.app.localize import Localized
from katerm.app.widgets.chrome import AppFooter
from katerm.i18n import t


class GapsScreen(Localized, Screen):
    BINDINGS = [Binding("a", "open_account", "keys.gap_open_account", id="gaps.open_account")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield GapPane(id="gap-pane")
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("modes.gaps")
        self.query_one(GapTable).focus()

    def highlighted_account(self) -> str | None:
        """The account ``l`` (log an activity) is for."""
        view = self.query_one(GapPane).selected()
        return view.account_id if view else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_account" and self.query_one(GapPane).selected() is None:
            return None  # dimmed; pressing it says why
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        return self.query_one(GapPane).why_not("edit", ()) if action == "open_account" else None

    def action_open_account(self) -> None:
        """Open the selected person's account on its gaps tab."""
        view = self.query_one(GapPane).selected()
        if view is None:
            return
        from katerm.app.accounts.account import AccountScreen

        self.app.push_screen(AccountScreen(view.account_id, tab="gaps"))
