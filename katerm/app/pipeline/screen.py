"""Mode 6: the pipeline — every opportunity I can see, by stage, with amounts, win rate and
cycle time; filters by owner (a lead means their team), tier and stage, and ``s`` shows the
stuck orders only. Enter opens the account on its Opportunities tab."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import date

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Select, Static
from textual.worker import get_current_worker

from katerm.app.context import (
    clock_of,
    filling,
    first_rows_painted,
    katerm_app,
    on_data_change,
    workspace_of,
)
from katerm.app.keynames import key_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.chrome import AppFooter
from katerm.app.widgets.lazy_table import Column, LazyTable
from katerm.app.widgets.nothing_to_close import say_nothing_to_close
from katerm.app.widgets.phrases import Phrases
from katerm.core.money import Rates
from katerm.core.money import short as money_short
from katerm.core.pipeline import (
    STAGES,
    PipelineFigures,
    PipelineRow,
    figures_of,
    money_lines,
    rate_text,
)
from katerm.core.plan import label
from katerm.i18n import t, tn
from katerm.i18n.fmt import fmt_date, fmt_int, fmt_money


def pipeline_columns() -> list[Column]:
    col = lambda key: t(f"pipeline.col.{key}")  # noqa: E731
    # Stage and order words are short in Chinese and long in English: fit the longest.
    stage = max(cell_len(label("opportunities.stage", s)) for s in STAGES)
    order = max(cell_len(label("orders.state", s)) for s in ORDER_STATES) + 6  # "⚠ … +12"
    return [
        Column("name", col("name"), 14, priority=0, grow=2),
        Column("account", col("account"), 14, priority=1, grow=3),
        Column("stage", col("stage"), stage, priority=2),
        Column("amount", col("amount"), 10, priority=3, numeric=True),
        Column("order_state", col("order_state"), order, priority=4),
        Column("expected_close", col("expected_close"), 10, priority=4),
        Column("probability", col("probability"), 4, priority=7, numeric=True),
        Column("owner", col("owner"), 12, priority=5),
    ]


ORDER_STATES = ("unlocked", "following", "stuck", "closed", "renewal")


@dataclass(frozen=True)
class Filters:
    owner: str | None = None
    tier: str | None = None
    stage: str | None = None
    stuck: bool = False


@dataclass(frozen=True)
class Loaded:
    rows: list[PipelineRow]
    teams: dict[str, frozenset[str]]  # user id -> them and everyone below them
    members: list[tuple[str, str]]
    today: date
    # The first page only (painted first): its figures from SQL and how many rows it lists.
    start: tuple[PipelineFigures, int] | None = None
    rates: Rates = field(default_factory=Rates)  # the team's, to convert amounts


def order_cell(row: PipelineRow) -> str:
    state = label("orders.state", row.status.state)
    if row.status.stuck is not None:
        return f"⚠ {state} +{row.status.stuck.days_over}"
    return state


def row_cells(row: PipelineRow) -> list[str]:
    o = row.opportunity
    return [
        o.name,
        o.account_name,
        label("opportunities.stage", o.stage),
        fmt_money(o.amount),
        order_cell(row),
        fmt_date(o.expected_close),
        f"{o.probability}%",
        o.owner_name,
    ]


# Rows painted before the whole board is loaded: more than any terminal shows at once.
FIRST_PAGE = 100
# How long the read of the whole board waits for the first page to be on screen (seconds).
PAINT_WAIT = 1.0


class PipelineScreen(Localized, Screen):
    BINDINGS = [
        Binding("s", "toggle_stuck", "pipeline.key.stuck", id="pipeline.stuck"),
        Binding("escape", "clear", "pipeline.key.clear", id="pipeline.clear", show=False),
    ]
    DEFAULT_CSS = tcss(__file__, "pipeline_screen.tcss")

    def __init__(self) -> None:
        super().__init__()
        self.loaded: Loaded | None = None
        self.filters = Filters()
        self.shown: list[PipelineRow] = []
        self._version = -1

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="toolbar"):
            yield Select([], prompt=t("accounts.all_owners"), id="owner", compact=True)
            yield Select([], prompt=t("accounts.all_tiers"), id="tier", compact=True)
            yield Select(
                [(t(f"opportunities.stage.{s}"), s) for s in STAGES],
                prompt=t("pipeline.all_stages"),
                id="stage",
                compact=True,
            )
        table = LazyTable(pipeline_columns(), id="pipeline")
        table.placeholder = t("pipeline.loading")
        table.rows_coming = True
        yield table
        yield Phrases(id="pipeline-stages")  # wraps between stages, never inside one
        yield Phrases(gap=" · ", id="pipeline-totals")
        # Converted totals and what has no rate: shown when other currencies are present.
        yield Static("", id="pipeline-money")
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("modes.pipeline")
        self.query_one(LazyTable).focus()
        on_data_change(self, self._maybe_load)
        self._reload()

    def on_screen_resume(self) -> None:
        self._maybe_load()

    def _maybe_load(self) -> None:
        if self.is_current and self._version != katerm_app(self).data_version:
            self._reload()

    def _reload(self) -> None:
        # Noted before the worker starts: the screen resumes right after mounting, and a
        # version noted in the worker let that resume start a second full load.
        self._version = katerm_app(self).data_version
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="pipeline-load")
    def load(self) -> None:
        from katerm.app.pipeline.dialogs import order_rules
        from katerm.core.pipeline import load_board, load_board_start

        ws = workspace_of(self)
        today = clock_of(self).today()
        rules = order_rules(self.app)
        worker = get_current_worker()
        if self.loaded is None:  # first open: paint a page and the figures from cheap reads
            first = load_board_start(ws.db, ws.me.id, today, rules, limit=FIRST_PAGE)
            members = [(m.display, m.id) for m in first.members]
            start = (first.figures, first.listed)
            loaded = Loaded(first.rows, first.teams, members, today, start, first.rates)
            self.app.call_from_thread(self._loaded, loaded)
            # The whole board waits until the page is on screen: read in Python meanwhile,
            # it took the interpreter from the paint in turns and delayed the page.
            painted = threading.Event()
            self.app.call_from_thread(self.call_after_refresh, painted.set)
            painted.wait(PAINT_WAIT)
        # The whole board gives way to a screen being opened, and goes slower while hidden.
        with filling(self):
            board = load_board(ws.db, ws.me.id, today, rules)
        if worker.is_cancelled:
            return
        loaded = Loaded(
            board.rows,
            board.teams,
            [(m.display, m.id) for m in board.members],
            today,
            rates=board.rates,
        )
        self.app.call_from_thread(self._loaded, loaded)

    def _loaded(self, loaded: Loaded) -> None:
        if loaded.start is not None and self.loaded is not None:
            return  # the whole board came first
        first_rows_painted(self)
        # The whole board after its first page: the cursor stays where the user moved it.
        keep = self.loaded is not None and self.loaded.start is not None
        self.loaded = loaded
        self.query_one("#owner", Select).set_options(loaded.members)
        if loaded.start is None:
            tiers = sorted(
                {r.opportunity.account_tier for r in loaded.rows if r.opportunity.account_tier}
            )
            tier = self.query_one("#tier", Select)
            tier.set_options([(t(f"fields.tier.{v}"), v) for v in tiers])
        self._apply(keep_cursor=keep)

    def _apply_start(self, loaded: Loaded) -> None:
        """The first page, until the whole board is loaded (filters wait for it)."""
        assert loaded.start is not None
        figures, count = loaded.start
        table = self.query_one(LazyTable)
        if self.filters != Filters():
            table.placeholder = t("pipeline.loading")
            table.set_rows(0, lambda i: [], rows_coming=True)
            return
        listed = self.shown = loaded.rows
        table.set_rows(len(listed), lambda i: row_cells(listed[i]))
        self._show_figures(figures, count, None)

    def _show_figures(
        self,
        figures: PipelineFigures,
        count: int,
        stuck: int | None,
        by_stage: PipelineFigures | None = None,
    ) -> None:
        """``by_stage``: the figures the stage line counts when a filter narrows it."""
        stages = [
            f"{label('opportunities.stage', s.stage)} {s.count} · {money_short(s.amount_total)}"
            for s in (by_stage or figures).stages
        ]
        self.query_one("#pipeline-stages", Phrases).update(stages)
        totals = [
            tn("pipeline.count", count, shown=fmt_int(count)),
            tn("pipeline.stuck_count", stuck)
            if stuck is not None
            else t("pipeline.stuck_counting"),
            rate_text(figures),
        ]
        self.query_one("#pipeline-totals", Phrases).update(totals)
        foreign = any(
            x.converted or x.not_converted for x in (figures.open_total, figures.won_total)
        )
        money = self.query_one("#pipeline-money", Static)
        money.update("\n".join(money_lines(figures)) if foreign else "")
        money.display = foreign

    # --- filtering -----------------------------------------------------------------------------
    def _apply(self, *, keep_cursor: bool = False) -> None:
        loaded, f = self.loaded, self.filters
        if loaded is None:
            return
        if loaded.start is not None:
            self._apply_start(loaded)
            return
        team = loaded.teams.get(f.owner, frozenset()) if f.owner else None
        rows = [
            r
            for r in loaded.rows
            if (team is None or r.opportunity.owner_id in team)
            and (f.tier is None or r.opportunity.account_tier == f.tier)
        ]
        figures = figures_of(
            rows, loaded.rates
        )  # before the stage and stuck filters: the whole picture
        stuck = sum(1 for r in rows if r.stuck)
        listed = [
            r
            for r in rows
            if r.opportunity.outcome in ("open", "won")
            and (f.stage is None or r.opportunity.stage == f.stage)
            and (not f.stuck or r.stuck)
        ]
        if f.stuck:  # longest overdue first, as the evening review goes through them
            listed.sort(key=lambda r: -(r.status.stuck.days_over if r.status.stuck else 0))
        self.shown = listed

        table = self.query_one(LazyTable)
        if not loaded.rows:  # no opportunity at all yet: say where they are added
            table.placeholder = t(
                "pipeline.none_yet",
                accounts=key_of(self, "app.mode.accounts"),
                tabs=key_of(self, "account.tabs"),
                add=key_of(self, "orders.add"),
            )
        else:
            table.placeholder = t("pipeline.none_stuck" if f.stuck else "pipeline.empty")
        table.set_rows(len(listed), lambda i: row_cells(listed[i]), keep_cursor=keep_cursor)
        # Stuck only: the stage line counts the orders listed, where each one is stuck (it
        # counted every order above a list of the stuck ones); the win rate stays whole.
        by_stage = figures_of(listed, loaded.rates) if f.stuck else None
        self._show_figures(figures, len(listed), stuck, by_stage)

    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else str(event.value)
        name = event.select.id or ""
        if name == "owner":
            self.filters = replace(self.filters, owner=value)
        elif name == "tier":
            self.filters = replace(self.filters, tier=value)
        elif name == "stage":
            self.filters = replace(self.filters, stage=value)
        else:
            return
        self._apply()

    def action_toggle_stuck(self) -> None:
        self.filters = replace(self.filters, stuck=not self.filters.stuck)
        self._apply()
        self.notify(
            t("pipeline.stuck_on" if self.filters.stuck else "pipeline.stuck_off"), timeout=2
        )

    def action_clear(self) -> None:
        if self.filters == Filters():  # no filter to clear
            say_nothing_to_close(self)
            return
        for name in ("owner", "tier", "stage"):
            self.query_one(f"#{name}", Select).clear()
        self.filters = Filters()
        self._apply()

    def highlighted_account(self) -> str | None:
        """The account ``l`` (log an activity) is for."""
        row = self.query_one(LazyTable).cursor_row
        shown = self.shown
        return shown[row].opportunity.account_id if 0 <= row < len(shown) else None

    @on(LazyTable.Chosen)
    def _open(self, event: LazyTable.Chosen) -> None:
        if 0 <= event.row < len(self.shown):
            from katerm.app.accounts.account import AccountScreen
            from katerm.app.pipeline.opportunities import OpportunitiesPane

            opp = self.shown[event.row].opportunity
            screen = AccountScreen(opp.account_id, tab="opportunities")
            self.app.push_screen(screen)

            def select() -> None:
                for pane in screen.query(OpportunitiesPane):
                    pane.select_when_loaded(opp.id)

            screen.call_after_refresh(select)
