"""Step ``team``: our own people — a general manager (me), two team leads, six sellers."""

from __future__ import annotations

import random

from katerm.core.demo.pipeline import DemoContext, DemoMember, uuid4

LEADS = 2
SELLERS_PER_LEAD = 3
EMAIL_DOMAIN = "example.com"  # reserved for examples: demo mail never reaches anyone


def make_team(ctx: DemoContext, rng: random.Random) -> None:
    """Me at the top (my login kept, a name given if I have none), so I see every account."""
    names = ctx.names
    used = {ctx.ws.me.login.casefold()}

    def login_for(latin: str) -> str:
        login, n = latin, 1
        while login.casefold() in used:
            n += 1
            login = f"{latin}{n}"
        used.add(login.casefold())
        return login

    # Draw my stand-in name even when I have one, so the rest never depends on it.
    my_name = names.person(rng)[0]
    gm = DemoMember(
        id=uuid4(rng),
        login=ctx.ws.me.login,
        name=ctx.ws.me.name or my_name,
        email=_my_email(ctx),
        role="gm",
    )
    team = [gm]
    regions = names.SELLER_REGIONS
    for lead_no in range(LEADS):
        name, latin = names.person(rng)
        login = login_for(latin)
        lead = DemoMember(
            id=uuid4(rng),
            login=login,
            name=name,
            email=f"{login}@{EMAIL_DOMAIN}",
            role="lead",
            manager_id=gm.id,
        )
        team.append(lead)
        for i in range(SELLERS_PER_LEAD):
            name, latin = names.person(rng)
            login = login_for(latin)
            region = regions[(lead_no * SELLERS_PER_LEAD + i) % len(regions)]
            team.append(
                DemoMember(
                    id=uuid4(rng),
                    login=login,
                    name=name,
                    email=f"{login}@{EMAIL_DOMAIN}",
                    role="seller",
                    manager_id=lead.id,
                    region=region,
                )
            )
    ctx.team = team


def _my_email(ctx: DemoContext) -> str:
    with ctx.ws.db.reading() as conn:
        row = conn.execute("SELECT email FROM users WHERE id = ?", (ctx.ws.me.id,)).fetchone()
    return row[0] if row else ""
