"""Steps ``influence`` and ``influence_lines``: an influence map for every account.

A and B accounts get a full map: decision roles that follow each person's position (the GM
decides, the CFO approves, purchasing buys, IT recommends), influence by level, attitudes,
who on our team covers whom (the seller at the working level, their team lead or the general
manager at the top), a coach, rising stars and a few lines of influence. About two in five of
those maps are healthy; the others have one or two of the classic failures (no coach, the
decision maker uncovered or opposed, an influential opponent, single-threaded, relationships
one level deep, an uncovered rising star, no executive sponsor), so the warnings have
something to say. C and D accounts get what a seller typically knows: the boss, roughly.
"""

from __future__ import annotations

import random

from katerm.core.demo.influence_flaws import DECIDING, MAKE_FLAW
from katerm.core.demo.pipeline import (
    DemoAccount,
    DemoContact,
    DemoContext,
    DemoLine,
    DemoMember,
    Weighted,
    pick,
    uuid4,
)

# Position (orgchart.ROLES key) -> the decision roles it usually plays, by weight.
_ROLES: dict[str, Weighted[str]] = {
    "gm": Weighted(("decision_maker", "approver"), (8, 2)),
    "vp": Weighted(("executive_sponsor", "approver", "influencer"), (4, 3, 2)),
    "cio": Weighted(("recommender", "decision_maker", "influencer"), (5, 2, 2)),
    "cto": Weighted(("recommender", "influencer"), (5, 3)),
    "cfo": Weighted(("approver", "gatekeeper"), (7, 2)),
    "cpo": Weighted(("buyer", "approver", "gatekeeper"), (5, 3, 2)),
    "coo": Weighted(("influencer", "initiator", "user"), (4, 3, 2)),
    "cmo": Weighted(("influencer", "initiator"), (5, 2)),
    "it_mgr": Weighted(("recommender", "user", "initiator"), (5, 3, 2)),
    "infosec_mgr": Weighted(("gatekeeper", "recommender"), (5, 3)),
    "purchasing_mgr": Weighted(("buyer", "gatekeeper"), (6, 3)),
    "supplier_mgr": Weighted(("gatekeeper", "buyer"), (4, 3)),
    "finance_mgr": Weighted(("gatekeeper", "approver"), (5, 2)),
    "audit_mgr": Weighted(("gatekeeper",), (1,)),
    "project_mgr": Weighted(("initiator", "user"), (5, 3)),
    "buyer_lead": Weighted(("buyer",), (1,)),
    "buyer": Weighted(("buyer",), (1,)),
}
_STAFF = Weighted(("user", "influencer", ""), (5, 2, 2))
# Where coaches usually are: close to the project, well informed, not the boss.
_COACH_PLACES = (
    "it_mgr",
    "project_mgr",
    "it_lead",
    "cio",
    "purchasing_mgr",
    "rd_mgr",
    "sys_engineer",
    "buyer_lead",
    "quality_mgr",
)
_INFLUENCE = (
    Weighted(("high",), (1,)),
    Weighted(("high", "medium"), (55, 45)),
    Weighted(("medium", "low", "high"), (55, 30, 15)),
    Weighted(("low", "medium", "high"), (60, 35, 5)),
)
_ATTITUDE = Weighted(("supporter", "neutral", "opponent", "unknown"), (40, 35, 8, 17))
# Relationship levels (katerm.core.levels): 1 acquainted … 4 friend with those we cover;
# 0 unknown or 1 acquainted with the others.
_REACH_COVERED = Weighted((1, 2, 3, 4), (20, 45, 27, 8))
_REACH_UNCOVERED = Weighted((0, 1), (60, 40))
_STRENGTH = Weighted(("strong", "medium", "weak"), (30, 50, 20))
FLAWS = (
    "no_coach",
    "dm_unknown",
    "dm_uncovered",
    "dm_opposed",
    "opponent",
    "exec_uncovered",
    "single_threaded",
    "one_level_deep",
    "star_uncovered",
    "no_sponsor",
)
HEALTHY_SHARE = 0.4
STAR_SHARE = 0.12  # of people two levels below the top or deeper
COMPETITORS = {
    "en": ("Contoso", "Fabrikam", "Northwind Systems", "Initech", "Globex"),
    "zh_CN": ("恒信科技", "博远系统", "华拓集团", "众联软件", "天成股份"),
}


