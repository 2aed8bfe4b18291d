"""Re-tier suggestions: accounts whose figures put them in another tier than they carry, and
those the periodic evaluation (growth over the last years and satisfaction, ``evaluate``)
would promote or demote.

"Periodic evaluation: promote or demote" (DOMAIN.md §2). A suggestion names the account,
its tier, the tier its figures give and why (the figures against the thresholds). Accounts
whose tier is held by a manual override are listed too, with the override's reason, but are
never changed: the reason is the point of the override ("no revenue yet, high potential").
Applying re-checks each account against the current figures and thresholds inside the write
transaction, then writes through the store, which records every change in the tier history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from katerm.core.background import paced
from katerm.core.money import load_rates
from katerm.core.pyramid.evaluate import RULE, evaluate, judge, year_figures
from katerm.core.pyramid.read import PyramidQuery, portfolio, scope_sql
from katerm.core.pyramid.rules import (
    RULES,
    Params,
    is_held,
    load_thresholds,
    measures_of,
    tier_by_figures,
    tier_sql,
)
from katerm.core.tiers import SCHEMES, UNRANKED, reason_column, tier_column
from katerm.i18n import t
from katerm.i18n.fmt import fmt_amount, fmt_int

if TYPE_CHECKING:
    from katerm.core.store import Database
    from katerm.core.workspace import Workspace

_FIGURES = ("annual_revenue", "annual_orders", "contract_value", "company_revenue", "currency")
_CHUNK = 500


@dataclass(frozen=True)
class Fact:
    """One figure against one threshold: ``annual revenue 5,200,000 >= 5,000,000``."""

    measure: str
    value: float
    met: bool  # value >= threshold
    threshold: float

    def number(self, value: float) -> str:
        # Money as the user types it and the thresholds line shows it (169.65万 in Chinese).
        return fmt_int(value) if self.measure == "annual_orders" else fmt_amount(value)

    def text(self) -> str:
        return t(
            "pyramid.fact",
            measure=t(f"pyramid.measure.{self.measure}"),
            value=self.number(self.value),
            op="≥" if self.met else "<",
            threshold=self.number(self.threshold),
        )


def describe(facts: Iterable[Fact]) -> str:
    """Facts as one line, one part per measure: ``Annual revenue 3,084,600 ≥ 3,000,000,
    < 5,000,000``."""
    parts: dict[str, list[Fact]] = {}
    for fact in facts:
        parts.setdefault(fact.measure, []).append(fact)
    out = []
    for group in parts.values():
        first, *rest = group
        out.append(
            t("pyramid.bound_sep").join(
                [first.text(), *(f"{'≥' if f.met else '<'} {f.number(f.threshold)}" for f in rest)]
            )
        )
    return t("dialog.clause_sep").join(out)


def explain(
    scheme: str,
    thresholds: Mapping[str, float],
    account: Mapping[str, Any],
    tier: str | None,
    rate: float = 1.0,
) -> tuple[Fact, ...]:
    """Why the figures give ``tier``: the thresholds the account meets for it and those it
    misses for the tier above (ranked), or where it stands on each line (fish). ``rate``
    converts the money figures to the team's base, as the thresholds are."""
    rule = RULES[scheme]
    values = measures_of(account, rate)

    def fact(spec: Any) -> Fact:
        limit = thresholds[spec.key]
        return Fact(spec.measure, values[spec.measure], values[spec.measure] >= limit, limit)

    if rule.kind == "fish":
        return tuple(fact(spec) for spec in rule.thresholds)
    if rule.kind == "manual":
        return ()
    ranked = [tier_ for tier_ in rule.tiers if any(s.tier == tier_ for s in rule.thresholds)]
    own = [fact(s) for s in rule.thresholds if s.tier == tier]
    position = ranked.index(tier) if tier in ranked else len(ranked)
    missed: list[Fact] = []
    if position > 0:
        above = ranked[position - 1]
        missed = [f for f in (fact(s) for s in rule.thresholds if s.tier == above) if not f.met]
    return tuple(own + missed)


