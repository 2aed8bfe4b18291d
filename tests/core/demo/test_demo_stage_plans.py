"""The demo's stage plans: at an A account an order at bidding still has to reach its
purchasing department, another has reached some departments by visits that served it, and
some accounts keep a default plan of their own."""

from __future__ import annotations

import pytest

from katerm.core.demo import generate
from katerm.core.stageplan import stage_plan

pytestmark = pytest.mark.now("2026-06-15")


def test_an_a_accounts_bidding_order_shows_purchasing_unreached_with_its_owner(workspace):
    generate(workspace, accounts=300, seed=2024, lang="zh_CN")
    with workspace.db.reading() as conn:
        orders = conn.execute(
            "SELECT o.account_id, o.id FROM opportunities o JOIN accounts a ON a.id = "
            "o.account_id WHERE a.tier_revenue = 'A' AND o.outcome = 'open' "
            "AND o.locked_on IS NOT NULL AND o.stage = 'opportunity'"
        ).fetchall()
        plans = [stage_plan(conn, acc, opp) for acc, opp in orders]
        defaults = conn.execute(
            "SELECT count(*) FROM stage_plan_cells WHERE opportunity_id IS NULL"
        ).fetchone()[0]
    purchasing = [(p, c) for p in plans for c in p.row("bidding") if c.department == "purchasing"]
    assert plans and all(p.current_stage == "bidding" for p in plans)
    unreached = [(p, c) for p, c in purchasing if c.state == "open" and c.people]
    assert unreached and all(c.responsible == "customer_manager" for _, c in unreached)
    assert any(c.state == "reached" for p in plans for c in p.cells)
    assert defaults > 0
