"""The demo's plans and orders: every stage, some plans complete and some not, some orders
stuck relative to the demo's today."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core.demo import generate
from katerm.core.pipeline.board import pipeline_figures
from katerm.core.pipeline.orders import orders_moved, stuck_opportunities
from katerm.core.plan.completeness import plan_score

TODAY = date(2026, 6, 15)
pytestmark = pytest.mark.now(TODAY.isoformat())


def test_demo_orders_cover_every_stage_and_some_are_stuck_today(workspace):
    generate(workspace, accounts=200, seed=3, lang="zh_CN")
    with workspace.db.reading() as conn:
        stages = {
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT stage FROM opportunities WHERE outcome IN ('open', 'won')"
            )
        }
        outcomes = {r[0] for r in conn.execute("SELECT DISTINCT outcome FROM opportunities")}
        stuck = stuck_opportunities(conn, None, TODAY)
        moved = orders_moved(conn, None, TODAY)
        figures = pipeline_figures(conn, None)
        renewals = conn.execute(
            "SELECT count(*) FROM opportunities WHERE renewal_of IS NOT NULL"
        ).fetchone()[0]
        future = conn.execute(
            "SELECT count(*) FROM opportunities WHERE opened_on > ? OR "
            "closed_on > ? OR locked_on > ?",
            (TODAY,) * 3,
        ).fetchone()[0]
    assert stages == {"lead", "opportunity", "contract", "delivery", "cash"}
    assert outcomes == {"open", "won", "lost", "dropped"}
    assert len(stuck) >= 3 and any(s.analysis_written for s in stuck)
    assert not all(s.analysis_written for s in stuck)
    assert {m.change for m in moved} & {"locked", "milestone"}
    assert 0 < figures.win_rate < 1 and figures.cycle_days > 0
    assert renewals > 0 and future == 0


def test_demo_plans_some_complete_some_not(workspace):
    generate(workspace, accounts=200, seed=3, lang="en")
    with workspace.db.reading() as conn:
        tiers = dict(conn.execute("SELECT id, tier_revenue FROM accounts"))
        planned = [r[0] for r in conn.execute("SELECT DISTINCT account_id FROM plan_items")]
        scores = {a: plan_score(conn, a) for a in planned}
        linked = conn.execute(
            "SELECT count(*) FROM plan_items p JOIN opportunities o ON "
            "o.id = p.opportunity_id AND o.account_id = p.account_id "
            "WHERE p.kind = 'solution'"
        ).fetchone()[0]
        voice = conn.execute("SELECT count(DISTINCT status) FROM voice_issues").fetchone()[0]
    assert all(tiers[a] != "D" for a in planned)
    assert {a for a, tier in tiers.items() if tier == "A"} <= set(planned)
    complete = [
        a
        for a, s in scores.items()
        if all(s.part(p).complete for p in ("team", "background", "map", "goals"))
    ]
    assert complete and len(complete) < len(scores)
    assert linked > 0 and voice >= 3
