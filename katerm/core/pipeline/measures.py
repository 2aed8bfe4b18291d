"""What the pipeline (issue 9) adds to the reviews (issue 8): two measures and a section.

The reviews registry (:mod:`katerm.core.reviews.registry`) takes the measures and the evening
review's section listed here in :data:`REVIEW_MEASURES` and :data:`REVIEW_SECTIONS`;
``katerm.core.plugins`` registers them when a workspace opens.

* ``stuck_orders_updated`` (day or week): every stuck order (卡单) of the seller has its written
  analysis and improvement step, written (``analysed_on``) on or after the day it got stuck
  and after the seller's last evening review. Nothing stuck: done.
* ``pipeline_updated`` (week): each open opportunity of the seller was touched within the week —
  the opportunity itself or one of its milestones changed (``updated_at``). None open: done.
* Section ``stuck_orders``: the orders that moved on the day under review, then the stuck ones
  with their days over the limit, red while their analysis is missing.

The order rules (milestones and day limits) come from the user's settings file, as for
``katerm pipeline``. Only plain sqlite3 reads here; the orders load on first use.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from katerm.core.periods import WEEK, local_day
from katerm.core.reviews import (
    BAD,
    OK,
    PLAIN,
    WARN,
    Evidence,
    Line,
    Measure,
    MeasureContext,
    Measurement,
    Section,
    SectionSpec,
    SellerContext,
)
from katerm.i18n import has_key, t

if TYPE_CHECKING:
    from katerm.core.pipeline.orders import StuckOrder
    from katerm.core.pipeline.rules import OrderRules

_rules_cache: dict[tuple[str, int, int], OrderRules] = {}


def order_rules() -> OrderRules:
    """The team's order rules from the user's settings file (``[orders]``); the defaults when
    the file is missing or its ``[orders]`` section is wrong (``katerm pipeline`` says what is
    wrong with it; a checklist should still show)."""
    from katerm.core.errors import KatermError
    from katerm.core.pipeline.rules import DEFAULT_RULES, rules_from_settings
    from katerm.paths import resolve_paths

    path = resolve_paths().config_file
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return DEFAULT_RULES
    found = _rules_cache.get(key)
    if found is None:
        from katerm.core.config import load_settings

        try:
            found = rules_from_settings(load_settings(path))
        except KatermError:
            found = DEFAULT_RULES
        _rules_cache.clear()
        _rules_cache[key] = found
    return found


def _label(prefix: str, key: str) -> str:
    """The catalogue word for a stage or milestone, or the key itself (a custom milestone)."""
    name = f"{prefix}.{key}"
    return t(name) if key and has_key(name, "en") else key


def _as_of(ctx: MeasureContext) -> date:
    """The day a period is judged on: its last day, or today while it is still running."""
    return min(ctx.period.last_day, ctx.today)


def _order_name(account: str, opportunity: str) -> str:
    return t("reviews.order_name", account=account, opportunity=opportunity)


def _stuck_order(s: StuckOrder) -> str:
    """``Acme · ERP upgrade (Trial, 3 days over)``."""
    return t(
        "reviews.stuck_order",
        order=_order_name(s.account, s.opportunity),
        milestone=_label("orders.milestone", s.milestone),
        days=s.days_over,
    )


# --- measures -----------------------------------------------------------------------------------


def stuck_orders_updated(
    conn: sqlite3.Connection, ctx: MeasureContext, target: int | None
) -> Measurement:
    """Stuck orders whose written analysis and improvement step are up to date: written on or
    after the day the order got stuck (its missed milestone's due day) and after the seller's
    last evening review before the period's last day, so an order reviewed in the evening needs
    a fresh analysis, and one not reviewed since keeps the analysis it has (no rewriting every
    day). Done when every one is (value: up to date, target: stuck). Nothing stuck: done."""
    from katerm.core.pipeline.orders import load_milestones, stuck_opportunities

    stuck = stuck_opportunities(conn, [ctx.user_id], _as_of(ctx), order_rules())
    if not stuck:
        return Measurement(0, 0, True, ())
    rows = load_milestones(conn, opportunity_ids=[s.opportunity_id for s in stuck])
    (reviewed,) = conn.execute(
        "SELECT max(day) FROM review_notes WHERE owner_id = ? AND reviewed = 1 AND deleted = 0 "
        "AND day < ?",
        (ctx.user_id, ctx.period.last_day.isoformat()),
    ).fetchone()
    last_review = date.fromisoformat(reviewed) if reviewed else None
    evidence = []
    done = 0
    for s in stuck:
        row = rows.get(s.opportunity_id, {}).get(s.milestone)
        when = row.analysed_on if row else None
        fresh = (
            s.analysis_written
            and when is not None
            and when >= s.due_on
            and (last_review is None or when > last_review)
        )
        done += fresh
        if fresh:
            state = t("reviews.analysis_updated")
        elif s.analysis_written and when is not None:
            state = t("reviews.analysis_old", date=when.isoformat())
        else:
            state = t("reviews.analysis_missing")
        label = f"{'✓' if fresh else '✗'} {_stuck_order(s)} · {state}"
        evidence.append(
            Evidence("opportunity", s.opportunity_id, label, when.isoformat() if when else None)
        )
    return Measurement(done, len(stuck), done >= len(stuck), tuple(evidence))


def pipeline_updated(
    conn: sqlite3.Connection, ctx: MeasureContext, target: int | None
) -> Measurement:
    """Open opportunities of the seller touched since the period began (the opportunity or one
    of its milestones saved): done when none is stale (value: touched, target: open). The
    evidence lists the stale ones with when they were last touched."""
    start, _ = ctx.utc_range
    rows = conn.execute(
        "SELECT o.id, o.name, a.name, max(o.updated_at, coalesce((SELECT max(m.updated_at) "
        "FROM order_milestones m WHERE m.opportunity_id = o.id), '')) FROM opportunities o "
        "JOIN accounts a ON a.id = o.account_id WHERE o.owner_id = ? AND o.deleted = 0 "
        "AND a.deleted = 0 AND o.outcome = 'open' ORDER BY a.name, o.name",
        (ctx.user_id,),
    ).fetchall()
    stale = [
        (i, name, account, local_day(touched, ctx.tz).isoformat())
        for i, name, account, touched in rows
        if touched < start
    ]
    evidence = tuple(
        Evidence(
            "opportunity",
            i,
            f"✗ {_order_name(account, name)} · {t('reviews.last_touched', date=day)}",
            day,
        )
        for i, name, account, day in stale
    )
    touched_count = len(rows) - len(stale)
    return Measurement(touched_count, len(rows), not stale, evidence)


# --- the evening review's section ---------------------------------------------------------------


def _moved_text(change: str, detail: str) -> str:
    if change == "stage":
        return t("reviews.moved.stage", stage=_label("opportunities.stage", detail))
    if change in ("milestone", "analysed"):
        return t(f"reviews.moved.{change}", milestone=_label("orders.milestone", detail))
    return t(f"reviews.moved.{change}")


def stuck_orders_section(conn: sqlite3.Connection, ctx: SellerContext) -> Section:
    """Orders moved on the day under review (plain; won in green), then the orders stuck on
    that day: amber with their analysis, red while it is missing."""
    from katerm.core.pipeline.orders import orders_moved, stuck_opportunities

    day = ctx.day.start
    lines = []
    for m in orders_moved(conn, [ctx.seller_id], day):
        lines.append(
            Line(
                _order_name(m.account, m.opportunity),
                OK if m.change == "won" else PLAIN,
                _moved_text(m.change, m.detail),
            )
        )
    for s in stuck_opportunities(conn, [ctx.seller_id], day, order_rules()):
        if s.analysis_written:
            detail = t(
                "reviews.stuck_analysis",
                analysis=s.analysis.strip(),
                improvement=s.improvement.strip(),
            )
        else:
            detail = t("reviews.analysis_missing")
        lines.append(Line(_stuck_order(s), WARN if s.analysis_written else BAD, detail))
    return Section(
        "stuck_orders",
        t("reviews.section.stuck_orders"),
        tuple(lines),
        empty_text=t("reviews.no_orders_moved"),
    )


# What this module adds to the reviews (registered by katerm.core.plugins).
REVIEW_MEASURES = (
    Measure(
        "stuck_orders_updated", stuck_orders_updated, requires=("opportunities", "order_milestones")
    ),
    Measure(
        "pipeline_updated",
        pipeline_updated,
        periods=(WEEK,),
        requires=("opportunities", "order_milestones"),
    ),
)
REVIEW_SECTIONS = (
    SectionSpec(
        "stuck_orders",
        "reviews.section.stuck_orders",
        stuck_orders_section,
        requires=("opportunities", "order_milestones"),
        order=30,
    ),
)

__all__ = [
    "REVIEW_MEASURES",
    "REVIEW_SECTIONS",
    "order_rules",
    "pipeline_updated",
    "stuck_orders_section",
    "stuck_orders_updated",
]
