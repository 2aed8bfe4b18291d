"""The iron triangle (铁三角, DOMAIN.md §7): the account team's roles — customer manager,
solution expert, delivery manager and the collections owner, each one of our users, as the
account plan's team lists them — against the customer's people, through the ONE relationship
owner of each contact (``contacts.covered_by``, with the additional coverage): a contact's
responsible role is the role their owner holds on the account team.

The coverage matrix counts, for each of our roles, the customer people it covers in each
department and at each level of the decision (decision, management, execution); a gap is a
department with people where the role the seed gives it (the customer manager: purchasing and
the leaders; the solution expert: market and planning; the delivery manager: construction and
maintenance; collections: finance) covers nobody. Warnings (stable codes): a role of the
triangle empty on an A account (``triangle_role_empty``); a solution expert or delivery
manager who covers nobody (``triangle_covers_nobody``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from katerm.core.stageplan.template import DEPARTMENTS, TEAM_ROLES, in_department
from katerm.i18n import t

IRON_TRIANGLE = ("customer_manager", "solution_expert", "delivery_manager")
# The departments each role answers for (the LTC seed's 拓展责任人).
EXPECTED: dict[str, tuple[str, ...]] = {
    "customer_manager": ("purchasing", "leadership"),
    "solution_expert": ("market", "planning"),
    "delivery_manager": ("construction", "maintenance"),
    "collections": ("finance",),
}
LEVELS = ("decision", "management", "execution")
_LEVEL_OF = {
    "decision_maker": "decision",
    "approver": "decision",
    "executive_sponsor": "decision",
    "recommender": "management",
    "influencer": "management",
    "coach": "management",
    "buyer": "management",
    "gatekeeper": "management",
}
OTHER = "other"


@dataclass(frozen=True)
class Person:
    """A customer person as the triangle sees them."""

    id: str
    name: str
    department: str  # a key of DEPARTMENTS, or "other"
    level: str  # one of LEVELS
    owner: str  # their relationship owner's name ("" when nobody)
    roles: tuple[str, ...]  # the team roles of whoever of ours covers them


@dataclass(frozen=True)
class TriangleWarning:
    code: str
    role: str
    text: str


@dataclass
class Triangle:
    account_id: str
    account: str
    tier: str
    top: bool = False  # the top tier of the team's active scheme ("A" by revenue)
    team: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # role -> (id, name)
    people: list[Person] = field(default_factory=list)
    warnings: list[TriangleWarning] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """The departments with people (the seed's order, then "other"), then the levels."""
        present = {p.department for p in self.people}
        return [d for d in (*DEPARTMENTS, OTHER) if d in present] + list(LEVELS)

    def covered(self, role: str, column: str) -> list[str]:
        """The names of the people in ``column`` (a department or a level) ``role`` covers."""
        return [
            p.name for p in self.people if role in p.roles and column in (p.department, p.level)
        ]

    def gaps(self) -> list[tuple[str, str]]:
        """(role, department): a department with people its seed role covers nobody in."""
        present = {p.department for p in self.people}
        return [
            (role, dept)
            for role, depts in EXPECTED.items()
            for dept in depts
            if dept in present and not self.covered(role, dept)
        ]


def _department(text: str) -> str:
    return next((d for d in DEPARTMENTS if in_department(d, text)), OTHER)


def iron_triangle(conn: sqlite3.Connection, account_id: str) -> Triangle:
    """The account's iron triangle, its coverage of the customer's people, and warnings."""
    from katerm.core.tiers import stored_rank_sql, stored_tier_sql

    acc = conn.execute(
        f"SELECT name, {stored_tier_sql(alias='')}, {stored_rank_sql(alias='')} "
        "FROM accounts WHERE id = ?",
        (account_id,),
    ).fetchone()
    out = Triangle(account_id, acc[0] if acc else "", (acc[1] or "") if acc else "")
    out.top = bool(acc) and acc[1] is not None and acc[2] == 0
    names = dict(conn.execute("SELECT id, coalesce(nullif(name, ''), login) FROM users"))
    roles_of: dict[str, set[str]] = {}
    # ``+kind``: look the account's items up by account; SQLite otherwise picks the index on
    # kind and reads every team member of the portfolio (100k accounts: 16,000 rows a map).
    for role, person in conn.execute(
        "SELECT category, person_id FROM plan_items WHERE account_id = ? AND deleted = 0 "
        "AND +kind = 'team_member' AND person_id IS NOT NULL ORDER BY position, created_at",
        (account_id,),
    ):
        if role in TEAM_ROLES:
            out.team.setdefault(role, []).append((person, names.get(person, "")))
            roles_of.setdefault(person, set()).add(role)
    for cid, name, dept, role, owner, also in conn.execute(
        "SELECT id, name, department, role, covered_by, also_covered_by FROM contacts "
        "WHERE account_id = ? AND deleted = 0 AND left_on IS NULL ORDER BY name",
        (account_id,),
    ):
        try:
            extra = [str(i) for i in json.loads(also or "[]")]
        except ValueError:
            extra = []
        ours = [u for u in (owner, *extra) if u]
        roles = sorted({r for u in ours for r in roles_of.get(u, ())}, key=TEAM_ROLES.index)
        out.people.append(
            Person(
                cid,
                name,
                _department(dept or ""),
                _LEVEL_OF.get(role or "", "execution"),
                names.get(owner, "") if owner else "",
                tuple(roles),
            )
        )
    out.warnings = _warnings(out)
    return out


def _warnings(tri: Triangle) -> list[TriangleWarning]:
    found = []
    if tri.top:
        for role in IRON_TRIANGLE:
            if not tri.team.get(role):
                found.append(
                    TriangleWarning(
                        "triangle_role_empty",
                        role,
                        t("stageplan.warn.role_empty", role=t(f"stageplan.role.{role}")),
                    )
                )
    for role in ("solution_expert", "delivery_manager"):
        for _, name in tri.team.get(role, []):
            mine = [p for p in tri.people if role in p.roles]
            if not mine:
                found.append(
                    TriangleWarning(
                        "triangle_covers_nobody",
                        role,
                        t(
                            "stageplan.warn.covers_nobody",
                            role=t(f"stageplan.role.{role}"),
                            name=name,
                        ),
                    )
                )
    return found


def triangle_json(tri: Triangle) -> dict[str, Any]:
    return {
        "account": tri.account,
        "account_id": tri.account_id,
        "tier": tri.tier,
        "team": {
            role: [{"user_id": uid, "name": name} for uid, name in tri.team.get(role, [])]
            for role in TEAM_ROLES
        },
        "matrix": {
            role: {col: tri.covered(role, col) for col in tri.columns} for role in TEAM_ROLES
        },
        "gaps": [{"role": r, "department": d} for r, d in tri.gaps()],
        "people": [
            {
                "contact_id": p.id,
                "name": p.name,
                "department": p.department,
                "level": p.level,
                "owner": p.owner or None,
                "responsible_roles": list(p.roles),
            }
            for p in tri.people
        ],
        "warnings": [{"code": w.code, "role": w.role, "message": w.text} for w in tri.warnings],
    }


def column_label(column: str) -> str:
    if column in LEVELS:
        return t(f"stageplan.level.{column}")
    if column == OTHER:
        return t("stageplan.dept_other")
    return t(f"stageplan.dept.{column}")


def triangle_markdown(tri: Triangle) -> str:
    """The team, the coverage matrix (gaps marked ✗) and the warnings, as Markdown."""
    role_label = lambda r: t(f"stageplan.role.{r}")  # noqa: E731
    out = [f"# {t('stageplan.tri.title', account=tri.account)}", ""]
    for role in TEAM_ROLES:
        names = [n for _, n in tri.team.get(role, [])]
        people = t("dialog.names", names=names) if names else t("stageplan.tri.empty")
        out.append(f"- {role_label(role)}{t('dialog.colon')}{people}")
    cols = tri.columns
    gaps = set(tri.gaps())
    out += ["", f"## {t('stageplan.tri.matrix')}", ""]
    out.append("| | " + " | ".join(column_label(c) for c in cols) + " |")
    out.append("|---|" + "---|" * len(cols))
    for role in TEAM_ROLES:
        cells = []
        for c in cols:
            n = len(tri.covered(role, c))
            cells.append("✗" if (role, c) in gaps else (str(n) if n else "·"))
        out.append(f"| {role_label(role)} | " + " | ".join(cells) + " |")
    if tri.warnings:
        out += ["", f"## {t('stageplan.tri.warnings')}", ""]
        out += [f"- [{w.code}] {w.text}" for w in tri.warnings]
    return "\n".join(out) + "\n"


def load_triangle(db: Any, account_id: str) -> Triangle:
    with db.reading() as conn:
        return iron_triangle(conn, account_id)
