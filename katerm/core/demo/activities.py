"""Step ``activities``: several weeks of visits, calls, proposals... and plans, per seller.

A once-step at the end (it reads each seller's accounts from the file being built). Each
seller has a pace: in every team one is strong, one steady around the quota of 6 visits a
week, one behind. Dates run up to today in the user's time zone (``KATERM_NOW`` pins it).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from katerm.core.demo.pipeline import DemoContext, DemoMember, Weighted, pick, uuid4
from katerm.core.demo.review_texts import NEXT_STEPS, NOTES, PLAN_LINES, WEEK_PLAN, pool

WEEKS_BACK = 8  # and the current week
# Visits a week (mean), proposal meetings a week, chance to write tomorrow's plan.
PACES = (
    {"visits": 6.8, "proposals": 3.0, "plans": 0.95},
    {"visits": 6.0, "proposals": 2.4, "plans": 0.85},
    {"visits": 4.6, "proposals": 1.3, "plans": 0.5},
)
OTHER_KINDS = Weighted(["visit", "meeting", "dinner", "event"], [70, 18, 9, 3])
VISIT_SCENARIOS = Weighted(
    [
        "routine_visit",
        "company_visit",
        "technical_exchange",
        "topic_exchange",
        "executive_visit",
        "sponsor_meeting",
        "home_visit",
    ],
    [50, 10, 14, 10, 8, 4, 1],
)
SCENARIO_OF = {
    "proposal": ("topic_exchange", "technical_exchange"),
    "dinner": ("dinner",),
    "event": ("exhibition", "reference_visit", "executive_summit"),
}


def pace_of(ctx: DemoContext, seller: DemoMember) -> dict[str, float]:
    mates = [m for m in ctx.sellers if m.manager_id == seller.manager_id]
    return PACES[mates.index(seller) % len(PACES)]


def _accounts(
    ctx: DemoContext, seller: DemoMember
) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """The seller's 60 biggest accounts (key accounts get the visits) and their contacts."""
    with ctx.db.reading() as conn:
        accounts = conn.execute(
            "SELECT id, name FROM accounts WHERE owner_id = ? AND deleted = 0 "
            "ORDER BY annual_revenue DESC, id LIMIT 60",
            (seller.id,),
        ).fetchall()
        ids = [a[0] for a in accounts]
        people: dict[str, list[str]] = {i: [] for i in ids}
        marks = ", ".join("?" * len(ids))
        for cid, aid in (
            conn.execute(
                f"SELECT id, account_id FROM contacts WHERE account_id IN ({marks}) ORDER BY id",
                ids,
            )
            if ids
            else ()
        ):
            people[aid].append(cid)
    return [(a[0], a[1]) for a in accounts], people


def make_activities(ctx: DemoContext, rng: random.Random) -> None:
    from katerm.core.demo.stageplans import tie_to_orders
    from katerm.core.periods import Period, next_working_day
    from katerm.core.reviews import stable_id

    clock = ctx.clock
    now = clock.now()
    today = clock.today()
    first = Period.week_of(today).shifted(-WEEKS_BACK)
    activities: list[dict[str, Any]] = []
    plans: list[dict[str, Any]] = []
    for seller in ctx.sellers:
        accounts, people = _accounts(ctx, seller)
        if not accounts:
            continue
        pace = pace_of(ctx, seller)
        weights = Weighted(accounts, [1 / (i + 2) for i in range(len(accounts))])
        by_day: dict[date, list[tuple[str, str]]] = {}
        for w in range(WEEKS_BACK + 1):
            week = first.shifted(w)
            slump = 0.8 if pace["visits"] < 5 and w >= WEEKS_BACK - 1 else 1.0
            visits = max(0, round(rng.gauss(pace["visits"] * slump, 1.1)))
            proposals = min(visits, max(0, round(rng.gauss(pace["proposals"], 0.8))))
            calls = int(rng.random() * 5) + 1
            kinds = (
                ["proposal"] * proposals
                + [OTHER_KINDS.draw(rng) for _ in range(visits - proposals)]
                + ["call"] * calls
            )
            for kind in kinds:
                day = week.start + timedelta(days=int(rng.random() * 5))
                hour = 18.5 + rng.random() * 1.5 if kind == "dinner" else 9 + rng.random() * 8.5
                at = datetime.combine(day, time(int(hour), int(hour % 1 * 4) * 15), tzinfo=clock.tz)
                account_id, name = weights.draw(rng)
                row = _activity(ctx, rng, seller, kind, account_id, people[account_id], at)
                if day > today or at > now:
                    continue  # the future is not logged yet
                activities.append(row)
                by_day.setdefault(day, []).append((kind, name))
        # Tomorrow's plan (today's evening review shows it): accounts they mean to see.
        tomorrow = next_working_day(today)
        by_day[tomorrow] = [
            (OTHER_KINDS.draw(rng), weights.draw(rng)[1]) for _ in range(1 + int(rng.random() * 3))
        ]
        for day in sorted(by_day):
            if rng.random() > pace["plans"]:
                continue
            lines = [pool(PLAN_LINES, ctx.lang)[k].format(account=n) for k, n in by_day[day]]
            period = Period.day(day)
            plans.append(
                {
                    "id": stable_id("work_plans", seller.id, period.key),
                    "owner_id": seller.id,
                    "period": "day",
                    "period_key": period.key,
                    "text": "\n".join(lines),
                }
            )
        for w in range(WEEKS_BACK + 1):
            week = first.shifted(w)
            if rng.random() > pace["plans"] + 0.05:
                continue
            names = sorted(
                {n for d, items in by_day.items() if week.contains(d) for _, n in items}
            )[:3]
            if not names:
                continue
            plans.append(
                {
                    "id": stable_id("work_plans", seller.id, week.key),
                    "owner_id": seller.id,
                    "period": "week",
                    "period_key": week.key,
                    "text": pool(WEEK_PLAN, ctx.lang).format(
                        accounts="; ".join(names), visits=round(pace["visits"])
                    ),
                }
            )
    tie_to_orders(ctx, activities)
    ctx.write("activities", activities, total=len(activities))
    ctx.write("work_plans", plans, total=len(plans), stage="plans")


def _activity(
    ctx: DemoContext,
    rng: random.Random,
    seller: DemoMember,
    kind: str,
    account_id: str,
    contacts: list[str],
    at: datetime,
) -> dict[str, Any]:
    import json

    from katerm.core.periods import utc_text

    met = []
    if contacts and (kind != "call" or rng.random() < 0.8):
        met = sorted({pick(rng, contacts) for _ in range(1 + int(rng.random() * 2))})
    scenario = ""
    if kind in ("visit", "meeting"):
        scenario = VISIT_SCENARIOS.draw(rng)
    elif kind in SCENARIO_OF:
        scenario = pick(rng, SCENARIO_OF[kind])
    note = pick(rng, pool(NOTES, ctx.lang)) if rng.random() < 0.7 else ""
    nxt = pick(rng, pool(NEXT_STEPS, ctx.lang)) if rng.random() < 0.5 else ""
    return {
        "id": uuid4(rng),
        "owner_id": seller.id,
        "account_id": account_id,
        "kind": kind,
        "scenario": scenario,
        "occurred_at": utc_text(at),
        "contact_ids": json.dumps(met),
        "note": note,
        "next_step": nxt,
    }
