"""KatermApp: modes, global bindings, themes, undo; screens live in the feature rooms."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from textual import events, work
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import AwaitMount

from katerm.app import callbacks, cjkwrap
from katerm.app.collector import CollectorHold
from katerm.app.commands import CommandInitials, Palette, RecordSearch, app_commands
from katerm.app.keynames import key_of, panel_key, register
from katerm.app.keyorder import KeyOrder, TrackedKey
from katerm.app.keys import mode_bindings
from katerm.app.localize import localize_bindings, localize_textual_widgets
from katerm.app.modes import ACCOUNT_TABS, MODES
from katerm.app.sync.worker import SyncController
from katerm.app.themes import DEFAULT_THEME, discover
from katerm.app.widgets.nothing_to_close import NothingToClose
from katerm.app.widgets.waiting import WaitsForData
from katerm.core import background
from katerm.core.workspace import Workspace
from katerm.i18n import set_language, t


@dataclass(frozen=True)
class Deleted:
    table: str
    row_id: str
    label: str
    # A quick change, or a delete that changed more than its row (moved someone's reports up),
    # undoes with its own function, run in a worker, and says ``undone``; None restores the row.
    undo: Callable[[], None] | None = None
    undone: str = ""


# Imported by the warm-up, after the first screen has its data (see KatermApp.warm_up).
WARM_SCREENS = (
    "katerm.app.pyramid.screen",
    "katerm.app.influence.screen",
    "katerm.app.reviews.screen",
)
# Seconds a screen switch holds the background fills at most (see KatermApp.switch_mode).
SWITCH_HOLD = 1.0
# And after any key: a search's next rows are painted before a fill goes on.
KEY_HOLD = 0.2
# Each step of the warm-up (an import, indivisible) waits for this many seconds without a hold.
WARM_CALM = 0.25


class KatermApp(NothingToClose, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "katerm"
    COMMANDS = App.COMMANDS | {RecordSearch, CommandInitials}
    BINDINGS = [
        Binding("ctrl+q", "quit", "keys.quit", id="app.quit", priority=True),
        Binding(
            "ctrl+p", "command_palette", "keys.palette", id="app.palette", priority=True, show=False
        ),
        Binding("u", "undo", "keys.undo", id="app.undo", show=False),
        Binding("f1", "toggle_keys", "keys.help", id="app.help"),
        Binding(  # closes the key panel; off (check_action) while it is closed: the screen's Esc
            "escape", "toggle_keys(1)", "keys.close", id="app.close_keys", show=False, priority=True
        ),
        Binding("l", "log_activity", "reviews.keys.log_activity", id="app.log_activity"),
        Binding("f5", "sync", "keys.sync", id="app.sync", show=False),
        Binding("escape", "nothing_to_close", "keys.back_or_say", id="app.back", show=False),
    ]

    # Bumped after every change to the data, so visible screens reload what they show.
    data_version: reactive[int] = reactive(0)
    # The right end of the footer on every screen (sync state); empty hides it.
    status_text: reactive[str] = reactive("")
    status_problem = False
    # The account the user opened last: account-centred modes (influence map, gaps) show it.
    current_account_id: reactive[str | None] = reactive(None)

    def __init__(self, workspace: Workspace, *, lang: str = "en") -> None:
        set_language(lang)
        cjkwrap.install()  # Chinese wraps between characters and is never lost at an edge
        callbacks.install()  # each handler's parameters counted once, not per call
        super().__init__()
        self.ws = workspace
        # The account screen's tabs beyond its own (the features' panes), in order.
        self.account_tabs = list(ACCOUNT_TABS)
        self.lang = lang
        self._undo: list[Deleted] = []
        self.collector = CollectorHold(self, SWITCH_HOLD)  # see switch_mode
        self.key_order = KeyOrder(self, super().on_event)
        for spec in MODES:
            self.add_mode(spec.name, spec.factory)
        for binding in mode_bindings():
            self._bindings._add_binding(binding)
        register(self.BINDINGS)
        localize_bindings(self)
        localize_textual_widgets()
        self.refresh_identity()
        self.sync_controller = SyncController(self)
        themes, self.theme_problems = discover(workspace.paths.themes_dir)
        self.offered_themes = [theme.name for theme in themes]  # the picker's (ThemePicker)
        for theme in themes:
            self.register_theme(theme)
        wanted = workspace.settings.theme
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME
        self._unknown_theme = None if wanted in self.available_themes else wanted
        if workspace.settings.keys:
            self.set_keymap(workspace.settings.keys)

    # --- first open of a mode: style the new screen only ----------------------------------
    _new_mode_screen: Screen | None = None
    _making_mode = False

    def _init_mode(self, mode: str) -> AwaitMount:
        # Textual gives a mode's new screen an out-of-date style count, then answers it by
        # parsing every style again and restyling every node of every screen opened so far
        # (0.5 s of the first open of the pipeline after the others, at 100k accounts). The
        # variables have not changed and the new screen's widgets are styled as they mount:
        # styling the new screen itself is all it needs (see refresh_css).
        self._making_mode = True
        try:
            return super()._init_mode(mode)
        finally:
            self._making_mode = False
            self._new_mode_screen = None

    def _load_screen_css(self, screen: Screen) -> None:
        if self._making_mode:
            self._new_mode_screen = screen
        super()._load_screen_css(screen)

    def refresh_css(self, animate: bool = True) -> None:
        screen = self._new_mode_screen
        if screen is None:
            super().refresh_css(animate)
            return
        self._new_mode_screen = None
        self.stylesheet.update(screen, animate=animate)  # parses only sources it has not seen
        screen._css_update_count = self._css_update_count

    def refresh_identity(self) -> None:
        """Who I am and which database, in the header (the demo makes me its manager)."""
        self.sub_title = f"{self.ws.me.display} · {_short(self.ws.paths.db_file)}"

    def on_mount(self) -> None:
        self.switch_mode("accounts")
        for problem in self.theme_problems:
            self.notify(str(problem), title=t("themes.problem_title"), severity="error", timeout=12)
        if self._unknown_theme:
            self.notify(
                t("themes.unknown", name=self._unknown_theme, default=DEFAULT_THEME),
                severity="warning",
                timeout=8,
            )
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.sync_controller.start()

    def action_sync(self) -> None:
        """Sync now (in the background; the footer shows how it goes)."""
        self.sync_controller.sync_now()

    @work(thread=True, exit_on_error=False, group="warm-up")
    def warm_up(self) -> None:
        """Load the write path (SQLAlchemy, SQLModel) once the first screen has its data, so
        the first save is instant and the first paint does not wait for it. In steps that
        give way to a screen being opened (katerm.core.background): a key pressed meanwhile
        is not slowed by it."""
        with background.fill():
            # The code of the screens most opened first, so their first open pays for its
            # data only (~80-100 ms of imports each). First: a step cannot give way half-way,
            # and the write path's (SQLModel's models, ~0.5 s) still ran when a user opened the
            # pyramid a second after the first rows, whose own imports then took twice as
            # long beside it (py-spy, bench_terminal --look 1).
            for module in WARM_SCREENS:
                background.calm(WARM_CALM)
                importlib.import_module(module)
            background.calm(WARM_CALM)
            self.ws.db.engine  # noqa: B018  (building it is the point)
            background.calm(WARM_CALM)
            from katerm.core import deferred, store

            store.table_info("accounts")
            # The reviews' measures and sections, registered on first use: ~50 ms of my
            # day's first open.
            background.calm(WARM_CALM)
            deferred.run("reviews")
            # Their handlers' parameters, counted here rather than on the first open (a fifth
            # of the pyramid's main thread from its key to its figures, see callbacks).
            callbacks.prewarm()
        # What start-up made (modules, the accounts index, the first screen) lives as long as
        # the app: out of every later full collection, which then no longer walks it all
        # (one took a third of the pyramid's first open at 100k accounts).
        gc.freeze()

    def switch_mode(self, mode: str) -> AwaitMount:
        """Textual's, holding the background fills (katerm.core.background) until the new
        screen's first rows are painted (it says so, see context.first_rows_painted) or, for a
        screen already open, until the next refresh; never longer than SWITCH_HOLD."""
        first = self._current_mode == self.DEFAULT_MODE  # the first screen: nothing to hold
        if mode != self._current_mode and mode in self._modes and not first:
            background.hold(SWITCH_HOLD)
            self.collector.hold()
            if mode in self._screen_stacks:  # open already: it shows what it has
                self.call_after_refresh(self.collector.painted)
        return super().switch_mode(mode)

    def on_unmount(self) -> None:
        self.collector.resume()  # never left off after the app (tests run many in one process)

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if name and name != self.ws.settings.theme:
            from katerm.core.config import set_value

            try:
                set_value(self.ws.paths.config_file, "theme", name)
                self.ws.settings.theme = name
            except Exception as exc:  # a read-only config must not break theme switching
                self.notify(str(exc), severity="warning")

    # --- data changes and undo -----------------------------------------------------------
    def data_changed(self) -> None:
        self.data_version += 1

    def remember_delete(
        self, table: str, row_id: str, label: str, undo: Callable[[], None] | None = None
    ) -> None:
        self._undo.append(Deleted(table, row_id, label, undo))
        self.notify(t("app.deleted", label=label), title=t("app.deleted_title"), timeout=10)

    def remember_change(self, done: str, undo: Callable[[], None], undone: str) -> None:
        """A key that wrote at once (gaps +/-, the map's quick keys): u runs ``undo``."""
        self._undo.append(Deleted("", "", done, undo, undone))
        self.notify(t("app.changed", done=done, key=key_of(self, "app.undo")), timeout=10)

    def action_undo(self) -> None:
        if not self._undo:
            self.notify(t("app.nothing_to_undo"), severity="warning")
            return
        self._restore(self._undo.pop())

    @work(thread=True, exclusive=True, exit_on_error=False, group="undo")
    def _restore(self, item: Deleted) -> None:
        from katerm.core.accounts import restore_record
        from katerm.core.errors import KatermError

        try:
            if item.undo is not None:
                item.undo()
            else:
                restore_record(self.ws, item.table, item.row_id)
        except KatermError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.call_from_thread(self.data_changed)
        self.call_from_thread(self.notify, item.undone or t("app.restored", label=item.label))

    def action_log_activity(self) -> None:
        """Quick-add an activity, pre-filled with the account in view (from any screen)."""
        from textual.screen import ModalScreen

        from katerm.app.reviews.log_activity import LogActivityScreen

        if isinstance(self.screen, ModalScreen):
            return  # not on top of another dialog
        # The account of the highlighted row (accounts list, gaps, pipeline), else the last
        # one opened.
        highlighted = getattr(self.screen, "highlighted_account", None)
        account_id = highlighted() if callable(highlighted) else None
        # A routine highlighted (the account's Routines tab): the activity carries it out.
        routine = None
        for node in self.focused.ancestors_with_self if self.focused else ():
            pick = getattr(node, "routine_to_log", None)
            if callable(pick):
                routine = pick()
                break
        self.push_screen(LogActivityScreen(account_id or self.current_account_id, routine=routine))

    async def on_event(self, event: events.Event) -> None:
        # A key from the terminal waits for the one before it (katerm.app.keyorder).
        fresh = isinstance(event, events.Key) and not isinstance(event, TrackedKey)
        if fresh and not event.is_forwarded:
            assert isinstance(event, events.Key)
            background.hold(KEY_HOLD)  # what the key shows first (katerm.core.background)
            await self.key_order.take(event)
            return
        await super().on_event(event)

    # --- keys that cannot act here say why ---------------------------------------------------
    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Textual's, except that a key whose action cannot act here says why, when the node
        it belongs to knows (``why_not(action, parameters)``), instead of doing nothing."""
        target, name, params = self._parse_action(
            action, self if default_namespace is None else default_namespace, namespaces
        )
        if target.check_action(name, params):
            return await self._dispatch_action(target, name, params)
        waits = isinstance(target, WaitsForData) and target.waiting_for_data()
        if waits and cast("WaitsForData", target).keep_action(name, params):  # acts once there
            self.notify(t("app.kept_while_loading"), timeout=2)
            return True
        why_not = getattr(target, "why_not", None)
        reason = why_not(name, params) if callable(why_not) else None
        if reason:
            self.notify(reason, severity="warning", timeout=4)
            return True
        return False

    async def play_kept(
        self, target: WaitsForData, kept: list[tuple[str, tuple[object, ...]]]
    ) -> None:
        """The keys pressed while ``target`` loaded, now that its data is there: each acts, or
        says why it cannot (a seller's `m`: the evening review is a lead's)."""
        for name, params in kept:
            if not target.screen.is_current:
                return  # the user went elsewhere meanwhile: the keys were for that screen
            if target.check_action(name, params):
                await self._dispatch_action(target, name, params)
                continue
            why_not = getattr(target, "why_not", None)
            reason = why_not(name, params) if callable(why_not) else None
            if reason:
                self.notify(reason, severity="warning", timeout=4)

    # --- leaving ---------------------------------------------------------------------------
    async def action_quit(self) -> None:
        """Ctrl+Q and the palette's Quit: at once when nothing would be lost; else ask (save
        and quit, quit without saving, or stay) — katerm.app.widgets.leaving."""
        from katerm.app.widgets.leaving import LeaveDialog, quit_asking

        if isinstance(self.screen, LeaveDialog):
            return  # the question is already asked
        quit_asking(self, self.exit)

    def action_help_quit(self) -> None:
        """Ctrl+C (copy elsewhere): say, in the user's language, how to quit."""
        self.notify(t("app.how_to_quit"), timeout=4)

    def action_import_file(self) -> None:
        """The import screen: a file's columns beside katerm's fields, then the import."""
        from katerm.app.accounts.import_screen import ImportScreen

        self.push_screen(ImportScreen())

    # --- palette, help ------------------------------------------------------------------
    def action_command_palette(self) -> None:
        # is_open takes an App[object]; App is invariant in its return type, KatermApp is App[int].
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(Palette(placeholder=t("palette.placeholder"), id="--command-palette"))

    def search_themes(self) -> None:
        """katerm's themes by their names in the interface language."""
        from katerm.app.themes import ThemePicker

        self.push_screen(Palette(providers=[ThemePicker], placeholder=t("palette.theme_search")))

    def get_key_display(self, binding: Binding) -> str:
        """Keys in the footer and F1 named as katerm's texts name them (``Alt+←``, ``Esc``)."""
        return binding.key_display or panel_key(binding.key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not parameters or action != "toggle_keys" or bool(self.screen.query("HelpPanel"))

    def action_toggle_keys(self, closing: int = 0) -> None:  # F1; Esc (closing) only hides
        shown = bool(self.screen.query("HelpPanel"))
        (self.action_hide_help_panel if shown else self.action_show_help_panel)()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for spec in MODES:
            yield SystemCommand(
                t(spec.title_key), t(spec.help_key), lambda name=spec.name: self.switch_mode(name)
            )
        yield from app_commands(self)

    def action_save_screenshot(self) -> None:
        path = Path(self.save_screenshot(path=str(self.ws.paths.data_dir)))
        self.notify(t("app.screenshot_saved", path=str(path)))


def _short(path: Path) -> str:
    home = Path.home()
    return "~/" + str(path.relative_to(home)) if path.is_relative_to(home) else str(path)
