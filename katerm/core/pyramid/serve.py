"""Who serves each tier (客户等级与员工能级对应): team members' grades, each tier's grades, and
the accounts whose owner's grade does not match their tier.

The seed (客户金字塔, 员工分类): 大鲸鱼客户--精兵强将, 海豚客户--1年以上员工, 鲨鱼客户--新员工,
小鱼客户--舍掉; the size scheme's accounts are served by the GM, a director, a partner. Each
scheme's tiers name the grades that should serve them (``katerm.core.tiers.DEFAULT_SERVE``, the
team's own in the settings' ``[serve.<scheme>]``); a tier naming none is not checked.

A member's grade is the one their lead set (``member_grades``); without one, it is read from
the day they joined: a year or more is ``experienced``, less is ``new``. A member with neither
has no known grade and their accounts are not flagged (there is nothing to compare).

Kept apart from the figures (``read``) on purpose: the flags are an extra pass over the same
scope, so the figures stay one grouped scan.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from katerm.core.background import paced
from katerm.core.config import GRADES, normalize_grades
from katerm.core.errors import BadInput
from katerm.core.pyramid.read import PyramidQuery, portfolio, scope_sql
from katerm.core.pyramid.rules import Params
from katerm.core.tiers import DEFAULT_SERVE, SCHEMES, tier_column

if TYPE_CHECKING:
    from katerm.core.config import Settings
    from katerm.core.store import Database
    from katerm.core.workspace import Workspace

MISMATCH = "owner_grade_mismatch"  # the warning's stable code
_NAMESPACE = uuid.UUID("0b6f4c1e-9d3a-4e55-8f0c-7a2d6e1b3c90")  # katerm member grade ids
YEAR_DAYS = 365

Serve = dict[str, dict[str, tuple[str, ...]]]  # scheme -> tier -> grades


def serve_rules(settings: Settings | None) -> Serve:
    """Each tier's grades: the team's ``[serve.<scheme>]`` settings over the seed's defaults
    (a value that is not a list of grades keeps the default)."""
    rules = {scheme: dict(tiers) for scheme, tiers in DEFAULT_SERVE.items()}
    given = settings.section("serve") if settings is not None else {}
    for scheme, tiers in given.items():
        if scheme not in rules or not isinstance(tiers, dict):
            continue
        for tier, value in tiers.items():
            grades = normalize_grades(str(value))
            if tier in SCHEMES[scheme] and grades is not None:
                rules[scheme][tier] = grades
    return rules


def grade_of(grade: str, joined_on: date | str | None, today: date) -> str:
    """A member's grade: the one set, else from the day they joined ("" when unknown)."""
    if grade:
        return grade
    if joined_on is None or joined_on == "":
        return ""
    joined = joined_on if isinstance(joined_on, date) else date.fromisoformat(str(joined_on))
    return "experienced" if (today - joined).days >= YEAR_DAYS else "new"


def grade_id(user_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"grade/{user_id}"))


@dataclass(frozen=True)
class MemberGradeRow:
    user_id: str
    login: str
    name: str
    grade: str  # as set ("" when not set)
    joined_on: str  # ISO date, "" when unknown
    effective: str  # what the pyramid compares: set, else from joined_on

    def record(self) -> dict[str, Any]:
        return {
            "login": self.login,
            "name": self.name,
            "grade": self.grade,
            "joined_on": self.joined_on or None,
            "effective_grade": self.effective or None,
        }


def member_grades(conn: sqlite3.Connection, today: date) -> dict[str, MemberGradeRow]:
    """Every live member's grade, by user id."""
    rows = conn.execute(
        # One row per member (an import may have made another: the latest change wins).
        "SELECT u.id, u.login, u.name, coalesce(g.grade, ''), coalesce(g.joined_on, '') "
        "FROM users u LEFT JOIN member_grades g ON g.id = (SELECT id FROM member_grades "
        "WHERE user_id = u.id AND deleted = 0 ORDER BY hlc DESC LIMIT 1) "
        "WHERE u.deleted = 0 ORDER BY u.login"
    ).fetchall()
    return {
        r[0]: MemberGradeRow(r[0], r[1], r[2], r[3], str(r[4]), grade_of(r[3], r[4] or None, today))
        for r in rows
    }


