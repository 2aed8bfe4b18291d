"""Step ``contacts``: the people at each account, as an org chart with reporting lines.

Every chart grows from the top (总经理 / general manager) down a template of the roles a
B2B seller meets: executives, then their managers, then supervisors and engineers. Big
accounts get big charts (A: 6-12 people, B: 3-9), small ones the boss and one or two more.
Each contact knows its boss (``reports_to``), ready for the influence map's reporting lines.
"""

from __future__ import annotations

import random
from datetime import date

from katerm.core.demo.pipeline import DemoContact, DemoContext, pick, uuid4

# Role -> the roles reporting to it. Keys are language-neutral; names_* give the titles.
CHILDREN: dict[str, tuple[str, ...]] = {
    "gm": ("vp", "cpo", "cio", "cfo", "cto", "coo", "cmo"),
    "vp": ("project_mgr", "admin_mgr"),
    "cio": ("it_mgr", "infosec_mgr"),
    "cpo": ("purchasing_mgr", "supplier_mgr"),
    "cfo": ("finance_mgr", "audit_mgr"),
    "cto": ("rd_mgr", "quality_mgr"),
    "coo": ("production_mgr", "logistics_mgr"),
    "cmo": ("marketing_mgr", "sales_mgr"),
    "it_mgr": ("it_lead", "sys_engineer"),
    "infosec_mgr": ("security_engineer",),
    "purchasing_mgr": ("buyer_lead", "buyer"),
    "supplier_mgr": ("supplier_engineer",),
    "finance_mgr": ("accounting_lead",),
    "rd_mgr": ("rd_engineer",),
    "quality_mgr": ("quality_engineer",),
    "production_mgr": ("production_lead",),
    "logistics_mgr": ("warehouse_lead",),
    "project_mgr": ("project_engineer",),
    "marketing_mgr": ("marketing_lead",),
    "sales_mgr": ("sales_lead",),
}
ROOT = "gm"
PARENT = {child: boss for boss, children in CHILDREN.items() for child in children}


def _levels() -> dict[str, int]:
    levels = {ROOT: 0}
    queue = [ROOT]
    while queue:
        role = queue.pop(0)
        for child in CHILDREN.get(role, ()):
            levels[child] = levels[role] + 1
            queue.append(child)
    return levels


LEVEL = _levels()
# Who a seller meets first: purchasing, the deputy GM and IT decide most B2B deals.
_WEIGHT = {
    "cpo": 6,
    "vp": 5,
    "cio": 5,
    "purchasing_mgr": 5,
    "cfo": 3,
    "it_mgr": 3,
    "cto": 2,
    "coo": 2,
    "buyer_lead": 2,
}
# How strongly a role is drawn into a chart: executives first, then by their weight.
_PULL = {r: _WEIGHT.get(r, 1) * (2 if level == 1 else 1) for r, level in LEVEL.items()}
SIZES = {"A": (6, 12), "B": (3, 9), "C": (1, 3), "D": (1, 3)}
BIRTHDAY_SHARE = (0.6, 0.45, 0.3, 0.25)  # by level: we know the bosses' birthdays best
NOTE_SHARE = 0.1


def chart_roles(rng: random.Random, size: int) -> list[str]:
    """``size`` roles forming a connected chart from the top: each role's boss comes first."""
    chosen = [ROOT]
    frontier = list(CHILDREN[ROOT])
    while len(chosen) < size and frontier:
        x = rng.random() * sum(_PULL[r] for r in frontier)
        i = 0
        while i < len(frontier) - 1 and x >= _PULL[frontier[i]]:
            x -= _PULL[frontier[i]]
            i += 1
        role = frontier.pop(i)
        chosen.append(role)
        frontier.extend(CHILDREN.get(role, ()))
    return chosen


def make_org_charts(ctx: DemoContext, rng: random.Random) -> None:
    """The batch's org charts (per batch)."""
    names = ctx.names
    for account in ctx.accounts:
        low, high = SIZES[account.tier]
        size = rng.randint(low, high)
        by_role: dict[str, str] = {}
        contacts = []
        for role in chart_roles(rng, size):
            name, latin = names.person(rng)
            title, department = names.TITLES[role]
            level = LEVEL[role]
            birthday = None
            if rng.random() < BIRTHDAY_SHARE[level]:
                birthday = date(
                    1965 + int(rng.random() * 33),
                    1 + int(rng.random() * 12),
                    1 + int(rng.random() * 28),
                )
            contact = DemoContact(
                id=uuid4(rng),
                name=name,
                role=role,
                title=title,
                department=department,
                level=level,
                reports_to=by_role.get(PARENT.get(role, "")),
                phone=names.phone(rng),
                email=f"{latin}@{account.domain}",
                birthday=birthday,
                notes=pick(rng, names.CONTACT_NOTES) if rng.random() < NOTE_SHARE else "",
            )
            by_role[role] = contact.id
            contacts.append(contact)
        account.contacts = contacts
