"""The quarterly review as JSON, plain tables and Markdown, labels in the interface language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from katerm.core.cadence.quarterly import QuarterlyReview
from katerm.core.cadence.text import Section, markdown_sections, points_text
from katerm.core.money import Amount, not_converted_text
from katerm.i18n import t
from katerm.i18n.fmt import fmt_share, fmt_total

PLAN_COLUMNS = (
    "account",
    "owner",
    "plan",
    "change",
    "strategic",
    "moved",
    "won",
    "weighted",
    "best_case",
)
FORECAST_COLUMNS = ("month", "won", "committed", "best_case", "weighted")


def _money(value: float) -> float:
    return round(value, 2)


def _left(amounts: tuple[Amount, ...]) -> list[dict[str, Any]]:
    return [{"currency": a.currency, "amount": a.amount} for a in amounts]


def quarter_money(review: QuarterlyReview) -> list[str]:
    """What has no rate to the base (won and open in the quarter), with what to do: the
    quarter's amounts leave those out."""
    out: dict[str, float] = {}
    for a in (*review.won_left, *review.open_left):
        out[a.currency] = out.get(a.currency, 0.0) + a.amount
    return [not_converted_text(Amount(c, v)) for c, v in sorted(out.items())]


def quarter_legend(review: QuarterlyReview) -> str:
    return "\n".join([t("cadence.q.legend"), *quarter_money(review)])


def quarter_json(review: QuarterlyReview) -> dict[str, Any]:
    return {
        "quarter": review.quarter.key,
        "as_of": review.as_of.isoformat(),
        # Amounts in the team's base; those in currencies without a rate are left out.
        "base_currency": review.base,
        "not_converted": {"won": _left(review.won_left), "open": _left(review.open_left)},
        "plans": [
            {
                "account_id": p.account_id,
                "account": p.account,
                "owner": p.owner,
                "completeness": round(p.share, 4),
                "completeness_last_quarter": _rounded(p.share_before),
                "change": _rounded(p.change),
                "strategic_relationships": p.strategic,
                "strategic_added": list(p.added),
                "strategic_removed": list(p.removed),
                "won": _money(p.won),
                "forecast_weighted": _money(p.weighted),
                "forecast_best_case": _money(p.best_case),
            }
            for p in review.plans
        ],
        "forecast": [
            {
                "month": f.month.key,
                "won": _money(f.won),
                "committed": _money(f.committed),
                "best_case": _money(f.best_case),
                "weighted": _money(f.weighted),
            }
            for f in review.forecast
        ],
        "win_loss": {
            "won": review.won,
            "lost": review.lost,
            "win_rate": None if review.win_rate is None else round(review.win_rate, 4),
            "reasons": [
                {"reason": r.reason, "lost": r.count, "amount": _money(r.amount)}
                for r in review.reasons
            ],
            "competitors": [
                {
                    "competitor": c.competitor,
                    "won": c.won,
                    "lost": c.lost,
                    "open": c.open,
                    "won_amount": _money(c.won_amount),
                    "lost_amount": _money(c.lost_amount),
                }
                for c in review.competitors
            ],
        },
    }


def quarter_title(review: QuarterlyReview) -> str:
    return t("cadence.q.title", quarter=review.quarter.key, as_of=review.as_of.isoformat())


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _change(value: float | None, share: float) -> str:
    """The change since the last quarter's end: new when the plan was empty then (— when it
    still is), else in points."""
    if value is None:
        return t("cadence.q.new") if share else "—"
    if abs(value) < 0.0005:
        return "="
    return points_text(value)


def _cols(*keys: str) -> list[str]:
    return [t(f"cadence.q.col.{k}") for k in keys]


def _moves(added: Sequence[str], removed: Sequence[str]) -> str:
    """「+王总、李总；−张总」: who joined and left the strategic table, joined by the catalogue."""
    if added and removed:
        return t("cadence.q.added_removed", added=list(added), removed=list(removed))
    if added:
        return t("cadence.q.added", names=list(added))
    return t("cadence.q.removed", names=list(removed)) if removed else ""


def quarter_sections(review: QuarterlyReview) -> list[Section]:
    """(title, headers, rows): the plans, the forecast, the win/loss reasons, the competitors."""
    plans = [
        [
            p.account,
            p.owner,
            fmt_share(p.share),
            _change(p.change, p.share),
            str(p.strategic),
            _moves(p.added, p.removed),
            fmt_total(p.won),
            fmt_total(p.weighted),
            fmt_total(p.best_case),
        ]
        for p in review.plans
    ] or [[t("cadence.q.no_accounts")] + [""] * (len(PLAN_COLUMNS) - 1)]
    forecast = [
        [
            f.month.key,
            fmt_total(f.won),
            fmt_total(f.committed),
            fmt_total(f.best_case),
            fmt_total(f.weighted),
        ]
        for f in review.forecast
    ]
    forecast.append(
        [
            t("cadence.total"),
            *(
                fmt_total(sum(getattr(f, name) for f in review.forecast))
                for name in ("won", "committed", "best_case", "weighted")
            ),
        ]
    )
    reasons = [
        [r.reason or t("cadence.q.no_reason"), str(r.count), fmt_total(r.amount)]
        for r in review.reasons
    ] or [[t("cadence.q.no_losses"), "", ""]]
    rate = "—" if review.win_rate is None else fmt_share(review.win_rate)
    out: list[Section] = [
        (
            t("cadence.q.plans"),
            _cols(*PLAN_COLUMNS),
            plans,
        ),
        (
            t("cadence.q.forecast"),
            _cols(*FORECAST_COLUMNS),
            forecast,
        ),
        (
            t("cadence.q.win_loss", won=review.won, lost=review.lost, rate=rate),
            _cols("reason", "lost", "amount"),
            reasons,
        ),
    ]
    if review.competitors:
        out.append(
            (
                t("cadence.q.competitors"),
                _cols("competitor", "won", "lost", "open", "win_rate"),
                [
                    [
                        c.competitor,
                        str(c.won),
                        str(c.lost),
                        str(c.open),
                        "—" if c.win_rate is None else fmt_share(c.win_rate),
                    ]
                    for c in review.competitors
                ],
            )
        )
    return out


def quarter_markdown(review: QuarterlyReview) -> str:
    lines = [f"# {quarter_title(review)}", "", quarter_legend(review), ""]
    lines += markdown_sections(quarter_sections(review))
    return "\n".join(lines)
