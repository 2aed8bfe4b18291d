"""Mode 2, the account pyramid: accounts and revenue per tier, targets, re-tier suggestions.

The figures come from ``katerm.core.pyramid`` (the same numbers as ``katerm pyramid``), in a
worker; the screen only draws them. Four tabs, each its own pane: the figures
(:mod:`.figures`), a tier's accounts (:mod:`.tier_accounts`, Enter on a tier), the re-tier
suggestions (:mod:`.suggestions`, applied after a confirmation) and the thresholds and targets
(:mod:`.settings`). Enter on an account opens it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Select, TabbedContent, TabPane

from katerm.app.context import filling, first_rows_painted, katerm_app, workspace_of
from katerm.app.keynames import key_of
from katerm.app.localize import Localized
from katerm.app.pyramid.figures import FiguresPane
from katerm.app.pyramid.messages import Listed, Loaded, Options, Suggested
from katerm.app.pyramid.suggestions import SuggestionsPane
from katerm.app.pyramid.tier_accounts import TierAccountsPane
from katerm.app.pyramid.toolbar import FilterBar
from katerm.app.styles import tcss
from katerm.app.widgets.chrome import AppFooter
from katerm.app.widgets.lazy_table import LazyTable
from katerm.app.widgets.nothing_to_close import say_nothing_to_close
from katerm.app.widgets.tabs import stepped_tab
from katerm.core.pyramid import Pyramid, PyramidQuery, Suggestion, TierAccount
from katerm.i18n import t
from katerm.i18n.fmt import fmt_int

if TYPE_CHECKING:
    from katerm.app.pyramid.settings import PyramidSettings  # imported when first shown

TABS = ("tab-figures", "tab-accounts", "tab-suggestions", "tab-settings")
TAB_ACTIONS = frozenset({"apply_one", "apply_all", "save", "back", "show_tab", "beside"})  # by tab
SettingsData = tuple[str, int, dict[str, float], dict[str, int], str, dict[str, float]]


class PyramidScreen(Localized, Screen):
    # Focus the tiers straight away: every focus change redraws the footer's keys.
    AUTO_FOCUS = "#tiers"
    BINDINGS = [
        Binding("r", "show_tab('tab-suggestions')", "pyramid.keys.retier", id="pyramid.retier"),
        Binding("e", "show_tab('tab-settings')", "pyramid.keys.settings", id="pyramid.settings"),
        Binding(
            "p", "show_tab('tab-figures')", "pyramid.keys.figures", id="pyramid.figures", show=False
        ),
        *(  # [ and ] step through the tabs, as on the account screen
            Binding(key, f"step_tab({n})", f"keys.{way}_tab", id=f"pyramid.{way}_tab", show=False)
            for key, n, way in (
                ("left_square_bracket", -1, "previous"),
                ("right_square_bracket", 1, "next"),
            )
        ),
        Binding("b", "beside", "pyramid.keys.beside", id="pyramid.beside"),
        Binding("a", "apply_one", "pyramid.keys.apply", id="pyramid.apply"),
        Binding("A", "apply_all", "pyramid.keys.apply_all", id="pyramid.apply_all"),
        Binding("ctrl+s", "save", "keys.save", id="pyramid.save", priority=True),
        Binding("escape", "back", "keys.back", id="pyramid.back", show=False),
    ]
    DEFAULT_CSS = tcss(__file__, "pyramid_screen.tcss")

    def __init__(self) -> None:
        super().__init__()
        self.current = PyramidQuery()
        self.pyramid: Pyramid | None = None
        self.found: list[Suggestion] = []
        self.found_for: PyramidQuery | None = None  # the query the suggestions answer
        self.tier: str | None = None  # the tier whose accounts are listed
        self.listing = False
        self.accounts: list[TierAccount] = []
        self._loaded_version = -1
        self._options_loaded = False
        self._built: set[str] = set()
        self._settings: SettingsData | None = None
        self._listed_tier: tuple[str | None] | None = None  # the tier the list shows
        self._tabs: TabbedContent | None = None  # found once: check_action runs per key

    # --- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        ws = workspace_of(self)
        scheme = ws.settings.tier_scheme
        year = ws.clock.year()
        self.current = PyramidQuery(scheme=scheme, year=year)
        # The figures' scan (SQLite, out of the interpreter's lock) runs on the other core
        # while the widgets below are composed, styled and laid out: started on mounting, it
        # began only after them (a third of the first open at 100k accounts).
        self.reload()
        yield Header()
        # Stubs until the figures are painted, then the Selects (see toolbar).
        yield FilterBar(self.current, id="pyramid-toolbar")
        with TabbedContent(id="pyramid-tabs"):
            with TabPane(t("pyramid.tab.figures"), id="tab-figures"):
                yield FiguresPane(scheme, id="figures-scroll")
            # The other tabs are built when first opened (see _build): fewer widgets and
            # styles before the figures are first painted.
            with TabPane(t("pyramid.tab.accounts"), id="tab-accounts"):
                yield TierAccountsPane(id="accounts-box", classes="tab-box")
            with TabPane(t("pyramid.tab.suggestions"), id="tab-suggestions"):
                yield SuggestionsPane(id="suggestions-box", classes="tab-box")
            with TabPane(t("pyramid.tab.settings"), id="tab-settings"):
                yield Vertical(id="settings-box", classes="tab-box")
        yield AppFooter()

    async def _build(self, tab: str) -> None:
        """Mount a tab's widgets the first time it is shown, and fill them."""
        if tab in self._built or tab == "tab-figures":
            return
        self._built.add(tab)
        if tab == "tab-accounts":
            await self.query_one(TierAccountsPane).build()
            self._fill_accounts()
        elif tab == "tab-suggestions":
            await self.query_one(SuggestionsPane).build()
            self._fill_suggestions()
        else:
            from katerm.app.pyramid.settings import PyramidSettings

            settings = PyramidSettings(id="settings")
            await self.query_one("#settings-box", Vertical).mount(settings)
            if self._settings is not None:
                await settings.show(*self._settings)

    def on_mount(self) -> None:
        self._tabs = self.query_one(TabbedContent)
        self.title = t("modes.pyramid")
        self.watch(self.app, "data_version", self._data_changed, init=False)
        if self._loaded_version != katerm_app(self).data_version:
            self.reload()  # the data changed while the widgets were composed

    def on_screen_resume(self) -> None:
        if self._loaded_version != katerm_app(self).data_version:
            self.reload()

    def _data_changed(self, version: int) -> None:
        if self.is_current:
            self.reload()

    def reload(self) -> None:
        # Noted here, not in the worker: the screen resumes right after mounting and must
        # not start a second load before the first has begun.
        self._loaded_version = katerm_app(self).data_version
        self.load()

    # --- loading -----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="pyramid-load")
    def load(self) -> None:
        from katerm.core.pyramid import load_figures, read_revenue_targets

        ws = workspace_of(self)
        query = self.current
        pyramid, targets = load_figures(ws.db, query, ws.me.id)
        revenue = read_revenue_targets(ws.db, pyramid.owner_id, pyramid.year, query.scheme)
        self.post_message(Loaded(pyramid, targets, revenue))
        if self.listing:
            self.list_tier(self.tier)

    @work(thread=True, exclusive=True, exit_on_error=False, group="pyramid-rest")
    def load_rest(self, pyramid: Pyramid) -> None:
        """The suggestions and the filters' choices, once the figures are on screen (a worker
        in Python beside the first paint would halve the screen's share of the interpreter)."""
        from katerm.core.pyramid import load_filter_options, load_suggestions

        ws = workspace_of(self)
        query = pyramid.query
        with filling(self):  # gives way to a screen being opened
            found = load_suggestions(ws.db, query, ws.me.id, thresholds=pyramid.thresholds)
        self.post_message(Suggested(query, found))
        if not self._options_loaded:
            with filling(self):
                options = load_filter_options(ws.db, ws.me.id)
            self.post_message(Options(options))

    @work(thread=True, exclusive=True, exit_on_error=False, group="pyramid-list")
    def list_tier(self, tier: str | None) -> None:
        from katerm.core.pyramid import load_tier_accounts

        ws = workspace_of(self)
        query = self.current
        self.post_message(Listed(query, tier, load_tier_accounts(ws.db, query, ws.me.id, tier)))

    @on(Options)
    def _options(self, message: Options) -> None:
        self._options_loaded = True
        self.query_one(FilterBar).set_options(message.options)

    @on(Loaded)
    async def _loaded(self, message: Loaded) -> None:
        pyramid = message.pyramid
        if pyramid.query != self.current:
            return  # a newer query is on its way
        self.pyramid = pyramid
        self.query_one(FiguresPane).show(pyramid, self._movable())
        first_rows_painted(self)
        self.call_after_refresh(self._after_figures, pyramid)
        self._settings = (
            pyramid.query.scheme,
            pyramid.year,
            dict(pyramid.thresholds),
            message.targets,
            self._owner_name(pyramid.owner_id),
            message.revenue,
        )
        if "tab-settings" in self._built:
            await cast("PyramidSettings", self.query_one("#settings")).show(*self._settings)

    async def _after_figures(self, pyramid: Pyramid) -> None:
        """Once the figures are on screen: the filters, then the rest of the data."""
        self.load_rest(pyramid)
        await self.query_one(FilterBar).build(self.current)

    def _owner_name(self, owner_id: str) -> str:
        return self.query_one(FilterBar).owner_name(owner_id) or workspace_of(self).me.display

    def _movable(self) -> tuple[int, int] | None:
        """How many accounts the re-tier tab lists (its count), and how many of them because
        the stored tier differs from the figures' (the rest: the evaluation's suggestions),
        once the suggestions answer the figures' query."""
        if self.pyramid is None or self.found_for != self.pyramid.query:
            return None
        movable = [s for s in self.found if not s.held]
        return len(movable), sum(1 for s in movable if s.basis == "figures")

    @on(Suggested)
    def _suggested(self, message: Suggested) -> None:
        if message.query != self.current:
            return
        self.found = message.found
        self.found_for = message.query
        movable = sum(1 for s in self.found if not s.held)
        self.query_one(TabbedContent).get_tab("tab-suggestions").label = t(
            "pyramid.tab.suggestions_count", count=fmt_int(movable)
        )
        self.query_one(FiguresPane).show_summary(self._movable())
        self._fill_suggestions()

    def _fill_suggestions(self) -> None:
        loading = self.found_for != self.current
        self.query_one(SuggestionsPane).fill(self.found, self.current.scheme, loading=loading)

    @on(Listed)
    def _listed(self, message: Listed) -> None:
        if message.query != self.current or message.tier != self.tier:
            return
        self.accounts = message.accounts
        self._listed_tier = (message.tier,)
        self._fill_accounts()

    def _fill_accounts(self) -> None:
        listed = self._listed_tier is not None and self._listed_tier == (self.tier,)
        flagged = self.query_one(FiguresPane).flagged  # owners whose grade does not match
        self.query_one(TierAccountsPane).fill(
            self.tier, self.accounts if listed else None, self.listing, flagged
        )

    # --- filters -----------------------------------------------------------------------------
    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        name = event.select.id or ""
        value = None if event.value is Select.NULL else str(event.value)
        if name not in ("scheme", "owner", "region", "industry", "lifecycle", "year"):
            return
        field = "owner_id" if name == "owner" else name
        changes: dict[str, Any] = {field: int(value) if name == "year" and value else value}
        if name == "scheme" and not value:
            return
        query = replace(self.current, **changes)
        if query != self.current:
            self.current = query
            self.load()
            if "tab-suggestions" in self._built:
                self._fill_suggestions()  # says they are being found again

    # --- tiers and accounts ------------------------------------------------------------------
    @on(LazyTable.Chosen)
    async def _chosen(self, event: LazyTable.Chosen) -> None:
        which = event.table.id
        if which == "tiers" and self.pyramid and event.row < len(self.pyramid.tiers):
            await self.show_tier(self.pyramid.tiers[event.row].tier)
        elif which == "tier-accounts" and event.row < len(self.accounts):
            self._open(self.accounts[event.row].id)
        elif which == "suggestions" and event.row < len(self.found):
            self._open(self.found[event.row].account_id)

    @on(LazyTable.Highlighted)
    def _highlighted(self, event: LazyTable.Highlighted) -> None:
        if event.table.id == "suggestions" and event.row < len(self.found):
            self.query_one(SuggestionsPane).detail(self.found[event.row])

    async def show_tier(self, tier: str | None) -> None:
        """List a tier's accounts on the accounts tab."""
        self.tier = tier
        self.listing = True
        self._listed_tier = None
        await self.action_show_tab("tab-accounts")
        self._fill_accounts()
        self.list_tier(tier)

    def _open(self, account_id: str) -> None:
        from katerm.app.accounts.account import AccountScreen

        self.app.push_screen(AccountScreen(account_id))

    # --- tabs and keys -----------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        return (self._tabs or self.query_one(TabbedContent)).active

    async def action_step_tab(self, step: int) -> None:
        await self.action_show_tab(stepped_tab(self._tabs or self.query_one(TabbedContent), step))

    async def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        await self._build(tab)
        focus = {
            "tab-figures": "#tiers",
            "tab-accounts": "#tier-accounts",
            "tab-suggestions": "#suggestions",
        }.get(tab)
        if focus:
            self.query_one(focus, LazyTable).focus()
        elif tab == "tab-settings":
            # No field takes the focus: an Input focused selects its text, and the next
            # screen key (5, ]) replaced the team's threshold. Tab or a click goes in.
            self.set_focus(None)

    @on(TabbedContent.TabActivated)
    async def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-figures" and not self._built:
            return  # the first tab, shown on mounting: its keys are already in the footer
        if event.pane.id:
            await self._build(event.pane.id)  # also when opened with the mouse
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Asked per key on every footer refresh: no DOM query (a fifth of the first open).
        if action not in TAB_ACTIONS or self._tabs is None:
            return True
        tab = self._tabs.active
        if action in ("apply_one", "apply_all"):
            return tab == "tab-suggestions"
        if action == "save":
            return tab == "tab-settings"
        if action == "back":
            return tab != "tab-figures"
        if action == "beside":
            return tab == "tab-figures"
        if action == "show_tab":
            return parameters[0] != tab
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if action in ("apply_one", "apply_all"):  # walk s9b 11: listed, and silent elsewhere
            return t("pyramid.why_apply", key=key_of(self, "pyramid.retier"))
        if action == "beside":  # the third walk: silent off the Pyramid tab
            return t("pyramid.why_beside", key=key_of(self, "pyramid.figures"))
        return None

    def action_beside(self) -> None:
        """Another scheme's tiers beside the figures' (see :mod:`.beside`)."""
        from katerm.app.pyramid.beside import BesideTable

        self.query_one(BesideTable).cycle(self.pyramid)

    async def action_back(self) -> None:
        if self.active_tab == "tab-figures":  # the first tab: nowhere to go back to
            say_nothing_to_close(self)
            return
        await self.action_show_tab("tab-figures")

    def action_apply_one(self) -> None:
        if "tab-suggestions" in self._built and self.found_for == self.current:
            self.query_one(SuggestionsPane).apply_one(self.found, self.current.scheme)

    def action_apply_all(self) -> None:
        if self.found_for == self.current:  # not while the suggestions are being found
            self.query_one(SuggestionsPane).apply_all(self.found, self.current.scheme)

    # --- thresholds and targets --------------------------------------------------------------
    @on(Button.Pressed, "#pyramid-save")
    def action_save(self) -> None:
        if "tab-settings" in self._built:
            cast("PyramidSettings", self.query_one("#settings")).save(self.pyramid)
