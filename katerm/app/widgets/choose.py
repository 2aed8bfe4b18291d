"""A small modal list to choose one of a few things (a kind of entry, a milestone, a status)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from katerm.app.keynames import keys_line
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.i18n import t


class ChoiceScreen(Localized, ModalScreen[str | None]):
    """Arrows and Enter pick one of ``options`` ((label, value) pairs); Escape cancels. A line
    under the list says those keys (the team picker of the evening review said none), from
    the bindings, so a remapped key shows as it is. ``numbered``: the labels show 1, 2, 3…,
    and typing a number picks that option (``1`` of fourteen waits for a second digit or
    Enter; ``5`` picks at once)."""

    BINDINGS = [
        Binding("enter", "choose", "keys.choose", id="choice.choose"),
        Binding("escape", "cancel", "keys.cancel", id="choice.cancel"),
    ]
    DEFAULT_CSS = tcss(__file__, "choice_screen.tcss")

    def __init__(
        self,
        title: str,
        options: Sequence[tuple[str, str]],
        *,
        current: str | None = None,
        numbered: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.options = list(options)
        self.current = current  # the value the cursor starts on
        self.numbered = numbered
        self._typed = ""  # the digits typed so far

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(self.title_text, id="choice-title")
            yield OptionList(*(Option(label, id=value) for label, value in self.options))
            keys = keys_line(self, "choice.choose", "choice.cancel")
            if self.numbered:  # a number goes there at once (the walk expected Enter to)
                span = f"1–{len(self.options)}" if len(self.options) > 1 else "1"
                number = t("keys.hint", key=span, what=t("keys.go_to_number"))
                keys = t("keys.hint_sep").join([number, keys])
            yield Static(keys, id="choice-keys")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.focus()
        values = [value for _, value in self.options]
        if self.current in values:
            choices.highlighted = values.index(self.current)

    def on_resize(self, event: events.Resize) -> None:
        # The list gives up rows before the keys line does: the box may take 90% of the
        # screen, less its border, title, keys line and their margins (a 14-tab list at 80x24
        # pushed the keys off the box).
        room = int(event.size.height * 0.9) - 6
        self.query_one(OptionList).styles.max_height = max(3, min(16, room))

    def on_key(self, event: events.Key) -> None:
        if not self.numbered:
            return
        if not (event.character and event.character.isdigit()):
            self._typed = ""
            return
        event.stop()
        typed = self._typed + event.character
        number = int(typed)
        if not 1 <= number <= len(self.options):
            self._typed = ""
            self.app.bell()
            return
        if number * 10 > len(self.options):  # no second digit can follow: this one
            self.dismiss(self.options[number - 1][1])
            return
        self._typed = typed  # 1 of fourteen: 1, or 10 to 14 with the next digit
        self.query_one(OptionList).highlighted = number - 1

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
