"""Step ``plans``: account plans, joint business plans and customer voice.

Every A account has a plan — about half of them complete in parts 1, 2, 3 and 5, the rest
with gaps the lead would point out; half the B accounts have a partial plan and a few C
accounts a sketch. Solutions in the execution map are tied to the account's opportunities
(made by the ``opportunities`` step just before), actions are due around the demo's "today"
(some overdue), and some customers have raised issues in various states.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from katerm.core.demo.opportunities import estimate
from katerm.core.demo.pipeline import DemoAccount, DemoContext, DemoMember, pick, uuid4
from katerm.core.demo.plan_texts import Texts, texts_for
from katerm.core.plan import LOOKS, RESEARCH, STATUSES, SWOT

PLAN_SHARE = {"A": 1.0, "B": 0.5, "C": 0.08, "D": 0.0}
COMPLETE_SHARE = 0.5  # of A plans with every check of parts 1, 2, 3 and 5 met
KEEP = 0.6  # in a partial plan, the chance each piece is there
VOICE_SHARE = {"A": 0.6, "B": 0.3, "C": 0.05, "D": 0.0}


class _Plan:
    """The entries of one account's plan, as rows for ``plan_items``."""

    def __init__(self, ctx: DemoContext, rng: random.Random, account: DemoAccount) -> None:
        self.ctx, self.rng, self.account = ctx, rng, account
        self.rows: list[dict[str, Any]] = []

    def add(self, kind: str, title: str = "", *, parent: str | None = None, **values: Any) -> str:
        row_id = uuid4(self.rng)
        self.rows.append(
            {
                "id": row_id,
                "owner_id": self.account.owner_id,
                "account_id": self.account.id,
                "kind": kind,
                "title": title,
                "parent_id": parent,
                "position": len(self.rows) + 1,
                **values,
            }
        )
        return row_id


def _keep(rng: random.Random, level: str) -> bool:
    return level == "full" or (level == "partial" and rng.random() < KEEP)


def _team(plan: _Plan, level: str, team: list[DemoMember]) -> None:
    rng, owner = plan.rng, plan.account.owner_id
    others = [m for m in team if m.role == "seller" and m.id != owner]
    lead = next((m.manager_id for m in team if m.id == owner), None)
    plan.add("team_member", category="customer_manager", person_id=owner)
    if level == "sketch":
        return
    for role, person in (
        ("solution_expert", pick(rng, others).id if others else owner),
        ("delivery_manager", pick(rng, others).id if others else owner),
        ("executive_sponsor", lead or owner),
    ):
        if _keep(rng, level):
            plan.add("team_member", category=role, person_id=person)


def _background(plan: _Plan, level: str, texts: Texts) -> None:
    rng, today = plan.rng, plan.ctx.today
    for kind, categories, pool in (
        ("research", RESEARCH, texts.research),
        ("look", LOOKS, texts.looks),
        ("swot", SWOT, texts.swot),
    ):
        for category in categories:
            if level == "sketch":  # a sketch has a SWOT note or two, no research yet
                wanted = kind == "swot" and rng.random() < 0.5
            else:
                wanted = _keep(rng, level)
            if wanted:
                plan.add(kind, pick(rng, pool[category]), category=category)
    if level != "sketch":
        for _ in range(1 + int(rng.random() * 3)):
            if _keep(rng, level):
                plan.add(
                    "event",
                    pick(rng, texts.events),
                    due_on=today + timedelta(days=int(rng.random() * 240) - 30),
                )
        tops = [c for c in plan.account.contacts if c.level <= 1][:2]
        for contact in tops:
            if _keep(rng, level):
                plan.add(
                    "executive",
                    pick(rng, texts.executive).format(name=contact.name, title=contact.title),
                    contact_id=contact.id,
                )


def _map(plan: _Plan, level: str, texts: Texts, opportunities: list[dict[str, Any]]) -> None:
    rng = plan.rng
    themes = rng.sample(texts.themes, 2 if level == "full" and rng.random() < 0.5 else 1)
    # Each solution leads to a different opportunity while there are some left.
    open_ones = [o for o in opportunities if o["outcome"] == "open"] or list(opportunities)
    rng.shuffle(open_ones)
    for goal_text, strategy, tactic, need, solution, _ in themes:
        goal = plan.add("customer_goal", goal_text)
        if level == "sketch":
            plan.add("strategy", strategy, parent=goal)
            return
        parent = goal
        for kind, title in (("strategy", strategy), ("tactic", tactic), ("need", need)):
            if not _keep(rng, level):
                return
            parent = plan.add(kind, title, parent=parent)
        if _keep(rng, level):
            linked = (
                (open_ones.pop() if len(open_ones) > 1 else open_ones[0])["id"]
                if open_ones
                else None
            )
            plan.add("solution", solution, parent=parent, opportunity_id=linked)


