"""The monthly review as JSON, a plain-text league table and Markdown, labels in the
interface language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from katerm.core.cadence.accounts import RISK_KINDS, AccountAnalysis
from katerm.core.cadence.monthly import FIGURES, Figures, LeagueRow, MonthlyReview
from katerm.core.money import notes as money_notes
from katerm.i18n import t
from katerm.i18n.fmt import fmt_number, fmt_share, fmt_signed, fmt_total


def figure_text(figure: str, value: float | None) -> str:
    """A figure as people read it: money grouped, a rate as a percentage, days to one place."""
    if value is None:
        return "—"
    if figure == "win_rate":
        return fmt_share(value)
    if figure in ("won_amount", "cycle_days"):
        return fmt_number(value, 1) if figure == "cycle_days" else fmt_total(value)
    return str(int(value))


_FIGURE = re.compile(r"[\s\d.,%+−\-—=#↑↓万亿]*")  # an amount, a share, a rank and move…


def is_figure(text: str) -> bool:
    """Whether a review table's cell is a figure (an amount, a share, a count, a rank and its
    move, a change in points, —, new): the screen and the command both right-align a column
    of them, so the two agree on which columns line up as numbers."""
    units = (t("cadence.points", sign="", value=""), t("cadence.q.new"))
    for unit in units:
        text = text.replace(unit.strip(), "")
    return _FIGURE.fullmatch(text) is not None


def figure_columns(rows: Sequence[Sequence[str]]) -> list[int]:
    """The columns after the first (a name) whose every filled cell is a figure."""
    width = max((len(r) for r in rows), default=0)
    return [
        i
        for i in range(1, width)
        if any(r[i] for r in rows if i < len(r))
        and all(is_figure(r[i]) for r in rows if i < len(r))
    ]


def change_text(figure: str, change: float | None) -> str:
    if change is None or change == 0:
        return ""
    if figure == "win_rate":
        return points_text(change, 1)
    return fmt_signed(change, lambda size: figure_text(figure, size))


def points_text(change: float, decimals: int = 0) -> str:
    """A change of a rate in percentage points, in the catalogue's words (+3pt; 个百分点 in
    Chinese: "pt" was a Latin abbreviation on a Chinese screen)."""
    signed = fmt_signed(change, lambda size: f"{size * 100:.{decimals}f}")
    sign = signed[0] if signed[0] in "+−" else ""  # 0 has none
    return t("cadence.points", sign=sign, value=signed[len(sign) :])


def _row_json(row: LeagueRow) -> dict[str, Any]:
    out: dict[str, Any] = {"id": row.id, "login": row.login, "name": row.name}
    if row.kind == "seller":
        out["team"] = row.team
    out["figures"] = row.figures.as_dict()
    out["rank"] = dict(row.ranks)
    out["change"] = dict(row.change)
    out["rank_change"] = dict(row.rank_change)
    return out


def review_json(review: MonthlyReview) -> dict[str, Any]:
    """Every seller and team with the figures, a rank per figure and the change from last
    month; and the total of everyone in view."""
    return {
        "month": review.month.key,
        "as_of": review.as_of.isoformat(),
        "figures": list(FIGURES),
        "sellers": [_row_json(r) for r in review.sellers],
        "teams": [_row_json(r) for r in review.teams],
        "total": review.total.as_dict(),
        # Every amount is in the team's base currency, converted at its rates; the won
        # amounts in currencies without a rate are in not_converted, never added.
        "base_currency": review.base,
        "converted_from": list(review.total.won_from),
        "not_converted": review.total.as_dict()["not_converted"],
        "a_accounts": analysis_json(review.accounts),
        "trend": trend_json(review),
        "new_key_accounts": new_accounts_json(review),
        "routines_done": routines_done_json(review),
    }


def routines_done_json(review: MonthlyReview) -> dict[str, Any]:
    """Each seller's broad-relationship routine actions carried out this month."""
    sellers = [
        {"login": r.login, "name": r.name, "done": review.routines_done.get(r.id, 0)}
        for r in review.sellers
    ]
    return {"sellers": sellers, "total": sum(s["done"] for s in sellers)}


def routines_section(review: MonthlyReview) -> Section:
    """(title, headers, rows): each seller's routine actions carried out this month."""
    done = review.routines_done
    rows = [
        [r.display, str(done.get(r.id, 0))]
        for r in sorted(review.sellers, key=lambda r: (-done.get(r.id, 0), r.display))
    ]
    return (
        t("cadence.broad.title"),
        [t("cadence.broad.col.seller"), t("cadence.broad.col.done")],
        rows,
    )


