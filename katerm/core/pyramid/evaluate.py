"""The periodic evaluation (优胜劣汰): promote or demote an account by its revenue growth over
the last years and its customer's satisfaction, not only by this year's figure.

The seed: "定期对大客户进行评估，优胜劣汰" with the criteria 客户贡献度 (contribution), 合作潜力
(growth potential) and 满意度与忠诚度 (satisfaction). Each account keeps its revenue and the
customer's satisfaction (1 very dissatisfied .. 5 very satisfied) per calendar year
(``account_revenues``). Over the last complete years (the workspace clock's year is not over,
so it is left out):

* **promote** one tier: revenue grew by at least :attr:`EvaluationRule.growth` (20%) each
  year, :attr:`EvaluationRule.years` (2) years running, and the latest satisfaction is at
  least :attr:`EvaluationRule.satisfied` (4, satisfied);
* **demote** one tier: revenue shrank each year, two years running, and the latest
  satisfaction is at most :attr:`EvaluationRule.dissatisfied` (2, dissatisfied).

Only accounts in the tier their figures give are evaluated (the others already have a
figures suggestion) and not those kept by hand. Years in another currency than the year
before are not compared. Applying an evaluation suggestion keeps the new tier with the
evaluation as its reason (an override), so this year's figures do not undo it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from katerm.core.money import load_rates
from katerm.core.pyramid.read import PyramidQuery, portfolio, scope_sql
from katerm.core.pyramid.rules import RULES, Params, tier_sql
from katerm.core.store import in_clause
from katerm.core.tiers import SCHEMES, reason_column, tier_column
from katerm.i18n import t
from katerm.i18n.fmt import fmt_share


@dataclass(frozen=True)
class EvaluationRule:
    years: int = 2  # growth or shrinking this many years running
    growth: float = 0.20  # promote: at least this growth each year
    satisfied: int = 4  # promote: latest satisfaction at least this
    dissatisfied: int = 2  # demote: latest satisfaction at most this


RULE = EvaluationRule()


@dataclass(frozen=True)
class YearFigure:
    year: int
    amount: float
    currency: str
    satisfaction: int | None


@dataclass(frozen=True)
class Verdict:
    """What the evaluation proposes for one account."""

    account_id: str
    direction: str  # promote | demote
    suggested: str
    growths: tuple[tuple[int, float], ...]  # (year, growth over the year before)
    satisfaction: int

    def reason(self, rule: EvaluationRule = RULE) -> str:
        # The size of each change: the sentence says which way ("shrank -10%" said it twice).
        growths = t("pyramid.evaluation.joiner").join(
            t("pyramid.evaluation.growth", growth=fmt_share(abs(g), 0), year=year)
            for year, g in self.growths
        )
        if self.direction == "promote":
            return t(
                "pyramid.evaluation.promote",
                growths=growths,
                years=rule.years,
                growth=f"{rule.growth * 100:.0f}",
                score=self.satisfaction,
                satisfied=rule.satisfied,
            )
        return t(
            "pyramid.evaluation.demote",
            growths=growths,
            years=rule.years,
            score=self.satisfaction,
            dissatisfied=rule.dissatisfied,
        )


def judge(
    scheme: str,
    account_id: str,
    tier: str | None,
    figures: Iterable[YearFigure],
    this_year: int,
    rule: EvaluationRule = RULE,
) -> Verdict | None:
    """The evaluation of one account in its current tier, from its yearly figures."""
    tiers = SCHEMES[scheme]
    if tier not in tiers:
        return None
    last = this_year - 1
    by_year = {f.year: f for f in figures if last - rule.years <= f.year <= last}
    if len(by_year) != rule.years + 1:
        return None
    growths = []
    for year in range(last - rule.years + 1, last + 1):
        now, before = by_year[year], by_year[year - 1]
        if now.currency != before.currency or before.amount <= 0:
            return None
        growths.append((year, now.amount / before.amount - 1))
    scores = [by_year[y].satisfaction for y in sorted(by_year, reverse=True)]
    score = next((s for s in scores if s is not None), None)
    if score is None:
        return None
    rank = tiers.index(tier)
    if rank > 0 and score >= rule.satisfied and all(g >= rule.growth for _, g in growths):
        return Verdict(account_id, "promote", tiers[rank - 1], tuple(growths), score)
    if rank < len(tiers) - 1 and score <= rule.dissatisfied and all(g < 0 for _, g in growths):
        return Verdict(account_id, "demote", tiers[rank + 1], tuple(growths), score)
    return None


def year_figures(
    conn: sqlite3.Connection, account_ids: list[str], first: int, last: int
) -> dict[str, list[YearFigure]]:
    """The accounts' yearly figures from ``first`` to ``last``, by account id."""
    out: dict[str, list[YearFigure]] = {}
    for start in range(0, len(account_ids), 500):
        chunk = account_ids[start : start + 500]
        sql, args = in_clause("account_id", chunk)
        for account_id, year, amount, currency, satisfaction in conn.execute(
            "SELECT account_id, year, amount, currency, satisfaction FROM account_revenues "
            f"WHERE deleted = 0 AND year BETWEEN ? AND ?{sql}",
            (first, last, *args),
        ):
            out.setdefault(account_id, []).append(
                YearFigure(int(year), float(amount), currency, satisfaction)
            )
    return out


