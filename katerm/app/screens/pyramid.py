"""Mode 2, the account pyramid: accounts and revenue per tier, targets, re-tier suggestions.

The figures come from ``katerm.core.pyramid.compute`` (the same numbers as ``katerm
pyramid``), in a worker; the screen only draws them. Enter on a tier lists its accounts,
Enter on an account opens it. Suggestions are applied after a confirmation; thresholds and
targets are edited on the last tab.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Header, Select, Static, TabbedContent, TabPane

from katerm.app.localize import Localized
from katerm.app.screens.pyramid_settings import PyramidSettings
from katerm.app.widgets.chrome import AppFooter
from katerm.app.widgets.lazy_table import Column, LazyTable
from katerm.app.widgets.share_chart import ShareChart, ShareRow
from katerm.core.config import TIER_SCHEMES
from katerm.core.pyramid import (
    LIFECYCLES,
    RULES,
    FilterOptions,
    Pyramid,
    PyramidQuery,
    TierAccount,
)
from katerm.core.retier import Suggestion
from katerm.i18n import t, tn
from katerm.i18n.fmt import fmt_int, fmt_money, fmt_share

TABS = ("tab-figures", "tab-accounts", "tab-suggestions", "tab-settings")
SettingsData = tuple[str, int, dict[str, float], dict[str, int], str]


def tier_label(tier: str | None) -> str:
    return t(f"fields.tier.{tier}") if tier else t("pyramid.untiered")


def shape(position: int, tiers: int) -> str:
    """The pyramid drawn down the first column: the top tier narrowest."""
    width = 2 * tiers - 1
    if position >= tiers:
        return " " * width
    drawn = "▲" if position == 0 else "█" * (2 * position + 1)
    gap = (width - cell_len(drawn)) // 2
    return " " * gap + drawn + " " * (width - gap - cell_len(drawn))


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    """A small aligned table as text (widths in cells; the first column left, the rest right)."""
    widths = [max(cell_len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        first = cells[0] + " " * (widths[0] - cell_len(cells[0]))
        rest = ("  " + " " * (w - cell_len(c)) + c for c, w in zip(cells[1:], widths[1:],
                                                                 strict=True))
        return first + "".join(rest)

    return "\n".join(line(r) for r in [headers, *rows])


def change_text(s: Suggestion) -> str:
    arrow = {"promote": "↑", "demote": "↓"}.get(s.direction, "→")
    return f"{tier_label(s.current)} {arrow} {tier_label(s.suggested)}"


class PyramidScreen(Localized, Screen):
    # Focus the tiers straight away: every focus change redraws the footer's keys.
    AUTO_FOCUS = "#tiers"
    BINDINGS = [
        Binding("r", "show_tab('tab-suggestions')", "pyramid.keys.retier", id="pyramid.retier"),
        Binding("e", "show_tab('tab-settings')", "pyramid.keys.settings",
                id="pyramid.settings"),
        Binding("p", "show_tab('tab-figures')", "pyramid.keys.figures", id="pyramid.figures",
                show=False),
        Binding("a", "apply_one", "pyramid.keys.apply", id="pyramid.apply"),
        Binding("A", "apply_all", "pyramid.keys.apply_all", id="pyramid.apply_all"),
        Binding("ctrl+s", "save", "keys.save", id="pyramid.save", priority=True),
        Binding("escape", "back", "keys.back", id="pyramid.back", show=False),
    ]
    DEFAULT_CSS = """
    PyramidScreen #pyramid-toolbar { height: 1; background: $panel; }
    PyramidScreen #pyramid-toolbar Select { width: 1fr; min-width: 10; margin-left: 1; }
    PyramidScreen #pyramid-toolbar #scheme { width: 2fr; margin-left: 0; }
    PyramidScreen #pyramid-tabs { height: 1fr; }
    PyramidScreen #pyramid-tabs TabPane { padding: 0; }
    PyramidScreen #figures-scroll { height: 1fr; }
    PyramidScreen .pyramid-line { height: auto; padding: 0 1; color: $text-muted; }
    PyramidScreen #targets-note.-empty { display: none; }
    PyramidScreen .pyramid-title { height: 1; padding: 0 1; margin-top: 1; text-style: bold;
                                   color: $accent; }
    PyramidScreen #lifecycles { color: $text; }
    PyramidScreen .tab-box { height: 1fr; }
    PyramidScreen #tier-accounts, PyramidScreen #suggestions { height: 1fr; }
    PyramidScreen #suggestion-detail { height: auto; max-height: 4; background: $panel; }
    """

    class Loaded(Message):
        def __init__(self, pyramid: Pyramid, targets: dict[str, int]) -> None:
            super().__init__()
            self.pyramid = pyramid
            self.targets = targets

    class Suggested(Message):
        def __init__(self, query: PyramidQuery, found: list[Suggestion]) -> None:
            super().__init__()
            self.query = query
            self.found = found

    class Options(Message):
        def __init__(self, options: FilterOptions) -> None:
            super().__init__()
            self.options = options

    class Listed(Message):
        def __init__(self, query: PyramidQuery, tier: str | None,
                     accounts: list[TierAccount]) -> None:
            super().__init__()
            self.query = query
            self.tier = tier
            self.accounts = accounts

    def __init__(self) -> None:
        super().__init__()
        self.current = PyramidQuery()
        self.pyramid: Pyramid | None = None
        self.found: list[Suggestion] = []
        self.found_for: PyramidQuery | None = None  # the query the suggestions answer
        self._summary = ("", "")
        self.tier: str | None = None  # the tier whose accounts are listed
        self.listing = False
        self.accounts: list[TierAccount] = []
        self._loaded_version = -1
        self._options_loaded = False
        self._built: set[str] = set()
        self._settings: SettingsData | None = None
        self._listed_tier: tuple[str | None] | None = None  # the tier the list shows

    # --- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        ws = self.app.ws  # type: ignore[attr-defined]
        scheme = ws.settings.tier_scheme
        year = ws.clock.year()
        self.current = PyramidQuery(scheme=scheme, year=year)
        yield Header()
        with Horizontal(id="pyramid-toolbar", classes="toolbar"):
            yield Select([(t(f"fields.scheme.{s}"), s) for s in TIER_SCHEMES], value=scheme,
                         allow_blank=False, id="scheme", compact=True)
            # The prompt names the filter: nothing chosen means all of it.
            yield Select([], prompt=t("pyramid.filter.owner"), id="owner", compact=True)
            yield Select([], prompt=t("pyramid.filter.region"), id="region", compact=True)
            yield Select([], prompt=t("pyramid.filter.industry"), id="industry", compact=True)
            yield Select([(t(f"fields.lifecycle.{v}"), v) for v in LIFECYCLES],
                         prompt=t("pyramid.filter.lifecycle"), id="lifecycle", compact=True)
            yield Select([(str(y), str(y)) for y in range(year - 2, year + 2)],
                         value=str(year), allow_blank=False, id="year", compact=True)
        with TabbedContent(id="pyramid-tabs"):
            with TabPane(t("pyramid.tab.figures"), id="tab-figures"), \
                    VerticalScroll(id="figures-scroll"):
                yield Static(t("pyramid.loading"), id="summary", classes="pyramid-line")
                table = LazyTable(self._tier_columns(None), id="tiers")
                table.styles.height = len(RULES[scheme].tiers) + 1
                yield table
                yield Static("", id="targets-note", classes="pyramid-line")
                yield Static(t("pyramid.chart_title"), classes="pyramid-title")
                yield ShareChart(count_label=t("pyramid.chart_count"),
                                 revenue_label=t("pyramid.chart_revenue"), id="chart")
                yield Static(t("pyramid.lifecycle_title"), classes="pyramid-title")
                yield Static("", id="lifecycles", classes="pyramid-line")
            # The other tabs are built when first opened (see _build): fewer widgets and
            # styles before the figures are first painted.
            for tab in TABS[1:]:
                with TabPane(t(f"pyramid.tab.{tab[4:]}"), id=tab):
                    yield Vertical(id=f"{tab[4:]}-box", classes="tab-box")
        yield AppFooter()

    async def _build(self, tab: str) -> None:
        """Mount a tab's widgets the first time it is shown, and fill them."""
        if tab in self._built or tab == "tab-figures":
            return
        self._built.add(tab)
        box = self.query_one(f"#{tab[4:]}-box", Vertical)
        if tab == "tab-accounts":
            await box.mount_all([
                Static(t("pyramid.pick_tier"), id="tier-heading", classes="pyramid-line"),
                LazyTable(self._account_columns(), id="tier-accounts")])
            self._fill_accounts()
        elif tab == "tab-suggestions":
            await box.mount_all([
                Static("", id="suggestions-heading", classes="pyramid-line"),
                LazyTable(self._suggestion_columns(), id="suggestions"),
                Static("", id="suggestion-detail", classes="pyramid-line")])
            self._fill_suggestions()
        else:
            settings = PyramidSettings(id="settings")
            await box.mount(settings)
            if self._settings is not None:
                await settings.show(*self._settings)

    def _tier_columns(self, pyramid: Pyramid | None) -> list[Column]:
        tiers = [f.tier for f in pyramid.tiers] if pyramid else []
        ranked = sum(1 for tier in tiers if tier is not None)
        tier_width = max([cell_len(tier_label(x)) for x in tiers] or [4])
        money = max([cell_len(fmt_money(f.revenue)) for f in pyramid.tiers] or [8]) \
            if pyramid else 8
        return [
            Column("shape", "", max(1, 2 * ranked - 1), priority=7),
            Column("tier", t("pyramid.col.tier"), tier_width, priority=0),
            # Spare width goes evenly to the figures, keeping the pyramid at the left.
            Column("count", t("pyramid.col.count"), 5, priority=1, numeric=True, grow=1),
            Column("count_share", t("pyramid.col.count_share"), 6, priority=2, numeric=True,
                   grow=1),
            Column("revenue", t("pyramid.col.revenue"), money, priority=3, numeric=True,
                   grow=1),
            Column("revenue_share", t("pyramid.col.revenue_share"), 6, priority=4,
                   numeric=True, grow=1),
            Column("target", t("pyramid.col.target"), 4, priority=5, numeric=True, grow=1),
            Column("gap", t("pyramid.col.gap"), 4, priority=6, numeric=True, grow=1),
        ]

    def _account_columns(self) -> list[Column]:
        label = lambda key: t(f"fields.account.{key}")  # noqa: E731
        return [Column("name", label("name"), 16, priority=0, grow=3),
                Column("tier", label("tier"), 4, priority=2),
                Column("revenue", t("accounts.col_revenue"), 10, priority=1, numeric=True),
                Column("lifecycle", label("lifecycle"), 8, priority=4),
                Column("owner", label("owner"), 8, priority=3),
                Column("override", t("pyramid.col.held"), 10, priority=5, grow=1)]

    def _suggestion_columns(self) -> list[Column]:
        return [Column("name", t("pyramid.col.account"), 16, priority=0, grow=2),
                Column("change", t("pyramid.col.change"), 8, priority=1),
                Column("owner", t("pyramid.col.owner"), 8, priority=3),
                Column("reason", t("pyramid.col.reason"), 16, priority=2, grow=3)]

    def on_mount(self) -> None:
        self.title = t("modes.pyramid")
        self.watch(self.app, "data_version", self._data_changed, init=False)
        self.reload()

    def on_screen_resume(self) -> None:
        if self._loaded_version != self.app.data_version:  # type: ignore[attr-defined]
            self.reload()

    def _data_changed(self, version: int) -> None:
        if self.is_current:
            self.reload()

    def reload(self) -> None:
        # Noted here, not in the worker: the screen resumes right after mounting and must
        # not start a second load before the first has begun.
        self._loaded_version = self.app.data_version  # type: ignore[attr-defined]
        self.load()

    # --- loading -----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="pyramid-load")
    def load(self) -> None:
        from katerm.core.pyramid import compute, filter_options, load_targets
        from katerm.core.retier import suggestions

        ws = self.app.ws  # type: ignore[attr-defined]
        query = self.current
        with ws.db.reading() as conn:
            pyramid = compute(conn, query, ws.me.id)
            # The plan as stored, also when filters hide it from the figures.
            targets = load_targets(conn, pyramid.owner_id, pyramid.year, query.scheme)
            self.post_message(self.Loaded(pyramid, targets))
            found = suggestions(conn, query, ws.me.id, thresholds=pyramid.thresholds)
            self.post_message(self.Suggested(query, found))
            if not self._options_loaded:
                self.post_message(self.Options(filter_options(conn, ws.me.id)))
        if self.listing:
            self.list_tier(self.tier)

    @work(thread=True, exclusive=True, exit_on_error=False, group="pyramid-list")
    def list_tier(self, tier: str | None) -> None:
        from katerm.core.pyramid import accounts_in_tier

        ws = self.app.ws  # type: ignore[attr-defined]
        query = self.current
        with ws.db.reading() as conn:
            found = accounts_in_tier(conn, query, ws.me.id, tier)
        self.post_message(self.Listed(query, tier, found))

    @on(Options)
    def _options(self, message: Options) -> None:
        self._options_loaded = True
        options = message.options
        self.query_one("#owner", Select).set_options([(name, i) for i, name in options.members])
        self.query_one("#region", Select).set_options([(r, r) for r in options.regions])
        self.query_one("#industry", Select).set_options([(r, r) for r in options.industries])

    @on(Loaded)
    async def _loaded(self, message: Loaded) -> None:
        pyramid = message.pyramid
        if pyramid.query != self.current:
            return  # a newer query is on its way
        self.pyramid = pyramid
        self._show_figures(pyramid)
        self._settings = (pyramid.query.scheme, pyramid.year, dict(pyramid.thresholds),
                          message.targets, self._owner_name(pyramid.owner_id))
        if "tab-settings" in self._built:
            await self.query_one(PyramidSettings).show(*self._settings)

    def _owner_name(self, owner_id: str) -> str:
        select = self.query_one("#owner", Select)
        for label, value in select._options:
            if value == owner_id:
                return str(label)
        return self.app.ws.me.display  # type: ignore[attr-defined]

    def _show_summary(self) -> None:
        """Totals, then (the accounts list shows stored tiers, the pyramid the thresholds')
        how many stored tiers differ, then the thresholds."""
        head, thresholds = self._summary
        movable = sum(1 for s in self.found if not s.held)
        if movable and self.pyramid is not None and self.found_for == self.pyramid.query:
            head += " · " + tn("pyramid.stored_differ", movable, n=fmt_int(movable))
        self.query_one("#summary", Static).update(head + ("\n" + thresholds if thresholds else ""))

    def _show_figures(self, pyramid: Pyramid) -> None:
        from katerm.core.pyramid_plan import describe_thresholds

        ranked = sum(1 for f in pyramid.tiers if f.tier is not None)
        summary = tn("pyramid.summary", pyramid.count, n=fmt_int(pyramid.count),
                     revenue=fmt_money(pyramid.revenue))
        lines = describe_thresholds(pyramid.query.scheme, pyramid.thresholds)
        self._summary = (summary, t("pyramid.cli.thresholds", thresholds=" · ".join(lines))
                         if lines else "")
        self._show_summary()
        rows = pyramid.tiers

        def number(value: int | None) -> str:
            return "—" if value is None else fmt_int(value)

        def cells(i: int) -> list[str]:
            f = rows[i]
            return [shape(i, ranked), tier_label(f.tier), fmt_int(f.count),
                    fmt_share(f.count_share), fmt_money(f.revenue), fmt_share(f.revenue_share),
                    number(f.target), number(f.gap)]

        table = self.query_one("#tiers", LazyTable)
        table.set_columns(self._tier_columns(pyramid))
        if table.styles.height is None or table.styles.height.value != len(rows) + 1:
            table.styles.height = len(rows) + 1  # a relayout: only when the count changes
        table.set_rows(len(rows), cells, keep_cursor=True)
        note = "" if pyramid.targets_apply else t("pyramid.targets_whole_portfolio")
        self.query_one("#targets-note", Static).update(note)
        self.query_one("#targets-note", Static).set_class(not note, "-empty")
        self.query_one(ShareChart).set_rows(
            [ShareRow(tier_label(f.tier), f.count_share, f.revenue_share) for f in rows])
        headers = [t("pyramid.col.tier"), *(t(f"fields.lifecycle.{v}") for v in LIFECYCLES)]
        self.query_one("#lifecycles", Static).update(text_table(
            headers, [[tier_label(f.tier), *(fmt_int(f.lifecycle[v]) for v in LIFECYCLES)]
                      for f in rows]))

    @on(Suggested)
    def _suggested(self, message: Suggested) -> None:
        if message.query != self.current:
            return
        self.found = message.found
        self.found_for = message.query
        movable = sum(1 for s in self.found if not s.held)
        self.query_one(TabbedContent).get_tab("tab-suggestions").label = t(
            "pyramid.tab.suggestions_count", count=fmt_int(movable))
        self._show_summary()
        self._fill_suggestions()

    def _fill_suggestions(self) -> None:
        if "tab-suggestions" not in self._built:
            return
        found = self.found
        movable = sum(1 for s in found if not s.held)
        heading = tn("pyramid.suggestions_heading", movable, n=fmt_int(movable))
        held = len(found) - movable
        if held:
            heading += " · " + tn("pyramid.cli.held", held)
        if self.current.scheme == "strategic":
            heading = t("pyramid.no_suggestions_manual")
        self.query_one("#suggestions-heading", Static).update(heading)
        table = self.query_one("#suggestions", LazyTable)
        table.placeholder = t("pyramid.cli.nothing")
        if not found:
            self.query_one("#suggestion-detail", Static).update("")
        table.set_rows(len(found), lambda i: [
            found[i].name, change_text(found[i]), found[i].owner, found[i].reason],
            keep_cursor=True)

    @on(Listed)
    def _listed(self, message: Listed) -> None:
        if message.query != self.current or message.tier != self.tier:
            return
        self.accounts = message.accounts
        self._listed_tier = (message.tier,)
        self._fill_accounts()

    def _fill_accounts(self) -> None:
        if "tab-accounts" not in self._built:
            return
        heading = self.query_one("#tier-heading", Static)
        table = self.query_one("#tier-accounts", LazyTable)
        if self._listed_tier is None or self._listed_tier != (self.tier,):
            heading.update(t("pyramid.loading") if self.listing else t("pyramid.pick_tier"))
            table.set_rows(0, lambda i: [])
            return
        accounts = self.accounts
        heading.update(t("pyramid.tier_heading", tier=tier_label(self.tier),
                         count=fmt_int(len(accounts))))
        table.placeholder = t("pyramid.tier_empty")
        table.set_rows(len(accounts), lambda i: [
            accounts[i].name, tier_label(accounts[i].tier), fmt_money(accounts[i].annual_revenue),
            t(f"fields.lifecycle.{accounts[i].lifecycle}"), accounts[i].owner,
            accounts[i].override_reason])

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
        # The reason in full under the list: a narrow terminal cuts the column short.
        if event.table.id == "suggestions" and event.row < len(self.found):
            chosen = self.found[event.row]
            self.query_one("#suggestion-detail", Static).update(
                f"{chosen.name}: {change_text(chosen)} · {chosen.reason}")

    async def show_tier(self, tier: str | None) -> None:
        """List a tier's accounts on the accounts tab."""
        self.tier = tier
        self.listing = True
        self._listed_tier = None
        await self.action_show_tab("tab-accounts")
        self._fill_accounts()
        self.list_tier(tier)

    def _open(self, account_id: str) -> None:
        from katerm.app.screens.account import AccountScreen

        self.app.push_screen(AccountScreen(account_id))

    # --- tabs and keys -----------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active

    async def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        await self._build(tab)
        focus = {"tab-figures": "#tiers", "tab-accounts": "#tier-accounts",
                 "tab-suggestions": "#suggestions"}.get(tab)
        if focus:
            self.query_one(focus, LazyTable).focus()
        elif tab == "tab-settings":
            inputs = self.query("PyramidSettings Input")
            if inputs:
                inputs.first().focus()

    @on(TabbedContent.TabActivated)
    async def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-figures" and not self._built:
            return  # the first tab, shown on mounting: its keys are already in the footer
        if event.pane.id:
            await self._build(event.pane.id)  # also when opened with the mouse
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted or not self.query(TabbedContent):
            return True
        tab = self.active_tab
        if action in ("apply_one", "apply_all"):
            return tab == "tab-suggestions"
        if action == "save":
            return tab == "tab-settings"
        if action == "back":
            return tab != "tab-figures"
        if action == "show_tab":
            return parameters[0] != tab
        return True

    async def action_back(self) -> None:
        await self.action_show_tab("tab-figures")

    def action_apply_one(self) -> None:
        if "tab-suggestions" not in self._built:
            return
        row = self.query_one("#suggestions", LazyTable).cursor_row
        if row >= len(self.found):
            return
        chosen = self.found[row]
        if chosen.held:
            self.notify(t("pyramid.held_not_applied", reason=chosen.override_reason),
                        severity="warning")
            return
        question = t("pyramid.confirm_one", name=chosen.name, change=change_text(chosen))
        self._confirm(question, [chosen.account_id])

    def action_apply_all(self) -> None:
        ids = [s.account_id for s in self.found if not s.held]
        if not ids:
            self.notify(t("pyramid.cli.nothing"))
            return
        self._confirm(tn("pyramid.confirm_all", len(ids), n=fmt_int(len(ids))), ids)

    def _confirm(self, question: str, ids: list[str]) -> None:
        from katerm.app.screens.dialogs import ConfirmScreen

        scheme = self.current.scheme

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(scheme, ids)

        self.app.push_screen(ConfirmScreen(question, yes=t("pyramid.apply_button"),
                                           danger=False), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="pyramid-apply")
    def _apply(self, scheme: str, ids: list[str]) -> None:
        from katerm.core.errors import KatermError
        from katerm.core.retier import apply_suggestions

        try:
            result = apply_suggestions(self.app.ws, scheme, ids)  # type: ignore[attr-defined]
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        count = len(result.applied)
        self.app.call_from_thread(self.notify, tn("pyramid.cli.applied", count))
        self.app.call_from_thread(self.app.data_changed)  # type: ignore[attr-defined]

    # --- thresholds and targets --------------------------------------------------------------
    @on(Button.Pressed, "#pyramid-save")
    def action_save(self) -> None:
        if "tab-settings" not in self._built:
            return
        thresholds, targets = self.query_one(PyramidSettings).changed()
        if not thresholds and not targets:
            self.notify(t("account.nothing_changed"), timeout=3)
            return
        pyramid = self.pyramid
        if pyramid is None:
            return
        self._save(pyramid.query.scheme, pyramid.owner_id, pyramid.year, thresholds, targets)

    @work(thread=True, exclusive=True, exit_on_error=False, group="pyramid-save")
    def _save(self, scheme: str, owner_id: str, year: int, thresholds: dict[str, Any],
              targets: dict[str, Any]) -> None:
        from katerm.core.errors import KatermError, ValidationFailed
        from katerm.core.pyramid import load_thresholds
        from katerm.core.pyramid_plan import (
            check_targets,
            check_thresholds,
            save_targets,
            save_thresholds,
        )

        ws = self.app.ws  # type: ignore[attr-defined]
        errors: dict[str, str] = {}
        with ws.db.reading() as conn:
            current = load_thresholds(conn, scheme)
        for check, values in ((lambda v: check_thresholds(scheme, v, current), thresholds),
                              (lambda v: check_targets(scheme, v), targets)):
            try:
                check(values)
            except ValidationFailed as exc:
                errors.update(exc.by_field())
        if errors:  # nothing is saved until every field is good
            self.app.call_from_thread(self._invalid, errors)
            return
        try:
            if thresholds:
                save_thresholds(ws, scheme, thresholds)
            if targets:
                save_targets(ws, owner_id, year, scheme, targets)
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._saved)

    def _invalid(self, errors: dict[str, str]) -> None:
        self.query_one(PyramidSettings).show_errors(errors)
        self.notify(t("errors.validation_failed", count=len(errors)), severity="error",
                    timeout=4)

    def _saved(self) -> None:
        self.notify(t("account.saved"), timeout=3)
        self.app.data_changed()  # type: ignore[attr-defined]
