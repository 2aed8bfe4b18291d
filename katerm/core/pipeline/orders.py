"""Four-order management (四单管理): lock, follow, close, renew — and the stuck rule.

* **Lock** (锁单): the order's key information is complete (a converted lead, an amount, an
  expected close date, the key person at the customer, the competitors) and the seller's
  team lead confirms it. A seller without a lead above them confirms their own.
* **Follow** (跟单): from the lock day, each following milestone has a day limit — by default
  a first meeting with the customer's top person within 15 days, a proposal within 30, a
  trial within 45 (``[orders]`` in the settings changes them).
* **Stuck** (卡单): an open, locked order with a milestone not reached by its limit. It asks
  for a written analysis and an improvement step, and the evening review lists it.
* **Close** (成单): the contract is signed (see :mod:`katerm.core.pipeline.opportunities`);
  **renew** (续单) opens the follow-up order of a won one.

**Day limits count calendar days by default** (``day_count = "calendar"``): a limit of 15
days from a lock on Monday 2 March ends on Tuesday 17 March, and the order is stuck from
Wednesday 18 March. With ``day_count = "business"`` only working days count, as the team's
calendar has them (``katerm.core.workdays``: Chinese public holidays skipped, make-up working
days counted; ``workdays = "mon-fri"`` for Monday to Friday): the same limit ends on Monday
23 March. "Within N days" includes the N-th day.

Every function that needs the date takes ``today``; nothing here reads the clock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from katerm.core.pipeline.rules import DEFAULT_RULES, OrderRules, add_days, days_between
from katerm.core.store import in_clause, managers_of

# --- the state of an order --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    """What is stored about one milestone of one order."""

    id: str
    done_on: date | None = None
    analysis: str = ""
    improvement: str = ""
    analysed_on: date | None = None

    @property
    def analysis_written(self) -> bool:
        return bool(self.analysis.strip() and self.improvement.strip())


@dataclass(frozen=True, slots=True)
class MilestoneState:
    key: str
    days: int
    due_on: date
    done_on: date | None
    days_over: int  # > 0: missed and still not reached
    row: MilestoneRow | None

    @property
    def analysis_written(self) -> bool:
        return self.row is not None and self.row.analysis_written


@dataclass(frozen=True, slots=True)
class OrderStatus:
    """``state``: unlocked · following · stuck · closed (won) · lost · dropped · renewal."""

    state: str
    milestones: tuple[MilestoneState, ...] = ()
    stuck: MilestoneState | None = None  # the earliest missed milestone


# The states that need no milestones, made once (the pipeline asks for 50,000 at a time).
_FIXED = {s: OrderStatus(s) for s in ("closed", "lost", "dropped", "renewal", "unlocked")}


def order_status(
    outcome: str,
    locked_on: date | None,
    renewal_of: str | None,
    rows: Mapping[str, MilestoneRow],
    rules: OrderRules,
    today: date,
    shared: dict[object, OrderStatus] | None = None,
) -> OrderStatus:
    """Where an order stands in four-order management on ``today``.

    ``shared``: a dict kept over many calls, where every open order locked on the same day
    with no milestone stored gets one status object, not one each (they are equal, and
    frozen): the pipeline holds 38,000 locked orders at 100k accounts."""
    if outcome == "won":
        return _FIXED["closed"]
    if outcome != "open":
        return _FIXED[outcome]
    if locked_on is None:
        return _FIXED["renewal" if renewal_of else "unlocked"]
    if shared is not None and not rows:
        key = (locked_on, rules, today)
        found = shared.get(key)
        if found is None:
            found = shared[key] = order_status(outcome, locked_on, renewal_of, rows, rules, today)
        return found
    states = []
    stuck = None
    for m in rules.milestones:
        row = rows.get(m.key)
        done = row.done_on if row else None
        due = add_days(locked_on, m.days, business=rules.business_days)
        over = 0 if done else days_between(due, today, business=rules.business_days)
        state = MilestoneState(m.key, m.days, due, done, over, row)
        states.append(state)
        if over > 0 and stuck is None:
            stuck = state
    return OrderStatus("stuck" if stuck else "following", tuple(states), stuck)


def load_milestones(
    conn: sqlite3.Connection,
    *,
    opportunity_ids: Iterable[str] | None = None,
    owner_ids: Iterable[str] | None = None,
) -> dict[str, dict[str, MilestoneRow]]:
    """Opportunity id -> milestone key -> what is stored, for the open locked orders (the
    only ones whose state depends on their milestones).

    Two devices may each record the same milestone before they sync; the reached one wins,
    then the one with a written analysis, then the newest.
    """
    sql = (
        "SELECT m.opportunity_id, m.milestone, m.id, m.done_on, m.analysis, m.improvement, "
        "m.analysed_on FROM order_milestones m JOIN opportunities o "
        "ON o.id = m.opportunity_id WHERE m.deleted = 0 AND o.deleted = 0 "
        "AND o.outcome = 'open' AND o.locked_on IS NOT NULL"
    )
    ids, params = in_clause("m.opportunity_id", opportunity_ids)
    owners, more = in_clause("o.owner_id", owner_ids, prefer_scan=True)
    found: dict[str, dict[str, MilestoneRow]] = {}
    days: dict[str, date] = {}

    def day(text: str | None) -> date | None:
        if not text:
            return None
        parsed = days.get(text)
        if parsed is None:
            parsed = days[text] = date.fromisoformat(text)
        return parsed

    for opp, key, row_id, done, analysis, improvement, analysed in conn.execute(
        sql + ids + owners + " ORDER BY m.hlc", [*params, *more]
    ):
        row = MilestoneRow(row_id, day(done), analysis, improvement, day(analysed))
        known = found.get(opp)
        if known is None:
            found[opp] = {key: row}
            continue
        old = known.get(key)
        if old is None or _better(row, old):
            known[key] = row
    return found


def _better(new: MilestoneRow, old: MilestoneRow) -> bool:
    return (bool(new.done_on), new.analysis_written) >= (bool(old.done_on), old.analysis_written)


# --- what the evening review asks ---------------------------------------------------------------


@dataclass(frozen=True)
class StuckOrder:
    """An order past a milestone's limit, for the evening review and ``katerm pipeline``."""

    seller_id: str
    seller: str
    account_id: str
    account: str
    opportunity_id: str
    opportunity: str
    stage: str
    amount: float
    milestone: str  # key of the earliest missed milestone
    due_on: date
    days_over: int
    analysis_written: bool
    analysis: str = ""
    improvement: str = ""