def make_influence_maps(ctx: DemoContext, rng: random.Random) -> None:
    """Roles, ratings, coverage and lines for the batch's accounts (per batch, before write)."""
    team = {m.id: m for m in ctx.team}
    competitors = COMPETITORS.get(ctx.lang, COMPETITORS["en"])
    for account in ctx.accounts:
        if not account.contacts:
            continue
        seller = team.get(account.owner_id) or ctx.me
        lead = team.get(seller.manager_id or "") or ctx.me
        if account.tier in ("A", "B"):
            _full_map(account, rng, seller, lead, ctx.me, competitors)
        else:
            _sketch(account, rng, seller)


def _sketch(account: DemoAccount, rng: random.Random, seller: DemoMember) -> None:
    """What a seller knows of a small account: who the boss is, and little more."""
    for c in account.contacts:
        if c.level == 0:
            c.decision_role, c.influence, c.covered_by = "decision_maker", "high", seller.id
            c.closeness = _REACH_COVERED.draw(rng)
            c.attitude = pick(rng, ("supporter", "neutral", "unknown"))
        elif rng.random() < 0.5:
            c.decision_role = (_ROLES.get(c.role) or _STAFF).draw(rng)
            c.closeness = _REACH_UNCOVERED.draw(rng)
        _support(c, rng)


def _full_map(
    account: DemoAccount,
    rng: random.Random,
    seller: DemoMember,
    lead: DemoMember,
    gm: DemoMember,
    competitors: tuple[str, ...],
) -> None:
    people = account.contacts
    top = people[0]
    for c in people:
        c.decision_role = (
            (_ROLES.get(c.role) or _STAFF).draw(rng) if c.level else _ROLES["gm"].draw(rng)
        )
        c.influence = _INFLUENCE[min(c.level, 3)].draw(rng)
        if c.decision_role in DECIDING:
            c.influence = "high"
        c.attitude = _ATTITUDE.draw(rng)
        if c.attitude == "opponent" and c.influence == "high":
            c.influence = "medium"  # an influential opponent is one of the flaws below
        c.covered_by = _coverer(c, rng, seller, lead, gm, account.tier)
        if c.level >= 2 and rng.random() < STAR_SHARE:
            c.rising_star = True
            c.covered_by = seller.id
    deciders = [c for c in people if c.decision_role == "decision_maker"]
    if not deciders:
        top.decision_role, top.influence = "decision_maker", "high"
        deciders = [top]
    for dm in deciders:
        dm.covered_by = gm.id if account.tier == "A" and rng.random() < 0.5 else lead.id
        dm.attitude = "supporter" if rng.random() < 0.7 else "neutral"
    coach = _make_coach(people, rng)
    if coach is not None:
        coach.covered_by = seller.id
    if account.tier == "A" and not any(
        c.decision_role == "executive_sponsor" or "executive_sponsor" in c.other_roles
        for c in people
    ):
        sponsor = next((c for c in people if c.level == 1 and c not in deciders), None)
        if sponsor is not None:
            _add_role(sponsor, "executive_sponsor")
            sponsor.influence, sponsor.covered_by = "high", gm.id
            if sponsor.attitude in ("opponent", "unknown"):
                sponsor.attitude = "supporter"
    for c in people:
        if c.influence == "high" and c.covered_by is None:
            c.covered_by = seller.id
        c.closeness = (_REACH_COVERED if c.covered_by else _REACH_UNCOVERED).draw(rng)
        if c in deciders and c.closeness == 1:
            c.closeness = 2
    if coach is not None:
        coach.closeness = max(coach.closeness, 3)  # a coach confides in us: trusted at least
    if rng.random() >= HEALTHY_SHARE:
        flaws = [f for f in FLAWS if account.tier == "A" or f != "no_sponsor"]
        for flaw in rng.sample(flaws, 1 if rng.random() < 0.7 else 2):
            MAKE_FLAW[flaw](account, rng, seller, lead, competitors)
    for c in people:
        _support(c, rng)
        if c.attitude == "opponent" and not c.favours_competitor and rng.random() < 0.7:
            c.favours_competitor = pick(rng, competitors)
        # Additional coverage: the account's seller also knows the deciders a senior owns.
        if c in deciders and c.covered_by not in (None, seller.id):
            c.also_covered_by = [seller.id]
    account.lines = _lines(people, rng, coach, deciders)


