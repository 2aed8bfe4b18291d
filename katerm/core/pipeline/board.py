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
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from katerm.core.pipeline.opportunities import (
    STAGES,
    OpportunityRecord,
    in_clause,
    list_opportunities,
)
from katerm.core.pipeline.orders import OrderStatus, load_milestones, order_status
from katerm.core.pipeline.rules import DEFAULT_RULES, OrderRules
from katerm.i18n import t
from katerm.i18n.fmt import fmt_number, fmt_share

if TYPE_CHECKING:
    from katerm.core.store import Database
    from katerm.core.team import Member


@dataclass(frozen=True)
class StageFigure:
    stage: str
    count: int
    amount: float
    weighted: float


@dataclass(frozen=True)
class PipelineFigures:
    stages: tuple[StageFigure, ...]
    won: int
    lost: int
    dropped: int
    won_amount: float
    win_rate: float | None  # None until something is won or lost
    cycle_days: float | None  # None until something is won

    @property
    def open_count(self) -> int:
        return sum(s.count for s in self.stages if s.stage in ("lead", "opportunity"))

    @property
    def open_amount(self) -> float:
        return sum(s.amount for s in self.stages if s.stage in ("lead", "opportunity"))

    @property
    def weighted(self) -> float:
        return sum(s.weighted for s in self.stages)


def _figures(
    by_stage: dict[str, list[float]],
    won: int,
    lost: int,
    dropped: int,
    won_amount: float,
    cycle_total: float,
) -> PipelineFigures:
    stages = tuple(
        StageFigure(
            s,
            int(by_stage.get(s, [0, 0, 0])[0]),
            by_stage.get(s, [0, 0, 0])[1],
            by_stage.get(s, [0, 0, 0])[2],
        )
        for s in STAGES
    )
    decided = won + lost
    return PipelineFigures(
        stages,
        won,
        lost,
        dropped,
        won_amount,
        won / decided if decided else None,
        cycle_total / won if won else None,
    )


def pipeline_figures(
    conn: sqlite3.Connection, owner_ids: Iterable[str] | None, tier: str | None = None
) -> PipelineFigures:
    """The pipeline of ``owner_ids``' opportunities (None: all), optionally of one tier."""
    clause, params = in_clause("o.owner_id", owner_ids, prefer_scan=True)
    # Deleted accounts (few) and the tier as lists to check against, not a join per row: a
    # scan of the opportunities alone stays close to a plain GROUP BY (bench_pipeline).
    sql = (
        "SELECT o.stage, o.outcome, count(*), total(o.amount), "
        "total(o.amount * o.probability) / 100.0, "
        "total(CASE o.outcome WHEN 'won' THEN "
        "julianday(o.closed_on) - julianday(o.opened_on) END) "
        "FROM opportunities o WHERE o.deleted = 0" + clause
    )
    if tier is None:
        if conn.execute("SELECT 1 FROM accounts WHERE deleted = 1 LIMIT 1").fetchone():
            sql += " AND o.account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)"
    else:
        sql += " AND o.account_id IN (SELECT id FROM accounts WHERE tier = ? AND deleted = 0)"
        params.append(tier)
    by_stage: dict[str, list[float]] = {}
    won = lost = dropped = 0
    won_amount = cycle = 0.0
    for stage, outcome, count, amount, weighted, days in conn.execute(
        sql + " GROUP BY o.stage, o.outcome", params
    ):
        if outcome == "lost":
            lost += count
            continue
        if outcome == "dropped":
            dropped += count
            continue
        slot = by_stage.setdefault(stage, [0, 0.0, 0.0])
        slot[0] += count
        slot[1] += amount
        if outcome == "won":
            won += count
            won_amount += amount
            cycle += days
            slot[2] += amount
        else:
            slot[2] += weighted
    return _figures(by_stage, won, lost, dropped, won_amount, cycle)


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
    return [
        PipelineRow(
            r, order_status(r.outcome, r.locked_on, r.renewal_of, done.get(r.id, {}), rules, today)
        )
        for r in records
    ]


@dataclass(frozen=True)
class Board:
    """What the pipeline screen shows: every opportunity I can see, and who is whose team."""

    rows: list[PipelineRow]
    teams: dict[str, frozenset[str]]  # user id -> them and everyone below them
    members: list[Member]  # me and everyone below me


def load_board(db: Database, me_id: str, today: date, rules: OrderRules = DEFAULT_RULES) -> Board:
    """The opportunities ``me_id`` and their team own, with each order's state on ``today``,
    in one read."""
    from katerm.core.team import below, members

    with db.reading() as conn:
        visible = below(conn, me_id)
        rows = pipeline_rows(conn, visible, today, rules)
        people = [m for m in members(conn) if m.id in set(visible)]
        teams = {m.id: frozenset(below(conn, m.id)) for m in people}
    return Board(rows, teams, people)


@dataclass(frozen=True)
class BoardStart:
    """What the pipeline screen paints first, from cheap reads: the first rows it lists, the
    figures by stage (in SQL) and who is whose team; the whole board follows."""

    rows: list[PipelineRow]  # the first open and won opportunities, in the board's order
    figures: PipelineFigures
    teams: dict[str, frozenset[str]]
    members: list[Member]

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
        figures = pipeline_figures(conn, visible)
        people = [m for m in members(conn) if m.id in set(visible)]
        teams = {m.id: frozenset(below(conn, m.id)) for m in people}
    return BoardStart(rows, figures, teams, people)


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


def figures_of(rows: Sequence[PipelineRow]) -> PipelineFigures:
    """:func:`pipeline_figures` of rows already loaded (and perhaps filtered)."""
    by_stage: dict[str, list[float]] = {}
    won = lost = dropped = 0
    won_amount = cycle = 0.0
    for row in rows:
        opp = row.opportunity
        if opp.outcome == "lost":
            lost += 1
            continue
        if opp.outcome == "dropped":
            dropped += 1
            continue
        slot = by_stage.setdefault(opp.stage, [0, 0.0, 0.0])
        slot[0] += 1
        slot[1] += opp.amount
        if opp.outcome == "won":
            won += 1
            won_amount += opp.amount
            slot[2] += opp.amount
            if opp.closed_on is not None:
                cycle += (opp.closed_on - opp.opened_on).days
        else:
            slot[2] += opp.amount * opp.probability / 100.0
    return _figures(by_stage, won, lost, dropped, won_amount, cycle)


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
