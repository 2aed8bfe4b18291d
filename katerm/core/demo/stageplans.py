"""The demo's stage plans: half of the visits and meetings at an account with orders under
way served one of those orders at the stage it is in (:func:`tie_to_orders`, called by the
``activities`` step), so the plans show departments reached and departments not yet; step
``stage_plans`` gives some A accounts a default plan of their own (a quality department
trained at contract execution) and every A account two broad-relationship routines. Choices
hash the rows' ids, so no other data changes."""

from __future__ import annotations

import random
from typing import Any

from katerm.core.demo.pipeline import DemoContext, uuid4

QUALITY = {"en": "Quality", "zh_CN": "质量部"}
TIED_SHARE = 2  # one activity in TIED_SHARE serves an order
DEFAULT_SHARE = 4  # one A account in DEFAULT_SHARE has a default plan of its own
ROUTINES = (("festival", 90), ("key_message", 30))  # every A account's, with their cadence


def _bucket(row_id: str, n: int, salt: int = 0) -> int:
    return (int(row_id[:8], 16) // (1 + salt)) % n


def tie_to_orders(ctx: DemoContext, activities: list[dict[str, Any]]) -> None:
    """Before the activities are written: half of the visits and meetings with someone at an
    account with orders under way served one of them, at the stage it is in."""
    from katerm.core.ltc import ltc_stage

    orders: dict[str, list[tuple[str, str]]] = {}
    with ctx.db.reading() as conn:
        for opp_id, account_id, stage, locked in conn.execute(
            "SELECT id, account_id, stage, locked_on FROM opportunities WHERE deleted = 0 "
            "AND outcome IN ('open', 'won') AND stage != 'lead' ORDER BY id"
        ):
            orders.setdefault(account_id, []).append((opp_id, ltc_stage(stage, bool(locked))))
    for row in activities:
        mine = orders.get(row["account_id"])
        if not mine or row["kind"] == "call" or row["contact_ids"] == "[]":
            continue
        if _bucket(row["id"], TIED_SHARE) == 0:
            row["opportunity_id"], row["stage"] = mine[_bucket(row["id"], len(mine), 5)]


def make_stage_plans(ctx: DemoContext, rng: random.Random) -> None:
    """Some A accounts' default plans of their own; every A account's routines."""
    from katerm.i18n import t

    with ctx.db.reading() as conn:
        a_accounts = conn.execute(
            "SELECT id, owner_id FROM accounts WHERE deleted = 0 AND tier_revenue = 'A' ORDER BY id"
        ).fetchall()
    cells: list[dict[str, Any]] = [
        {
            "id": uuid4(rng),
            "owner_id": owner_id,
            "account_id": account_id,
            "opportunity_id": None,
            "stage": "contract",
            "department": QUALITY.get(ctx.lang, QUALITY["en"]),
            "target": "working",
            "way": "management_training",
            "responsible": "delivery_manager",
            "status": "open",
            "note": "",
        }
        for account_id, owner_id in a_accounts
        if _bucket(account_id, DEFAULT_SHARE, 3) == 0
    ]
    ctx.write("stage_plan_cells", cells, total=len(cells), stage="stage_plans")
    # Broad relationships: every A account keeps festival gatherings and key-message updates.
    routines = [
        {
            "id": uuid4(rng),
            "owner_id": owner_id,
            "account_id": account_id,
            "kind": kind,
            "title": t(f"broad.kind.{kind}", lang=ctx.lang),
            "cadence_days": days,
            "note": "",
        }
        for account_id, owner_id in a_accounts
        for kind, days in ROUTINES
    ]
    ctx.write("routine_actions", routines, total=len(routines), stage="stage_plans")
