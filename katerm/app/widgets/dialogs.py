"""Small modal dialogs: confirm, and the delete-with-undo flow every screen uses."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from katerm.app.context import katerm_app, workspace_of
from katerm.app.localize import Localized
from katerm.i18n import t


class ConfirmScreen(Localized, ModalScreen[bool]):
    """Ask before an action. The action is the focused button, so Enter (or y) does it;
    Escape (or n) cancels. Each button shows its key."""

    BINDINGS = [
        Binding("y", "answer(True)", "keys.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "keys.no", id="confirm.no"),
    ]

    def __init__(self, question: str, *, yes: str | None = None, danger: bool = True) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes or t("dialog.yes")
        self.danger = danger

    def compose(self) -> ComposeResult:
        from katerm.app.widgets.leaving import with_key

        with Vertical(id="dialog"):
            # No markup: questions quote names, which may hold brackets.
            yield Static(self.question, id="question", markup=False)
            with Horizontal(id="buttons"):
                yield Button(
                    with_key(self.yes_label, "Enter"),
                    id="yes",
                    variant="error" if self.danger else "primary",
                )
                yield Button(with_key(t("dialog.cancel"), "Esc"), id="no")

    def on_mount(self) -> None:
        dialog = self.query_one("#dialog")
        # The stylesheet's width is the widest a question gets; the box then fits the text.
        self._widest = int(dialog.styles.width.value) if dialog.styles.width else 64
        self._fit()
        self.query_one("#yes", Button).focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Size the box to the question (terminal cells, so Chinese counts double): a short
        question on one line, a longer one in lines of about equal length, never a lone word
        or "吗？" on the last line; never narrower than the buttons."""
        from fractions import Fraction

        from katerm.app.cjkwrap import snug_width

        dialog = self.query_one("#dialog")
        size = self.size
        limit = dialog.styles.max_width
        widest = self._widest
        if limit is not None:
            widest = min(widest, int(limit.resolve(size, size)))
        chrome = dialog.styles.gutter.width
        one = Fraction(1)
        buttons = 0
        for button in self.query(Button):
            box = button._get_box_model(size, size, one, one)
            buttons += int(box.width) + box.margin.width
        room = widest - chrome
        dialog.styles.width = snug_width(self.question, room, min(buttons, room)) + chrome

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


def confirm_delete(app: App, table: str, row_id: str, label: str, after: object = None) -> None:
    """Ask, then tombstone the record in a worker; the app offers undo (u)."""

    def answered(yes: bool | None) -> None:
        if yes:
            _delete(app, table, row_id, label, after)

    app.push_screen(
        ConfirmScreen(t("dialog.delete_question", label=label), yes=t("dialog.delete")), answered
    )


def _delete(app: App, table: str, row_id: str, label: str, after: object) -> None:
    from katerm.core.accounts import delete_record
    from katerm.core.errors import KatermError

    def job() -> None:
        try:
            delete_record(workspace_of(app), table, row_id)
        except KatermError as exc:
            app.call_from_thread(app.notify, str(exc), severity="error")
            return
        app.call_from_thread(katerm_app(app).remember_delete, table, row_id, label)
        app.call_from_thread(katerm_app(app).data_changed)
        if callable(after):
            app.call_from_thread(after)

    app.run_worker(job, thread=True, exit_on_error=False, group="delete")