def _candidates_sql(first: int, last: int, rule: EvaluationRule, params: Params) -> str:
    """The accounts whose revenue grew enough, or shrank, every year from ``first`` to
    ``last``: one grouped pass over the yearly figures, so only these few are judged in
    Python (:func:`judge` has the exact rule: currencies, satisfaction; this only narrows,
    with a little slack for rounding)."""
    years = range(first, last + 1)
    pivot = ", ".join(
        f"max(CASE WHEN year = {params.add(y, 'y')} THEN amount END) AS a{i}"
        for i, y in enumerate(years)
    )
    steps = range(1, len(years))
    factor = params.add((1 + rule.growth) * 0.999, "g")
    grew = " AND ".join(f"a{i} >= a{i - 1} * {factor}" for i in steps)
    shrank = " AND ".join(f"a{i} < a{i - 1}" for i in steps)
    # The latest satisfaction is one of the years': at least one is high (low) enough.
    satisfied, dissatisfied = params.add(rule.satisfied, "s"), params.add(rule.dissatisfied, "s")
    return (
        f"SELECT account_id FROM (SELECT account_id, {pivot}, max(satisfaction) AS best, "
        f"min(satisfaction) AS worst FROM account_revenues "
        f"WHERE deleted = 0 AND year BETWEEN {params.add(first, 'y')} AND "
        f"{params.add(last, 'y')} GROUP BY account_id) "
        f"WHERE a0 > 0 AND (({grew} AND best >= {satisfied}) "
        f"OR ({shrank} AND worst <= {dissatisfied}))"
    )


def evaluate(
    conn: sqlite3.Connection,
    query: PyramidQuery,
    me_id: str,
    this_year: int,
    thresholds: Mapping[str, float],
    rule: EvaluationRule = RULE,
) -> list[tuple[dict[str, Any], Verdict]]:
    """The query's accounts (rows: id, name, owner, tier, annual_revenue) the evaluation would
    move, each with its verdict. Accounts with a figures suggestion or kept by hand are left
    to the figures' suggestions."""
    scheme = query.scheme
    if RULES[scheme].kind == "manual":
        return []
    params = Params()
    first, last = this_year - 1 - rule.years, this_year - 1
    candidates = _candidates_sql(first, last, rule, params)
    where = scope_sql(query, portfolio(conn, query, me_id), params)
    column = tier_column(scheme)
    # The figures in the team's base, as the figures' own suggestions compare them.
    computed = tier_sql(
        scheme, thresholds, params, load_rates(conn).factor_sql("a.currency", params)
    )
    rows = conn.execute(
        f"WITH y AS ({candidates}) "
        f"SELECT a.id, a.name, coalesce(nullif(u.name, ''), u.login, ''), a.{column}, "
        f"a.annual_revenue FROM y JOIN accounts a ON a.id = y.account_id "
        f"LEFT JOIN users u ON u.id = a.owner_id "
        f"WHERE {where} AND a.{reason_column(scheme)} = '' AND a.{column} IS {computed}",
        params,
    ).fetchall()
    accounts = [
        dict(zip(("id", "name", "owner", "tier", "annual_revenue"), r, strict=True)) for r in rows
    ]
    figures = year_figures(conn, [a["id"] for a in accounts], first, last)
    out = []
    for account in accounts:
        verdict = judge(
            scheme, account["id"], account["tier"], figures.get(account["id"], []), this_year, rule
        )
        if verdict is not None:
            out.append((account, verdict))
    return out
