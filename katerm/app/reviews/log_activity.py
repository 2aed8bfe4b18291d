"""Quick-add an activity from any screen (key ``l``), pre-filled with the account in view.

The same checks as ``katerm log``: the account by name (suggested as you type), the contacts
met chosen from that account, local date and time; errors show beside the fields and nothing
is saved until every field is right.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, SelectionList, Static

from katerm.app.context import clock_of, katerm_app, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.completion import NameInput
from katerm.app.widgets.form import FieldSpec, Form
from katerm.app.widgets.leaving import HoldsInput, with_key
from katerm.app.widgets.saving import save_in_worker
from katerm.app.widgets.ticks import TickList
from katerm.core.ltc import LTC_STAGES
from katerm.core.reviews import KINDS, SCENARIOS
from katerm.i18n import t, tn

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace


def activity_fields() -> list[FieldSpec]:
    label = lambda key: t(f"reviews.ui.field.{key}")  # noqa: E731
    return [
        FieldSpec(
            "kind",
            label("kind"),
            kind="select",
            allow_blank=False,
            options=[(t(f"reviews.kind.{k}"), k) for k in KINDS],
        ),
        FieldSpec(
            "account", label("account"), kind="name", placeholder=t("reviews.ui.account_hint")
        ),
        FieldSpec("date", label("date"), placeholder=t("fields.date_hint")),
        FieldSpec("time", label("time"), placeholder=t("fields.time_hint")),
        FieldSpec(
            "scenario",
            label("scenario"),
            kind="select",
            prompt="—",
            options=[(t(f"reviews.scenario.{s}"), s) for s in SCENARIOS],
        ),
        FieldSpec("note", label("note"), kind="notes"),
        FieldSpec("next_step", label("next_step")),
    ]


def _account_names(ws: Workspace, text: str) -> list[str]:
    """The accounts the drop-down of the account field offers for ``text``."""
    from katerm.core.accounts import match_names

    return match_names(ws.db, ws.me.id, text)


class LogForm(Form):
    """The activity's fields with the opportunity it served right after the scenario.

    At 80x24 the opportunity row came last, below the contacts, and was out of sight; here
    it stays in view above the note whatever the number of contacts.
    """

    def after_field(self, name: str) -> ComposeResult:
        if name != "scenario":
            return
        # The opportunity the activity served, and at which stage (blank: the one it is in).
        with Horizontal(id="served"):
            yield Select[str](
                [], id="opportunity", prompt=t("reviews.ui.no_opportunity"), compact=True
            )
            yield Select[str](
                [(t(f"stageplan.stage.{s}"), s) for s in LTC_STAGES],
                id="stage",
                prompt=t("reviews.ui.stage_now"),
                compact=True,
            )
        yield Static("", id="served-error")


class LogActivityScreen(HoldsInput, Localized, ModalScreen[bool]):
    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="log.save", priority=True),
        Binding("escape", "leave", "keys.cancel", id="log.cancel"),
    ]
    DEFAULT_CSS = tcss(__file__, "log_activity_screen.tcss")

    def __init__(
        self, account_id: str | None = None, *, routine: tuple[str, str] | None = None
    ) -> None:
        super().__init__()
        self.account_id = account_id
        self.routine = routine  # (id, title): the broad-relationship routine carried out

    def compose(self) -> ComposeResult:
        # The fields scroll: at 80x24 a form squeezed beside the contacts showed three of its
        # seven fields, the others hidden without a sign. The buttons stay below them, in
        # view: when the whole dialog scrolled, Save (Ctrl+S) was off the screen at 80x24.
        with Vertical(id="dialog", classes="form-dialog"):
            yield Static(
                t("broad.ui.log_title", title=self.routine[1])
                if self.routine
                else t("reviews.ui.log_title"),
                id="question",
            )
            with VerticalScroll(id="log-body"):
                yield LogForm(activity_fields(), id="activity-form")
                yield Static(t("reviews.ui.field.contacts"), id="contacts-label")
                yield TickList(id="contacts")
                yield Static("", id="contacts-error")
            with Horizontal(id="buttons"):
                yield Button(t("account.save_button"), id="save", variant="primary")
                yield Button(with_key(t("dialog.cancel"), "Esc"), id="cancel")

    def on_resize(self) -> None:
        # The dialog is as tall as what it holds (at 120x40 a fixed 90% left ten blank rows
        # under the contacts); the body scrolls only when the screen cannot hold it all.
        dialog = self.query_one("#dialog")
        parts = [self.query_one(f"#{part}") for part in ("question", "buttons")]
        chrome = dialog.styles.gutter.height + sum(
            part.outer_size.height + part.styles.margin.height for part in parts
        )
        room = int(self.size.height * 0.95) - chrome
        dialog.styles.height = "auto"  # app.tcss gives every form dialog 90%
        self.query_one("#log-body").styles.max_height = max(room, 5)

    def on_mount(self) -> None:
        self.call_after_refresh(self.on_resize)
        form = self.query_one(Form)
        account = form.control("account")
        assert isinstance(account, NameInput)
        ws = workspace_of(self)
        account.lookup = partial(_account_names, ws)
        account.nothing_found = lambda text: form.show_error(
            "account", t("lookup.no_match", text=text.strip())
        )
        now = clock_of(self).local_now()
        from katerm.core.broad import ROUTINE_ACTIVITY

        kind = ROUTINE_ACTIVITY if self.routine else "visit"  # a routine is no visit
        form.set_values({"kind": kind, "date": now.date().isoformat(), "time": f"{now:%H:%M}"})
        # The account field first, pre-filled or not: it is where one types (the README's
        # account field); the kind, a list, started with the focus and ignored typing.
        account.focus()
        if self.account_id:
            self._prefill(self.account_id)

    @work(thread=True, exit_on_error=False, group="log-prefill")
    def _prefill(self, account_id: str) -> None:
        from katerm.core.accounts import account_name

        name = account_name(workspace_of(self).db, account_id)
        if name is not None:
            self.app.call_from_thread(self._set_account, name)

    def _set_account(self, name: str) -> None:
        field = self.query_one("#input-account", NameInput)
        field.taken(name)  # chosen for the user: no list of names for it
        self.query_one(Form).mark_clean("account")  # filled in for the user: nothing to lose

    @on(Input.Changed, "#input-account")
    def _account_changed(self, event: Input.Changed) -> None:
        self._load_contacts(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="log-contacts")
    def _load_contacts(self, text: str) -> None:
        from katerm.core.reviews import load_log_choices

        ws = workspace_of(self)
        self.app.call_from_thread(self._set_contacts, *load_log_choices(ws.db, ws.me.id, text))

    def _set_contacts(
        self, people: list[tuple[str, str]], orders: list[tuple[str, str]] | None = None
    ) -> None:
        orders = orders or []
        served = self.query_one("#opportunity", Select)
        if [o[1] for o in orders] != [v for _, v in served._options if v is not Select.NULL]:
            served.set_options(orders)
        served.disabled = not orders
        box = self.query_one("#contacts", SelectionList)
        chosen = set(box.selected)
        box.clear_options()
        box.add_options([(name, cid, cid in chosen) for name, cid in people])
        # "Type an account first" only while none is typed: for a name that matches no
        # account, the account field itself says so. The count says how many there are when
        # the list shows fewer (80x24: one row of six).
        typed = bool(self.query_one("#input-account", Input).value.strip())
        label = (
            tn("reviews.ui.field.contacts_count", len(people))
            if people
            else t("reviews.ui.field.contacts")
            if typed
            else t("reviews.ui.no_contacts")
        )
        self.query_one("#contacts-label", Static).update(label)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self, then: Callable[[bool], object] | None = None) -> None:
        values = self.query_one(Form).values()
        values["contacts"] = list(self.query_one("#contacts", SelectionList).selected)
        for name in ("opportunity", "stage"):
            chosen = self.query_one(f"#{name}", Select).value
            values[name] = chosen if isinstance(chosen, str) else ""
        if self.routine is not None:
            values["routine_id"] = self.routine[0]
        self._save(values, then or (lambda ok: None))

    def _save(self, values: dict[str, Any], then: Callable[[bool], object]) -> None:
        from katerm.core.reviews import log_activity

        ws = workspace_of(self)

        def saved(_: object) -> None:
            self._done()
            then(True)

        def invalid(errors: dict[str, str]) -> None:
            self._invalid(errors)
            then(False)

        save_in_worker(
            self,
            lambda: log_activity(ws, values),
            group="log-save",
            saved=saved,
            invalid=invalid,
            failed=lambda: then(False),
        )

    def _invalid(self, errors: dict[str, str]) -> None:
        self.query_one(Form).show_errors(errors)
        served = [errors[k] for k in ("opportunity", "stage", "routine_id") if k in errors]
        # Shown only with a message: empty, each took a blank row the dialog had no room for.
        for ident, text in (
            ("contacts-error", errors.get("contacts", "")),
            ("served-error", "\n".join(served)),
        ):
            box = self.query_one(f"#{ident}", Static)
            box.update(text)
            box.display = bool(text)

    def _done(self) -> None:
        katerm_app(self).data_changed()
        self.notify(t("reviews.ui.logged"), timeout=3)
        self.dismiss(True)

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        chosen = [self.query_one(f"#{name}", Select).value for name in ("opportunity", "stage")]
        return (
            self.query_one(Form).dirty
            or bool(self.query_one("#contacts", SelectionList).selected)
            or any(value is not Select.NULL for value in chosen)
        )

    def unsaved_title(self) -> str:
        return t("reviews.ui.log_title")

    def save_input(self, then: Callable[[bool], object]) -> None:
        self.action_save(then)

    def drop_input(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_leave()
