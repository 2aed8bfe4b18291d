"""Step ``competitors``: the team's competitor list, who competes at the larger accounts and
in their open orders (with the seed's questions answered), and the wording of a lost order's
reason and winner. Runs after ``opportunities``; draws from its own generator, so it changes
nothing the other steps make."""

from __future__ import annotations

import random
from typing import Any

from katerm.core.demo.influence import COMPETITORS
from katerm.core.demo.pipeline import DemoContext, pick, uuid4

NOTES = {
    "en": (
        "Cheapest bidder; thin service team",
        "Strong brand with state-owned customers",
        "Local, fast, close to the plant managers",
        "Bundles hardware at cost to win the software",
        "New entrant, aggressive on price",
    ),
    "zh_CN": (
        "报价最低，服务团队薄弱",
        "在国企客户中品牌强",
        "本地公司，响应快，与厂长们关系近",
        "硬件按成本价捆绑，以赢取软件",
        "新进入者，价格激进",
    ),
}
ANSWERS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "profile": ("Incumbent for five years", "Came in through the new CIO", "Bid once, lost"),
        "relationships": (
            "Close to the purchasing director",
            "The deputy GM is an old classmate of their sales head",
            "Only at the IT department",
        ),
        "strengths": ("Price", "Local delivery team", "References in the industry"),
        "offer": (
            "About 15% below ours",
            "Free first-year maintenance",
            "Same price, more modules",
        ),
        "strategy": (
            "Win the purchasing department on price",
            "Go over our head to the GM",
            "Wait for our delivery to slip",
        ),
        "customer_attitude": (
            "Finance likes them, operations do not",
            "Respected but seen as expensive to change",
            "Seen as a fallback",
        ),
    },
    "zh_CN": {
        "profile": ("已服务五年的在位供应商", "随新任 CIO 进入", "投过一次标，落选"),
        "relationships": ("与采购总监关系近", "副总与其销售负责人是老同学", "只在信息部有关系"),
        "strengths": ("价格", "本地交付团队", "行业案例多"),
        "offer": ("比我们低约 15%", "首年免费维保", "同价多给模块"),
        "strategy": ("以价格拿下采购部", "越过我们直接找总经理", "等我们交付出问题"),
        "customer_attitude": (
            "财务认可，生产部门不认可",
            "受尊重，但更换成本被认为高",
            "被视为备选",
        ),
    },
}
LOSS_REASONS = {
    "en": (
        "Price above the winner's",
        "The decision maker favoured the winner",
        "Delivery time too long",
        "Solution did not fit their process",
    ),
    "zh_CN": ("报价高于赢单方", "决策人倾向赢单方", "交付周期太长", "方案不符合客户流程"),
}
STRENGTHS = ("strong", "medium", "weak")
PRESENT_TIERS = frozenset({"A", "B"})


def _hashed(row_id: str, items: tuple[str, ...], salt: int = 0) -> str:
    """One of ``items`` chosen by the row's id, so no other step's draws change."""
    return items[(int(row_id[:8], 16) // (1 + salt)) % len(items)]


def loss_of(opp_id: str, lang: str) -> tuple[str, str]:
    """(loss reason, winner) of a lost demo order."""
    names = COMPETITORS.get(lang, COMPETITORS["en"])
    return _hashed(opp_id, LOSS_REASONS.get(lang, LOSS_REASONS["en"]), 3), _hashed(opp_id, names)


def strength_of(contact_id: str) -> str:
    """How strongly a demo person favours their competitor."""
    return _hashed(contact_id, STRENGTHS, 7)


def make_competitors(ctx: DemoContext, rng: random.Random) -> None:
    """The list (first batch), then presences at A and B accounts and in their open orders."""
    lang = ctx.lang if ctx.lang in ANSWERS else "en"
    names = COMPETITORS.get(lang, COMPETITORS["en"])
    ids = ctx.state.setdefault("competitor_ids", {})
    if not ids:
        rows = []
        for name, note in zip(names, NOTES[lang], strict=True):
            ids[name] = uuid4(rng)
            rows.append({"id": ids[name], "owner_id": ctx.me.id, "name": name, "notes": note})
        ctx.write("competitors", rows, total=len(rows))
    links: dict[str, list[dict[str, Any]]] = ctx.state.get("plan_links", {})
    presences: list[dict[str, Any]] = []
    for account in ctx.accounts:
        if account.tier not in PRESENT_TIERS:
            continue
        rivals = rng.sample(names, 2)
        presences.append(_presence(rng, lang, ids[rivals[0]], account.owner_id, account.id, None))
        for opp in links.get(account.id, []):
            if opp["outcome"] == "open" and opp["stage"] != "lead":
                presences.append(
                    _presence(rng, lang, ids[pick(rng, rivals)], account.owner_id, account.id, opp)
                )
    ctx.write(
        "competitor_presences",
        presences,
        total=len(presences) + ctx.written.get("competitor_presences", 0),
    )


def _presence(
    rng: random.Random,
    lang: str,
    competitor_id: str,
    owner_id: str,
    account_id: str,
    opp: dict[str, Any] | None,
) -> dict[str, Any]:
    answers = ANSWERS[lang]
    return {
        "id": uuid4(rng),
        "owner_id": owner_id,
        "competitor_id": competitor_id,
        "account_id": account_id,
        "opportunity_id": opp["id"] if opp else None,
        # An order-level presence answers what differs for that order; the rest is the
        # account's.
        **{
            q: pick(rng, texts)
            for q, texts in answers.items()
            if opp is None or q in ("offer", "strategy")
        },
    }


FRIEND_SHARE = 0.3  # of A and B accounts: a high-influence friend of a competitor, uncovered


def make_competitor_friends(ctx: DemoContext, rng: random.Random) -> None:
    """Before ``write``: at some A and B accounts a high-influence person (not the decision
    maker, whom other warnings name) favours a competitor and nobody of ours covers them,
    the case the influence map warns about (``competitor_favoured_uncovered``)."""
    names = COMPETITORS.get(ctx.lang, COMPETITORS["en"])
    for account in ctx.accounts:
        if account.tier not in PRESENT_TIERS or rng.random() >= FRIEND_SHARE:
            continue
        pool = [
            c
            for c in account.contacts
            if c.influence == "high" and c.decision_role != "decision_maker" and c.level
        ]
        if pool:
            friend = pick(rng, pool)
            friend.covered_by = None
            friend.favours_competitor = friend.favours_competitor or pick(rng, names)