def set_grade(
    ws: Workspace, user_id: str, *, grade: str | None = None, joined_on: Any = None
) -> None:
    """Set a member's grade and/or join date (None leaves it; "" clears it). Raises
    :class:`BadInput` for a grade not in :data:`GRADES` or a join date that is not a day."""
    from katerm.core import store

    values: dict[str, Any] = {}
    if grade is not None:
        clean = grade.strip().casefold()
        if clean and clean not in GRADES:
            raise BadInput("pyramid.err.bad_grade", value=grade, known=tuple(GRADES))
        values["grade"] = clean
    if joined_on is not None:
        text = str(joined_on).strip()
        try:
            day = date.fromisoformat(text) if text else None
        except ValueError:
            raise BadInput("pyramid.err.bad_joined", value=joined_on) from None
        if day is not None and day > ws.clock.today():
            raise BadInput("pyramid.err.joined_future", value=joined_on)
        values["joined_on"] = day
    if not values:
        return
    with ws.db.writing() as conn:
        raw = conn.connection.driver_connection
        found = raw.execute(
            "SELECT id FROM member_grades WHERE user_id = ? ORDER BY deleted, hlc DESC LIMIT 1",
            (user_id,),
        ).fetchone()
        row_id = found[0] if found else grade_id(user_id)
        if found:
            store.update(
                conn, "member_grades", row_id, {**values, "deleted": False}, actor_id=ws.me.id
            )
        else:
            store.insert(
                conn,
                "member_grades",
                # The member's own row: they and everyone above them see it.
                {"id": row_id, "owner_id": user_id, "user_id": user_id, **values},
                actor_id=ws.me.id,
            )


# --- the flags ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeFlag:
    """An account whose owner's grade is not one its tier names."""

    account_id: str
    name: str
    tier: str
    owner: str
    grade: str  # the owner's (effective) grade
    wanted: tuple[str, ...]  # the grades that should serve the tier
    code: str = MISMATCH

    def record(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "account_id": self.account_id,
            "name": self.name,
            "tier": self.tier,
            "owner": self.owner,
            "owner_grade": self.grade,
            "served_by": list(self.wanted),
        }


def grade_flags(
    conn: sqlite3.Connection,
    query: PyramidQuery,
    me_id: str,
    serve: Mapping[str, Mapping[str, tuple[str, ...]]],
    today: date,
) -> list[GradeFlag]:
    """The query's accounts whose owner's grade does not match their stored tier, by tier
    (top first) then revenue."""
    scheme = query.scheme
    wanted = serve.get(scheme, {})
    checked = [tier for tier in SCHEMES[scheme] if wanted.get(tier)]
    if not checked:
        return []
    grades = member_grades(conn, today)
    # Owners by the tiers they should not serve: one condition per such set of tiers, so
    # SQLite returns the flagged accounts only.
    wrong: dict[tuple[str, ...], list[str]] = {}
    for member in grades.values():
        if member.effective:
            bad = tuple(tier for tier in checked if member.effective not in wanted[tier])
            if bad:
                wrong.setdefault(bad, []).append(member.user_id)
    if not wrong:
        return []
    params = Params()
    where = scope_sql(query, portfolio(conn, query, me_id), params)
    column = tier_column(scheme)
    mismatch = " OR ".join(
        f"(a.owner_id IN ({', '.join(params.add(o, 'u') for o in owners)}) "
        f"AND a.{column} IN ({', '.join(params.add(tier, 't') for tier in tiers)}))"
        for tiers, owners in wrong.items()
    )
    rows = conn.execute(
        f"SELECT a.id, a.name, a.{column}, a.owner_id FROM accounts a WHERE {where} "
        f"AND ({mismatch}) ORDER BY a.annual_revenue DESC, a.name",
        params,
    ).fetchall()
    flags = []
    for account_id, name, tier, owner_id in paced(rows):  # a fill gives way between rows
        member = grades[owner_id]
        owner = member.name or member.login
        flags.append(GradeFlag(account_id, name, tier, owner, member.effective, wanted[tier]))
    order = {tier: i for i, tier in enumerate(SCHEMES[scheme])}
    flags.sort(key=lambda f: order[f.tier])
    return flags


def load_grade_flags(
    db: Database,
    query: PyramidQuery,
    me_id: str,
    serve: Mapping[str, Mapping[str, tuple[str, ...]]],
    today: date,
) -> list[GradeFlag]:
    """:func:`grade_flags`, in a read of its own."""
    with db.reading() as conn:
        return grade_flags(conn, query, me_id, serve, today)


def flag_counts(scheme: str, flags: list[GradeFlag]) -> dict[str, int]:
    """How many accounts each tier of the scheme has flagged (0 for none)."""
    counts = dict.fromkeys(SCHEMES[scheme], 0)
    for flag in flags:
        counts[flag.tier] += 1
    return counts
