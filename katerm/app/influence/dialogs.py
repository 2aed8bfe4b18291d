"""The influence map's dialogs: pick an account, pick a new boss, edit lines of influence."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from katerm.app.context import katerm_app, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.leaving import HoldsInput
from katerm.core.influence import InfluenceMap
from katerm.core.roles import keys_of, label
from katerm.i18n import t

TOP = "\0top"  # the "nobody: top of the chart" choice of the boss picker


class _Picker(Localized, ModalScreen[str | None]):
    """A filter box over a list; Enter picks, Esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "keys.cancel", id="influence.picker_cancel"),
        Binding("down", "to_list", "keys.down", show=False, id="influence.picker_down"),
    ]
    DEFAULT_CSS = tcss(__file__, "picker.tcss")

    def __init__(self, title: str, placeholder: str) -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(self.title_text, id="picker-title", markup=False)
            yield Input(placeholder=self.placeholder, id="picker-filter", compact=True)
            yield Static("", id="picker-empty", markup=False)  # under the field typed in
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.refill("")

    def refill(self, text: str) -> None:
        raise NotImplementedError

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        self.refill(event.value)

    @on(Input.Submitted)
    def _first(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = options.highlighted or 0
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AccountPicker(_Picker):
    """Which account's map to show: search by name, biggest tiers first."""

    def __init__(self) -> None:
        super().__init__(t("influence.pick_title"), t("influence.pick_placeholder"))

    def refill(self, text: str) -> None:
        self._search(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="influence-pick")
    def _search(self, text: str) -> None:
        from katerm.core.accounts import load_account_choices

        found = load_account_choices(workspace_of(self).db, text)
        self.app.call_from_thread(self._show, text, found)

    def _show(self, text: str, found: list[tuple[str, str, str | None]]) -> None:
        # An empty list said nothing: was the search still running, or is there no such
        # account?
        empty = "" if found or not text.strip() else t("lookup.no_match", text=text.strip())
        said = self.query_one("#picker-empty", Static)
        said.update(empty)
        said.display = bool(empty)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            [
                Option(
                    Text(f"{name}  [{t(f'fields.tier.{tier}')}]" if tier else name), id=account_id
                )
                for account_id, name, tier in found
            ]
        )
        if found:
            options.highlighted = 0


class BossPicker(_Picker):
    """Who a person reports to: anyone at the account but themselves and those below them."""

    def __init__(self, found: InfluenceMap, contact_id: str) -> None:
        super().__init__(
            t("influence.move_title", name=found.people[contact_id].name),
            t("influence.pick_person_placeholder"),
        )
        self.found = found
        excluded = found.below(contact_id) | {contact_id}
        self.candidates = [(TOP, t("influence.top_level"))] + [
            (
                r.person.id,
                "  " * r.depth
                + r.person.name
                + (f"  · {r.person.title}" if r.person.title else ""),
            )
            for r in found.rows
            if r.person.id not in excluded
        ]

    def refill(self, text: str) -> None:
        wanted = text.strip().casefold()
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            [
                Option(Text(shown), id=key)
                for key, shown in self.candidates
                if not wanted or wanted in shown.casefold()
            ]
        )
        if options.option_count:
            options.highlighted = 0


