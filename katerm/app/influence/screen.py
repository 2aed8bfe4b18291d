"""Mode 3: the influence map of the account opened last (o picks another).

The tree of people (who reports to whom, role, influence, attitude, who covers them, lines of
influence) fills the left; the selected person's fields are edited in the panel on the right;
the warnings sit under the tree (Enter on one selects the people it names). On a narrow
terminal the panel appears only while editing. What is shown is read in a worker
(:func:`katerm.core.influence.read.load_map`); every change goes through ``edit`` likewise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from katerm.app.context import katerm_app, workspace_of
from katerm.app.influence.messages import Covered, Loaded
from katerm.app.influence.panel import PersonPanel
from katerm.app.influence.panes import CoverageView, MapPane
from katerm.app.influence.quick import quick_edit
from katerm.app.influence.tab import WarningsList, heading_text
from katerm.app.influence.tree import InfluenceTree
from katerm.app.influence.why import SaysWhy
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.chrome import AppFooter
from katerm.app.widgets.saving import save_in_worker
from katerm.core.influence import Coverage, InfluenceMap, Person, coverage_lines
from katerm.core.roles import next_influence, step_attitude
from katerm.i18n import t

if TYPE_CHECKING:
    from textual.timer import Timer

    from katerm.core.team import Member

NARROW = 100  # columns below which the panel shows only while editing


class InfluenceScreen(SaysWhy, Localized, Screen):
    DEFAULT_CSS = tcss(__file__, "influence_screen.tcss")
    # Parts show and hide by ``display``: a class on the screen would restyle every widget.

    def __init__(self) -> None:
        super().__init__()
        self.map: InfluenceMap | None = None
        self._loaded: tuple[int, str | None] | None = None  # (data version, account)
        self._team: list[Member] = []
        self._narrow = False
        self._coverage = False
        self._coverage_data: Coverage | None = None
        self._select_next: str | None = None
        self._sync_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("influence.loading"), id="heading", markup=False)
        with Horizontal(id="influence-body"):
            with MapPane():
                tree = InfluenceTree(id="influence-tree")
                tree.placeholder = t("influence.loading")
                yield tree
                yield WarningsList(id="warnings")
            panel = PersonPanel(id="person-panel")
            panel.display = False
            yield panel
            with CoverageView(id="coverage-view"):
                yield Static("", id="coverage-text", markup=False)
        yield AppFooter()

    @property
    def tree(self) -> InfluenceTree:
        return self.query_one(InfluenceTree)

    @property
    def panel(self) -> PersonPanel:
        return self.query_one(PersonPanel)

    def _place_panel(self) -> None:
        panel, found = self.panel, self.map
        panel.display = (
            found is not None
            and (bool(found.people) or panel.editing)
            and not self._coverage
            and (not self._narrow or panel.editing)
        )

    def on_mount(self) -> None:
        self.title = t("influence.title")
        self.tree.focus()
        self.watch(self.app, "data_version", self._changed, init=False)
        self.watch(self.app, "current_account_id", self._changed, init=False)
        self.load()

    def on_screen_resume(self) -> None:
        if self._loaded != self._wanted():
            self.load()

    def _wanted(self) -> tuple[int, str | None]:
        return katerm_app(self).data_version, katerm_app(self).current_account_id

    def _changed(self, _: object) -> None:
        if self.is_current and self._loaded != self._wanted():
            self.load()

    def on_resize(self, event: Resize) -> None:
        self._narrow = event.size.width < NARROW
        self._place_panel()

    # --- loading -------------------------------------------------------------------------
    def load(self, select: str | None = None) -> None:
        """Read the map again; the cursor goes to ``select``, or to whom a write asked for."""
        select = select or self._select_next
        self._select_next = None
        # Noted now: resuming right after mounting must not start a second read (issue 19).
        self._loaded = self._wanted()
        self._read(select)

    @work(thread=True, exclusive=True, exit_on_error=False, group="influence-load")
    def _read(self, select: str | None) -> None:
        from katerm.core.influence import load_coverage, load_map_view

        version, account_id = self._wanted()
        # Nothing opened yet: a new user pressing 3 first sees the top account's map.
        db = workspace_of(self).db
        view = load_map_view(db, account_id, with_cover=False)
        self._loaded = (version, view.account_id)
        self.post_message(Loaded(view.found, view.team, select))
        if view.found is not None:  # counts over every account's people: after the map
            self.post_message(Covered(view.found, load_coverage(db, view.found)))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        found = self.map = message.found
        if found is not None and katerm_app(self).current_account_id is None:
            katerm_app(self).current_account_id = found.account_id
        tree = self.tree
        self._team = message.team
        tree.placeholder = t("influence.no_account") if found is None else t("influence.empty")
        self._coverage_data = None  # read next (Covered)
        self.query_one("#heading", Static).update(  # one line: no layout pass needed
            heading_text(found) if found else t("influence.title"), layout=False
        )
        self.query_one(WarningsList).show(found)
        tree.show(found, message.select)
        if found is not None:
            self.panel.set_options(found, message.team)
            self._sync_panel(force=True)
        self._place_panel()
        if self._coverage:
            self._show_coverage()
        self.map_shown()

    @on(Covered)
    def _covered(self, message: Covered) -> None:
        if message.found is self.map:  # else a newer map is on its way
            self._coverage_data = message.cover
            if self._coverage:
                self._show_coverage()

    def _show_coverage(self) -> None:
        """The coverage matrix (built only while it is on screen)."""
        found, cover, lines = self.map, self._coverage_data, []
        if found is not None:
            shown = coverage_lines(found, cover) if cover else [t("influence.coverage_loading")]
            lines = [t("influence.coverage_title"), "", *shown]
            if cover and not cover.here:
                lines.append(t("influence.coverage_none"))
        self.query_one("#coverage-text", Static).update("\n".join(lines))

    # --- the panel follows the selection -------------------------------------------------
    @on(InfluenceTree.Highlighted)
    def _highlighted(self, event: InfluenceTree.Highlighted) -> None:
        self.refresh_bindings()  # the keys dim by who is selected; the card waits for a rest
        if self._narrow:
            return
        if self._sync_timer is not None:
            self._sync_timer.stop()
        self._sync_timer = self.set_timer(0.08, self._sync_panel)

    def _sync_panel(self, force: bool = False) -> None:
        """The card follows the tree's selection (the form, while open, stays)."""
        self._sync_timer = None
        found = self.map
        panel = self.panel
        if found is None or panel.editing:
            return
        wanted = self.tree.selected_id
        if force or wanted != panel.contact_id:
            panel.show_person(found, found.people.get(wanted or ""))

    @on(InfluenceTree.Chosen)
    async def action_edit(self) -> None:
        person = self._selected()
        if person is None or self.map is None:
            return
        await self.panel.edit(self.map, person)
        self._place_panel()

    def on_person_panel_closed(self) -> None:
        self._sync_panel(force=True)
        self._place_panel()
        self.tree.focus()

    @on(OptionList.OptionSelected, "#warnings")
    def _warning_chosen(self, event: OptionList.OptionSelected) -> None:
        contacts = self.query_one(WarningsList).contacts_of(event.option_index)
        if contacts:
            self.tree.select(contacts[0])
        self.tree.focus()

    # --- editing -------------------------------------------------------------------------
    async def action_add(self, top: bool) -> None:
        if self.map is None:
            self.action_pick_account()
            return
        boss = None if top else self.tree.selected_id
        await self.panel.start_new(self.map, boss)
        self._place_panel()

    def on_person_panel_save_requested(self, event: PersonPanel.SaveRequested) -> None:
        if self.map is not None:
            self._save(self.map.account_id, event.contact_id, event.values)

    def _save(self, account_id: str, contact_id: str | None, values: dict[str, Any]) -> None:
        from katerm.core.influence import save_person

        ws = workspace_of(self)

        def saved(saved_id: str) -> None:
            found = self.map
            name = values.get("name") or (
                found.people[saved_id].name if found and saved_id in found.people else ""
            )
            self._saved(saved_id, contact_id is None, str(name))

        save_in_worker(
            self,
            lambda: save_person(ws, account_id, contact_id, values),
            group="influence-save",
            saved=saved,
            invalid=self._invalid,
            failed=lambda: self.panel.settle(False),
        )

    def _invalid(self, errors: dict[str, str]) -> None:
        self.panel.show_errors(errors)
        self.notify(t("errors.validation_failed", count=len(errors)), severity="error", timeout=4)
        self.panel.settle(False)

    def _saved(self, contact_id: str, created: bool, name: str) -> None:
        self.panel.close()
        self.panel.settle(True)
        self._place_panel()
        self.notify(t("influence.added" if created else "influence.saved", name=name), timeout=3)
        self.tree.focus()
        self._after_change(contact_id)

    def _after_change(self, select: str | None) -> None:
        """After a write: every screen reloads (this one through data_version), and this
        one puts the cursor on ``select``."""
        self._select_next = select
        katerm_app(self).data_changed()

    def _quick(self, field: str, value: Any) -> None:
        person = self._selected()
        if self.map is not None and person is not None:
            quick_edit(self, self.map.account_id, person, field, value, self._after_change)

    @work(thread=True, exclusive=True, exit_on_error=False, group="influence-save")
    def _save_quick(
        self, account_id: str, contact_id: str, values: dict[str, Any], done: str
    ) -> None:
        from katerm.core.errors import KatermError, ValidationFailed
        from katerm.core.influence import save_person

        try:
            save_person(workspace_of(self), account_id, contact_id, values)
        except ValidationFailed as exc:
            self.app.call_from_thread(
                self.notify, " ".join(exc.by_field().values()), severity="error"
            )
            return
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._after_change, contact_id)
        self.app.call_from_thread(self.notify, done, timeout=3)

    def action_reviewed(self) -> None:
        if self.map is not None:
            self._mark_reviewed(self.map.account_id, self.map.account_name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="influence-save")
    def _mark_reviewed(self, account_id: str, name: str) -> None:
        from katerm.core.errors import KatermError
        from katerm.core.influence import mark_map_reviewed

        try:
            mark_map_reviewed(workspace_of(self), account_id)
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.notify, t("influence.map_reviewed", name=name), timeout=3)

    def action_attitude(self, step: int) -> None:
        person = self._selected()
        if person is not None:
            self._quick("attitude", step_attitude(person.attitude, step))

    def action_influence(self) -> None:
        person = self._selected()
        if person is not None:
            self._quick("influence", next_influence(person.influence))

    def action_star(self) -> None:
        person = self._selected()
        if person is not None:
            self._quick("rising_star", not person.rising_star)

    def _selected(self) -> Person | None:
        contact = self.tree.selected_id
        return self.map.people.get(contact) if self.map and contact else None

    def action_move(self) -> None:
        person = self._selected()
        if person is None or self.map is None:
            return
        from katerm.app.influence.dialogs import TOP, BossPicker

        found = self.map

        def picked(choice: str | None) -> None:
            if choice is not None:
                boss = None if choice == TOP else choice
                done = (
                    t("influence.moved", name=person.name, boss=found.people[boss].name)
                    if boss
                    else t("influence.moved_top", name=person.name)
                )
                self._save_quick(found.account_id, person.id, {"reports_to": boss}, done)

        self.app.push_screen(BossPicker(found, person.id), picked)

    def action_lines(self) -> None:
        person = self._selected()
        if person is not None and self.map is not None:
            from katerm.app.influence.dialogs import LinesDialog

            self.app.push_screen(
                LinesDialog(self.map, person.id),
                lambda changed: self.load(person.id) if changed else None,
            )

    def action_delete(self) -> None:
        person = self._selected()
        if person is not None:
            from katerm.app.influence.dialogs import confirm_delete_person

            confirm_delete_person(
                self.app,
                person.id,
                person.name,
                after=lambda boss: setattr(self, "_select_next", boss),
            )

    # --- views, accounts, pictures -------------------------------------------------------
    def action_coverage(self) -> None:
        if self.map is None and not self._coverage:
            return
        self._coverage = showing = not self._coverage
        if showing:
            self._show_coverage()
        self.query_one(CoverageView).display = showing
        self.query_one(MapPane).display = not showing
        self._place_panel()
        (self.query_one(CoverageView) if showing else self.tree).focus()

    def action_pick_account(self) -> None:
        from katerm.app.influence.dialogs import AccountPicker

        def picked(account_id: str | None) -> None:
            if account_id:
                katerm_app(self).current_account_id = account_id

        self.app.push_screen(AccountPicker(), picked)

    def action_save_svg(self) -> None:
        import re

        name = self.map.account_name if self.map else "influence"
        safe = re.sub(r"[^\w.-]+", "_", name).strip("_")[:60] or "influence"
        folder = workspace_of(self).paths.data_dir
        path = self.app.save_screenshot(filename=f"influence-{safe}.svg", path=str(folder))
        self.notify(t("influence.svg_saved", path=path), timeout=6)
