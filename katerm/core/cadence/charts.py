"""Charts of the monthly and quarterly reviews, as data (drawn as bars in the terminal) and as
inline SVG for the HTML export: no script, no font or file from elsewhere, so the page opens
offline and prints as it shows.

* monthly: won amount per seller (the league table's first figure), per tier the share of
  the accounts against the share of the revenue (the pyramid's point: few accounts, much
  revenue), the last six months' won amount and locked/won/renewed orders, and the last eight
  weeks' visits;
* quarterly: the forecast by month (won, committed, best case, weighted).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from katerm.core.cadence.monthly import MonthlyReview
from katerm.core.cadence.quarterly import QuarterlyReview
from katerm.i18n import t
from katerm.i18n.fmt import fmt_number, fmt_share, fmt_total

PALETTE = ("#1f6feb", "#2da44e", "#bf8700", "#8250df")


@dataclass(frozen=True)
class Chart:
    """Bars: one group per label, one bar per series; ``share``: values are fractions."""

    key: str  # a stable name (the HTML element's id)
    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    share: bool = False
    money: bool = False  # amounts: written as the tables write them (311.40万 in Chinese)

    def text(self, value: float) -> str:
        if self.money:
            return fmt_total(value)
        return fmt_share(value) if self.share else fmt_number(value, 0)


def monthly_charts(review: MonthlyReview) -> list[Chart]:
    out = []
    sellers = [r for r in review.sellers if r.figures.won_amount > 0]
    if sellers:
        out.append(
            Chart(
                "won-by-seller",
                t("cadence.chart.won_by_seller"),
                tuple(r.display for r in sellers),
                ((t("cadence.figure.won_amount"), tuple(r.figures.won_amount for r in sellers)),),
                money=True,
            )
        )
    tiers = review.accounts.tiers if review.accounts else ()
    counted = sum(line.accounts for line in tiers)
    if tiers and counted:
        out.append(
            Chart(
                "tiers",
                t("cadence.chart.tiers"),
                tuple(t(f"fields.tier.{line.tier}") for line in tiers),
                (
                    (t("cadence.chart.account_share"), tuple(x.accounts / counted for x in tiers)),
                    (t("cadence.a.col.share"), tuple(line.share for line in tiers)),
                ),
                share=True,
            )
        )
    found = review.trend
    if found is not None:
        months = tuple(m.key for m in found.months)
        out.append(
            Chart(
                "won-by-month",
                t("cadence.chart.won_by_month"),
                months,
                ((t("cadence.figure.won_amount"), found.won_amount),),
                money=True,
            )
        )
        out.append(
            Chart(
                "orders-by-month",
                t("cadence.chart.orders_by_month"),
                months,
                tuple(
                    (t(f"cadence.figure.{name}"), tuple(float(v) for v in getattr(found, name)))
                    for name in TREND_ORDERS
                ),
            )
        )
        out.append(
            Chart(
                "visits-by-week",
                t("cadence.chart.visits_by_week"),
                tuple(f"{w:%m-%d}" for w in found.weeks),
                ((t("cadence.figure.visits"), tuple(float(v) for v in found.visits)),),
            )
        )
    return out


TREND_ORDERS = ("locked", "won", "renewed", "following", "stuck")


def quarterly_charts(review: QuarterlyReview) -> list[Chart]:
    names = ("won", "committed", "best_case", "weighted")
    return [
        Chart(
            "forecast",
            t("cadence.q.forecast"),
            tuple(f.month.key for f in review.forecast),
            tuple(
                (t(f"cadence.q.col.{name}"), tuple(getattr(f, name) for f in review.forecast))
                for name in names
            ),
            money=True,
        )
    ]


# --- SVG ---------------------------------------------------------------------------------------

_BAR, _GAP, _LABEL, _PLOT, _VALUE = 14, 10, 170, 380, 110


def chart_svg(chart: Chart) -> str:
    """Horizontal grouped bars with their values and a legend, sized to its content."""
    top = max((v for _, values in chart.series for v in values), default=0.0) or 1.0
    group = _BAR * len(chart.series) + _GAP
    legend = 22 if len(chart.series) > 1 else 0
    height = legend + group * len(chart.labels) + _GAP
    width = _LABEL + _PLOT + _VALUE
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-{chart.key}" '
        f'role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(chart.title)}</title>",
    ]
    if legend:
        x = _LABEL
        for index, (name, _) in enumerate(chart.series):
            colour = PALETTE[index % len(PALETTE)]
            parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
            parts.append(f'<text x="{x + 16}" y="14">{escape(name)}</text>')
            x += 24 + 8 * len(name) + 8 * sum(ord(c) > 0x2E80 for c in name)
    for row, label in enumerate(chart.labels):
        y0 = legend + _GAP + row * group
        middle = y0 + (group - _GAP) / 2 + 4
        parts.append(
            f'<text x="{_LABEL - 8}" y="{middle:.0f}" text-anchor="end">{escape(label)}</text>'
        )
        for index, (name, values) in enumerate(chart.series):
            value = values[row]
            length = max(0.0, value) / top * _PLOT
            y = y0 + index * _BAR
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect class="bar" x="{_LABEL}" y="{y}" width="{length:.1f}" '
                f'height="{_BAR - 2}" fill="{colour}"><title>{escape(name)}: '
                f"{escape(chart.text(value))}</title></rect>"
            )
            parts.append(
                f'<text x="{_LABEL + length + 4:.1f}" y="{y + _BAR - 4}" class="value">'
                f"{escape(chart.text(value))}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def text_bars(chart: Chart, width: int = 24) -> list[tuple[str, str, str]]:
    """The chart as (label, bar of block characters, value) rows for the terminal."""
    top = max((v for _, values in chart.series for v in values), default=0.0) or 1.0
    rows = []
    many = len(chart.series) > 1
    for row, label in enumerate(chart.labels):
        for name, values in chart.series:
            value = values[row]
            cells = round(max(0.0, value) / top * width)
            rows.append(
                (f"{label} · {name}" if many else label, "█" * cells or "▏", chart.text(value))
            )
    return rows