class LinesDialog(HoldsInput, Localized, ModalScreen[bool]):
    """One person's lines of influence: add one (whom they influence, how strongly), or
    remove the highlighted one with d. Changes are saved at once."""

    BINDINGS = [
        Binding("escape", "leave", "keys.back", id="influence.lines_close"),
        Binding("ctrl+s", "add", "influence.line_add", id="influence.lines_add"),
        Binding("d,delete", "remove", "influence.line_delete", id="influence.lines_remove"),
    ]
    DEFAULT_CSS = tcss(__file__, "lines_dialog.tcss")

    def __init__(self, found: InfluenceMap, contact_id: str) -> None:
        super().__init__()
        self.found = found
        self.contact_id = contact_id
        self.changed = False
        self._then: Callable[[bool], object] | None = None

    def compose(self) -> ComposeResult:
        person = self.found.people[self.contact_id]
        with Vertical(id="lines"):
            yield Static(
                t("influence.lines_title", name=person.name), id="lines-title", markup=False
            )
            yield OptionList(id="lines-list")
            yield Static(t("influence.lines_none"), id="lines-none")
            with Horizontal(classes="line-field"):
                yield Static(t("influence.line_target"))
                yield Select(
                    [
                        (r.person.name, r.person.id)
                        for r in self.found.rows
                        if r.person.id != self.contact_id
                    ],
                    prompt="—",
                    id="line-target",
                    compact=True,
                )
            with Horizontal(classes="line-field"):
                yield Static(t("influence.line_strength"))
                yield Select(
                    [(label("strength", k), k) for k in keys_of("strength")],
                    value="medium",
                    allow_blank=False,
                    id="line-strength",
                    compact=True,
                )
            yield Static("", id="lines-error", markup=False)
            yield Button(t("influence.line_add"), id="lines-add", variant="primary")
            yield Static(t("influence.lines_hint"), id="lines-hint")

    def on_mount(self) -> None:
        self._show_lines()
        self.query_one("#line-target", Select).focus()

    def _show_lines(self) -> None:
        found = self.found
        options = self.query_one(OptionList)
        options.clear_options()
        lines = found.lines_from(self.contact_id) + found.lines_to(self.contact_id)
        for line in lines:
            shown = t(
                "influence.line_out",
                source=found.people[line.source].name,
                target=found.people[line.target].name,
                strength=label("strength", line.strength),
            )
            options.add_option(Option(Text(shown), id=line.id))
        options.display = bool(lines)
        if lines:
            options.highlighted = 0
        self.query_one("#lines-none").display = not lines

    @on(Button.Pressed, "#lines-add")
    def action_add(self) -> None:
        target = self.query_one("#line-target", Select).value
        strength = self.query_one("#line-strength", Select).value
        if target is Select.NULL:
            self.query_one("#lines-error", Static).update(t("fields.err.required"))
            self.query_one("#line-target", Select).focus()
            self._settle(False)
            return
        self._write(str(target), str(strength), None)

    def _settle(self, ok: bool) -> None:
        then, self._then = self._then, None
        if then is not None:
            then(ok)

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        """A person chosen for a new line that was not added yet."""
        return self.query_one("#line-target", Select).value is not Select.NULL

    def unsaved_title(self) -> str:
        return t("influence.lines_title", name=self.found.people[self.contact_id].name)

    def save_input(self, then: Callable[[bool], object]) -> None:
        self._then = then
        self.action_add()

    def drop_input(self) -> None:
        self.dismiss(self.changed)

    def action_remove(self) -> None:
        options = self.query_one(OptionList)
        if options.has_focus and options.highlighted is not None and options.option_count:
            self._write(None, None, options.get_option_at_index(options.highlighted).id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="influence-lines")
    def _write(self, target: str | None, strength: str | None, remove: str | None) -> None:
        from katerm.core.errors import KatermError, ValidationFailed
        from katerm.core.influence import delete_line, read_map, save_line

        ws = workspace_of(self)
        account = self.found.account_id
        before = self.found
        try:
            if remove is not None:
                delete_line(ws, remove)
                line = next(x for x in before.lines if x.id == remove)
                done = t(
                    "influence.line_deleted",
                    source=before.people[line.source].name,
                    target=before.people[line.target].name,
                )
            else:
                save_line(ws, account, self.contact_id, str(target), strength)
                done = t(
                    "influence.line_added",
                    source=before.people[self.contact_id].name,
                    target=before.people[str(target)].name,
                )
            found = read_map(ws.db, account)
        except ValidationFailed as exc:
            self.app.call_from_thread(
                self.query_one("#lines-error", Static).update, " ".join(exc.by_field().values())
            )
            self.app.call_from_thread(self._settle, False)
            return
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            self.app.call_from_thread(self._settle, False)
            return
        self.app.call_from_thread(self._written, found, done, remove is None)

    def _written(self, found: InfluenceMap, done: str, added: bool) -> None:
        self.notify(done, timeout=3)
        self.found = found
        self.changed = True
        self.query_one("#lines-error", Static).update("")
        if added:  # the next line starts from nobody chosen
            self.query_one("#line-target", Select).clear()
        self._show_lines()
        katerm_app(self).data_changed()
        self._settle(True)


def confirm_delete_person(
    app: App, contact_id: str, name: str, after: Callable[[str | None], None] | None = None
) -> None:
    """Ask before deleting a person, saying where the people reporting to them will go (to
    the person's boss, or the top); then delete in a worker. u undoes it all. ``after`` gets
    the boss's id once done, before the screens reload. The contacts tab and the map both
    delete through this."""
    from katerm.app.widgets.dialogs import ConfirmScreen
    from katerm.core.errors import KatermError
    from katerm.core.influence import delete_person, preview_delete, restore_person

    ws = workspace_of(app)

    def delete() -> None:
        try:
            boss, moved = delete_person(ws, contact_id)
        except KatermError as exc:
            app.call_from_thread(app.notify, str(exc), severity="error")
            return
        app.call_from_thread(
            katerm_app(app).remember_delete,
            "contacts",
            contact_id,
            name,
            lambda: restore_person(ws, contact_id, moved, boss),
        )
        if after is not None:
            app.call_from_thread(after, boss)
        app.call_from_thread(katerm_app(app).data_changed)

    def answered(yes: bool | None) -> None:
        if yes:
            app.run_worker(delete, thread=True, exit_on_error=False, group="delete")

    def ask() -> None:
        count, boss = preview_delete(ws.db, contact_id)
        if not count:
            question = t("dialog.delete_question", label=name)
        elif boss is None:
            question = t("influence.delete_with_reports_top", name=name, count=count)
        else:
            question = t("influence.delete_with_reports", name=name, count=count, boss=boss)
        app.call_from_thread(
            app.push_screen, ConfirmScreen(question, yes=t("dialog.delete")), answered
        )

    app.run_worker(ask, thread=True, exit_on_error=False, group="delete")
