"""Step ``gaps``: the relationship-gap table for the key people at each account.

Key people are decision makers, coaches, executive sponsors, approvers and anyone of high
influence, at most accounts of the upper tiers and a few of the lower. Each gets the six
dimensions and the target of the overall level (its "now" is the person's level on the map),
an owner on our side (whoever covers them, else the account's seller), a next action in the
team's words with its contact scenario, due around the demo's "today" (about a quarter
overdue), and a history of level changes over the past weeks, so trends show and progress can
be reviewed.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from typing import Any

from katerm.core.demo.pipeline import DemoAccount, DemoContact, DemoContext, pick, uuid4
from katerm.core.gaps import DIMENSIONS, HIGHEST

KEY_ROLES = frozenset({"decision_maker", "coach", "executive_sponsor", "approver"})
# The share of accounts per tier whose key people are scored (other schemes: by rank).
SCORED_SHARE = (1.0, 0.8, 0.35, 0.1)
OVERDUE = 0.25  # of open actions
DONE = 0.12

# (scenario, action) per language; the scenarios are the activity log's (Huawei 12+1).
ACTIONS = {
    "zh_CN": (
        ("executive_summit", "邀请参加年度高层峰会"),
        ("company_visit", "安排来公司参观，介绍解决方案"),
        ("dinner", "宴请，了解项目预算和时间表"),
        ("technical_exchange", "组织技术交流会"),
        ("reference_visit", "陪同参观样板点客户"),
        ("gifts", "节日送礼，问候家人"),
        ("executive_visit", "高层拜访，对齐合作方向"),
        ("sponsor_meeting", "安排执行赞助人会谈"),
        ("exhibition", "邀请参加行业论坛并发言"),
        ("topic_exchange", "专题交流：数字化转型规划"),
        ("routine_visit", "日常拜访，更新关键信息"),
        ("travel_together", "结伴出行考察标杆企业"),
        ("joint_innovation", "沟通联合创新项目立项"),
        ("consulting", "提供采购流程咨询，争取指导"),
    ),
    "en": (
        ("executive_summit", "Invite to the annual executive summit"),
        ("company_visit", "Host a visit to our company, show the solution"),
        ("dinner", "Dinner: learn the project budget and timeline"),
        ("technical_exchange", "Run a technical exchange"),
        ("reference_visit", "Take them to a reference site"),
        ("gifts", "Holiday gift, ask after the family"),
        ("executive_visit", "Executive visit to align on the partnership"),
        ("sponsor_meeting", "Set up a meeting with our executive sponsor"),
        ("exhibition", "Invite to speak at the industry forum"),
        ("topic_exchange", "Topic exchange: their digital roadmap"),
        ("routine_visit", "Routine visit, update key information"),
        ("travel_together", "Travel together to a benchmark company"),
        ("joint_innovation", "Discuss a joint-innovation project"),
        ("consulting", "Advise on their purchasing process, ask for guidance"),
    ),
}
_TIER_ORDER = (
    "A",
    "B",
    "C",
    "D",
    "whale",
    "dolphin",
    "shark",
    "minnow",
    "strategic",
    "partner",
    "commercial",
    "general",
)


def _share(tier: str) -> float:
    if tier not in _TIER_ORDER:
        return SCORED_SHARE[-1]
    return SCORED_SHARE[_TIER_ORDER.index(tier) % 4]


def is_key(contact: DemoContact) -> bool:
    return contact.decision_role in KEY_ROLES or contact.influence == "high"


def make_gaps(ctx: DemoContext, rng: random.Random) -> None:
    """The batch's gap rows and their score history (per batch, after ``write``)."""
    rows: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    actions = ACTIONS.get(ctx.lang, ACTIONS["en"])
    for account in ctx.accounts:
        if rng.random() >= _share(account.tier):
            continue
        for contact in account.contacts:
            if is_key(contact):
                _person(ctx, rng, account, contact, actions, rows, history)
    if rows:
        done = ctx.batch_start + len(ctx.accounts)
        for table, made in (("gap_rows", rows), ("gap_scores", history)):
            so_far = ctx.written.get(table, 0) + len(made)
            ctx.write(
                table, made, total=round(so_far * ctx.accounts_wanted / max(done, 1)), stage="gaps"
            )


def _person(
    ctx: DemoContext,
    rng: random.Random,
    account: DemoAccount,
    contact: DemoContact,
    actions: tuple[tuple[str, str], ...],
    rows: list[dict[str, Any]],
    history: list[dict[str, Any]],
) -> None:
    owner = account.owner_id  # the row sits in the portfolio; the contact names the owner
    # "Now" is the person's one relationship level, as the map shows it (never a second draw).
    level = contact.closeness
    rng.random()  # where "now" was drawn before: kept, so every later draw stays as it was
    target = min(HIGHEST, level + 1 + int(rng.random() * 3))
    row_id = uuid4(rng)
    row: dict[str, Any] = {
        "id": row_id,
        "owner_id": owner,
        "account_id": account.id,
        "contact_id": contact.id,
        "level_target": target,
    }
    for dimension in DIMENSIONS:
        now = max(0, min(HIGHEST, level + int(rng.random() * 3) - 1))
        row[f"{dimension}_now"] = now
        row[f"{dimension}_target"] = max(now, min(HIGHEST, target + int(rng.random() * 2) - 1))
    scenario, action = pick(rng, actions)
    roll = rng.random()
    if roll < DONE:
        status, offset = "done", -int(rng.random() * 30) - 1
    elif roll < DONE + OVERDUE:
        status, offset = "open", -int(rng.random() * 20) - 1
    else:
        status, offset = "open", int(rng.random() * 30)
    row.update(
        next_action=action,
        scenario=scenario,
        status=status,
        due_date=(ctx.today + timedelta(days=offset)).isoformat(),
    )
    rows.append(row)
    # The level climbed to where it is now over the past weeks, one step at a time.
    start = max(0, level - int(rng.random() * 3))
    steps = list(range(start, level + 1))
    weeks_ago = len(steps) * 3 + int(rng.random() * 4)
    base = datetime.combine(ctx.today, time(9), tzinfo=UTC)
    previous: int | None = None
    for i, value in enumerate(steps):
        when = base - timedelta(weeks=weeks_ago - i * 3, hours=int(rng.random() * 8))
        history.append(_score(rng, row_id, owner, "level", False, previous, value, when))
        if i == 0:
            history.append(_score(rng, row_id, owner, "level", True, None, target, when))
        previous = value


def _score(
    rng: random.Random,
    row_id: str,
    owner: str,
    dimension: str,
    target: bool,
    old: int | None,
    new: int,
    when: datetime,
) -> dict[str, Any]:
    return {
        "id": uuid4(rng),
        "owner_id": owner,
        "gap_row_id": row_id,
        "dimension": dimension,
        "target": 1 if target else 0,
        "old": old,
        "new": new,
        "changed_by": owner,
        # As stored (``store.to_db`` of a UTC time): the write path takes the row as it is.
        "changed_at": when.isoformat(timespec="microseconds"),
    }
