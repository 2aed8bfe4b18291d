"""The reviews as workbook sheets: one sheet per table, every figure a number (amounts, counts,
rates as fractions, days), every date a date, labels in the interface language. The workbook
itself is written by ``katerm.core.io`` (:func:`~katerm.core.io.write_tables`)."""

from __future__ import annotations

from typing import Any

from katerm.core.cadence.monthly import FIGURES, LeagueRow, MonthlyReview
from katerm.core.cadence.quarter_text import quarter_legend, quarter_title
from katerm.core.cadence.quarterly import QuarterlyReview
from katerm.core.cadence.text import legend, title
from katerm.i18n import t

Sheet = tuple[str, list[str], list[list[Any]]]


def _notes(heading: str, text: str) -> Sheet:
    """The last sheet: the review's title over its legend, with the money notes the Markdown
    and HTML carry (amounts converted to the team's base; what had no rate, not converted)."""
    return (t("cadence.xlsx.notes"), [heading], [[line] for line in text.splitlines() if line])


def _league(rows: tuple[LeagueRow, ...], sellers: bool) -> tuple[list[str], list[list[Any]]]:
    headers = [t("cadence.col.name")] + ([t("cadence.xlsx.team")] if sellers else [])
    for f in FIGURES:
        label = t(f"cadence.figure.{f}")
        headers += [label, t("cadence.xlsx.rank", figure=label), t("cadence.xlsx.moved")]
    out = []
    for row in rows:
        cells: list[Any] = [row.display] + ([row.team] if sellers else [])
        for f in FIGURES:
            value = row.figures.value(f)
            if value is not None and f not in ("won_amount", "win_rate", "cycle_days"):
                value = int(value)
            cells += [value, row.ranks[f], row.rank_change[f]]
        out.append(cells)
    return headers, out


def _total(review: MonthlyReview, sellers: bool) -> list[Any]:
    """The league's total row (the viewer's whole organisation), as on screen: figures only."""
    cells: list[Any] = [t("cadence.total")] + ([None] if sellers else [])
    for f in FIGURES:
        value = review.total.value(f)
        if value is not None and f not in ("won_amount", "win_rate", "cycle_days"):
            value = int(value)
        cells += [value, None, None]
    return cells


def monthly_sheets(review: MonthlyReview) -> list[Sheet]:
    sellers = _league(review.sellers, True)
    sheets: list[Sheet] = [(t("cadence.sellers"), *sellers)]
    if review.teams:
        teams = _league(review.teams, False)
        sheets.append((t("cadence.teams"), teams[0], [*teams[1], _total(review, False)]))
    else:
        sellers[1].append(_total(review, True))
    analysis = review.accounts
    if analysis is not None:
        cols = (
            "tier",
            "accounts",
            "target",
            "revenue",
            "revenue_target",
            "reached",
            "share",
            "won",
        )
        sheets.append(
            (
                t("cadence.xlsx.tiers"),
                [t(f"cadence.a.col.{c}") for c in cols],
                [
                    [
                        t(f"fields.tier.{x.tier}"),
                        x.accounts,
                        x.target,
                        round(x.revenue, 2),
                        x.revenue_target,
                        None if x.revenue_reached is None else round(x.revenue_reached, 4),
                        round(x.share, 4),
                        round(x.won_amount, 2),
                    ]
                    for x in analysis.tiers
                ],
            )
        )
        risk_cols = ("risk", "account", "owner", "what", "amount", "due")
        sheets.append(
            (
                t("cadence.xlsx.risks"),
                [t(f"cadence.a.col.{c}") for c in risk_cols],
                [
                    [t(f"cadence.a.risk.{r.kind}"), r.account, r.owner, r.what, r.amount, r.since]
                    for r in analysis.risks
                ],
            )
        )
    found = review.trend
    if found is not None:
        names = ("won_amount", "won", "locked", "renewed", "following", "stuck")
        sheets.append(
            (
                t("cadence.xlsx.trend"),
                [t("cadence.xlsx.month"), *(t(f"cadence.figure.{n}") for n in names)],
                [
                    [m.key, round(found.won_amount[i], 2)]
                    + [getattr(found, n)[i] for n in names[1:]]
                    for i, m in enumerate(found.months)
                ],
            )
        )
    sheets.append(_notes(title(review), legend(review)))
    return sheets


def _cols(*keys: str) -> list[str]:
    return [t(f"cadence.q.col.{k}") for k in keys]


def quarterly_sheets(review: QuarterlyReview) -> list[Sheet]:
    return [
        *_quarter_tables(review),
        _notes(quarter_title(review), quarter_legend(review)),
    ]


def _quarter_tables(review: QuarterlyReview) -> list[Sheet]:
    return [
        (
            t("cadence.xlsx.plans"),
            [
                *_cols("account", "owner", "plan", "change", "strategic"),
                t("cadence.xlsx.added"),
                t("cadence.xlsx.removed"),
                *_cols("won", "weighted", "best_case"),
            ],
            [
                [
                    p.account,
                    p.owner,
                    round(p.share, 4),
                    None if p.change is None else round(p.change, 4),
                    p.strategic,
                    t("dialog.names", names=list(p.added)),
                    t("dialog.names", names=list(p.removed)),
                    round(p.won, 2),
                    round(p.weighted, 2),
                    round(p.best_case, 2),
                ]
                for p in review.plans
            ],
        ),
        (
            t("cadence.q.forecast"),
            _cols("month", "won", "committed", "best_case", "weighted"),
            [
                [f.month.key, f.won, f.committed, f.best_case, round(f.weighted, 2)]
                for f in review.forecast
            ],
        ),
        (
            t("cadence.xlsx.reasons"),
            _cols("reason", "lost", "amount"),
            [[r.reason, r.count, r.amount] for r in review.reasons],
        ),
        (
            t("cadence.q.competitors"),
            _cols("competitor", "won", "lost", "open", "win_rate"),
            [
                [
                    c.competitor,
                    c.won,
                    c.lost,
                    c.open,
                    None if c.win_rate is None else round(c.win_rate, 4),
                ]
                for c in review.competitors
            ],
        ),
    ]
