"""The pyramid's first tab: the figures per tier, with the pyramid's shape down the first
column, the share chart and the lifecycle counts, plus the summary above them."""

from __future__ import annotations

from rich.cells import cell_len
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from katerm.app.context import filling, workspace_of
from katerm.app.pyramid.beside import BesideTable
from katerm.app.pyramid.chart import ShareChart, ShareRow
from katerm.app.pyramid.text import text_table, tier_label
from katerm.app.widgets.lazy_table import Column, LazyTable
from katerm.core.money import approx, left_out
from katerm.core.pyramid import (
    LIFECYCLES,
    RULES,
    GradeFlag,
    Pyramid,
    PyramidQuery,
    describe_thresholds,
    flag_counts,
)
from katerm.i18n import t, tn
from katerm.i18n.fmt import fmt_int, fmt_money, fmt_share, fmt_signed


def shape(position: int, tiers: int) -> str:
    """The pyramid drawn down the first column: the top tier narrowest."""
    width = 2 * tiers - 1
    if position >= tiers:
        return " " * width
    drawn = "▲" if position == 0 else "█" * (2 * position + 1)
    gap = (width - cell_len(drawn)) // 2
    return " " * gap + drawn + " " * (width - gap - cell_len(drawn))


def tier_columns(pyramid: Pyramid | None) -> list[Column]:
    tiers = [f.tier for f in pyramid.tiers] if pyramid else []
    ranked = sum(1 for tier in tiers if tier is not None)
    tier_width = max([cell_len(tier_label(x)) for x in tiers] or [4])
    money = max([cell_len(fmt_money(f.revenue)) for f in pyramid.tiers] or [8]) if pyramid else 8
    return [
        Column("shape", "", max(1, 2 * ranked - 1), priority=7),
        Column("tier", t("pyramid.col.tier"), tier_width, priority=0),
        # Spare width goes evenly to the figures, keeping the pyramid at the left.
        Column("count", t("pyramid.col.count"), 5, priority=1, numeric=True, grow=1),
        Column("count_share", t("pyramid.col.count_share"), 6, priority=2, numeric=True, grow=1),
        Column("revenue", t("pyramid.col.revenue"), money, priority=3, numeric=True, grow=1),
        Column(
            "revenue_share", t("pyramid.col.revenue_share"), 6, priority=4, numeric=True, grow=1
        ),
        Column("target", t("pyramid.col.target"), 4, priority=5, numeric=True, grow=1),
        Column("gap", t("pyramid.col.gap"), 4, priority=6, numeric=True, grow=1),
    ]


