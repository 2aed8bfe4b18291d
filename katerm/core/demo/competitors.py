"""Step ``competitors``: the team's competitor list, who competes at the larger accounts and
in their open orders (with the seed's questions answered), and the wording of a lost order's
reason and winner. Runs after ``opportunities``; draws from its own generator, so it changes
nothing the other steps make."""

from __future__ import annotations

import random
from typing import Any

from katerm.core.demo.influence import COMPETITORS
from katerm.core.demo.pipeline import DemoContext, pick, uuid4
from katerm.core.demo.plan_texts import texts_for

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


def team_list(lang: str) -> tuple[str, ...]:
    """The team's competitors: those the orders name, then those the maps' people favour."""
    named = texts_for(lang).competitors
    favoured = COMPETITORS.get(lang, COMPETITORS["en"])
    return (*named, *(n for n in favoured if n not in named))


def loss_of(opp_id: str, competitors: str, lang: str) -> tuple[str, str]:
    """(loss reason, winner) of a lost demo order: the competitor it names won it."""
    reason = _hashed(opp_id, LOSS_REASONS.get(lang, LOSS_REASONS["en"]), 3)
    return reason, competitors or _hashed(opp_id, team_list(lang))


def strength_of(contact_id: str) -> str:
    """How strongly a demo person favours their competitor."""
    return _hashed(contact_id, STRENGTHS, 7)


def make_competitors(ctx: DemoContext, rng: random.Random) -> None:
    """The list (first batch), then presences at A and B accounts and in their open orders."""
    lang = ctx.lang if ctx.lang in ANSWERS else "en"
    names = team_list(lang)
    ids = ctx.state.setdefault("competitor_ids", {})
    if not ids:
        rows = []
        for i, name in enumerate(names):
            ids[name] = uuid4(rng)
            note = NOTES[lang][i % len(NOTES[lang])]
            rows.append({"id": ids[name], "owner_id": ctx.me.id, "name": name, "notes": note})
        ctx.write("competitors", rows, total=len(rows))
    wanted = [a.id for a in ctx.accounts if a.tier in PRESENT_TIERS]
    orders: dict[str, list[tuple[str, str]]] = {}
    with ctx.db.reading() as conn:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for account_id, opp_id, named in conn.execute(
                "SELECT account_id, id, competitors FROM opportunities WHERE outcome = 'open' "
                f"AND stage != 'lead' AND account_id IN ({marks}) ORDER BY name, id",
                chunk,
            ):
                orders.setdefault(account_id, []).append((opp_id, named))
    presences: list[dict[str, Any]] = []
    for account in ctx.accounts:
        if account.tier not in PRESENT_TIERS:
            continue
        rival = pick(rng, names)
        presences.append(_presence(rng, lang, ids[rival], account.owner_id, account.id, None))
        for opp_id, named in orders.get(account.id, []):
            # The competitor the order names is in its race; its answers are for this order.
            who = ids.get(named) or ids[rival]
            presences.append(_presence(rng, lang, who, account.owner_id, account.id, opp_id))
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
    opp_id: str | None,
) -> dict[str, Any]:
    answers = ANSWERS[lang]
    return {
        "id": uuid4(rng),
        "owner_id": owner_id,
        "competitor_id": competitor_id,
        "account_id": account_id,
        "opportunity_id": opp_id,
        # An order-level presence answers what differs for that order; the rest is the
        # account's.
        **{
            q: pick(rng, texts)
            for q, texts in answers.items()
            if opp_id is None or q in ("offer", "strategy")
        },
    }


FRIEND_SHARE = 0.3  # of A and B accounts: a high-influence friend of a competitor, uncovered


def make_competitor_friends(ctx: DemoContext, rng: random.Random) -> None:
    """Before ``write``: at some A and B accounts a high-influence person (not the decision
    maker, whom other warnings name) favours a competitor and nobody of ours covers them,
    the case the influence map warns about (``competitor_favoured_uncovered``)."""
    names = team_list(ctx.lang)
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
