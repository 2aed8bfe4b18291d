"""One rule for leaving: input the user typed is never dropped without asking.

Every screen, dialog or pane where the user types something that is saved on request is a
:class:`HoldsInput`. Leaving it (Esc, Cancel, or quitting the app by any route) with unsaved
input asks one question, the same everywhere: **save**, **discard** or **stay**
(:class:`LeaveDialog`). Save is the focused button (Enter), so the quickest answer never loses
anything. ``tests/app/test_leaving.py`` opens every one of them and checks the rule; a new
form that does not follow it fails there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.i18n import t

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

    _Node = DOMNode
else:
    _Node = object

SAVE, DISCARD, STAY = "save", "discard", "stay"


class HoldsInput(_Node):
    """Mixed into a screen, dialog or pane that holds input the user saves on request."""

    def unsaved(self) -> bool:
        """True when leaving now would lose something the user typed or chose."""
        raise NotImplementedError

    def unsaved_title(self) -> str:
        """What holds the input, as the question names it ("New account", "Log an activity")."""
        return ""

    def save_input(self, then: Callable[[bool], object]) -> None:
        """Save what was typed, as Ctrl+S does; ``then(True)`` once saved, ``then(False)``
        when it was refused (the errors are shown beside the fields)."""
        raise NotImplementedError

    def drop_input(self) -> None:
        """Leave without saving (close the dialog, go back, put the form away)."""
        raise NotImplementedError

    def action_leave(self) -> None:
        """Esc and Cancel: leave at once when nothing would be lost, else ask."""
        leave(self)


def leave(holder: HoldsInput) -> None:
    """Leave ``holder``: at once when nothing would be lost; else save, discard or stay."""
    if not holder.unsaved():
        holder.drop_input()
        return

    def answered(choice: str | None) -> None:
        if choice == SAVE:
            holder.save_input(lambda ok: None)
        elif choice == DISCARD:
            holder.drop_input()

    holder.app.push_screen(LeaveDialog([holder.unsaved_title()]), answered)


def holders(app: App[Any]) -> Iterator[HoldsInput]:
    """Every holder of input in the app: on every screen of every mode, dialogs included."""
    stacks: dict[str, list[Screen[Any]]] = app._screen_stacks
    seen: set[int] = set()
    for stack in stacks.values():
        for screen in stack:
            if id(screen) in seen:
                continue
            seen.add(id(screen))
            if isinstance(screen, HoldsInput):
                yield screen
            for node in screen.query("*"):
                if isinstance(node, HoldsInput):
                    yield node


def unsaved_holders(app: App[Any]) -> list[HoldsInput]:
    return [h for h in holders(app) if h.unsaved()]


def quit_asking(app: App[Any], exit: Callable[[], object]) -> None:
    """Quit (Ctrl+Q, the palette's Quit): at once when nothing would be lost; else ask, and
    on "save" save each holder in turn and quit only when every one of them was saved."""
    pending = unsaved_holders(app)
    if not pending:
        exit()
        return

    def answered(choice: str | None) -> None:
        if choice == DISCARD:
            exit()
        elif choice == SAVE:
            _save_all(app, list(pending), exit)

    titles = [h.unsaved_title() for h in pending]
    app.push_screen(LeaveDialog(titles, quitting=True), answered)


def _save_all(app: App[Any], pending: list[HoldsInput], exit: Callable[[], object]) -> None:
    if not pending:

        async def finish() -> None:
            await app.workers.wait_for_complete()  # the last writes reach the database
            exit()

        app.call_later(finish)
        return
    holder = pending.pop(0)

    def then(ok: bool) -> None:
        if ok:
            _save_all(app, pending, exit)
        else:
            show(app, holder)
            app.notify(t("leaving.not_saved"), severity="error", timeout=6)

    holder.save_input(then)


def show(app: App[Any], holder: HoldsInput) -> None:
    """Bring the screen holding ``holder`` to the front (its mode, if another)."""
    screen = holder if isinstance(holder, Screen) else holder.screen
    for mode, stack in app._screen_stacks.items():
        if screen in stack and mode != app.current_mode:
            app.switch_mode(mode)


def with_key(label: str, key: str) -> str:
    """A button's label with the key that presses it: ``Save (Enter)``."""
    return t("dialog.with_key", label=label, key=key)


class LeaveDialog(Localized, ModalScreen[str]):
    """Save (Enter), discard (d) or stay (Esc): the one question before input could be lost."""

    BINDINGS = [
        Binding("escape", "answer('stay')", "leaving.stay", id="leaving.stay"),
        Binding("d", "answer('discard')", "leaving.discard", id="leaving.discard"),
        Binding("s", "answer('save')", "leaving.save", id="leaving.save", show=False),
    ]
    DEFAULT_CSS = tcss(__file__, "leave_dialog.tcss")

    def __init__(self, titles: Sequence[str], *, quitting: bool = False) -> None:
        super().__init__()
        self.titles = [x for x in titles if x]
        self.quitting = quitting

    def compose(self) -> ComposeResult:
        # A title that quotes a name (编辑“能耗监测”) is not quoted again, and one ending in a
        # full stop ("… Co., Ltd.") does not get a second one.
        what = t("dialog.names", names=list(self.titles))
        if self.quitting and what.endswith("."):  # the question's own stop ends it
            what = what[:-1]
        if not self.quitting and ("“" in what or "”" in what):
            question = t("leaving.question_quoted", what=what)
        elif self.quitting:
            question = t("leaving.quit_question", what=what) if what else t("leaving.quit_plain")
        else:
            question = t("leaving.question", what=what) if what else t("leaving.plain")
        save = t("leaving.save_quit") if self.quitting else t("leaving.save")
        discard = t("leaving.discard_quit") if self.quitting else t("leaving.discard")
        with Vertical(id="leave-box"):
            yield Static(question, id="leave-question", markup=False)
            with Horizontal(id="leave-buttons"):
                yield Button(with_key(save, "Enter"), id="save", variant="primary", compact=True)
                yield Button(with_key(discard, "d"), id="discard", variant="error", compact=True)
                yield Button(with_key(t("leaving.stay"), "Esc"), id="stay", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or STAY)

    def action_answer(self, choice: str) -> None:
        self.dismiss(choice)