class FiguresPane(VerticalScroll):
    """The figures tab's content (its styles are the pyramid screen's)."""

    def __init__(self, scheme: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scheme = scheme
        self._summary = ("", "")
        self.query_shown: PyramidQuery | None = None
        self.flagged: set[str] = set()  # accounts whose owner's grade does not match their tier

    def compose(self) -> ComposeResult:
        yield Static(t("pyramid.loading"), id="summary", classes="pyramid-line")
        table = LazyTable(tier_columns(None), id="tiers")
        table.styles.height = len(RULES[self.scheme].tiers) + 1
        yield table
        yield Static("", id="targets-note", classes="pyramid-line")
        yield Static("", id="grade-flags", classes="pyramid-line -empty")
        yield BesideTable(id="beside")  # key b: the same accounts by another scheme's tiers
        yield Static(t("pyramid.chart_title"), classes="pyramid-title")
        yield ShareChart(
            count_label=t("pyramid.chart_count"),
            revenue_label=t("pyramid.chart_revenue"),
            id="chart",
        )
        yield Static(t("pyramid.lifecycle_title"), classes="pyramid-title")
        yield Static("", id="lifecycles", classes="pyramid-line")

    def show_summary(self, movable: tuple[int, int] | None) -> None:
        """Totals, then how many accounts the re-tier tab lists, and of them how many stored
        tiers differ from the thresholds (the accounts list shows stored tiers, the pyramid the
        thresholds'), ``movable`` (None: not known yet), then the thresholds."""
        head, thresholds = self._summary
        if movable and movable[0]:
            total, figures = movable
            # The tab's count; of it, the stored tiers the thresholds disagree with.
            key = "pyramid.stored_differ" if figures == total else "pyramid.retier_mixed"
            head += " · " + tn(key, total, n=fmt_int(total), figures=fmt_int(figures))
        self.query_one("#summary", Static).update(head + ("\n" + thresholds if thresholds else ""))

    def show(self, pyramid: Pyramid, movable: tuple[int, int] | None) -> None:
        ranked = sum(1 for f in pyramid.tiers if f.tier is not None)
        # One figure: ≈ when converted (it was also shown again, exact, on the next line).
        total = pyramid.revenue_total
        revenue = approx(total) if total else fmt_money(pyramid.revenue)
        summary = tn("pyramid.summary", pyramid.count, n=fmt_int(pyramid.count), revenue=revenue)
        lines = describe_thresholds(pyramid.query.scheme, pyramid.thresholds)
        below = [t("pyramid.cli.thresholds", thresholds=" · ".join(lines))] if lines else []
        # What has no rate (other currencies), so is not in the revenue.
        self._summary = (summary, "\n".join([*left_out(pyramid.revenue_total), *below]))
        self.show_summary(movable)
        self.query_shown = pyramid.query
        self.call_after_refresh(self._load_flags, pyramid.query)  # after the figures' frame
        self.query_one(BesideTable).show_for(pyramid)
        rows = pyramid.tiers

        def number(value: int | None) -> str:
            return "—" if value is None else fmt_signed(value, plus=False)

        def cells(i: int) -> list[str]:
            f = rows[i]
            return [
                shape(i, ranked),
                tier_label(f.tier),
                fmt_int(f.count),
                fmt_share(f.count_share),
                fmt_money(f.revenue),
                fmt_share(f.revenue_share),
                number(f.target),
                number(f.gap),
            ]

        table = self.query_one("#tiers", LazyTable)
        table.set_columns(tier_columns(pyramid))
        if table.styles.height is None or table.styles.height.value != len(rows) + 1:
            table.styles.height = len(rows) + 1  # a relayout: only when the count changes
        table.set_rows(len(rows), cells, keep_cursor=True)
        note = "" if pyramid.targets_apply else t("pyramid.targets_whole_portfolio")
        self.query_one("#targets-note", Static).update(note)
        self.query_one("#targets-note", Static).set_class(not note, "-empty")
        self.query_one(ShareChart).set_rows(
            [ShareRow(tier_label(f.tier), f.count_share, f.revenue_share) for f in rows]
        )
        headers = [t("pyramid.col.tier"), *(t(f"fields.lifecycle.{v}") for v in LIFECYCLES)]
        self.query_one("#lifecycles", Static).update(
            text_table(
                headers,
                [
                    [tier_label(f.tier), *(fmt_int(f.lifecycle[v]) for v in LIFECYCLES)]
                    for f in rows
                ],
            )
        )

    # --- who serves each tier (客户等级与员工能级对应) ---------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="pyramid-flags")
    def _load_flags(self, query: PyramidQuery) -> None:
        from katerm.core.pyramid import load_grade_flags, serve_rules

        ws = workspace_of(self)
        with filling(self):  # gives way to a screen being opened (katerm.core.background)
            rules, today = serve_rules(ws.settings), ws.clock.today()
            flags = load_grade_flags(ws.db, query, ws.me.id, rules, today)
        self.app.call_from_thread(self.show_flags, query, flags)

    def show_flags(self, query: PyramidQuery, flags: list[GradeFlag]) -> None:
        """How many owners per tier do not match the grades that should serve it, and which
        grades those are (nothing when every owner matches)."""
        if query != self.query_shown:
            return  # a newer query is on its way
        self.flagged = {f.account_id for f in flags}
        line = ""
        if flags:
            counts = flag_counts(query.scheme, flags)
            per_tier = " · ".join(f"{tier_label(k)} {fmt_int(n)}" for k, n in counts.items() if n)
            wanted = {f.tier: f.wanted for f in flags}
            served = " · ".join(
                f"{tier_label(k)} {' / '.join(t(f'pyramid.grade.{g}') for g in grades)}"
                for k, grades in wanted.items()
            )
            line = tn("pyramid.serve.flagged", len(flags), n=fmt_int(len(flags)), tiers=per_tier)
            line += "\n" + t("pyramid.serve.should", served=served)
        static = self.query_one("#grade-flags", Static)
        static.update(line)
        static.set_class(not line, "-empty")
