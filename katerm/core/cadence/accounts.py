"""The month's A-account analysis (月度大客户经营分析): for the accounts of everyone in view,
count and annual revenue against the year's targets per tier (the pyramid's settings), and
the top risks of the top-tier accounts (A, whale, strategic, super-large): stuck orders,
decision makers nobody of ours covers, and gap actions past their date.

Stuck is measured as the month's open orders are (on its last day, or today); a gap action is
overdue when its date is before that day and it is still open. Nothing here reads the clock.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from katerm.core.money import Amount, Rates, load_rates
from katerm.core.money import add as add_money

if TYPE_CHECKING:
    from katerm.core.cadence.events import OrderStates
    from katerm.core.pipeline import OrderRules

RISK_KINDS = ("stuck", "uncovered", "overdue")
MAX_RISKS = 10  # per kind, the most pressing first; the count says how many there are


@dataclass(frozen=True)
class TierLine:
    """One tier of one scheme: accounts now against the year's target (None: no target set),
    their annual revenue and its share of everyone's against the year's revenue target, and
    orders won there in the month."""

    scheme: str
    tier: str
    accounts: int
    target: int | None
    revenue: float
    share: float
    won_amount: float
    revenue_target: float | None = None
    # Revenue and won amounts in currencies without a rate to the team's base: listed, never
    # added into ``revenue`` / ``won_amount`` (katerm.core.money).
    not_converted: tuple[Amount, ...] = ()

    @property
    def revenue_reached(self) -> float | None:
        """The annual revenue as a share of its target (None: no target, or a zero one)."""
        return self.revenue / self.revenue_target if self.revenue_target else None


@dataclass(frozen=True)
class Risk:
    kind: str  # RISK_KINDS
    account: str
    owner: str  # the account's or the order's owner, as people read it
    what: str  # the order, the person, or the gap action
    amount: float | None = None  # a stuck order's amount
    since: date | None = None  # a gap action's date


@dataclass(frozen=True)
class AccountAnalysis:
    tiers: tuple[TierLine, ...]
    risks: tuple[Risk, ...]  # at most MAX_RISKS of each kind
    risk_counts: dict[str, int]

    def of(self, kind: str) -> list[Risk]:
        return [r for r in self.risks if r.kind == kind]


def _marks(ids: Sequence[str]) -> str:
    return ", ".join("?" * len(ids))


def _owner_sql(column: str) -> str:
    return f"(SELECT coalesce(nullif(u.name, ''), u.login) FROM users u WHERE u.id = {column})"


Key = tuple[str, str]


def _converted(
    rates: Rates, found: Iterable[tuple[Any, ...]]
) -> tuple[list[tuple[str, str, int, float]], dict[Key, tuple[Amount, ...]]]:
    """Rows (scheme, tier, currency, count, amount) as (scheme, tier, count, amount in the
    base) per tier, and per tier the amounts of currencies without a rate."""
    counts: dict[Key, int] = {}
    sums: dict[Key, dict[str, float]] = {}
    for scheme, tier, currency, count, amount in found:
        counts[scheme, tier] = counts.get((scheme, tier), 0) + int(count)
        add_money(sums.setdefault((scheme, tier), {}), currency, amount)
    totals = {key: rates.total(by) for key, by in sums.items()}
    rows = [(s, t, counts[s, t], totals[s, t].amount) for s, t in counts]
    return rows, {key: found.not_converted for key, found in totals.items()}


def _merged(*groups: tuple[Amount, ...]) -> tuple[Amount, ...]:
    out: dict[str, float] = {}
    for group in groups:
        for a in group:
            out[a.currency] = out.get(a.currency, 0.0) + a.amount
    return tuple(Amount(c, round(v, 2)) for c, v in sorted(out.items()))


def account_analysis(
    conn: sqlite3.Connection,
    viewer_id: str,
    people: Sequence[str],
    *,
    start: date,
    end: date,
    as_of: date,
    rules: OrderRules,
    states: OrderStates | None = None,
) -> AccountAnalysis:
    """The analysis of the accounts ``people`` own; orders won in [start, end). ``states``:
    the open orders' state already measured on ``as_of`` (the review's), reused."""
    from katerm.core.tiers import SCHEMES, stored_tier_sql

    ids = list(people)
    if not ids:
        return AccountAnalysis((), (), dict.fromkeys(RISK_KINDS, 0))
    owned = f"a.deleted = 0 AND a.owner_id IN ({_marks(ids)})"
    # Two GROUP BYs rather than one with a sum per account: the accounts by tier, and the
    # month's won orders by their account's tier (bench_monthly).
    # (+owner_id: the people in view own most accounts; one scan beats a look-up per row.)
    # The stored tier of the team's active scheme (one per scheme: migration 0014), asked
    # once: the column itself, not active_scheme() per row (a call into Python each). The
    # same scan lists the top tier's accounts, which the risks below start from. Grouped by
    # currency too, each currency's sum converted once (katerm.core.money).
    scheme = conn.execute("SELECT active_scheme()").fetchone()[0]
    tier = stored_tier_sql(scheme if scheme in SCHEMES else None)
    top_tier = SCHEMES.get(scheme, ("",))[0]
    rates = load_rates(conn)
    found = conn.execute(
        f"SELECT ?, {tier}, a.currency, count(*), total(a.annual_revenue), "
        f"json_group_array(a.id) FILTER (WHERE {tier} = ?) FROM accounts a "
        f"WHERE {owned.replace('a.owner_id', '+a.owner_id')} AND {tier} IS NOT NULL "
        "GROUP BY 2, 3",
        (scheme, top_tier, *ids),
    ).fetchall()
    rows, left = _converted(rates, (r[:5] for r in found))
    top_ids = json.dumps([i for r in found if r[1] == top_tier for i in json.loads(r[5])])
    won_rows, won_left = _converted(
        rates,
        conn.execute(
            f"SELECT ?, {tier}, o.currency, 0, total(o.amount) FROM opportunities o "
            "CROSS JOIN accounts a ON a.id = o.account_id "  # the month's wins first
            f"WHERE o.deleted = 0 AND o.outcome = 'won' AND o.closed_on >= ? AND o.closed_on < ? "
            f"AND {owned.replace('a.owner_id', '+a.owner_id')} GROUP BY 2, 3",
            (scheme, start.isoformat(), end.isoformat(), *ids),
        ),
    )
    won = {(scheme, tier): amount for scheme, tier, _, amount in won_rows}
    targets = {
        (scheme, tier): target
        for scheme, tier, target in conn.execute(
            "SELECT scheme, tier, target FROM tier_targets WHERE deleted = 0 AND owner_id = ? "
            "AND year = ?",
            (viewer_id, start.year),
        )
    }
    revenue_targets = {
        (scheme, tier): target
        for scheme, tier, target in conn.execute(
            "SELECT scheme, tier, target FROM tier_revenue_targets WHERE deleted = 0 "
            "AND owner_id = ? AND year = ?",
            (viewer_id, start.year),
        )
    }
    everything = sum(r[3] for r in rows) or 0.0

    def order(row: tuple[Any, ...]) -> tuple[int, int]:
        tiers = SCHEMES.get(row[0], ())
        scheme_at = list(SCHEMES).index(row[0]) if row[0] in SCHEMES else len(SCHEMES)
        return scheme_at, tiers.index(row[1]) if row[1] in tiers else len(tiers)

    tiers = tuple(
        TierLine(
            scheme,
            tier,
            count,
            targets.get((scheme, tier)),
            revenue,
            revenue / everything if everything else 0.0,
            won.get((scheme, tier), 0.0),
            revenue_targets.get((scheme, tier)),
            _merged(left.get((scheme, tier), ()), won_left.get((scheme, tier), ())),
        )
        for scheme, tier, count, revenue in sorted(rows, key=order)
    )
    # The top tier's accounts (listed above, each looked up by its id), then each risk by its
    # account: no second scan of the accounts.
    top = "json_each(?) t CROSS JOIN accounts a ON a.id = t.value"
    params = [top_ids]
    risks: list[Risk] = []
    counts = dict.fromkeys(RISK_KINDS, 0)
    counts["stuck"], stuck = _stuck(conn, top_ids, as_of, rules, states)
    risks += stuck
    uncovered = conn.execute(
        f"SELECT a.name, {_owner_sql('a.owner_id')}, c.name FROM {top} "
        "CROSS JOIN contacts c ON c.account_id = a.id WHERE c.deleted = 0 "
        "AND c.left_on IS NULL AND c.covered_by IS NULL "
        "AND (c.role = 'decision_maker' OR instr(c.other_roles, 'decision_maker') > 0) "
        "ORDER BY a.name COLLATE NOCASE, c.name COLLATE NOCASE",
        params,
    ).fetchall()
    counts["uncovered"] = len(uncovered)
    risks += [Risk("uncovered", *r) for r in uncovered[:MAX_RISKS]]
    overdue = conn.execute(
        f"SELECT a.name, {_owner_sql('g.owner_id')}, "
        f"coalesce(nullif(g.next_action, ''), c.name), g.due_date FROM {top} "
        "CROSS JOIN gap_rows g ON g.account_id = a.id "
        "LEFT JOIN contacts c ON c.id = g.contact_id "
        "WHERE g.deleted = 0 AND g.status = 'open' AND g.due_date < ? "
        "ORDER BY g.due_date, a.name COLLATE NOCASE",
        (*params, as_of.isoformat()),
    ).fetchall()
    counts["overdue"] = len(overdue)
    risks += [
        Risk("overdue", name, owner, what, None, date.fromisoformat(due))
        for name, owner, what, due in overdue[:MAX_RISKS]
    ]
    return AccountAnalysis(tiers, tuple(risks), counts)


def _stuck(
    conn: sqlite3.Connection,
    top_ids: str,
    as_of: date,
    rules: OrderRules,
    states: OrderStates | None,
) -> tuple[int, list[Risk]]:
    """How many of the top-tier accounts' (``top_ids``, a JSON list) open orders are stuck on
    ``as_of``, and the MAX_RISKS largest. The orders ``states`` measured on ``as_of`` are
    taken from it (the review's: every open locked order of the people in view); only the
    others (an order of someone out of view on an account in view) are read and measured
    here, then the largest stuck ones named: no look-up of every order of the top tier
    (bench_monthly)."""
    from katerm.core.pipeline import load_milestones, order_status

    place = {account: at for at, account in enumerate(json.loads(top_ids))}
    stuck: list[tuple[str, float]] = []  # (order id, amount)
    skip: Sequence[str] = ()
    if states is not None and as_of in states.stuck:
        for oid in states.stuck[as_of]:
            account, amount = states.orders[oid]
            if account in place:
                stuck.append((oid, amount))
        skip = sorted(states.owners)
    others = conn.execute(
        "SELECT o.id, o.locked_on, o.renewal_of, o.amount FROM opportunities o "
        "WHERE o.locked_on <= ? AND o.outcome = 'open' AND o.deleted = 0 "
        f"AND o.owner_id NOT IN ({_marks(skip)}) "
        # By the lock day's index, which holds the rest: not every top-tier account's orders.
        "AND +o.account_id IN (SELECT value FROM json_each(?))",
        (as_of.isoformat(), *skip, top_ids),
    ).fetchall()
    milestones = load_milestones(conn, opportunity_ids=[r[0] for r in others]) if others else {}
    for oid, locked, renewal, amount in others:
        status = order_status(
            "open", date.fromisoformat(locked), renewal, milestones.get(oid, {}), rules, as_of
        )
        if status.state == "stuck":
            stuck.append((oid, float(amount)))
    if not stuck:
        return 0, []
    # Named: the largest, with every order as large as the last of them (a tie is ordered by
    # its account's name, then as the top tier's orders are listed: by account, as stored).
    least = sorted((amount for _, amount in stuck), reverse=True)[:MAX_RISKS][-1]
    rows = conn.execute(
        f"SELECT o.account_id, o.rowid, a.name, {_owner_sql('o.owner_id')}, o.name, o.amount "
        "FROM json_each(?) t CROSS JOIN opportunities o ON o.id = t.value "
        "CROSS JOIN accounts a ON a.id = o.account_id",
        (json.dumps([oid for oid, amount in stuck if amount >= least]),),
    ).fetchall()
    rows.sort(key=lambda r: (-float(r[5]), r[2].casefold(), place[r[0]], r[1]))
    return len(stuck), [
        Risk("stuck", account, owner, name, float(amount))
        for *_, account, owner, name, amount in rows[:MAX_RISKS]
    ]
