"""Quick-add an activity from any screen (key ``l``), pre-filled with the account in view.

The same checks as ``katerm log``: the account by name (suggested as you type), the contacts
met chosen from that account, local date and time; errors show beside the fields and nothing
is saved until every field is right.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, SelectionList, Static

from katerm.app.context import clock_of
from katerm.app.localize import Localized
from katerm.app.widgets.form import FieldSpec, Form
from katerm.core.reviews.activities import KINDS, SCENARIOS
from katerm.i18n import t


def activity_fields() -> list[FieldSpec]:
    label = lambda key: t(f"reviews.ui.field.{key}")  # noqa: E731
    return [
        FieldSpec("kind", label("kind"), kind="select", allow_blank=False,
                  options=[(t(f"reviews.kind.{k}"), k) for k in KINDS]),
        FieldSpec("account", label("account"), placeholder=t("reviews.ui.account_hint")),
        FieldSpec("date", label("date"), placeholder="YYYY-MM-DD"),
        FieldSpec("time", label("time"), placeholder="HH:MM"),
        FieldSpec("scenario", label("scenario"), kind="select", prompt="—",
                  options=[(t(f"reviews.scenario.{s}"), s) for s in SCENARIOS]),
        FieldSpec("note", label("note"), kind="notes"),
        FieldSpec("next_step", label("next_step")),
    ]


class AccountNames(Suggester):
    """Completes an account name the user can see, from the database, off the UI thread."""

    def __init__(self, ws: Any) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self.ws = ws

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip():
            return None
        return await asyncio.to_thread(self._lookup, value)

    def _lookup(self, value: str) -> str | None:
        from katerm.core.team import below

        if len(value) > 200:
            return None  # longer than any account name; SQLite refuses huge LIKE patterns
        pattern = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        with self.ws.db.reading() as conn:
            owners = below(conn, self.ws.me.id)
            marks = ", ".join("?" * len(owners))
            row = conn.execute(f"SELECT name FROM accounts WHERE deleted = 0 AND name LIKE ? "
                               f"ESCAPE '\\' AND owner_id IN ({marks}) ORDER BY length(name) "
                               "LIMIT 1", (pattern, *owners)).fetchone()
        return row[0] if row else None


class LogActivityScreen(Localized, ModalScreen[bool]):
    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="log.save", priority=True),
        Binding("escape", "cancel", "keys.cancel", id="log.cancel"),
    ]
    DEFAULT_CSS = """
    LogActivityScreen { align: center middle; background: $background 60%; }
    LogActivityScreen #contacts-label { height: 1; color: $text-muted; padding: 0 1; }
    LogActivityScreen #contacts { height: auto; max-height: 5; border: none;
                                  padding: 0 1; }
    LogActivityScreen #contacts-error { color: $error; height: auto; padding: 0 1; }
    """

    def __init__(self, account_id: str | None = None) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="form-dialog"):
            yield Static(t("reviews.ui.log_title"), id="question")
            yield Form(activity_fields(), id="activity-form")
            yield Static(t("reviews.ui.field.contacts"), id="contacts-label")
            yield SelectionList[str](id="contacts")
            yield Static("", id="contacts-error")
            with Horizontal(id="buttons"):
                yield Button(t("account.save_button"), id="save", variant="primary")
                yield Button(t("dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        form = self.query_one(Form)
        account = form.control("account")
        assert isinstance(account, Input)
        account.suggester = AccountNames(self.app.ws)  # type: ignore[attr-defined]
        now = clock_of(self.app).local_now()
        form.set_values({"kind": "visit", "date": now.date().isoformat(),
                         "time": f"{now:%H:%M}"})
        form.control("kind").focus()
        if self.account_id:
            self._prefill(self.account_id)
        else:
            account.focus()

    @work(thread=True, exit_on_error=False, group="log-prefill")
    def _prefill(self, account_id: str) -> None:
        ws = self.app.ws  # type: ignore[attr-defined]
        with ws.db.reading() as conn:
            row = conn.execute("SELECT name FROM accounts WHERE id = ? AND deleted = 0",
                               (account_id,)).fetchone()
        if row:
            self.app.call_from_thread(self._set_account, row[0])

    def _set_account(self, name: str) -> None:
        self.query_one(Form).control("account").value = name  # type: ignore[attr-defined]

    @on(Input.Changed, "#input-account")
    def _account_changed(self, event: Input.Changed) -> None:
        self._load_contacts(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="log-contacts")
    def _load_contacts(self, text: str) -> None:
        from katerm.core.errors import FieldError
        from katerm.core.reviews.activities import find_account
        from katerm.core.team import below

        ws = self.app.ws  # type: ignore[attr-defined]
        people: list[tuple[str, str]] = []
        with ws.db.reading() as conn:
            try:
                account_id, _ = find_account(conn, text, below(conn, ws.me.id))
            except FieldError:
                account_id = None
            if account_id:
                people = conn.execute("SELECT name, id FROM contacts WHERE account_id = ? "
                                      "AND deleted = 0 ORDER BY name", (account_id,)).fetchall()
        self.app.call_from_thread(self._set_contacts, people)

    def _set_contacts(self, people: list[tuple[str, str]]) -> None:
        box = self.query_one("#contacts", SelectionList)
        chosen = set(box.selected)
        box.clear_options()
        box.add_options([(name, cid, cid in chosen) for name, cid in people])
        self.query_one("#contacts-label", Static).update(
            t("reviews.ui.field.contacts") if people else t("reviews.ui.no_contacts"))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = self.query_one(Form).values()
        values["contacts"] = list(self.query_one("#contacts", SelectionList).selected)
        self._save(values)

    @work(thread=True, exclusive=True, exit_on_error=False, group="log-save")
    def _save(self, values: dict[str, Any]) -> None:
        from katerm.core.errors import KatermError, ValidationFailed
        from katerm.core.reviews.activities import log_activity

        try:
            log_activity(self.app.ws, values)  # type: ignore[attr-defined]
        except ValidationFailed as exc:
            self.app.call_from_thread(self._invalid, exc.by_field())
            return
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._done)

    def _invalid(self, errors: dict[str, str]) -> None:
        self.query_one(Form).show_errors(errors)
        self.query_one("#contacts-error", Static).update(errors.get("contacts", ""))

    def _done(self) -> None:
        self.app.data_changed()  # type: ignore[attr-defined]
        self.notify(t("reviews.ui.logged"), timeout=3)
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
