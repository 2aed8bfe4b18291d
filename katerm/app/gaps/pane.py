"""The relationship-gap table as a widget: the portfolio (mode 4) and one account's tab.

Rows are read in a worker (:func:`katerm.core.gaps.read.load`); ordering and filters run in
memory, so a filter never waits on the database. The table draws only the rows on screen,
colours the gap by heat, marks overdue actions and shows each person's level trend. Edits run
in workers through :mod:`katerm.core.gaps.edit`, then ``app.data_changed()`` reloads every
view; the cursor stays on its row, wherever the order moves it.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from katerm.app.context import (
    clock_of,
    filling,
    first_rows_painted,
    katerm_app,
    on_data_change,
    workspace_of,
)
from katerm.app.gaps.quick import step_with_undo
from katerm.app.gaps.table import GapTable, cells, detail_text, gap_columns
from katerm.app.keynames import key_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.lazy_table import LazyTable
from katerm.app.widgets.reach import ReachHint
from katerm.app.widgets.waiting import WaitsForData
from katerm.core.gaps import (
    STATUSES,
    GapFilter,
    GapView,
    narrow,
    order,
)
from katerm.core.roles import keys_of, label
from katerm.i18n import t
from katerm.i18n.fmt import fmt_int

# Rows painted before every row is loaded: more than any terminal shows at once.
FIRST_PAGE = 100
# How long the read of every row waits for the first page to be on screen (seconds).
PAINT_WAIT = 1.0


class GapPane(WaitsForData, Localized, Vertical):
    """The gap table of every account I can see (``account_id`` None) or of one account."""

    BINDINGS = [
        Binding("e", "edit", "keys.gap_edit", id="gaps.edit"),
        Binding("plus,equals_sign", "step(1)", "keys.gap_raise", id="gaps.raise"),
        Binding("minus", "step(-1)", "keys.gap_lower", id="gaps.lower"),
        Binding("x", "done", "keys.gap_done", id="gaps.done"),
        Binding("n", "add", "keys.gap_add", id="gaps.add"),
        Binding("h", "history", "keys.gap_history", id="gaps.history", show=False),
        Binding("d", "delete", "keys.delete", id="gaps.delete", show=False),
        Binding("o", "toggle_filter('overdue')", "keys.gap_overdue", id="gaps.overdue"),
        Binding("m", "toggle_filter('mine')", "keys.gap_mine", id="gaps.mine"),
        Binding("t", "cycle('tier')", "keys.gap_tier", id="gaps.tier", show=False),
        Binding("r", "cycle('role')", "keys.gap_role", id="gaps.role", show=False),
        Binding("f", "clear_filter", "keys.gap_clear", id="gaps.clear", show=False),
    ]
    DEFAULT_CSS = tcss(__file__, "gap_pane.tcss")

    class Loaded(Message):
        def __init__(
            self,
            rows: list[GapView],
            me: str,
            *,
            first: bool = False,
            painted: threading.Event | None = None,
        ) -> None:
            super().__init__()
            self.rows = rows
            self.me = me
            self.first = first  # the first page only: every row follows
            self.painted = painted  # set once the first page is on screen

    def __init__(self, account_id: str | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.account_id = account_id
        # The workspace clock's today (read in compose, once the app is known); core gets it
        # passed in.
        self.today = date.min
        self.rows: list[GapView] = []
        self._presence: tuple[list[GapView], dict[str, list[str]]] = ([], {})
        self.shown: list[GapView] = []
        self.wanted = GapFilter()
        self.me = ""
        self._keep: str | None = None  # the row id to keep the cursor on after a reload
        self.complete = False  # every row loaded (not only the first page)

    def compose(self) -> ComposeResult:
        self.today = clock_of(self).today()
        table = GapTable(gap_columns(self.account_id is not None), id="gap-table")
        table.today = self.today
        table.placeholder = t("gaps.loading")
        table.rows_coming = True
        yield table
        yield Static("", id="gap-detail", markup=False)
        yield Static(t("gaps.loading"), id="gap-summary", markup=False)
        if self.account_id is not None:
            # On the account screen the tab bar has the focus first, so the footer cannot show
            # the table's keys yet: say them here (and Tab, while the table lacks the focus).
            yield ReachHint("#gap-table", "gaps.keys_hint", id="gap-hint")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        if self.account_id is not None and getattr(self.screen, "first_tab", None) == "gaps":
            # Opened from the portfolio (a) straight onto this tab: keys go to the table.
            self.call_after_refresh(self.query_one(GapTable).focus)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="gaps-load")
    def load(self) -> None:
        from katerm.core.gaps import load_visible, load_visible_first

        ws = workspace_of(self)
        if self.account_id is None and not self.complete:
            # The portfolio's first open: the rows on screen first, ordered in SQL (every
            # row with its trend takes seconds at 100k accounts).
            first = load_visible_first(ws.db, ws.me.id, self.today, FIRST_PAGE)
            painted = threading.Event()
            self.post_message(self.Loaded(first, ws.me.id, first=True, painted=painted))
            # Every row waits until the page is on screen: read in Python meanwhile, it took
            # the interpreter from the paint in turns and delayed the page it follows.
            painted.wait(PAINT_WAIT)
        # Every row gives way to a screen being opened, and goes slower while hidden.
        with filling(self):
            rows = order(load_visible(ws.db, ws.me.id, account_id=self.account_id), self.today)
        self.post_message(self.Loaded(rows, ws.me.id))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.painted is not None:
            self.call_after_refresh(message.painted.set)
            first_rows_painted(self)
        if message.first and self.complete:
            return  # every row came first
        table = self.query_one(GapTable)
        if self._keep is None and self.shown and table.cursor_row < len(self.shown):
            self._keep = self.shown[table.cursor_row].id
        self.rows, self.me = message.rows, message.me
        self.complete = not message.first
        self._show()
        self.data_arrived()

    def _show(self) -> None:
        table = self.query_one(GapTable)
        if not self.complete:  # the first page; filters wait for every row
            self.shown = [] if self.wanted else self.rows
            shown, today = self.shown, self.today
            table.views = shown
            one = self.account_id is not None
            table.set_rows(len(shown), lambda row: cells(shown[row], today, one), keep_cursor=True)
            self._highlighted()
            self.query_one("#gap-summary", Static).update(t("gaps.loading"))
            return
        self.shown = narrow(self.rows, self.wanted, self.today)
        shown, today = self.shown, self.today
        one = self.account_id is not None
        table.views = shown

        def row_cells(row: int) -> list[str]:
            return cells(shown[row], today, one)

        table.placeholder = (
            t("gaps.empty_filtered", clear=key_of(self, "gaps.clear"))
            if self.rows
            else self.empty_text()
        )
        table.set_rows(len(shown), row_cells, keep_cursor=True)
        if self._keep is not None:
            ids = [v.id for v in shown]
            if self._keep in ids:
                table.cursor_row = ids.index(self._keep)
            self._keep = None
        self._highlighted()
        self._summary()

    def _summary(self) -> None:
        parts = []
        if self.wanted.overdue:
            parts.append(t("keys.gap_overdue"))
        if self.wanted.mine:
            parts.append(t("keys.gap_mine"))
        if self.wanted.tier:
            parts.append(t(f"fields.tier.{self.wanted.tier}"))
        if self.wanted.role:
            parts.append(label("role", self.wanted.role))
        overdue = sum(1 for v in self.shown if v.overdue(self.today))
        text = t("gaps.count", shown=fmt_int(len(self.shown)), total=fmt_int(len(self.rows)))
        text += " · " + t("gaps.overdue_count", n=fmt_int(overdue))  # words, as the CLI says it
        text += " · " + (t("gaps.filters", list=parts) if parts else t("gaps.filter_none"))
        self.query_one("#gap-summary", Static).update(text)

    # --- selection -----------------------------------------------------------------------
    def selected(self) -> GapView | None:
        row = self.query_one(GapTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    @on(LazyTable.Chosen)
    def _chosen(self) -> None:
        self.action_edit()

    @on(LazyTable.Highlighted)
    def _highlighted(self) -> None:
        self.query_one("#gap-detail", Static).update(detail_text(self.selected()))

    # --- filters -------------------------------------------------------------------------
    def action_toggle_filter(self, what: str) -> None:
        if what == "overdue":
            self.wanted = replace(self.wanted, overdue=not self.wanted.overdue)
        else:
            self.wanted = replace(self.wanted, mine=None if self.wanted.mine else self.me)
        self._show()

    def _present(self, what: str) -> list[str]:
        """The tiers (or roles) of the rows, in order: worked out once per load (the footer
        asks on every change of focus, even leaving the screen: ~60 ms a time at 100k)."""
        rows, known = self._presence
        if rows is not self.rows:
            known = {}
            self._presence = (self.rows, known)
        if what not in known:
            if what == "tier":
                rank: dict[str, int] = {}
                for v in self.rows:
                    if v.tier and v.tier_rank < rank.get(v.tier, v.tier_rank + 1):
                        rank[v.tier] = v.tier_rank
                known[what] = sorted(rank, key=lambda k: (rank[k], k))
            else:
                found = {v.role for v in self.rows if v.role}
                known[what] = [k for k in keys_of("role") if k in found]
        return known[what]

    def action_cycle(self, what: str) -> None:
        """Step through the tiers (or roles) present, then back to all."""
        present = self._present(what)
        current = getattr(self.wanted, what)
        choices = ["", *present]
        nxt = choices[(choices.index(current) + 1) % len(choices)] if current in choices else ""
        self.wanted = (
            replace(self.wanted, tier=nxt) if what == "tier" else replace(self.wanted, role=nxt)
        )
        self._show()

    def action_clear_filter(self) -> None:
        self.wanted = GapFilter()
        self._show()

    # --- edits ---------------------------------------------------------------------------
    ON_A_ROW = ("edit", "step", "done", "history", "delete")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add":  # scoring a new person needs the account: its own tab
            return self.account_id is not None
        if action in self.ON_A_ROW and self.selected() is None:
            return None  # dimmed; pressing it says why
        if action == "cycle" and not self._present(str(parameters[0])):
            return None
        return True

    def waiting_for_data(self) -> bool:
        return not self.rows and not self.complete

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Why a key cannot act on this table now, and what to do instead."""
        if action == "add":
            return t("gaps.why.add_on_account", open=key_of(self, "gaps.open_account"))
        if action == "cycle":
            return t(f"gaps.why.no_{parameters[0]}")
        if not self.rows:
            return self.empty_text()
        return t("gaps.empty_filtered", clear=key_of(self, "gaps.clear"))

    def empty_text(self) -> str:
        """What an empty table says: where and how people get scored."""
        if self.account_id is not None:
            return t("gaps.empty_account", add=key_of(self, "gaps.add"))
        return t(
            "gaps.empty",
            accounts=key_of(self, "app.mode.accounts"),
            tab=key_of(self, "account.tab_right"),
            add=key_of(self, "gaps.add"),
        )

    def action_add(self) -> None:
        """Pick a person of the account who has no gap row yet; they get one (all zeros)."""
        if self.account_id is not None:
            self._pick_person(self.account_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="gaps-pick")
    def _pick_person(self, account_id: str) -> None:
        from katerm.core.gaps import load_unscored_people

        people = load_unscored_people(workspace_of(self).db, account_id)
        self.app.call_from_thread(self._choose_person, people)

    def _choose_person(self, people: list[tuple[str, str]]) -> None:
        if not people:
            self.notify(t("gaps.everyone_scored"), timeout=3)
            return
        from katerm.app.widgets.choose import ChoiceScreen

        def chosen(contact_id: str | None) -> None:
            if contact_id:
                self._write("add", None, contact_id)

        self.app.push_screen(
            ChoiceScreen(t("gaps.add_title"), [(name, i) for i, name in people]), chosen
        )

    def action_delete(self) -> None:
        view = self.selected()
        if view is None:
            return
        from katerm.app.widgets.dialogs import confirm_delete

        confirm_delete(
            self.app,
            "gap_rows",
            view.id,
            t("gaps.row_label", name=view.contact, account=view.account),
        )

    def action_edit(self) -> None:
        view = self.selected()
        if view is None:
            return
        from katerm.app.gaps.dialogs import edit_row

        self._keep = view.id
        edit_row(self.app, view)

    def action_history(self) -> None:
        view = self.selected()
        if view is not None:
            from katerm.app.gaps.dialogs import show_history

            show_history(self.app, view)

    def action_step(self, step: int) -> None:
        view = self.selected()
        if view is not None:
            self._keep = view.id
            step_with_undo(self, view, step)

    def action_done(self) -> None:
        view = self.selected()
        if view is not None:
            self._keep = view.id
            self._write("status", view, "open" if view.status == "done" else "done")

    @work(thread=True, exclusive=False, exit_on_error=False, group="gaps-write")
    def _write(self, what: str, view: GapView | None, value: Any) -> None:
        from katerm.core.errors import KatermError, ValidationFailed
        from katerm.core.gaps import save_gap, set_status

        ws = workspace_of(self)
        try:
            if view is None:  # a new row for the person ``value``
                self._keep = save_gap(ws, value, {})
                message = t("gaps.added")
            else:
                assert value in STATUSES
                set_status(ws, view.id, value)
                action = view.next_action or view.contact
                key = "gaps.done" if value == "done" else "gaps.reopened"
                message = t(key, action=action)
        except ValidationFailed as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="warning")
            return
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(katerm_app(self).data_changed)
        if view is None:
            self.app.call_from_thread(self.notify, message, timeout=2)
            return
        old = view.status  # x wrote at once: u sets the status back
        back = t("gaps.status_back", action=action, status=t(f"gaps.status.{old}"))
        undo = lambda: set_status(ws, view.id, old)  # noqa: E731
        self.app.call_from_thread(katerm_app(self).remember_change, message, undo, back)
