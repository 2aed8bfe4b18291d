"""Steps ``member_grades`` and ``account_years``: who serves which tier, and the yearly figures
the periodic evaluation reads (issue 17, part 7).

* ``member_grades``: the GM is ``gm``, each lead a ``director``; in each lead's team the first
  seller is a best seller (精兵强将), the second has a join date two to five years back and no
  grade set (so "a year or more" is read from it), the third joined a few months ago and is
  ``new``. Whale and A accounts owned by the second or third seller are then flagged.
* ``account_years``: the last three complete years of revenue and satisfaction for each
  account with revenue. By construction the evaluation's suggestions are exactly the accounts
  built for them: a few accounts in their figures' tier (B or C, not kept by hand) grew at
  least 25% a year twice and are satisfied (4-5); a few A and B accounts shrank twice and are
  dissatisfied (1-2). Every other account moves by -10% to +15% a year with satisfaction 3-5,
  which neither rule takes.
"""

from __future__ import annotations

import random
from datetime import timedelta

from katerm.core.demo.pipeline import DemoContext, uuid4

GROWER_SHARE = 0.15  # of the B and C accounts in their figures' tier
DECLINER_SHARE = 0.08  # of the A and B accounts in their figures' tier


def write_member_grades(ctx: DemoContext, rng: random.Random) -> None:
    today = ctx.today
    rows = []
    place: dict[str | None, int] = {}
    for member in ctx.team:
        grade, joined = "", None
        if member.role == "gm":
            grade, joined = "gm", today - timedelta(days=rng.randint(8, 15) * 365)
        elif member.role == "lead":
            grade, joined = "director", today - timedelta(days=rng.randint(5, 10) * 365)
        else:
            n = place.get(member.manager_id, 0)
            place[member.manager_id] = n + 1
            if n % 3 == 0:
                grade, joined = "best", today - timedelta(days=rng.randint(3, 8) * 365)
            elif n % 3 == 1:
                joined = today - timedelta(days=rng.randint(2 * 365, 5 * 365))
            else:
                grade, joined = "new", today - timedelta(days=rng.randint(60, 300))
        rows.append(
            {
                "id": uuid4(rng),
                "owner_id": member.id,  # as set_grade: the member's own row
                "user_id": member.id,
                "grade": grade,
                "joined_on": joined,
            }
        )
    ctx.write("member_grades", rows, total=len(rows))


def write_account_years(ctx: DemoContext, rng: random.Random) -> None:
    from katerm.core.pyramid import Params, load_thresholds, tier_sql

    last = ctx.today.year - 1
    with ctx.db.reading() as conn:
        params = Params()
        computed = tier_sql("revenue", load_thresholds(conn, "revenue"), params)
        accounts = conn.execute(
            f"SELECT a.id, a.owner_id, a.annual_revenue, a.currency, a.tier_revenue, "
            f"a.tier_revenue = '' OR a.tier_revenue IS NULL OR a.tier_revenue_reason != '' "
            f"OR a.tier_revenue IS NOT {computed} FROM accounts a "
            "WHERE a.deleted = 0 AND a.annual_revenue > 0 ORDER BY a.created_at, a.rowid",
            params,
        ).fetchall()
    rows = []
    for account_id, owner_id, revenue, currency, tier, off in accounts:
        draw = rng.random()
        if not off and tier in ("B", "C") and draw < GROWER_SHARE:
            growths = (rng.uniform(0.25, 0.45), rng.uniform(0.25, 0.45))
            scores = (rng.randint(3, 5), rng.randint(3, 5), rng.randint(4, 5))
        elif not off and tier in ("A", "B") and draw > 1 - DECLINER_SHARE:
            growths = (rng.uniform(-0.3, -0.08), rng.uniform(-0.3, -0.08))
            scores = (rng.randint(2, 4), rng.randint(1, 3), rng.randint(1, 2))
        else:
            growths = (rng.uniform(-0.1, 0.15), rng.uniform(-0.1, 0.15))
            scores = (rng.randint(3, 5), rng.randint(3, 5), rng.randint(3, 5))
        latest = round(revenue * rng.uniform(0.85, 1.0), -2)
        amounts = [latest / (1 + growths[1]) / (1 + growths[0]), latest / (1 + growths[1]), latest]
        for year, amount, score in zip(range(last - 2, last + 1), amounts, scores, strict=True):
            rows.append(
                {
                    "id": uuid4(rng),
                    "owner_id": owner_id,
                    "account_id": account_id,
                    "year": year,
                    "amount": round(amount, 2),
                    "currency": currency or "CNY",
                    "satisfaction": score,
                }
            )
    ctx.write("account_revenues", rows, total=len(rows), at_once=True)
