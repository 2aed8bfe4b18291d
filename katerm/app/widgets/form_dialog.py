"""A modal edit form for any record: fields, inline errors, save in a worker.

The dialog knows nothing of what it edits: it is given the fields, their current values and a
``save(values)`` function that runs in a worker thread and raises
:class:`~katerm.core.errors.ValidationFailed` for bad fields (shown beside them; nothing is
saved) or another :class:`~katerm.core.errors.KatermError` (shown as a notification).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from katerm.app.context import katerm_app
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.form import FieldSpec, Form
from katerm.app.widgets.leaving import HoldsInput, with_key
from katerm.app.widgets.saving import save_in_worker
from katerm.i18n import t


class FormDialog(HoldsInput, Localized, ModalScreen[bool]):
    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="form.save", priority=True),
        Binding("escape", "leave", "keys.cancel", id="form.cancel"),
    ]
    DEFAULT_CSS = tcss(__file__, "form_dialog.tcss")

    def __init__(
        self,
        title: str,
        specs: Sequence[FieldSpec],
        values: Mapping[str, Any],
        save: Callable[[dict[str, Any]], object],
        *,
        note: str = "",
        saved_message: str = "",
        changed_only: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.specs = list(specs)
        self.initial = dict(values)
        self.save_values = save
        self.note = note
        self.saved_message = saved_message or t("account.saved")
        self.changed_only = changed_only

    def compose(self) -> ComposeResult:
        short = len(self.specs) <= 4 and not any(s.kind == "notes" for s in self.specs)
        with Vertical(id="dialog", classes="form-dialog -short" if short else "form-dialog"):
            yield Static(self.title_text, id="question")
            if self.note:
                yield Static(self.note, id="form-note")
            yield Form(self.specs, id="dialog-form")
            with Horizontal(id="buttons"):
                yield Button(t("account.save_button"), id="save", variant="primary")
                yield Button(with_key(t("dialog.cancel"), "Esc"), id="cancel")

    def on_mount(self) -> None:
        form = self.query_one(Form)
        if self.query_one("#dialog").has_class("-short"):
            # Snug: as tall as its few fields. Inline, because form_dialog.tcss's -short rule
            # lost to app.tcss's 90% for every form dialog (a one-field dialog stood 22 rows
            # tall at 80x24, mostly blank).
            self.query_one("#dialog").styles.height = "auto"
            form.styles.height = "auto"
        form.set_values(self.initial)
        if self.specs:
            form.control(self.specs[0].name).focus()

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        return self.query_one(Form).dirty

    def unsaved_title(self) -> str:
        return self.title_text

    def drop_input(self) -> None:
        self.dismiss(False)

    def save_input(self, then: Callable[[bool], object]) -> None:
        self.action_save(then)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_leave()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self, then: Callable[[bool], object] | None = None) -> None:
        form = self.query_one(Form)
        values = form.changed_values() if self.changed_only else form.values()
        if self.changed_only and not values:
            self.dismiss(False)
            if then:
                then(True)
            return
        self._save(values, then or (lambda ok: None))

    def _save(self, values: dict[str, Any], then: Callable[[bool], object]) -> None:
        def saved(_: object) -> None:
            self._done()
            then(True)

        def invalid(errors: dict[str, str]) -> None:
            self._invalid(errors)
            then(False)

        save_in_worker(
            self,
            lambda: self.save_values(values),
            group="form-save",
            saved=saved,
            invalid=invalid,
            failed=lambda: then(False),
        )

    def _invalid(self, errors: dict[str, str]) -> None:
        form = self.query_one(Form)
        known = {s.name for s in self.specs}
        form.show_errors({k: v for k, v in errors.items() if k in known})
        stray = [v for k, v in errors.items() if k not in known]
        if stray:  # an error about something the form does not show (a link, a rule)
            self.notify(" ".join(stray), severity="error")

    def _done(self) -> None:
        katerm_app(self).data_changed()
        self.notify(self.saved_message, timeout=3)
        self.dismiss(True)