_ORDERS = (
    "SELECT o.id, o.name, o.stage, o.amount, o.outcome, o.locked_on, o.renewal_of, "
    "o.owner_id, coalesce(nullif(u.name, ''), u.login, ''), a.id, a.name "
    "FROM opportunities o JOIN accounts a ON a.id = o.account_id "
    "LEFT JOIN users u ON u.id = o.owner_id WHERE o.deleted = 0 AND a.deleted = 0"
)


def stuck_opportunities(
    conn: sqlite3.Connection,
    owner_ids: Iterable[str] | None,
    today: date,
    rules: OrderRules = DEFAULT_RULES,
) -> list[StuckOrder]:
    """Open, locked orders with a missed milestone on ``today``, longest overdue first.

    ``owner_ids``: whose orders (a lead passes ``team.below(conn, lead_id)``); None for
    every order in the file.
    """
    owners = list(owner_ids) if owner_ids is not None else None
    clause, params = in_clause("o.owner_id", owners, prefer_scan=True)
    rows = conn.execute(
        _ORDERS + " AND o.outcome = 'open' AND o.locked_on IS NOT NULL" + clause, params
    ).fetchall()
    done = load_milestones(conn, owner_ids=owners)
    found = []
    for (
        opp_id,
        name,
        stage,
        amount,
        outcome,
        locked,
        renewal,
        owner,
        seller,
        account_id,
        account,
    ) in rows:
        status = order_status(
            outcome, date.fromisoformat(locked), renewal, done.get(opp_id, {}), rules, today
        )
        missed = status.stuck
        if missed is None:
            continue
        row = missed.row
        found.append(
            StuckOrder(
                owner,
                seller,
                account_id,
                account,
                opp_id,
                name,
                stage,
                amount,
                missed.key,
                missed.due_on,
                missed.days_over,
                missed.analysis_written,
                row.analysis if row else "",
                row.improvement if row else "",
            )
        )
    found.sort(key=lambda s: (-s.days_over, s.seller, s.account, s.opportunity))
    return found


