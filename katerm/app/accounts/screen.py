"""The accounts list: search as you type, filters, sort by any column, totals; Enter opens one.

The list is an in-memory :class:`~katerm.core.accounts.AccountIndex` loaded in a worker; a
search keystroke narrows it as the key is handled and the table draws only the rows on screen.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Select, Static

from katerm.app.context import filling, katerm_app, workspace_of
from katerm.app.keynames import key_of
from katerm.app.localize import Localized
from katerm.app.widgets.chrome import AppFooter
from katerm.app.widgets.lazy_table import Column, LazyTable
from katerm.app.widgets.search_input import SearchInput
from katerm.app.widgets.waiting import WaitsForData
from katerm.core.accounts import AccountIndex, Preview, Query, View
from katerm.core.money import short
from katerm.core.store import Lifecycle
from katerm.i18n import t, tn
from katerm.i18n.fmt import fmt_date, fmt_int


def account_columns() -> list[Column]:
    label = lambda key: t(f"fields.account.{key}")  # noqa: E731
    return [
        Column("name", label("name"), 20, priority=0, grow=3),
        Column("tier", label("tier"), 4, priority=1),
        Column("lifecycle", label("lifecycle"), 8, priority=4),
        Column("industry", label("industry"), 8, priority=5, room=22),  # "Food & beverage"
        Column("region", label("region"), 12, priority=6, room=16),
        # A figure is never cut ("≈ 213,000,0…" misreads): it gets its width as an owner does.
        Column(
            "annual_revenue", t("accounts.col_revenue"), 12, priority=2, numeric=True, whole=True
        ),
        Column("owner", label("owner"), 12, priority=3, whole=True),  # never "Robert Thom…"
        Column("last_activity", label("last_activity"), 10, priority=7),
    ]


def tier_label(tier: str | None) -> str:
    return t(f"fields.tier.{tier}") if tier else t("fields.tier.none")


class AccountsScreen(WaitsForData, Localized, Screen):
    """Mode 1: every account I can see."""

    BINDINGS = [
        Binding("slash", "focus_search", "keys.search", id="accounts.search"),
        Binding("escape", "clear", "keys.clear", id="accounts.clear", show=False),
        Binding("n", "new_account", "keys.new_account", id="accounts.new"),
        Binding("s", "cycle_sort", "keys.sort", id="accounts.sort"),
        Binding("r", "reverse_sort", "keys.reverse", id="accounts.reverse", show=False),
        Binding("d", "delete_account", "keys.delete", id="accounts.delete"),
        Binding("i", "import_file", "import.keys.open", id="accounts.import"),
    ]

    class Previewed(Message):
        def __init__(self, preview: Preview, painted: threading.Event) -> None:
            super().__init__()
            self.preview = preview
            self.painted = painted  # set once the rows are on screen

    class Loaded(Message):
        def __init__(self, index: AccountIndex) -> None:
            super().__init__()
            self.index = index

    class Results(Message):
        def __init__(self, query: Query, view: View) -> None:
            super().__init__()
            self.query = query
            self.view = view

    def __init__(self) -> None:
        super().__init__()
        self.index: AccountIndex | None = None
        self.current = Query()
        self.view: View | None = None
        self.shown_query: Query | None = None  # the query whose rows are on screen
        self._measured: tuple[int, Query] | None = None  # the list the widths were measured on
        self._loaded_version = -1
        self._reselect: str | None = None
        self._welcomed = False
        self._preview_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="toolbar"):
            hint = t("accounts.search_placeholder", key=key_of(self, "accounts.search"))
            yield SearchInput(placeholder=hint, id="search", compact=True)
            yield Select([], prompt=t("accounts.all_tiers"), id="tier", compact=True)
            yield Select([], prompt=t("accounts.all_owners"), id="owner", compact=True)
            yield Select(
                [(t(f"fields.lifecycle.{m.value}"), m.value) for m in Lifecycle],
                prompt=t("accounts.all_lifecycles"),
                id="lifecycle",
                compact=True,
            )
        table = LazyTable(account_columns(), id="accounts")
        table.placeholder = t("accounts.loading")
        table.rows_coming = True
        yield table
        yield Static(t("accounts.loading"), id="totals")
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("modes.accounts")
        self.query_one(LazyTable).focus()
        self.query_one(SearchInput).on_value = self._search
        self.watch(self.app, "data_version", self._data_changed, init=False)
        self.reload()

    def on_screen_resume(self) -> None:
        if self._loaded_version != katerm_app(self).data_version:
            self.reload()

    def _data_changed(self, version: int) -> None:
        if self.is_current and self._loaded_version != version:
            self.reload()

    def reload(self) -> None:
        # Noted here: the screen resumes right after mounting, and an exclusive worker cancels
        # the one before but not its thread (noted as loads ended, two or three ran at start).
        self._loaded_version = katerm_app(self).data_version
        self.load()

    # --- loading and querying ------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="accounts-load")
    def load(self) -> None:
        from katerm.core.accounts import load_index

        ws = workspace_of(self)
        first_time = self.index is None
        painted = threading.Event()

        def show_first_rows(rows: Preview) -> None:
            # Paint the first rows first (the full index takes ~0.5 s of CPU for 100k
            # accounts), and build the index once they are on screen: building it holds the
            # GIL and slowed that first paint by as much. Not forever: a screen that is not
            # shown may never paint.
            self.post_message(self.Previewed(rows, painted))
            painted.wait(0.3)

        preview = show_first_rows if first_time and self.current == Query() else None
        # Every account (after the first rows) gives way to a screen being opened, and goes
        # slower while this one is hidden (katerm.core.background).
        with filling(self):
            index, team = load_index(ws.db, preview=preview)
            index.sorted_order(self.current.sort, self.current.descending)
        self.app.call_from_thread(self._set_team, team)
        self.post_message(self.Loaded(index))
        with filling(self):
            index.prepare_search()  # pinyin initials, letters: ready a moment later, here
        if first_time:
            self.app.call_from_thread(katerm_app(self).warm_up)

    def _set_team(self, team: list) -> None:
        owner = self.query_one("#owner", Select)
        owner.set_options([(m.display, m.id) for m in team])

    @on(Previewed)
    def _previewed(self, message: Previewed) -> None:
        if self.index is not None:
            message.painted.set()
            return
        preview = message.preview
        rows = preview.rows
        self._preview_ids = [r[0] for r in rows]

        def cells(row: int) -> list[str]:
            (_, name, tier, _, life, industry, region, _, _, owner, _, last) = r = rows[row]
            revenue = preview.revenue_text(r)
            return _cells(name, tier, life, industry, region, revenue, owner, last)

        table = self.query_one(LazyTable)
        table.set_sort(self.current.sort, self.current.descending)
        table.set_rows(len(rows), cells)
        self.data_arrived()
        self.view = View(range(len(rows)), None, preview.total)
        self._update_totals(shown=preview.total)
        self.call_after_refresh(message.painted.set)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.index = message.index
        if not message.index.ids and not self._welcomed:
            from katerm.app.accounts.welcome import WelcomeScreen

            self._welcomed = True
            self.app.push_screen(WelcomeScreen())
        tiers = self.query_one("#tier", Select)
        tiers.set_options(
            [
                (t("accounts.tier_option", tier=tier_label(v)), v)  # "Tier B", not a bare "B"
                for v in sorted(
                    message.index.distinct("tier"),
                    key=lambda v: (message.index.schemes[message.index.tiers.index(v)], v),
                )
            ]
        )
        self.run_query(self.current)

    @work(thread=True, exclusive=True, exit_on_error=False, group="accounts-query")
    def run_query(self, query: Query) -> None:
        index = self.index
        if index is None:
            return
        view = index.query(query)
        self.post_message(self.Results(query, view))

    @on(Results)
    def _show(self, message: Results) -> None:
        if message.query != self.current or self.index is None:
            return  # a newer query is on its way
        index = self.index
        self.view = view = message.view
        self.shown_query = message.query
        table = self.query_one(LazyTable)
        order = view.order

        def cells(row: int) -> list[str]:
            i = order[row]
            return _cells(
                *(c[i] for c in (index.names, index.tiers, index.lifecycles, index.industries)),
                index.regions[i],
                index.revenue_text(i),
                index.owners[i],
                index.last_activity[i],
            )

        table.placeholder = t("accounts.none_match") if index.ids else t("accounts.empty")
        table.set_sort(self.current.sort, self.current.descending)
        measured = (id(index), replace(message.query, text=""))  # a search keeps the widths
        keep = bool(self._preview_ids)
        table.set_rows(len(order), cells, keep_cursor=keep, measure=measured != self._measured)
        self._measured = measured
        self.data_arrived()
        self._preview_ids = []
        if self._reselect is not None:
            pos = index.position(self._reselect)
            self._reselect = None
            if pos is not None:
                try:
                    table.cursor_row = list(order).index(pos)
                except ValueError:
                    pass
        self._update_totals()

    def _update_totals(self, shown: int | None = None) -> None:
        view = self.view
        if view is None:
            return
        shown = len(view.order) if shown is None else shown
        text = tn("accounts.count", shown, shown=fmt_int(shown))
        if view.revenue is not None:  # the base currency's, as the pyramid adds it
            text += " · " + t("accounts.revenue_total", revenue=short(view.revenue))
        if shown != view.total:
            text += " · " + t("accounts.filtered_from", total=fmt_int(view.total))
        # One line high (app.tcss): a new text needs no layout pass.
        self.query_one("#totals", Static).update(text, layout=False)

    def _requery(self, **changes: Any) -> None:
        self.current = replace(self.current, **changes)
        self.run_query(self.current)

    # --- events --------------------------------------------------------------------------
    def _search(self, text: str) -> None:
        """Each new value of the search field, inside its keystroke (SearchInput.on_value)."""
        index = self.index
        self.current = query = replace(self.current, text=text)
        if index is None or not index.is_sorted(query.sort):
            self.run_query(query)
            return
        # Here, not in a worker: a search in the index takes a few milliseconds (one more letter
        # narrows the last one's rows), and the field and its rows are painted in one frame.
        # Each keystroke is answered in turn: none is dropped.
        self._show(self.Results(query, index.query(query)))

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(LazyTable).focus()

    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else str(event.value)
        field = {"tier": "tier", "owner": "owner_id", "lifecycle": "lifecycle"}.get(
            event.select.id or ""
        )
        if field:
            self._requery(**{field: value})

    @on(LazyTable.HeaderClicked)
    def _header(self, event: LazyTable.HeaderClicked) -> None:
        if event.column == self.current.sort:
            self._requery(descending=not self.current.descending)
        else:
            self._requery(
                sort=event.column, descending=event.column in ("annual_revenue", "last_activity")
            )

    @on(LazyTable.Chosen)
    def _open(self, event: LazyTable.Chosen) -> None:
        account_id = self.selected_id()
        if account_id:
            self.open_account(account_id)

    def highlighted_account(self) -> str | None:
        """The account ``l`` (log an activity) is for."""
        return self.selected_id()

    def selected_id(self) -> str | None:
        row = self.query_one(LazyTable).cursor_row
        if self.index is None:
            return self._preview_ids[row] if row < len(self._preview_ids) else None
        if self.view is None or not self.view.order:
            return None
        if row >= len(self.view.order):
            return None
        return self.index.ids[self.view.order[row]]

    def open_account(self, account_id: str | None) -> None:
        from katerm.app.accounts.account import AccountScreen

        self._reselect = account_id
        self.app.push_screen(AccountScreen(account_id))

    # --- actions -------------------------------------------------------------------------
    ON_ROWS = ("delete_account", "reverse_sort", "cycle_sort")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ON_ROWS and not self.query_one(LazyTable).row_count:
            return None  # dimmed; pressing it says why
        return True

    def waiting_for_data(self) -> bool:
        return self.query_one(LazyTable).rows_coming

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        return self.query_one(LazyTable).placeholder if action in self.ON_ROWS else None

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear(self) -> None:
        search, table = self.query_one("#search", Input), self.query_one(LazyTable)
        if not search.value and self.focused is table:  # no search to clear: Esc of screens 2-7
            katerm_app(self).action_nothing_to_close()
        search.value = ""
        table.focus()

    def action_import_file(self) -> None:
        from katerm.app.accounts.import_screen import ImportScreen

        self.app.push_screen(ImportScreen())

    def action_new_account(self) -> None:
        self.open_account(None)

    def action_cycle_sort(self) -> None:
        keys = [c.key for c in account_columns()]
        nxt = keys[(keys.index(self.current.sort) + 1) % len(keys)]
        self._requery(sort=nxt, descending=nxt in ("annual_revenue", "last_activity"))
        self.notify(t("accounts.sorted_by", column=t(f"fields.account.{nxt}")), timeout=2)

    def action_reverse_sort(self) -> None:
        self._requery(descending=not self.current.descending)

    def action_delete_account(self) -> None:
        account_id = self.selected_id()
        if account_id is None or self.index is None:
            return
        pos = self.index.position(account_id)
        label = self.index.names[pos] if pos is not None else account_id
        from katerm.app.widgets.dialogs import confirm_delete

        confirm_delete(self.app, "accounts", account_id, label)


def _cells(*values: Any) -> list[str]:
    """A row's cells in the list's columns (from the preview or the index alike)."""
    name, tier, life, industry, region, revenue, owner, last = values
    tier, life = tier_label(tier), t(f"fields.lifecycle.{life}")
    try:  # the last activity's day; a value that is not a time shows blank
        day = datetime.fromisoformat(last) if last else None
    except ValueError:
        day = None
    return [name, tier, life, industry, region, revenue, owner, fmt_date(day)]