def _coverer(
    c: DemoContact,
    rng: random.Random,
    seller: DemoMember,
    lead: DemoMember,
    gm: DemoMember,
    tier: str,
) -> str | None:
    if c.level == 0:
        return gm.id if tier == "A" and rng.random() < 0.5 else lead.id
    roll = rng.random()
    if c.level == 1:
        return seller.id if roll < 0.55 else lead.id if roll < 0.8 else None
    return seller.id if roll < (0.6 if c.level == 2 else 0.35) else None


def _add_role(c: DemoContact, role: str) -> None:
    if not c.decision_role:
        c.decision_role = role
    elif c.decision_role != role and role not in c.other_roles.split(","):
        c.other_roles = ",".join(r for r in (*c.other_roles.split(","), role) if r)


def _make_coach(people: list[DemoContact], rng: random.Random) -> DemoContact | None:
    """Someone inside who wants us to win: coach first, their old role kept as another."""
    places = [
        c
        for c in people
        if c.level
        and c.role in _COACH_PLACES
        and c.decision_role not in ("decision_maker", "executive_sponsor")
    ]
    others = [c for c in people if c.level and c.decision_role != "decision_maker"]
    pool = places or others
    if not pool:
        return None
    coach = pick(rng, pool)
    if coach.decision_role:
        coach.other_roles = coach.decision_role
    coach.decision_role = "coach"
    coach.attitude = "supporter"
    coach.influence = "high" if rng.random() < 0.4 else "medium"
    return coach


def _support(c: DemoContact, rng: random.Random) -> None:
    """The support level that goes with the attitude."""
    if c.attitude == "supporter":
        c.support_level = "exclusive_support" if rng.random() < 0.35 else "limited_support"
    elif c.attitude == "neutral":
        c.support_level = "neutral"
    elif c.attitude == "opponent":
        c.support_level = "does_not_accept"
    else:
        c.support_level = ""


def _lines(
    people: list[DemoContact],
    rng: random.Random,
    coach: DemoContact | None,
    deciders: list[DemoContact],
) -> list[DemoLine]:
    """A few lines of influence, mostly upward and across departments: not reporting lines."""
    lines: list[DemoLine] = []
    pairs: set[tuple[str, str]] = set()

    def add(source: DemoContact, target: DemoContact, strength: str) -> None:
        if source is target or (source.id, target.id) in pairs or source.reports_to == target.id:
            return
        pairs.add((source.id, target.id))
        lines.append(DemoLine(uuid4(rng), source.id, target.id, strength))

    if coach is not None and coach.decision_role == "coach" and deciders:
        add(coach, deciders[0], "strong")
    for _ in range(rng.randint(1, 3)):
        source = pick(rng, people)
        targets = [c for c in people if c.level <= source.level and c is not source]
        if targets:
            add(source, pick(rng, targets), _STRENGTH.draw(rng))
    return lines


def write_influence_lines(ctx: DemoContext, rng: random.Random) -> None:
    """The batch's lines of influence (per batch, after ``write``: they point at contacts)."""
    rows = [
        {
            "id": line.id,
            "owner_id": a.owner_id,
            "account_id": a.id,
            "from_contact_id": line.source,
            "to_contact_id": line.target,
            "strength": line.strength,
        }
        for a in ctx.accounts
        for line in a.lines
    ]
    if rows:
        done = ctx.batch_start + len(ctx.accounts)
        so_far = ctx.written.get("influence_lines", 0) + len(rows)
        ctx.write("influence_lines", rows, total=round(so_far * ctx.accounts_wanted / max(done, 1)))