def seller_sections(review: MonthlyReview) -> list[Section]:
    """The per-seller sections below the league tables: new key accounts, routine actions."""
    return [new_accounts_section(review), routines_section(review)]


def new_accounts_json(review: MonthlyReview) -> dict[str, Any]:
    """Each seller's new key accounts this month against the team's target."""
    goal = review.new_account_target
    sellers = [
        {"login": r.login, "name": r.name, "new": n, "target": goal, "met": n >= goal}
        for r in review.sellers
        for n in (review.new_accounts.get(r.id, 0),)
    ]
    return {"target": goal, "sellers": sellers, "total": sum(s["new"] for s in sellers)}


def new_accounts_section(review: MonthlyReview) -> Section:
    """(title, headers, rows): each seller's new key accounts against the target."""
    goal = review.new_account_target
    rows = []
    for r in sorted(review.sellers, key=lambda r: (-review.new_accounts.get(r.id, 0), r.display)):
        count = review.new_accounts.get(r.id, 0)
        state = t("cadence.new.met") if count >= goal else t("cadence.new.short", n=goal - count)
        rows.append([r.display, str(count), str(goal), state])
    cols = ("seller", "new", "target", "state")
    return t("cadence.new.title", n=goal), [t(f"cadence.new.col.{c}") for c in cols], rows


def trend_json(review: MonthlyReview) -> dict[str, Any] | None:
    found = review.trend
    if found is None:
        return None
    return {
        "months": [m.key for m in found.months],
        "won_amount": [round(v, 2) for v in found.won_amount],
        "won": list(found.won),
        "locked": list(found.locked),
        "renewed": list(found.renewed),
        "following": list(found.following),
        "stuck": list(found.stuck),
        "weeks": [w.isoformat() for w in found.weeks],
        "visits": list(found.visits),
    }


def analysis_json(analysis: AccountAnalysis | None) -> dict[str, Any] | None:
    """Per tier: accounts, target, revenue, share, won in the period; the top risks by kind,
    with how many there are in all."""
    if analysis is None:
        return None
    return {
        "tiers": [
            {
                "scheme": line.scheme,
                "tier": line.tier,
                "accounts": line.accounts,
                "target": line.target,
                "annual_revenue": round(line.revenue, 2),
                "revenue_target": line.revenue_target,
                "revenue_reached": None
                if line.revenue_reached is None
                else round(line.revenue_reached, 4),
                "revenue_share": round(line.share, 4),
                "won_amount": round(line.won_amount, 2),
                "not_converted": [
                    {"currency": a.currency, "amount": a.amount} for a in line.not_converted
                ],
            }
            for line in analysis.tiers
        ],
        "risks": {
            kind: {
                "count": analysis.risk_counts[kind],
                "top": [
                    {
                        "account": r.account,
                        "owner": r.owner,
                        "what": r.what,
                        "amount": r.amount,
                        "due": r.since.isoformat() if r.since else None,
                    }
                    for r in analysis.of(kind)
                ],
            }
            for kind in RISK_KINDS
        },
    }


Section = tuple[str, list[str], list[list[str]]]


def analysis_sections(analysis: AccountAnalysis | None) -> list[Section]:
    """(title, headers, rows) of the A-account analysis: the tiers, then the top risks."""
    if analysis is None:
        return []
    tier_rows = [
        [
            t(f"fields.tier.{line.tier}"),
            str(line.accounts),
            "—" if line.target is None else str(line.target),
            fmt_total(line.revenue),
            "—" if line.revenue_target is None else fmt_total(line.revenue_target),
            "—" if line.revenue_reached is None else fmt_share(line.revenue_reached),
            fmt_share(line.share),
            fmt_total(line.won_amount),
        ]
        for line in analysis.tiers
    ]
    tier_cols = [t(f"cadence.a.col.{c}") for c in ("tier", "accounts", "target", "revenue")]
    tier_cols += [t(f"cadence.a.col.{c}") for c in ("revenue_target", "reached")]
    tier_cols += [t("cadence.a.col.share"), t("cadence.a.col.won")]
    risk_rows = [
        [
            t(f"cadence.a.risk.{r.kind}"),
            r.account,
            r.owner,
            r.what,
            fmt_total(r.amount) if r.amount is not None else "",
            r.since.isoformat() if r.since else "",
        ]
        for r in analysis.risks
    ]
    risk_cols = [t(f"cadence.a.col.{c}") for c in ("risk", "account", "owner", "what")]
    risk_cols += [t("cadence.a.col.amount"), t("cadence.a.col.due")]
    counts = t(
        "cadence.a.risk_counts",
        stuck=analysis.risk_counts["stuck"],
        uncovered=analysis.risk_counts["uncovered"],
        overdue=analysis.risk_counts["overdue"],
    )
    if not risk_rows:
        risk_rows = [[t("cadence.a.no_risks"), "", "", "", "", ""]]
    return [
        (t("cadence.a.tiers"), tier_cols, tier_rows),
        (t("cadence.a.risks") + " · " + counts, risk_cols, risk_rows),
    ]


