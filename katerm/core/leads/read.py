"""The weekly lead meeting (每周线索管理例会, the LTC seed): per seller, the week's new leads,
leads reviewed, converted and dropped, with the week's list; and the monthly review's "new key
accounts per seller" (每人每月一家新大客户).

A step counts in the week of its day (``opened_on``, ``reviewed_on``, ``converted_on``,
``dropped_on``); a lead is its owner's (the seller). Nothing here reads the clock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from katerm.core.leads.edit import referral_text
from katerm.core.leads.rules import STATUSES, STEP_DAYS

if TYPE_CHECKING:
    from katerm.core.store import Database


@dataclass(frozen=True)
class SellerLeads:
    """One seller's week: how many leads came in, were reviewed, converted, dropped."""

    id: str
    login: str
    name: str
    new: int = 0
    reviewed: int = 0
    converted: int = 0
    dropped: int = 0

    @property
    def display(self) -> str:
        return self.name or self.login

    def count(self, status: str) -> int:
        return int(getattr(self, status))


@dataclass(frozen=True)
class LeadRow:
    """A lead with a step in the week (``steps``: which, in meeting order)."""

    id: str
    name: str
    account: str
    seller: str
    source: str
    referred_by: str
    nurturer: str
    status: str
    has_budget: bool
    opened_on: date
    reviewed_on: date | None
    converted_on: date | None
    dropped_on: date | None
    steps: tuple[str, ...]

    @property
    def maturity(self) -> str:
        return "mature" if self.has_budget else "early"


@dataclass(frozen=True)
class LeadMeeting:
    week: str  # 2026-W49
    start: date  # Monday
    sellers: tuple[SellerLeads, ...]
    leads: tuple[LeadRow, ...]

    @property
    def last_day(self) -> date:
        return self.start + timedelta(days=6)

    def total(self, status: str) -> int:
        return sum(s.count(status) for s in self.sellers)


def _marks(ids: Sequence[str]) -> str:
    return ", ".join("?" * len(ids))


_LEADS = (
    "SELECT o.id, o.name, a.name, o.owner_id, o.lead_source, coalesce(ra.name, ''), "
    "coalesce(rc.name, ''), coalesce(nullif(n.name, ''), n.login, ''), o.lead_status, "
    "o.has_budget, o.opened_on, o.reviewed_on, o.converted_on, o.dropped_on "
    "FROM opportunities o JOIN accounts a ON a.id = o.account_id AND a.deleted = 0 "
    "LEFT JOIN accounts ra ON ra.id = o.referred_account_id "
    "LEFT JOIN contacts rc ON rc.id = o.referred_contact_id "
    "LEFT JOIN users n ON n.id = o.nurturer_id "
    "WHERE o.deleted = 0 AND o.lead_status != '' AND o.owner_id IN ({owners}) AND ({when}) "
    "ORDER BY o.opened_on, o.name, o.id"
)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def lead_meeting(conn: sqlite3.Connection, owners: Sequence[str], start: date) -> LeadMeeting:
    """The week from Monday ``start``: every seller in ``owners`` (zeros included, by name)
    and each lead with a step in the week."""
    ids = list(owners)
    end = start + timedelta(days=7)
    when = " OR ".join(f"(o.{col} >= ? AND o.{col} < ?)" for col in STEP_DAYS.values())
    bounds = [start.isoformat(), end.isoformat()] * len(STEP_DAYS)
    rows = (
        conn.execute(_LEADS.format(owners=_marks(ids), when=when), [*ids, *bounds]).fetchall()
        if ids
        else []
    )
    people = {
        uid: (login, name)
        for uid, login, name in conn.execute(
            f"SELECT id, login, name FROM users WHERE id IN ({_marks(ids)})", ids
        )
    }
    counts: dict[str, dict[str, int]] = {uid: dict.fromkeys(STATUSES, 0) for uid in people}
    leads = []
    for row in rows:
        oid, name, account, owner, source, ref_account, ref_contact, nurturer, status = row[:9]
        days = {s: _day(v) for s, v in zip(STEP_DAYS, row[10:], strict=True)}
        steps = tuple(s for s in STATUSES if (d := days[s]) is not None and start <= d < end)
        for step in steps:
            counts.setdefault(owner, dict.fromkeys(STATUSES, 0))[step] += 1
        seller = people.get(owner, ("", ""))
        leads.append(
            LeadRow(
                oid,
                name,
                account,
                seller[1] or seller[0],
                source,
                referral_text(ref_account, ref_contact),
                nurturer,
                status,
                bool(row[9]),
                days["new"] or start,
                days["reviewed"],
                days["converted"],
                days["dropped"],
                steps,
            )
        )
    sellers = sorted(
        (
            SellerLeads(uid, *people.get(uid, ("", "")), *(found[s] for s in STATUSES))
            for uid, found in counts.items()
        ),
        key=lambda s: (s.display.casefold(), s.id),
    )
    return LeadMeeting(_week_key(start), start, tuple(sellers), tuple(leads))