def _goals(plan: _Plan, level: str, texts: Texts) -> None:
    rng, today, owner = plan.rng, plan.ctx.today, plan.account.owner_id
    goal = plan.add("goal", pick(rng, texts.goals), due_on=date(today.year, 12, 31))
    subs = rng.sample(texts.sub_goals, 1 if level == "sketch" else 2)
    actions = rng.sample(texts.actions, len(texts.actions))  # no action twice in one plan
    for sub_text in subs:
        if level == "partial" and rng.random() >= KEEP:
            continue
        sub = plan.add(
            "sub_goal",
            sub_text,
            parent=goal,
            due_on=today + timedelta(days=30 + int(rng.random() * 150)),
        )
        for action in [actions.pop() for _ in range(1 + int(rng.random() * 2))]:
            due = today + timedelta(days=int(rng.random() * 50) - 20)
            status = "done" if due < today and rng.random() < 0.6 else "open"
            person = owner if level == "full" or rng.random() < 0.8 else None
            plan.add(
                "action",
                action,
                parent=sub,
                person_id=person,
                status=status,
                due_on=due if level == "full" or rng.random() < 0.85 else None,
            )


def _joint(plan: _Plan, texts: Texts) -> None:
    rng, today = plan.rng, plan.ctx.today
    plan.add("joint_goal", pick(rng, texts.joint["joint_goal"]))
    for text, party in zip(texts.joint["responsibility"], ("us", "customer"), strict=True):
        plan.add("responsibility", text, category=party)
    for i, text in enumerate(texts.joint["joint_milestone"]):
        due = today + timedelta(days=60 * i + int(rng.random() * 40) - 20)
        plan.add("joint_milestone", text, due_on=due, status="done" if due < today else "open")
    plan.add(
        "joint_check",
        pick(rng, texts.joint["joint_check"]),
        due_on=today + timedelta(days=int(rng.random() * 30)),
        status="open",
    )


def _voice(
    ctx: DemoContext, rng: random.Random, account: DemoAccount, texts: Texts
) -> list[dict[str, Any]]:
    rows = []
    for title in rng.sample(texts.voice, 1 + int(rng.random() * 2)):
        raised = ctx.today - timedelta(days=int(rng.random() * 120))
        status = pick(rng, STATUSES)
        closed = status in ("closed", "rated")
        rows.append(
            {
                "id": uuid4(rng),
                "owner_id": account.owner_id,
                "account_id": account.id,
                "title": title,
                "raised_on": raised,
                "status": status,
                "handler_id": account.owner_id,
                "closed_on": min(ctx.today, raised + timedelta(days=3 + int(rng.random() * 20)))
                if closed
                else None,
                "rating": 3 + int(rng.random() * 3) if status == "rated" else None,
            }
        )
    return rows


def make_plans(ctx: DemoContext, rng: random.Random) -> None:
    """The batch's plans and customer voice (per batch, after ``opportunities``)."""
    texts = texts_for(ctx.lang)
    links: dict[str, list[dict[str, Any]]] = ctx.state.pop("plan_links", {})
    items: list[dict[str, Any]] = []
    voice: list[dict[str, Any]] = []
    for account in ctx.accounts:
        if rng.random() < PLAN_SHARE[account.tier]:
            if account.tier == "A":
                level = "full" if rng.random() < COMPLETE_SHARE else "partial"
            else:
                level = "partial" if account.tier == "B" else "sketch"
            plan = _Plan(ctx, rng, account)
            _team(plan, level, ctx.team)
            _background(plan, level, texts)
            _map(plan, level, texts, links.get(account.id, []))
            _goals(plan, level, texts)
            if level == "full":
                _joint(plan, texts)
            items.extend(plan.rows)
        if rng.random() < VOICE_SHARE[account.tier]:
            voice.extend(_voice(ctx, rng, account, texts))
    ctx.write("plan_items", items, total=estimate(ctx, "plan_items", len(items)))
    ctx.write("voice_issues", voice, total=estimate(ctx, "voice_issues", len(voice)))
