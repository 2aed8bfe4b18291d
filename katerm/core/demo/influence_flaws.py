"""The classic failures of an influence map, one function each: the demo gives about three in
five full maps one or two of them, so the map's warnings have something to say."""

from __future__ import annotations

import random
from collections.abc import Callable

from katerm.core.demo.pipeline import DemoAccount, DemoMember, pick

DECIDING = ("decision_maker", "approver", "executive_sponsor")


def _no_coach(account: DemoAccount, rng: random.Random, *_: object) -> None:
    for c in account.contacts:
        if c.decision_role == "coach":
            roles = [r for r in c.other_roles.split(",") if r]
            c.decision_role = roles[0] if roles else "user"
            c.other_roles = ",".join(roles[1:])
            c.attitude = pick(rng, ("neutral", "supporter"))


def _dm_unknown(account: DemoAccount, rng: random.Random, *_: object) -> None:
    for c in account.contacts:
        if c.decision_role == "decision_maker":
            c.decision_role = "approver" if c.level == 0 else "influencer"


def _dm_uncovered(account: DemoAccount, rng: random.Random, *_: object) -> None:
    for c in account.contacts:
        if c.decision_role == "decision_maker":
            c.covered_by = None
            c.closeness = 1


def _dm_opposed(
    account: DemoAccount,
    rng: random.Random,
    seller: DemoMember,
    lead: DemoMember,
    competitors: tuple[str, ...],
) -> None:
    for c in account.contacts:
        if c.decision_role == "decision_maker":
            c.attitude = "opponent"
            c.favours_competitor = pick(rng, competitors)


def _opponent(
    account: DemoAccount,
    rng: random.Random,
    seller: DemoMember,
    lead: DemoMember,
    competitors: tuple[str, ...],
) -> None:
    pool = [
        c
        for c in account.contacts
        if c.level and c.decision_role not in ("decision_maker", "coach")
    ] or account.contacts[1:]
    if pool:
        c = pick(rng, pool)
        c.attitude, c.influence = "opponent", "high"
        c.favours_competitor = pick(rng, competitors)
        c.covered_by = lead.id


def _exec_uncovered(account: DemoAccount, rng: random.Random, *_: object) -> None:
    pool = [
        c
        for c in account.contacts
        if c.level and c.decision_role not in ("decision_maker", "coach")
    ] or account.contacts[1:]
    if pool:
        c = pick(rng, pool)
        c.influence, c.covered_by, c.closeness = "high", None, 1


def _single_threaded(
    account: DemoAccount, rng: random.Random, seller: DemoMember, *_: object
) -> None:
    for c in account.contacts:
        if c.covered_by is not None:
            c.covered_by = seller.id


def _one_level_deep(account: DemoAccount, rng: random.Random, *_: object) -> None:
    for c in account.contacts:
        if (
            c.level == 0
            or c.decision_role in DECIDING
            or set(c.other_roles.split(",")) & set(DECIDING)
        ):
            c.closeness = 0


def _star_uncovered(account: DemoAccount, rng: random.Random, *_: object) -> None:
    pool = [c for c in account.contacts if c.level >= 2] or account.contacts[1:]
    if pool:
        c = pick(rng, pool)
        c.rising_star, c.covered_by = True, None
        if c.influence == "high":
            c.influence = "medium"


def _no_sponsor(account: DemoAccount, rng: random.Random, *_: object) -> None:
    for c in account.contacts:
        if c.decision_role == "executive_sponsor":
            c.decision_role = "influencer"
        c.other_roles = ",".join(
            r for r in c.other_roles.split(",") if r and r != "executive_sponsor"
        )


# Flaw code (``FLAWS`` in ``influence``) -> the function that gives a map that flaw.
MAKE_FLAW: dict[str, Callable[..., None]] = {
    "no_coach": _no_coach,
    "dm_unknown": _dm_unknown,
    "dm_uncovered": _dm_uncovered,
    "dm_opposed": _dm_opposed,
    "opponent": _opponent,
    "exec_uncovered": _exec_uncovered,
    "single_threaded": _single_threaded,
    "one_level_deep": _one_level_deep,
    "star_uncovered": _star_uncovered,
    "no_sponsor": _no_sponsor,
}
