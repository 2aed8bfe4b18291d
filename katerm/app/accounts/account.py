"""One account: its fields in an edit form, its contacts, and the tabs features add.

The tabs come from the app (``KatermApp.account_tabs``, filled from ``katerm.app.modes``), so
this screen imports none of the features that plug into it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Select, Static, TabbedContent, TabPane, Tabs

from katerm.app.accounts.contacts import ContactsPane
from katerm.app.context import katerm_app, on_data_change, workspace_of
from katerm.app.keynames import key_of
from katerm.app.localize import Localized
from katerm.app.widgets.choose import ChoiceScreen
from katerm.app.widgets.chrome import AppFooter
from katerm.app.widgets.form import FieldSpec, Form
from katerm.app.widgets.leaving import HoldsInput
from katerm.app.widgets.saving import save_in_worker
from katerm.app.widgets.tabs import fit_tab_bar, label_tabs, open_tabs, stepped_tab
from katerm.core.accounts import ACCOUNT_FIELDS, AccountRecord
from katerm.core.config import TIER_SCHEMES
from katerm.core.store import Lifecycle
from katerm.core.tiers import tiers_of
from katerm.i18n import t, tn
from katerm.i18n.fmt import fmt_money_field

MONEY_FIELDS = ("annual_revenue", "contract_value", "potential_revenue", "company_revenue")


def account_fields() -> list[FieldSpec]:
    label = lambda key: t(f"fields.account.{key}")  # noqa: E731
    money_hint = t("account.money_hint")
    return [
        FieldSpec("name", label("name")),
        FieldSpec("industry", label("industry")),
        FieldSpec("region", label("region")),
        FieldSpec("phone", label("phone")),
        FieldSpec("website", label("website")),
        FieldSpec("address", label("address")),
        FieldSpec("annual_revenue", label("annual_revenue"), placeholder=money_hint),
        FieldSpec("contract_value", label("contract_value"), placeholder=money_hint),
        FieldSpec("potential_revenue", label("potential_revenue"), placeholder=money_hint),
        FieldSpec("annual_orders", label("annual_orders"), placeholder=t("account.orders_hint")),
        FieldSpec("company_revenue", label("company_revenue"), placeholder=money_hint),
        FieldSpec("currency", label("currency"), placeholder="CNY"),
        FieldSpec(
            "tier_scheme",
            label("tier_scheme"),
            kind="select",
            allow_blank=False,
            options=[(t(f"fields.scheme.{s}"), s) for s in TIER_SCHEMES],
        ),
        FieldSpec("tier", label("tier"), kind="select", prompt=t("fields.tier.none")),
        FieldSpec(
            "tier_override_reason",
            label("tier_override_reason"),
            placeholder=t("account.override_hint"),
        ),
        FieldSpec(
            "lifecycle",
            label("lifecycle"),
            kind="select",
            allow_blank=False,
            options=[(t(f"fields.lifecycle.{m.value}"), m.value) for m in Lifecycle],
        ),
        # Options arrive with the team list; blank until then (the core keeps the owner).
        FieldSpec("owner_id", label("owner"), kind="select"),
        FieldSpec("notes", label("notes"), kind="notes"),
    ]


def tier_options(scheme: str) -> list[tuple[str, str]]:
    return [(t(f"fields.tier.{v}"), v) for v in tiers_of(scheme)]


def _form_values(record: AccountRecord) -> dict[str, Any]:
    values: dict[str, Any] = {k: getattr(record, k) for k in ACCOUNT_FIELDS}
    values["annual_orders"] = str(record.annual_orders or "")  # blank is stored as 0
    for key in MONEY_FIELDS:  # as lists show it; only edited fields are saved (exact stays)
        values[key] = fmt_money_field(getattr(record, key))
    return values


class AccountScreen(HoldsInput, Localized, Screen):
    AUTO_FOCUS = ""  # _focus_tab places it; "*" sent it into the details when a dialog closed
    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="account.save", priority=True),
        Binding("escape", "leave", "keys.back", id="account.back"),
        # Priority: a text field would take Ctrl+D as "delete the character on the right".
        Binding("ctrl+d", "delete", "keys.delete", id="account.delete", priority=True),
        # ] and [ outside a text field; Alt+arrows from anywhere, a form field included. Next
        # before previous: at 80 columns the footer shows the first that fits (walk s9b, 8).
        Binding(
            "right_square_bracket,alt+right", "step_tab(1)", "keys.next_tab", id="account.tab_right"
        ),
        # Fourteen tabs do not fit 80 columns: g (go to) lists them all, by their full names.
        Binding("g", "pick_tab", "keys.all_tabs", id="account.tabs"),
        Binding(
            "left_square_bracket,alt+left",
            "step_tab(-1)",
            "keys.previous_tab",
            id="account.tab_left",
        ),
    ]

    def __init__(
        self, account_id: str | None, tab: str | None = None, *, focus: str | None = None
    ) -> None:
        super().__init__()
        self.account_id = account_id
        self.record: AccountRecord | None = None
        self.first_tab = tab  # open on this tab ("opportunities", ...) instead of the details
        self.first_focus = focus  # the field to put the cursor in (the one saved from)
        self.first_contact: str | None = None  # the contact to put the cursor on (Ctrl+P)
        self.warnings = 0
        self.tabs_hidden = False  # the tab bar is wider than the screen even with short names
        self.tab_start = 0  # the first tab the bar shows (katerm.app.widgets.tabs.fit_tab_bar)

    def compose(self) -> ComposeResult:
        yield Header()
        # No markup: names may hold brackets ("Acme [Asia]"), and the tier is shown as [A].
        yield Static(
            t("account.new_title") if self.account_id is None else "", id="heading", markup=False
        )
        with TabbedContent(id="tabs"):
            with TabPane(t("account.tab_details"), id="tab-details"):
                yield Form(account_fields(), id="account-form")
                yield Button(t("account.save_button"), id="save", variant="primary")
            with TabPane(
                t("account.tab_contacts"), id="tab-contacts", disabled=self.account_id is None
            ):
                contacts = ContactsPane(self.account_id)
                contacts.wanted = self.first_contact
                yield contacts
            for tab in katerm_app(self).account_tabs:
                with TabPane(
                    t(tab.title_key), id=f"tab-{tab.id}", disabled=self.account_id is None
                ):
                    if self.account_id is not None:
                        yield tab.factory(self.account_id)
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("modes.accounts")
        # The tab bar takes no focus: [ ] (or Alt+arrows) switch tabs from anywhere and put
        # the cursor in the tab, so its keys (a, e, d...) work at once.
        self.query_one(TabbedContent).query_one(Tabs).can_focus = False
        if self.account_id is not None:
            katerm_app(self).current_account_id = self.account_id
            if self.first_tab:
                self.query_one(TabbedContent).active = f"tab-{self.first_tab}"
        on_data_change(self, self._recount)
        self.load()

    # --- tabs ------------------------------------------------------------------------------
    def _tab_titles(self) -> dict[str, str]:
        """Each tab's catalogue key, by its pane id."""
        titles = {"tab-details": "account.tab_details", "tab-contacts": "account.tab_contacts"}
        titles.update({f"tab-{tab.id}": tab.title_key for tab in katerm_app(self).account_tabs})
        return titles

    def on_resize(self, event: events.Resize) -> None:
        """Every tab name whole: short names when the full ones do not fit the width, then as
        many tabs as fit, ‹ › at the edges; the heading says how to see them all (g)."""
        self.tabs_hidden = label_tabs(
            self.query_one(TabbedContent), self._tab_titles(), self.size.width
        )
        self._fit_tabs()
        if self.record is not None:
            self._set_heading(self.record.name, self.record.tier)

    def _fit_tabs(self) -> None:
        self.tab_start = fit_tab_bar(self.query_one(TabbedContent), self.size.width, self.tab_start)

    def _tab_ids(self) -> list[str]:
        return open_tabs(self.query_one(TabbedContent))

    def action_step_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = stepped_tab(tabs, step)

    def action_pick_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        titles = self._tab_titles()
        ids = self._tab_ids()
        choices = [(f"{i + 1:>2}  {t(titles[pane])}", pane) for i, pane in enumerate(ids)]

        def chosen(pane: str | None) -> None:
            if pane is not None:
                tabs.active = pane

        picker = ChoiceScreen(t("account.tabs_title"), choices, current=tabs.active, numbered=True)
        self.app.push_screen(picker, chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("step_tab", "pick_tab", "delete") and self.account_id is None:
            # Tabs dimmed (pressing says why); no account to delete yet: not offered at all.
            return None if action != "delete" else False
        if action == "save":  # a table tab has nothing to save, unless the form was edited
            pane = self.query_one(TabbedContent).active
            return pane in ("", "tab-details") or self.query_one(Form).dirty
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        new = action in ("step_tab", "pick_tab") and self.account_id is None
        return t("account.why.step_tab") if new else None

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self._fit_tabs()
        self.refresh_bindings()  # Ctrl+S is offered on the details only
        self.call_after_refresh(self._focus_tab)

    def _focus_tab(self) -> None:
        """The cursor goes into the tab shown: its table, or the form's first field."""
        pane = self.query_one(TabbedContent).active_pane
        if pane is None or (self.focused is not None and pane in self.focused.ancestors):
            return
        if pane.id == "tab-details":
            # Into the field saved from, or a new account's first; an account just opened
            # keeps the keys free (1-7, l, [ ]) until Tab goes into the form.
            form = self.query_one(Form)
            if self.first_focus or self.account_id is None:
                form.control(self.first_focus or form.specs[0].name).focus()
            else:
                self.set_focus(None)
            return
        for widget in pane.query("*"):
            if widget.focusable:
                widget.focus()
                return

    @work(thread=True, exclusive=True, exit_on_error=False, group="account-warnings")
    def _recount(self) -> None:
        """The heading's warning count after a change elsewhere (the form is left alone)."""
        from katerm.core.influence import count_warnings

        if self.account_id is None:
            return
        count = count_warnings(workspace_of(self).db, self.account_id)
        self.app.call_from_thread(self._recounted, count)

    def _recounted(self, count: int) -> None:
        self.warnings = count
        if self.record is not None:
            self._set_heading(self.record.name, self.record.tier)

    @work(thread=True, exclusive=True, exit_on_error=False, group="account-load")
    def load(self) -> None:
        from katerm.core.accounts import get_account
        from katerm.core.influence import count_warnings
        from katerm.core.team import list_members

        ws = workspace_of(self)
        team = list_members(ws.db)
        self.warnings = count_warnings(ws.db, self.account_id) if self.account_id else 0
        record = get_account(ws.db, self.account_id) if self.account_id else None
        self.app.call_from_thread(self._fill, record, team)

    def _fill(self, record: AccountRecord | None, team: list) -> None:
        form = self.query_one(Form)
        ws = workspace_of(self)
        form.set_options("owner_id", [(m.display, m.id) for m in team])
        if record is None:
            scheme = ws.settings.tier_scheme
            form.set_options("tier", tier_options(scheme))
            form.set_values(
                {
                    "tier_scheme": scheme,
                    "lifecycle": Lifecycle.PROSPECT.value,
                    "owner_id": ws.me.id,
                    "currency": "CNY",
                }
            )
            form.control("name").focus()
            return
        self.record = record
        form.set_options("tier", tier_options(record.tier_scheme))
        form.set_values(_form_values(record))
        self._set_heading(record.name, record.tier)
        if self.focused is None:
            self._focus_tab()

    def _set_heading(self, name: str, tier: str | None) -> None:
        suffix = f"  [{t(f'fields.tier.{tier}')}]" if tier else ""
        if self.warnings:  # the influence map's warnings (its tab says what they are)
            suffix += "  " + tn("influence.warning_count", self.warnings)
        if self.tabs_hidden:
            n, key = len(self._tab_ids()), key_of(self, "account.tabs")
            suffix += t("keys.hint_sep") + tn("account.all_tabs_hint", n, key=key)
        self.query_one("#heading", Static).update(f"{name}{suffix}")

    @on(Select.Changed, "#input-tier_scheme")
    def _scheme_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        form = self.query_one(Form)
        form.set_options("tier", tier_options(str(event.value)))
        # One stored tier per scheme: show the one of the scheme picked, and its reason.
        if self.record is not None and str(event.value) in self.record.tiers:
            tier, reason = self.record.tiers[str(event.value)]
            select = form.control("tier")
            assert isinstance(select, Select)
            select.value = tier if tier is not None else Select.NULL
            reason_input = form.control("tier_override_reason")
            assert isinstance(reason_input, Input)
            reason_input.value = reason

    # --- saving --------------------------------------------------------------------------
    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self, then: Callable[[bool], object] | None = None) -> None:
        form = self.query_one(Form)
        values = form.values() if self.account_id is None else form.changed_values()
        if {"tier", "tier_override_reason"} & set(values):
            # A tier belongs to the scheme the form shows, changed or not.
            values.setdefault("tier_scheme", form.values().get("tier_scheme"))
        if not values and self.account_id is not None:
            self.notify(t("account.nothing_changed"), timeout=3)
            if then:
                then(True)
            return
        self._save(values, then or (lambda ok: None))

    def _save(self, values: dict[str, Any], then: Callable[[bool], object]) -> None:
        from katerm.core.accounts import save_account

        ws, account_id = workspace_of(self), self.account_id

        def saved(new_id: str) -> None:
            self._saved(new_id)
            then(True)

        def invalid(errors: dict[str, str]) -> None:
            self._invalid(errors)
            then(False)

        save_in_worker(
            self,
            lambda: save_account(ws, account_id, values),
            group="account-save",
            saved=saved,
            invalid=invalid,
            failed=lambda: then(False),
        )

    def _invalid(self, errors: dict[str, str]) -> None:
        self.query_one(Form).show_errors(errors)
        self.notify(t("errors.validation_failed", count=len(errors)), severity="error", timeout=4)

    def _saved(self, account_id: str) -> None:
        form = self.query_one(Form)
        form.clear_errors()
        created = self.account_id is None
        self.account_id = account_id
        katerm_app(self).current_account_id = account_id
        katerm_app(self).data_changed()
        self.notify(t("account.created") if created else t("account.saved"), timeout=3)
        if created:
            # Reopen as an existing account so the contacts and other tabs are live, the
            # cursor in the field it was in.
            field = self.focused.id if self.focused is not None else None
            name = field[len("input-") :] if field and field.startswith("input-") else None
            self.app.switch_screen(AccountScreen(account_id, focus=name))
        else:
            form.mark_clean()
            self.load()

    # --- leaving (katerm.app.widgets.leaving) and deleting ---------------------------------
    def unsaved(self) -> bool:
        return self.query_one(Form).dirty

    def unsaved_title(self) -> str:
        return self.record.name if self.record else t("account.new_title")

    def save_input(self, then: Callable[[bool], object]) -> None:
        self.action_save(then)

    def drop_input(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()

    def action_delete(self) -> None:
        if self.account_id is None or self.record is None:
            return
        from katerm.app.widgets.dialogs import confirm_delete

        confirm_delete(
            self.app, "accounts", self.account_id, self.record.name, after=self.app.pop_screen
        )