def _rank(scheme: str, tier: str | None) -> int:
    tiers = SCHEMES.get(scheme, ())
    return tiers.index(tier) if tier in tiers else UNRANKED


@dataclass(frozen=True)
class Suggestion:
    account_id: str
    name: str
    owner: str
    current: str | None  # the tier the account carries
    current_scheme: str
    suggested: str | None  # the tier its figures give in ``scheme``
    scheme: str
    facts: tuple[Fact, ...]
    held: bool  # kept by a manual override: shown, never applied
    override_reason: str
    annual_revenue: float
    basis: str = "figures"  # figures | evaluation (growth and satisfaction over the years)
    note: str = ""  # evaluation: its reason
    # The account's currency when it has no rate to the team's base: no tier is computed
    # (shown, never applied), rather than one guessed from figures in another currency.
    no_rate: str = ""
    base: str = ""

    @property
    def direction(self) -> str:
        """promote, demote, or move (to the same rank of another scheme)."""
        new, old = _rank(self.scheme, self.suggested), _rank(self.current_scheme, self.current)
        return "promote" if new < old else "demote" if new > old else "move"

    @property
    def reason(self) -> str:
        """Why, in the interface language: the figures, or the override's own reason."""
        if self.no_rate:
            return t("money.no_tier_rate", currency=self.no_rate, base=self.base)
        if self.held:
            return t("pyramid.held_reason", reason=self.override_reason)
        if self.basis == "evaluation":
            return self.note
        return describe(self.facts) or t("pyramid.no_figures")

    def record(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "name": self.name,
            "owner": self.owner,
            "current": self.current,
            "suggested": self.suggested,
            "direction": self.direction,
            "held": self.held,
            "basis": self.basis,
            "reason": self.reason,
        }


def _columns(scheme: str) -> tuple[str, ...]:
    return (
        "a.id",
        "a.name",
        "coalesce(nullif(u.name, ''), u.login, '')",
        f"a.{tier_column(scheme)}",
        f"a.{reason_column(scheme)}",
        *(f"a.{c}" for c in _FIGURES),
    )


def suggestions(
    conn: sqlite3.Connection,
    query: PyramidQuery,
    me_id: str,
    *,
    thresholds: Mapping[str, float] | None = None,
) -> list[Suggestion]:
    """Accounts of the query whose tier differs from what their figures give: the ones to
    change first (promotions before demotions, biggest revenue first), then those held by
    an override. A manual scheme (strategic) has none."""
    scheme = query.scheme
    if RULES[scheme].kind == "manual":
        return []
    values = thresholds if thresholds is not None else load_thresholds(conn, scheme)
    params = Params()
    where = scope_sql(query, portfolio(conn, query, me_id), params)
    rates = load_rates(conn)
    computed = tier_sql(scheme, values, params, rates.factor_sql("a.currency", params))
    rows = conn.execute(
        f"SELECT {', '.join(_columns(scheme))}, {computed} AS suggested FROM accounts a "
        f"LEFT JOIN users u ON u.id = a.owner_id WHERE {where} "
        f"AND a.{tier_column(scheme)} IS NOT {computed}",
        params,
    ).fetchall()
    out = []
    for row in paced(rows):  # a fill gives way every so many rows
        account = dict(
            zip(
                ("id", "name", "owner", tier_column(scheme), reason_column(scheme), *_FIGURES),
                row[:-1],
                strict=True,
            )
        )
        suggested = row[-1]
        rate = rates.rate(account["currency"] or "")
        out.append(
            Suggestion(
                account_id=account["id"],
                name=account["name"],
                owner=account["owner"],
                current=account[tier_column(scheme)],
                current_scheme=scheme,
                suggested=suggested,
                scheme=scheme,
                facts=explain(scheme, values, account, suggested, rate or 1.0),
                held=is_held(scheme, account) or rate is None,
                override_reason=account[reason_column(scheme)],
                annual_revenue=account["annual_revenue"] * (rate or 0.0),
                no_rate="" if rate is not None else str(account["currency"]),
                base=rates.base,
            )
        )
    if query.year is not None:
        for account, verdict in paced(evaluate(conn, query, me_id, query.year, values)):
            out.append(
                Suggestion(
                    account_id=account["id"],
                    name=account["name"],
                    owner=account["owner"],
                    current=account["tier"],
                    current_scheme=scheme,
                    suggested=verdict.suggested,
                    scheme=scheme,
                    facts=(),
                    held=False,
                    override_reason="",
                    annual_revenue=account["annual_revenue"],
                    basis="evaluation",
                    note=verdict.reason(),
                )
            )
    order = {"promote": 0, "move": 1, "demote": 2}
    out.sort(key=lambda s: (s.held, order[s.direction], -s.annual_revenue, s.name))
    return out


