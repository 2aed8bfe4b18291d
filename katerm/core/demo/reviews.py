"""Step ``review_history``: past evening reviews, a customised checklist, ticks, follow-ups.

A once-step after ``activities``. The first team's lead added a manual item to the daily
checklist four weeks ago (so older checklists lack it: template history at work); both leads
held an evening review on each of the last ten working days, reviewed their sellers,
commented now and then and gave follow-ups, most of them done since.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta
from typing import Any

from katerm.core.demo.activities import pace_of
from katerm.core.demo.frozen import FrozenReads
from katerm.core.demo.pipeline import DemoContext, pick, uuid4
from katerm.core.demo.review_texts import COMMENTS, CUSTOM_ITEM, FOLLOW_UPS, pool
from katerm.core.workdays import is_working_day

REVIEW_DAYS = 10
CUSTOM_KEY = "custom_crm"


def _working_days_before(today: date, count: int) -> list[date]:
    days: list[date] = []
    day = today
    while len(days) < count:
        day -= timedelta(days=1)
        if is_working_day(day):
            days.append(day)
    return sorted(days)


def make_review_history(ctx: DemoContext, rng: random.Random) -> None:
    from katerm.core.periods import Period, next_working_day, utc_text
    from katerm.core.reviews import (
        BUILTIN,
        Team,
        build_summary,
        direct_reports,
        person,
        review_id,
        stable_id,
    )

    clock = ctx.clock
    today = clock.today()
    leads = [m for m in ctx.team if m.role == "lead"]
    if not leads:
        return
    # The first team's own daily template: the built-in items, plus a manual one since then.
    since = Period.week_of(today).shifted(-4).start
    items: list[dict[str, object]] = [
        {
            "id": uuid4(rng),
            "owner_id": leads[0].id,
            "period": "day",
            "key": i.key,
            "kind": i.kind,
            "measure": i.measure,
            "target": i.target,
            "label": "",
            "position": i.position,
            "valid_from": None,
            "valid_until": None,
        }
        for i in BUILTIN["day"]
    ]
    items.append(
        {
            "id": uuid4(rng),
            "owner_id": leads[0].id,
            "period": "day",
            "key": CUSTOM_KEY,
            "kind": "manual",
            "measure": "",
            "target": None,
            "label": pool(CUSTOM_ITEM, ctx.lang),
            "position": len(items),
            "valid_from": since,
            "valid_until": None,
        }
    )
    ctx.write("checklist_items", items, total=len(items), stage="checklists")
    marks = []
    for seller in (s for s in ctx.sellers if s.manager_id == leads[0].id):
        chance = pace_of(ctx, seller)["plans"]
        day = since
        while day < today:
            if is_working_day(day) and rng.random() < chance:
                key = Period.day(day).key
                marks.append(
                    {
                        "id": stable_id("checklist_marks", seller.id, key, CUSTOM_KEY),
                        "owner_id": seller.id,
                        "period": "day",
                        "period_key": key,
                        "item_key": CUSTOM_KEY,
                        "done": True,
                        "note": "",
                    }
                )
            day += timedelta(days=1)
    ctx.write("checklist_marks", marks, total=len(marks), stage="checklists")

    notes: list[dict[str, Any]] = []
    follow_ups: list[dict[str, Any]] = []
    days = _working_days_before(today, REVIEW_DAYS)
    accounts = _accounts_by_owner(ctx)
    for lead in leads:
        sellers = [s for s in ctx.sellers if s.manager_id == lead.id]
        for day in days:
            rid = review_id(lead.id, day)
            for seller in sellers:
                comment = pick(rng, pool(COMMENTS, ctx.lang)) if rng.random() < 0.35 else ""
                notes.append(
                    {
                        "id": stable_id("review_notes", rid, seller.id),
                        "owner_id": seller.id,
                        "review_id": rid,
                        "day": day,
                        "author_id": lead.id,
                        "reviewed": rng.random() < 0.95,
                        "comment": comment,
                    }
                )
                if rng.random() < 0.3 and accounts.get(seller.id):
                    due = next_working_day(day)
                    done = due < today and rng.random() < 0.8
                    account_id, name = pick(rng, accounts[seller.id])
                    follow_ups.append(
                        {
                            "id": uuid4(rng),
                            "owner_id": seller.id,
                            "created_by": lead.id,
                            "review_id": rid,
                            "account_id": account_id,
                            "text": pick(rng, pool(FOLLOW_UPS, ctx.lang)).format(account=name),
                            "due_date": due,
                            "status": "done" if done else "open",
                            "done_at": utc_text(_at(due, 17, clock.tz)) if done else None,
                        }
                    )
    ctx.write("review_notes", notes, total=len(notes), stage="reviews")
    ctx.write("follow_ups", follow_ups, total=len(follow_ups), stage="reviews")

    reviews = []
    with ctx.db.reading() as raw:
        # Nothing writes while the summaries are worked out: a query asked again for another
        # seller or day is answered from memory (a seller's orders, milestones, key dates).
        conn: Any = FrozenReads(raw)
        for lead in leads:
            team = Team(person(conn, lead.id), tuple(direct_reports(conn, lead.id)))
            for day in days:
                finished = utc_text(
                    _at(day, 18, clock.tz) + timedelta(minutes=30 + int(rng.random() * 40))
                )
                summary = build_summary(conn, team, day, tz=clock.tz, today=today)
                summary.update(
                    run_by=lead.login, run_by_name=lead.name or lead.login, finished_at=finished
                )
                reviews.append(
                    {
                        "id": review_id(lead.id, day),
                        "owner_id": lead.id,
                        "day": day,
                        "run_by": lead.id,
                        "finished_at": finished,
                        "summary": json.dumps(summary, ensure_ascii=False),
                    }
                )
    ctx.write("evening_reviews", reviews, total=len(reviews), stage="reviews")


def _at(day: date, hour: int, tz: Any) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=tz)


def _accounts_by_owner(ctx: DemoContext) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    with ctx.db.reading() as conn:
        for seller in ctx.sellers:
            out[seller.id] = conn.execute(
                "SELECT id, name FROM accounts WHERE owner_id = ? AND deleted = 0 "
                "ORDER BY annual_revenue DESC, id LIMIT 20",
                (seller.id,),
            ).fetchall()
    return out
