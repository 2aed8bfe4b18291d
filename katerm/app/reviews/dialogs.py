"""Small dialogs the review screens share: ask for a line of text, pick one of a list, give a
follow-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.leaving import HoldsInput, with_key
from katerm.i18n import t


class TextPrompt(HoldsInput, Localized, ModalScreen[str | None]):
    """One line of text; Enter accepts, Escape cancels (asking first if it was changed). The
    caller saves what it gets back."""

    DEFAULT_CSS = tcss(__file__, "text_prompt.tcss")
    BINDINGS = [Binding("escape", "leave", "keys.cancel", id="prompt.cancel")]

    def __init__(self, question: str, value: str = "", *, placeholder: str = "") -> None:
        super().__init__()
        self.question, self.value, self.placeholder = question, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            with Horizontal(id="buttons"):
                yield Button(with_key(t("reviews.ui.ok"), "Enter"), id="ok", variant="primary")
                yield Button(with_key(t("dialog.cancel"), "Esc"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        self.dismiss(self.query_one(Input).value)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_leave()

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        return self.query_one(Input).value != self.value

    def unsaved_title(self) -> str:
        return self.question

    def save_input(self, then: Callable[[bool], object]) -> None:
        self._accept()
        then(True)

    def drop_input(self) -> None:
        self.dismiss(None)


class FollowUpDialog(HoldsInput, Localized, ModalScreen[tuple[str, date | None] | None]):
    """What the seller should do and by when; checked before it closes."""

    DEFAULT_CSS = tcss(__file__, "follow_up_dialog.tcss")
    BINDINGS = [Binding("escape", "leave", "keys.cancel", id="follow_up.cancel")]

    def __init__(self, seller: str, default_due: date, today: date) -> None:
        super().__init__()
        self.seller, self.default_due, self.today = seller, default_due, today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                t("reviews.ui.follow_up_for", name=self.seller), id="question", markup=False
            )
            yield Input(placeholder=t("reviews.ui.follow_up_placeholder"), id="text")
            yield Input(self.default_due.isoformat(), placeholder=t("fields.date_hint"), id="due")
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(id="buttons"):
                yield Button(with_key(t("reviews.ui.ok"), "Enter"), id="ok", variant="primary")
                yield Button(with_key(t("dialog.cancel"), "Esc"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _accept(self) -> bool:
        from katerm.core.errors import BadInput
        from katerm.core.periods import parse_day

        text = self.query_one("#text", Input).value.strip()
        error = self.query_one("#error", Static)
        if not text:
            error.update(t("reviews.err.follow_up_empty"))
            self.query_one("#text", Input).focus()
            return False
        raw = self.query_one("#due", Input).value.strip()
        try:
            due = parse_day(raw, self.today) if raw else None
        except BadInput as exc:
            error.update(str(exc))
            self.query_one("#due", Input).focus()
            return False
        self.dismiss((text, due))
        return True

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_leave()

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        return bool(self.query_one("#text", Input).value.strip()) or (
            self.query_one("#due", Input).value != self.default_due.isoformat()
        )

    def unsaved_title(self) -> str:
        return t("reviews.ui.follow_up_for", name=self.seller)

    def save_input(self, then: Callable[[bool], object]) -> None:
        then(self._accept())

    def drop_input(self) -> None:
        self.dismiss(None)
