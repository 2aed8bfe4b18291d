"""The pipeline: opportunities by stage with amounts, win rate and cycle time.

* **By stage**: open opportunities at lead and opportunity; won orders at contract, delivery
  and cash collected (where they are now). Lost and dropped ones are not in the pipeline.
* **Weighted amount**: an open opportunity's amount × its win probability; a won one counts
  in full.
* **Win rate** (成单率): won ÷ (won + lost). Dropped leads never became opportunities and do
  not count.
* **Cycle time** (成单周期): the average days from opening to closing, over won orders — a
  lost order has no cycle to speak of.

:func:`pipeline_figures` computes these in SQL (the CLI, the benchmark); :func:`figures_of`
computes the same from loaded rows (the screen, after filtering). A test keeps them equal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from katerm.core.background import paced
from katerm.core.money import Amount, Rates, Total, load_rates, not_converted_text, total_text
from katerm.core.money import add as add_money
from katerm.core.pipeline.opportunities import (
    STAGES,
    OpportunityRecord,
    in_clause,
    list_opportunities,
)
from katerm.core.pipeline.orders import MilestoneRow, OrderStatus, load_milestones, order_status
from katerm.core.pipeline.rules import DEFAULT_RULES, OrderRules
from katerm.core.tiers import stored_tier_sql
from katerm.i18n import t
from katerm.i18n.fmt import fmt_number, fmt_share

if TYPE_CHECKING:
    from katerm.core.store import Database
    from katerm.core.team import Member


@dataclass(frozen=True)
class StageFigure:
    stage: str
    count: int
    amount_total: Total  # converted to the team's base; currencies without a rate apart
    weighted_total: Total

    @property
    def amount(self) -> float:
        return self.amount_total.amount

    @property
    def weighted(self) -> float:
        return self.weighted_total.amount


Sums = dict[str, float]  # currency -> amount, as the SQL groups them


@dataclass(frozen=True)
class PipelineFigures:
    stages: tuple[StageFigure, ...]
    won: int
    lost: int
    dropped: int
    won_total: Total
    win_rate: float | None  # None until something is won or lost
    cycle_days: float | None  # None until something is won
    open_total: Total
    all_weighted: Total

    @property
    def open_count(self) -> int:
        return sum(s.count for s in self.stages if s.stage in ("lead", "opportunity"))

    @property
    def won_amount(self) -> float:
        return self.won_total.amount

    @property
    def open_amount(self) -> float:
        return self.open_total.amount

    @property
    def weighted(self) -> float:
        return self.all_weighted.amount


class _Slots:
    """Counts and per-currency sums while rows or SQL groups are added (amounts are only
    converted once, per currency, at the end: exact and cheap)."""

    def __init__(self) -> None:
        self.count: dict[str, int] = {}
        self.amount: dict[str, Sums] = {}
        self.weighted: dict[str, Sums] = {}
        self.won_amount: Sums = {}
        self.won = self.lost = self.dropped = 0
        self.cycle = 0.0

    def add(
        self, stage: str, outcome: str, currency: str, count: int, amount: float, weighted: float
    ) -> None:
        if outcome == "lost":
            self.lost += count
            return
        if outcome == "dropped":
            self.dropped += count
            return
        self.count[stage] = self.count.get(stage, 0) + count
        add_money(self.amount.setdefault(stage, {}), currency, amount)
        if outcome == "won":
            self.won += count
            add_money(self.won_amount, currency, amount)
            add_money(self.weighted.setdefault(stage, {}), currency, amount)
        else:
            add_money(self.weighted.setdefault(stage, {}), currency, weighted)

    def figures(self, rates: Rates) -> PipelineFigures:
        stages = tuple(
            StageFigure(
                s,
                self.count.get(s, 0),
                rates.total(self.amount.get(s, {})),
                rates.total(self.weighted.get(s, {})),
            )
            for s in STAGES
        )
        open_sums: Sums = {}
        all_weighted: Sums = {}
        for s in STAGES:
            for c, v in self.weighted.get(s, {}).items():
                add_money(all_weighted, c, v)
            if s in ("lead", "opportunity"):
                for c, v in self.amount.get(s, {}).items():
                    add_money(open_sums, c, v)
        decided = self.won + self.lost
        return PipelineFigures(
            stages,
            self.won,
            self.lost,
            self.dropped,
            rates.total(self.won_amount),
            self.won / decided if decided else None,
            self.cycle / self.won if self.won else None,
            rates.total(open_sums),
            rates.total(all_weighted),
        )


def pipeline_figures(
    conn: sqlite3.Connection,
    owner_ids: Iterable[str] | None,
    tier: str | None = None,
    *,
    rates: Rates | None = None,
) -> PipelineFigures:
    """The pipeline of ``owner_ids``' opportunities (None: all), optionally of one tier, its
    amounts converted with ``rates`` (default: the team's)."""
    clause, params = in_clause("o.owner_id", owner_ids, prefer_scan=True)
    # Deleted accounts (few) and the tier as lists to check against, not a join per row: a
    # scan of the opportunities alone stays close to a plain GROUP BY (bench_pipeline).
    sql = (
        "SELECT o.stage, o.outcome, o.currency, count(*), total(o.amount), "
        "total(o.amount * o.probability) / 100.0, "
        "total(CASE o.outcome WHEN 'won' THEN "
        "julianday(o.closed_on) - julianday(o.opened_on) END) "
        "FROM opportunities o WHERE o.deleted = 0" + clause
    )
    if tier is None:
        if conn.execute("SELECT 1 FROM accounts WHERE deleted = 1 LIMIT 1").fetchone():
            sql += " AND o.account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)"
    else:
        sql += (
            " AND o.account_id IN (SELECT id FROM accounts "
            f"WHERE {stored_tier_sql(alias='')} = ? AND deleted = 0)"
        )
        params.append(tier)
    slots = _Slots()
    for stage, outcome, currency, count, amount, weighted, days in conn.execute(
        sql + " GROUP BY o.stage, o.outcome, o.currency", params
    ):
        slots.add(stage, outcome, currency, count, amount, weighted)
        if outcome == "won":
            slots.cycle += days
    return slots.figures(rates if rates is not None else load_rates(conn))


@dataclass(frozen=True, slots=True)
class PipelineRow:
    opportunity: OpportunityRecord
    status: OrderStatus

    @property
    def stuck(self) -> bool:
        return self.status.state == "stuck"


def pipeline_rows(
    conn: sqlite3.Connection,
    owner_ids: Iterable[str] | None,
    today: date,
    rules: OrderRules = DEFAULT_RULES,
    *,
    tier: str | None = None,
    account_id: str | None = None,
) -> list[PipelineRow]:
    """Every opportunity of ``owner_ids`` (None: all) with its four-order status on ``today``,
    by stage then expected close."""
    owners = list(owner_ids) if owner_ids is not None else None
    records = list_opportunities(conn, owner_ids=owners, tier=tier, account_id=account_id)
    if account_id is not None:
        done = load_milestones(conn, opportunity_ids=[r.id for r in records])
    else:
        done = load_milestones(conn, owner_ids=owners)
    none: dict[str, MilestoneRow] = {}
    shared: dict[object, OrderStatus] = {}
    return [
        PipelineRow(
            r,
            order_status(
                r.outcome, r.locked_on, r.renewal_of, done.get(r.id, none), rules, today, shared
            ),
        )
        for r in paced(records)
    ]


@dataclass(frozen=True)
class Board:
    """What the pipeline screen shows: every opportunity I can see, and who is whose team."""

    rows: list[PipelineRow]
    teams: dict[str, frozenset[str]]  # user id -> them and everyone below them
    members: list[Member]  # me and everyone below me
    rates: Rates = field(default_factory=Rates)  # the team's, read with the rows


def load_board(db: Database, me_id: str, today: date, rules: OrderRules = DEFAULT_RULES) -> Board:
    """The opportunities ``me_id`` and their team own, with each order's state on ``today``,
    in one read."""
    from katerm.core.team import below, members

    with db.reading() as conn:
        visible = below(conn, me_id)
        rows = pipeline_rows(conn, visible, today, rules)
        people = [m for m in members(conn) if m.id in set(visible)]
        teams = {m.id: frozenset(below(conn, m.id)) for m in people}
        rates = load_rates(conn)
    return Board(rows, teams, people, rates)


@dataclass(frozen=True)
class BoardStart:
    """What the pipeline screen paints first, from cheap reads: the first rows it lists, the
    figures by stage (in SQL) and who is whose team; the whole board follows."""

    rows: list[PipelineRow]  # the first open and won opportunities, in the board's order
    figures: PipelineFigures
    teams: dict[str, frozenset[str]]
    members: list[Member]
    rates: Rates = field(default_factory=Rates)

    @property
    def listed(self) -> int:
        """How many rows the whole board lists (open and won)."""
        return sum(s.count for s in self.figures.stages)


def load_board_start(
    db: Database, me_id: str, today: date, rules: OrderRules = DEFAULT_RULES, *, limit: int = 100
) -> BoardStart:
    """The first ``limit`` rows :func:`load_board` lists and the figures of the whole board,
    in one read that does not go over every opportunity in Python."""
    from katerm.core.team import below, members

    with db.reading() as conn:
        visible = below(conn, me_id)
        records = list_opportunities(conn, owner_ids=visible, listed=True, limit=limit)
        done = load_milestones(conn, opportunity_ids=[r.id for r in records])
        rows = [
            PipelineRow(
                r,
                order_status(
                    r.outcome, r.locked_on, r.renewal_of, done.get(r.id, {}), rules, today
                ),
            )
            for r in records
        ]
        rates = load_rates(conn)
        figures = pipeline_figures(conn, visible, rates=rates)
        people = [m for m in members(conn) if m.id in set(visible)]
        teams = {m.id: frozenset(below(conn, m.id)) for m in people}
    return BoardStart(rows, figures, teams, people, rates)


def load_account_orders(
    db: Database,
    account_id: str,
    today: date,
    rules: OrderRules = DEFAULT_RULES,
) -> tuple[list[PipelineRow], list[tuple[str, str]]]:
    """An account's opportunities with their states on ``today``, and its contacts (name,
    id) for the forms, in one read."""
    from katerm.core.accounts import contact_choices

    with db.reading() as conn:
        rows = pipeline_rows(conn, None, today, rules, account_id=account_id)
        return rows, contact_choices(conn, account_id)


def figures_of(rows: Sequence[PipelineRow], rates: Rates) -> PipelineFigures:
    """:func:`pipeline_figures` of rows already loaded (and perhaps filtered)."""
    slots = _Slots()
    for row in rows:
        opp = row.opportunity
        slots.add(
            opp.stage,
            opp.outcome,
            opp.currency,
            1,
            opp.amount,
            opp.amount * opp.probability / 100.0,
        )
        if opp.outcome == "won" and opp.closed_on is not None:
            slots.cycle += (opp.closed_on - opp.opened_on).days
    return slots.figures(rates)


def rate_text(figures: PipelineFigures) -> str:
    """ "Win rate 66.7% (2 won, 1 lost) · average cycle 46 days", in the interface language."""
    rate = (
        t("pipeline.win_rate", rate=fmt_share(figures.win_rate), won=figures.won, lost=figures.lost)
        if figures.win_rate is not None
        else t("pipeline.no_win_rate")
    )
    cycle = (
        t("pipeline.cycle", days=fmt_number(round(figures.cycle_days)))
        if figures.cycle_days is not None
        else t("pipeline.no_cycle")
    )
    return f"{rate} · {cycle}"


def money_lines(figures: PipelineFigures) -> list[str]:
    """The open and won amounts, converted and said so, then each currency not converted."""
    lines = [
        t("money.open_total", total=total_text(figures.open_total)),
        t("money.won_total", total=total_text(figures.won_total)),
    ]
    left: dict[str, float] = {}
    for total in (figures.open_total, figures.won_total):
        for a in total.not_converted:
            left[a.currency] = left.get(a.currency, 0.0) + a.amount
    return lines + [not_converted_text(Amount(c, v)) for c, v in sorted(left.items())]
