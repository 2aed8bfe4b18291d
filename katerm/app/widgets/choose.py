"""A small modal list to choose one of a few things (a kind of entry, a milestone, a status)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from katerm.app.keynames import keys_line
from katerm.app.localize import Localized
from katerm.app.styles import tcss


class ChoiceScreen(Localized, ModalScreen[str | None]):
    """Arrows and Enter pick one of ``options`` ((label, value) pairs); Escape cancels. A line
    under the list says those keys (the team picker of the evening review said none), from
    the bindings, so a remapped key shows as it is."""

    BINDINGS = [
        Binding("enter", "choose", "keys.choose", id="choice.choose"),
        Binding("escape", "cancel", "keys.cancel", id="choice.cancel"),
    ]
    DEFAULT_CSS = tcss(__file__, "choice_screen.tcss")

    def __init__(
        self, title: str, options: Sequence[tuple[str, str]], *, current: str | None = None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.options = list(options)
        self.current = current  # the value the cursor starts on

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(self.title_text, id="choice-title")
            yield OptionList(*(Option(label, id=value) for label, value in self.options))
            yield Static(keys_line(self, "choice.choose", "choice.cancel"), id="choice-keys")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.focus()
        values = [value for _, value in self.options]
        if self.current in values:
            choices.highlighted = values.index(self.current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self) -> None:
        """Enter when the list does not take it (it has the focus, and picks on Enter itself)."""
        choices = self.query_one(OptionList)
        if choices.highlighted is not None:
            self.dismiss(choices.get_option_at_index(choices.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)