@dataclass(frozen=True)
class MovedOrder:
    """One move of an order on a day. ``change``: opened · converted · nurtured · locked ·
    stage · milestone · analysed · won · lost · dropped; ``detail``: the stage or milestone."""

    seller_id: str
    seller: str
    account_id: str
    account: str
    opportunity_id: str
    opportunity: str
    change: str
    detail: str = ""


_DECISION_CHANGE = {"convert": "converted", "nurture": "nurtured"}


def orders_moved(
    conn: sqlite3.Connection, owner_ids: Iterable[str] | None, day: date
) -> list[MovedOrder]:
    """What happened to the orders of ``owner_ids`` on ``day`` ("orders moved today")."""
    owners = list(owner_ids) if owner_ids is not None else None
    clause, params = in_clause("o.owner_id", owners, prefer_scan=True)
    iso = day.isoformat()
    moved: list[MovedOrder] = []
    for row in conn.execute(
        _ORDERS.replace(
            "SELECT ",
            "SELECT o.opened_on, o.stage_on, o.decided_on, o.lead_decision, o.closed_on, ",
            1,
        )
        + " AND ? IN (o.opened_on, o.stage_on, o.decided_on, o.locked_on, o.closed_on)"
        + clause,
        [iso, *params],
    ):
        opened, stage_on, decided, decision, closed = row[:5]
        (opp_id, name, stage, _, outcome, locked, _, owner, seller, account_id, account) = row[5:]
        who = (owner, seller, account_id, account, opp_id, name)
        if opened == iso:
            moved.append(MovedOrder(*who, "opened"))
        if decided == iso and decision in _DECISION_CHANGE:
            moved.append(MovedOrder(*who, _DECISION_CHANGE[decision]))
        if locked == iso:
            moved.append(MovedOrder(*who, "locked"))
        if closed == iso and outcome != "open":
            moved.append(MovedOrder(*who, outcome, stage))
        elif stage_on == iso and opened != iso and decided != iso:
            moved.append(MovedOrder(*who, "stage", stage))
    for row in conn.execute(
        "SELECT m.milestone, m.done_on, m.analysed_on, o.id, o.name, o.owner_id, "
        "coalesce(nullif(u.name, ''), u.login, ''), a.id, a.name FROM order_milestones m "
        "JOIN opportunities o ON o.id = m.opportunity_id JOIN accounts a "
        "ON a.id = o.account_id LEFT JOIN users u ON u.id = o.owner_id "
        "WHERE m.deleted = 0 AND o.deleted = 0 AND a.deleted = 0 "
        "AND ? IN (m.done_on, m.analysed_on)" + clause,
        [iso, *params],
    ):
        key, done, analysed, opp_id, name, owner, seller, account_id, account = row
        who = (owner, seller, account_id, account, opp_id, name)
        if done == iso:
            moved.append(MovedOrder(*who, "milestone", key))
        if analysed == iso:
            moved.append(MovedOrder(*who, "analysed", key))
    moved.sort(key=lambda m: (m.seller, m.account, m.opportunity))
    return moved


# --- locking ------------------------------------------------------------------------------------


def may_confirm_lock(conn: sqlite3.Connection, confirmer_id: str, owner_id: str) -> bool:
    """A lock is confirmed by someone above the order's owner; a seller with nobody above
    them (a one-person team) confirms their own."""
    if confirmer_id == owner_id:
        row = conn.execute("SELECT manager_id FROM users WHERE id = ?", (owner_id,)).fetchone()
        return row is None or row[0] is None
    return confirmer_id in managers_of(conn, owner_id)
