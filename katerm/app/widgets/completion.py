"""A name field with a drop-down of the names that match what is typed.

Textual's own ``Suggester`` completes one name in place (a prefix, as grey text): not enough
when ``sky`` could be Skyhaven or Skystream. :class:`NameInput` asks its ``lookup`` (a plain
function over the database, run off the UI thread) for every name that matches and shows them
in a :class:`Matches` list framed under the field, its keys in the frame. ``↓`` / ``↑``
choose, ``Enter`` or ``Tab`` take the highlighted name, ``Esc`` closes the list (a second
``Esc`` reaches the dialog). While the list is closed those keys do what they do in any field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on, work
from textual.actions import SkipAction
from textual.binding import Binding
from textual.events import Blur
from textual.widgets import Input, OptionList

from katerm.app.styles import tcss
from katerm.i18n import t

Lookup = Callable[[str], Sequence[str]]


class Matches(OptionList):
    """The pick list under a :class:`NameInput`: framed, its keys in the frame, never focused.

    It pushes the fields below down rather than being drawn over them: drawn over the Date row
    without a frame, the first name read as if it had replaced the date (newcomer walk).
    """

    DEFAULT_CSS = tcss(__file__, "completion.tcss")
    can_focus = False

    def on_mount(self) -> None:
        self.border_subtitle = t("keys.matches_hint")


class NameInput(Input):
    """An ``Input`` that offers the names its ``lookup`` finds for the text typed."""

    BINDINGS = [
        Binding("down", "next_match", "keys.next_match", id="complete.next", show=False),
        Binding("up", "previous_match", "keys.previous_match", id="complete.previous", show=False),
        Binding("enter", "take_match(True)", "keys.take_match", id="complete.enter", show=False),
        Binding("tab", "take_match", "keys.take_match", id="complete.take", show=False),
        Binding("escape", "close_matches", "keys.close_matches", id="complete.close", show=False),
    ]

    def __init__(self, *, placeholder: str = "", id: str | None = None, classes: str = "") -> None:
        # The caret at the end, the text not selected: a key typed adds to the name.
        super().__init__(
            placeholder=placeholder, id=id, classes=classes, compact=True, select_on_focus=False
        )
        self.lookup: Lookup | None = None
        # Told what was typed when the lookup finds nothing: an empty drop-down said nothing,
        # and the user could not tell a typo from a search still running.
        self.nothing_found: Callable[[str], object] | None = None
        self.matches = Matches(id=f"matches-{id}" if id else None)
        self._taken: str | None = None  # the value the user just took: no list for it

    # --- the list ------------------------------------------------------------------------
    @property
    def open(self) -> bool:
        return self.matches.display and self.matches.option_count > 0

    def close(self) -> None:
        self.matches.display = False

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        if self.lookup is None or not self.value.strip() or self.value == self._taken:
            self.close()
            return
        self._find(self.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="name-matches")
    def _find(self, text: str) -> None:
        assert self.lookup is not None
        names = list(self.lookup(text))
        self.app.call_from_thread(self._show, text, names)

    def _show(self, text: str, names: list[str]) -> None:
        if text != self.value or not self.has_focus:
            return  # typed on since, or left the field: an old answer
        if not names and self.nothing_found is not None:
            self.nothing_found(text)
        if names == [self.value]:
            names = []  # exactly what is typed: nothing to offer
        self.matches.set_options(names)
        self.matches.display = bool(names)
        if names:
            self.matches.highlighted = 0

    def _on_blur(self, event: Blur) -> None:
        super()._on_blur(event)
        self.close()

    # --- keys (they pass on while the list is closed) -------------------------------------
    def action_next_match(self) -> None:
        self._move(+1)

    def action_previous_match(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        if not self.open:
            raise SkipAction()
        last = self.matches.option_count - 1
        now = self.matches.highlighted or 0
        self.matches.highlighted = min(max(now + step, 0), last)

    async def action_take_match(self, enter: bool = False) -> None:
        if not self.open or self.matches.highlighted is None:
            if enter:
                await self.action_submit()  # what Enter does in any field
                return
            raise SkipAction()
        option = self.matches.get_option_at_index(self.matches.highlighted)
        self.taken(str(option.prompt))

    def taken(self, name: str) -> None:
        """Fill in ``name`` as a choice made (no list offered for it), the cursor after it."""
        self._taken = name
        self.value = name
        self.cursor_position = len(name)
        self.close()

    def action_close_matches(self) -> None:
        if not self.open:
            raise SkipAction()
        self.close()
