"""An account's contacts: the list on the account screen and the add/edit dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from katerm.app.context import katerm_app, on_data_change, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.columns import Column
from katerm.app.widgets.fitted_table import FittedTable
from katerm.app.widgets.form import FieldSpec, Form
from katerm.app.widgets.leaving import HoldsInput, with_key
from katerm.app.widgets.row_keys import NeedsARow
from katerm.app.widgets.saving import save_in_worker
from katerm.core import levels
from katerm.core.accounts import ContactRecord
from katerm.i18n import t, tn


def contact_columns() -> list[Column]:
    label = lambda key: t(f"fields.contact.{key}")  # noqa: E731
    return [
        Column("name", label("name"), 8, priority=0, grow=1),
        Column("title", label("title"), 8, priority=3, grow=1),
        Column("department", label("department"), 8, priority=5, grow=1),
        Column("level", label("level"), 6, priority=6),
        Column("phone", label("phone"), 8, priority=1, whole=True),  # never "+86 163 57…"
        Column("email", label("email"), 12, priority=2, grow=2),
    ]


def contact_fields() -> list[FieldSpec]:
    label = lambda key: t(f"fields.contact.{key}")  # noqa: E731
    return [
        FieldSpec("name", label("name")),
        FieldSpec("title", label("title")),
        FieldSpec("department", label("department")),
        FieldSpec("phone", label("phone")),
        FieldSpec("email", label("email")),
        # The one relationship level, as on the influence map and in the gap table.
        FieldSpec(
            "level",
            label("level"),
            kind="select",
            allow_blank=False,
            options=[(levels.label(n), str(n)) for n in range(levels.LOWEST, levels.HIGHEST + 1)],
        ),
        FieldSpec("birthday", label("birthday"), placeholder=t("fields.date_hint")),
        FieldSpec("notes", label("notes"), kind="notes"),
    ]


class ContactsPane(NeedsARow, Localized, Vertical):
    ON_A_ROW = ("edit", "delete")
    ADD = "contacts.add"
    BINDINGS = [
        Binding("a", "add", "keys.add_contact", id="contacts.add"),
        Binding("e", "edit", "keys.edit", id="contacts.edit"),
        Binding("d", "delete", "keys.delete", id="contacts.delete"),
    ]
    DEFAULT_CSS = tcss(__file__, "contacts_pane.tcss")

    def __init__(self, account_id: str | None) -> None:
        super().__init__()
        self.account_id = account_id
        self.contacts: list[ContactRecord] = []
        self.wanted: str | None = None  # a contact to put the cursor on once loaded
        self.hidden: list[str] = []  # the column labels the width hides

    def compose(self) -> ComposeResult:
        # Fitted to the width like the other tabs' tables: a plain DataTable ran off the right
        # edge at 80 columns and the edge cut e-mails with no … ("lu.dongping@cz-f").
        yield FittedTable(contact_columns(), id="contacts-table", on_hidden=self._hidden)
        yield Static("", id="contacts-summary")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="contacts-load")
    def load(self) -> None:
        if self.account_id is None:
            return
        from katerm.core.accounts import list_contacts

        contacts = list_contacts(workspace_of(self).db, self.account_id)
        self.app.call_from_thread(self._show, contacts)

    def _show(self, contacts: list[ContactRecord]) -> None:
        self.contacts = contacts
        table = self.query_one(DataTable)
        row = table.cursor_row
        assert isinstance(table, FittedTable)
        table.show(
            [
                (c.id, [c.name, c.title, c.department, levels.label(c.level), c.phone, c.email])
                for c in contacts
            ]
        )
        ids = [c.id for c in contacts]
        if self.wanted in ids:
            row, self.wanted = ids.index(self.wanted), None
            table.focus()
        if contacts:
            table.move_cursor(row=min(row, len(contacts) - 1))
        self._summarize()

    def _hidden(self, hidden: list[str]) -> None:
        self.hidden = hidden
        if self.is_mounted:
            self._summarize()

    def _summarize(self) -> None:
        summary = tn("contacts.count", len(self.contacts)) + "  ·  " + t("contacts.keys_hint")
        if self.hidden:  # the columns a narrow width hides, named as on the other tabs
            summary = t("dialog.hidden_columns", names=self.hidden) + "  " + summary
        self.query_one("#contacts-summary", Static).update(summary)

    def has_row(self) -> bool:
        return self._selected() is not None

    def _selected(self) -> ContactRecord | None:
        table = self.query_one(DataTable)
        if not self.contacts or table.cursor_row >= len(self.contacts):
            return None
        return self.contacts[table.cursor_row]

    @on(DataTable.RowSelected)
    def _chosen(self) -> None:
        self.action_edit()

    def action_add(self) -> None:
        if self.account_id:
            self.app.push_screen(ContactFormScreen(self.account_id, None))

    def action_edit(self) -> None:
        contact = self._selected()
        if contact and self.account_id:
            self.app.push_screen(ContactFormScreen(self.account_id, contact))

    def action_delete(self) -> None:
        contact = self._selected()
        if contact is None:
            return
        # As on the influence map: whoever reports to them moves up, never left dangling.
        from katerm.app.influence.dialogs import confirm_delete_person

        confirm_delete_person(self.app, contact.id, contact.name)


class ContactFormScreen(HoldsInput, Localized, ModalScreen[bool]):
    """Add or edit one contact; errors appear beside the fields, nothing saved until valid."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="contact.save", priority=True),
        Binding("escape", "leave", "keys.cancel", id="contact.cancel"),
    ]

    def __init__(self, account_id: str, contact: ContactRecord | None) -> None:
        super().__init__()
        self.account_id = account_id
        self.contact = contact

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="form-dialog"):
            yield Static(
                t("contacts.edit_title") if self.contact else t("contacts.new_title"), id="question"
            )
            yield Form(contact_fields(), id="contact-form")
            with Horizontal(id="buttons"):
                yield Button(t("account.save_button"), id="save", variant="primary")
                yield Button(with_key(t("dialog.cancel"), "Esc"), id="cancel")

    def on_mount(self) -> None:
        form = self.query_one(Form)
        if self.contact is not None:
            c = self.contact
            form.set_values(
                {
                    "name": c.name,
                    "title": c.title,
                    "department": c.department,
                    "level": str(c.level),
                    "phone": c.phone,
                    "email": c.email,
                    "birthday": c.birthday.isoformat() if c.birthday else "",
                    "notes": c.notes,
                }
            )
        form.control("name").focus()

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        return self.query_one(Form).dirty

    def unsaved_title(self) -> str:
        return self.contact.name if self.contact else t("contacts.new_title")

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
        values = form.values() if self.contact is None else form.changed_values()
        if not values:
            self.dismiss(False)
            if then:
                then(True)
            return
        self._save(values, then or (lambda ok: None))

    def _save(self, values: dict[str, Any], then: Callable[[bool], object]) -> None:
        from katerm.core.accounts import save_contact

        ws, contact_id = workspace_of(self), self.contact.id if self.contact else None

        def saved(_: object) -> None:
            self._done()
            then(True)

        def invalid(errors: dict[str, str]) -> None:
            self.query_one(Form).show_errors(errors)
            then(False)

        save_in_worker(
            self,
            lambda: save_contact(ws, self.account_id, contact_id, values),
            group="contact-save",
            saved=saved,
            invalid=invalid,
            failed=lambda: then(False),
        )

    def _done(self) -> None:
        katerm_app(self).data_changed()
        self.notify(t("contacts.saved"), timeout=3)
        self.dismiss(True)