def headers() -> list[str]:
    return [t("cadence.col.rank"), t("cadence.col.name")] + [
        t(f"cadence.figure.{f}") for f in FIGURES
    ]


def _parts(row: LeagueRow) -> list[tuple[str, str, str]]:
    """(figure, rank, move) of each figure: ``2,674,000``, ``#1``, ``↑1``."""
    out = []
    for f in FIGURES:
        rank, moved = row.ranks[f], row.rank_change[f]
        move = f"{'↑' if moved > 0 else '↓'}{abs(moved)}" if moved else ""
        out.append((figure_text(f, row.figures.value(f)), f"#{rank}" if rank else "", move))
    return out


def _league(rows: Sequence[LeagueRow], total: Figures | None = None) -> list[list[str]]:
    """The cells of a league table: each figure then its rank and move in a part of the same
    width down the column, so a right-aligned column lines up the figures' digits (with the
    rank in the same cell, ``65,000 #3`` stood two places right of ``862,000 #2 ↑2``)."""
    parts = [_parts(r) for r in rows]
    ranks = [max((len(p[i][1]) for p in parts), default=0) for i in range(len(FIGURES))]
    moves = [max((len(p[i][2]) for p in parts), default=0) for i in range(len(FIGURES))]

    def cell(i: int, figure: str, rank: str, move: str) -> str:
        tail = (f" {rank:<{ranks[i]}}" if ranks[i] else "") + (
            f" {move:<{moves[i]}}" if moves[i] else ""
        )
        return figure + tail

    out = [
        [str(row.ranks["won_amount"] or "—"), row.display]
        + [cell(i, *part) for i, part in enumerate(p)]
        for row, p in zip(rows, parts, strict=True)
    ]
    if total is not None:
        out.append(
            ["", t("cadence.total")]
            + [cell(i, figure_text(f, total.value(f)), "", "") for i, f in enumerate(FIGURES)]
        )
    return out


def total_cells(total: Figures) -> list[str]:
    return ["", t("cadence.total")] + [figure_text(f, total.value(f)) for f in FIGURES]


def tables(review: MonthlyReview) -> list[tuple[str, list[list[str]]]]:
    """(title, rows) for the sellers' and the teams' league tables; the total last."""
    if not review.teams:
        return [(t("cadence.sellers"), _league(review.sellers, review.total))]
    return [
        (t("cadence.sellers"), _league(review.sellers)),
        (t("cadence.teams"), _league(review.teams, review.total)),
    ]


def legend(review: MonthlyReview) -> str:
    """The legend, then (other currencies present) that the amounts are converted to the
    team's base and what could not be converted."""
    return "\n".join([t("cadence.legend"), *money_notes(review.won_total)])


def title(review: MonthlyReview) -> str:
    return t("cadence.title", month=review.month.key, as_of=review.as_of.isoformat())


def review_markdown(review: MonthlyReview) -> str:
    """The league tables and the A-account analysis as Markdown (pipes in names escaped)."""
    lines = [f"# {title(review)}", "", t("cadence.legend"), ""]
    notes = money_notes(review.won_total)
    lines += [*(f"> {line}" for line in notes), *([""] if notes else [])]
    cols = headers()
    lines += markdown_sections([(heading, cols, rows) for heading, rows in tables(review)])
    lines += markdown_sections(seller_sections(review))
    lines += markdown_sections(analysis_sections(review.accounts))
    return "\n".join(lines)


def markdown_sections(sections: list[Section]) -> list[str]:
    lines: list[str] = []
    for heading, cols, rows in sections:
        lines += [f"## {heading}", "", "| " + " | ".join(cols) + " |"]
        lines.append("| " + " | ".join(["---"] * len(cols)) + " |")
        for row in rows:
            lines.append("| " + " | ".join(c.strip().replace("|", "\\|") for c in row) + " |")
        lines.append("")
    return lines
