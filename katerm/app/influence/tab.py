"""The influence map on the account screen: the warnings and the tree, read-only; o (or
Enter on a person) opens the full map to edit it. Also the warnings list both share."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from katerm.app.context import katerm_app, on_data_change, workspace_of
from katerm.app.influence.tree import InfluenceTree
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.core.influence import InfluenceMap, heading
from katerm.i18n import t, tn


def heading_text(found: InfluenceMap) -> str:
    count = len(found.warnings)
    return f"{heading(found)} · " + (tn("influence.warning_count", count) if count else "✓")


class WarningsList(OptionList):
    """The map's warnings, each saying what to do next; Enter selects the people it names."""

    DEFAULT_CSS = tcss(__file__, "warnings_list.tcss")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._contacts: list[tuple[str, ...]] = []

    def show(self, found: InfluenceMap | None) -> None:
        self.clear_options()
        self._contacts = []
        if found is None or not found.people:
            self.display = False
            return
        self.display = True
        if not found.warnings:
            self.add_option(Option("✓ " + t("influence.warnings_none"), disabled=True))
            return
        seen: dict[str, int] = {}
        for warning in found.warnings:
            # A code can come twice (the iron triangle's, one per role): ids stay unique.
            n = seen[warning.code] = seen.get(warning.code, 0) + 1
            key = warning.code if n == 1 else f"{warning.code}-{n}"
            self.add_option(Option(Text(f"⚠ {warning.message}"), id=key))
            self._contacts.append(warning.contacts)

    def contacts_of(self, index: int) -> tuple[str, ...]:
        return self._contacts[index] if 0 <= index < len(self._contacts) else ()


class InfluenceTab(Localized, Vertical):
    BINDINGS = [Binding("o", "open_map", "keys.open_map", id="influence.open_map")]
    DEFAULT_CSS = tcss(__file__, "influence_tab.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        yield Static(t("influence.loading"), id="tab-summary", markup=False)
        yield WarningsList()
        tree = InfluenceTree()
        tree.placeholder = t("influence.loading")
        yield tree
        yield Static(t("influence.open_hint"), id="tab-hint")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="influence-tab")
    def load(self) -> None:
        from katerm.core.errors import NotFound
        from katerm.core.influence import read_map

        try:
            found = read_map(workspace_of(self).db, self.account_id)
        except NotFound:
            return
        self.app.call_from_thread(self._show, found)

    def _show(self, found: InfluenceMap) -> None:
        self.query_one("#tab-summary", Static).update(heading_text(found))
        self.query_one(WarningsList).show(found)
        tree = self.query_one(InfluenceTree)
        tree.placeholder = t("influence.empty")
        tree.show(found)

    @on(InfluenceTree.Chosen)
    @on(OptionList.OptionSelected)
    def action_open_map(self) -> None:
        katerm_app(self).current_account_id = self.account_id
        self.app.switch_mode("influence")