def load_suggestions(
    db: Database, query: PyramidQuery, me_id: str, *, thresholds: Mapping[str, float] | None = None
) -> list[Suggestion]:
    """:func:`suggestions`, in a read of its own."""
    with db.reading() as conn:
        return suggestions(conn, query, me_id, thresholds=thresholds)


@dataclass
class RetierResult:
    applied: list[str] = field(default_factory=list)  # account ids re-tiered
    held: int = 0  # skipped: kept by a manual override
    unchanged: int = 0  # skipped: already in the tier (or gone) when applied


def apply_suggestions(
    ws: Workspace, scheme: str, account_ids: Iterable[str], *, dry_run: bool = False
) -> RetierResult:
    """Move each account to the tier its figures give now (in ``scheme``), skipping those held
    by an override; an account already in that tier moves to the tier the periodic evaluation
    gives now, if any, kept with the evaluation as its reason (``evaluate``). One transaction;
    each change lands in the tier history with its reason. ``dry_run`` reports what would
    change and writes nothing."""
    from katerm.core import store

    if RULES[scheme].kind == "manual":
        return RetierResult()
    ids = list(dict.fromkeys(account_ids))
    result = RetierResult()
    with ws.db.writing() as conn:
        raw = conn.connection.driver_connection  # sqlite3, same transaction
        thresholds = load_thresholds(raw, scheme)
        rates = load_rates(raw)
        column, reason = tier_column(scheme), reason_column(scheme)
        names = ("id", "deleted", column, reason, *_FIGURES)
        rows: list[dict[str, Any]] = []
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            rows += [
                dict(zip(names, row, strict=True))
                for row in raw.execute(
                    f"SELECT {', '.join(names)} FROM accounts WHERE id IN "
                    f"({', '.join('?' * len(chunk))})",
                    chunk,
                )
            ]
        changes, reasons = [], {}
        this_year = ws.clock.year()
        years = year_figures(
            raw, [a["id"] for a in rows], this_year - 1 - RULE.years, this_year - 1
        )
        for account in rows:
            if is_held(scheme, account):
                result.held += 1
                continue
            rate = rates.rate(account["currency"] or "")
            if rate is None:  # no rate to the base: no tier is computed, none is changed
                result.held += 1
                continue
            new = tier_by_figures(scheme, thresholds, account, rate)
            if not account["deleted"] and new == account[column]:
                verdict = judge(scheme, account["id"], new, years.get(account["id"], []), this_year)
                if verdict is not None:
                    note = verdict.reason()
                    changes.append(
                        store.Change(account["id"], {column: verdict.suggested, reason: note})
                    )
                    reasons[account["id"]] = note
                    result.applied.append(account["id"])
                    continue
            if account["deleted"] or new == account[column]:
                result.unchanged += 1
                continue
            values: dict[str, Any] = {column: new}
            changes.append(store.Change(account["id"], values))
            reasons[account["id"]] = describe(explain(scheme, thresholds, account, new, rate))
            result.applied.append(account["id"])
        result.unchanged += len(ids) - len(rows)
        if changes and not dry_run:
            store.apply(
                conn,
                "accounts",
                changes,
                actor_id=ws.me.id,
                why=store.Why("suggestion", reasons=reasons),
            )
    return result