def load_meeting(db: Database, viewer_id: str, start: date) -> LeadMeeting:
    """:func:`lead_meeting` of everyone below ``viewer_id`` (themselves included), in a read
    of its own (the app's worker)."""
    from katerm.core.team import below

    with db.reading() as conn:
        return lead_meeting(conn, below(conn, viewer_id), start)


def load_details(db: Database, opportunity_id: str) -> dict[str, str]:
    """A lead's details as a form shows them: ``lead_source``, ``referred_by`` (``account /
    contact``) and ``nurturer`` (a login); empty strings when unset."""
    with db.reading() as conn:
        row = conn.execute(
            "SELECT o.lead_source, coalesce(ra.name, ''), coalesce(rc.name, ''), "
            "coalesce(n.login, '') FROM opportunities o "
            "LEFT JOIN accounts ra ON ra.id = o.referred_account_id "
            "LEFT JOIN contacts rc ON rc.id = o.referred_contact_id "
            "LEFT JOIN users n ON n.id = o.nurturer_id WHERE o.id = ?",
            (opportunity_id,),
        ).fetchone()
    if row is None:
        return {"lead_source": "", "referred_by": "", "nurturer": ""}
    return {
        "lead_source": row[0],
        "referred_by": referral_text(row[1], row[2]),
        "nurturer": row[3],
    }


def _week_key(start: date) -> str:
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


def meeting_json(meeting: LeadMeeting) -> dict[str, Any]:
    """What ``katerm leads --format json`` prints: the week, totals, sellers and leads."""

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "week": meeting.week,
        "from": meeting.start.isoformat(),
        "to": meeting.last_day.isoformat(),
        "total": {s: meeting.total(s) for s in STATUSES},
        "sellers": [
            {"login": s.login, "name": s.name, **{k: s.count(k) for k in STATUSES}}
            for s in meeting.sellers
        ],
        "leads": [
            {
                "name": r.name,
                "account": r.account,
                "seller": r.seller,
                "source": r.source,
                "referred_by": r.referred_by,
                "nurturer": r.nurturer,
                "status": r.status,
                "maturity": r.maturity,
                "opened_on": day(r.opened_on),
                "reviewed_on": day(r.reviewed_on),
                "converted_on": day(r.converted_on),
                "dropped_on": day(r.dropped_on),
                "this_week": list(r.steps),
            }
            for r in meeting.leads
        ],
    }


def new_key_accounts(
    conn: sqlite3.Connection, owners: Sequence[str], start: date, end: date
) -> dict[str, int]:
    """Owner id -> new key accounts in [start, end): accounts where the seller converted a
    lead in the period and that had no order won before it (a new customer, not a repeat
    order). Every owner given, zeros included."""
    ids = list(owners)
    out = dict.fromkeys(ids, 0)
    if not ids:
        return out
    sql = (
        "SELECT o.owner_id, count(DISTINCT o.account_id) FROM opportunities o "
        # +owner_id: the period's few conversions by their day (migration 0026), not every
        # order of the owners by the owner index.
        f"WHERE o.deleted = 0 AND +o.owner_id IN ({_marks(ids)}) AND o.lead_status = 'converted' "
        "AND o.converted_on >= ? AND o.converted_on < ? "
        "AND o.account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1) "
        "AND NOT EXISTS (SELECT 1 FROM opportunities w WHERE w.account_id = o.account_id "
        "AND w.deleted = 0 AND w.outcome = 'won' AND w.closed_on < ?) "
        "GROUP BY o.owner_id"
    )
    for owner, count in conn.execute(
        sql, (*ids, start.isoformat(), end.isoformat(), start.isoformat())
    ):
        out[owner] = int(count)
    return out
