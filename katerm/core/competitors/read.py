"""Reading competitors: the team's list, where they are present, who favours them, and how
we did against each (won, lost, still open)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from katerm.core.errors import BadInput, NotFound
from katerm.core.store import in_clause, name_key, winners

# The seed's questions about a competitor at a customer (LTC 与铁三角): who they are here,
# their relationships at this customer, their strengths, their offer, their strategy, and
# the customer's attitude to them.
QUESTIONS = ("profile", "relationships", "strengths", "offer", "strategy", "customer_attitude")
# A winner saying the customer bought from nobody (the purchase was dropped).
NOBODY = frozenset({"nobody", "none", "no one", "无", "没有", "客户放弃"})


@dataclass(frozen=True)
class CompetitorRecord:
    id: str
    name: str
    notes: str


@dataclass(frozen=True)
class Presence:
    """A competitor at an account, or in one of its opportunities, with the answers."""

    id: str
    competitor_id: str
    competitor: str
    account_id: str
    account: str
    opportunity_id: str | None
    opportunity: str
    answers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Favourer:
    """A customer person who favours a competitor, and how strongly."""

    contact_id: str
    name: str
    title: str
    influence: str
    competitor: str
    strength: str


@dataclass
class WinLoss:
    """Our record against one competitor: orders won with them in the race, orders lost to
    them, orders still open with them in the race."""

    competitor: str
    won: int = 0
    lost: int = 0
    open: int = 0
    won_amount: float = 0.0
    lost_amount: float = 0.0

    @property
    def win_rate(self) -> float | None:
        decided = self.won + self.lost
        return None if decided == 0 else self.won / decided


def list_competitors(conn: sqlite3.Connection) -> list[CompetitorRecord]:
    """The team's competitors, by name: everyone's lists as one, a name that several members
    listed once (the most senior one's row: ``store.winners``)."""
    rows = winners(
        conn, "competitors", ("name",), ("id", "name", "notes"), fold=lambda k: (name_key(k[0]),)
    ).values()
    return sorted((CompetitorRecord(*r[:3]) for r in rows), key=lambda c: c.name.casefold())


def find_competitor(conn: sqlite3.Connection, name: str) -> CompetitorRecord | None:
    """The listed competitor called ``name`` (case, width and spaces ignored), or None."""
    key = name_key(name)
    return next((c for c in list_competitors(conn) if name_key(c.name) == key), None)


def presences(
    conn: sqlite3.Connection,
    *,
    account_id: str | None = None,
    opportunity_id: str | None = None,
) -> list[Presence]:
    """Live presences (of live accounts), by account, then account-wide before an
    opportunity's, then competitor."""
    sql = (
        "SELECT p.id, p.competitor_id, c.name, p.account_id, a.name, p.opportunity_id, "
        "coalesce(o.name, ''), " + ", ".join(f"p.{q}" for q in QUESTIONS) + " "
        "FROM competitor_presences p JOIN competitors c ON c.id = p.competitor_id "
        "JOIN accounts a ON a.id = p.account_id "
        "LEFT JOIN opportunities o ON o.id = p.opportunity_id AND o.deleted = 0 "
        "WHERE p.deleted = 0 AND a.deleted = 0"
    )
    params: list[str] = []
    if account_id is not None:
        sql += " AND p.account_id = ?"
        params.append(account_id)
    if opportunity_id is not None:
        sql += " AND p.opportunity_id = ?"
        params.append(opportunity_id)
    sql += " ORDER BY a.name, p.opportunity_id IS NOT NULL, o.name, c.name COLLATE NOCASE"
    return [
        Presence(r[0], r[1], r[2], r[3], r[4], r[5], r[6], dict(zip(QUESTIONS, r[7:], strict=True)))
        for r in conn.execute(sql, params)
    ]


def favourers(conn: sqlite3.Connection, account_id: str) -> list[Favourer]:
    """The account's current people who favour a competitor, the strongest first."""
    rows = conn.execute(
        "SELECT id, name, title, influence, favours_competitor, favour_strength FROM contacts "
        "WHERE account_id = ? AND deleted = 0 AND left_on IS NULL AND favours_competitor != '' "
        "ORDER BY CASE favour_strength WHEN 'strong' THEN 0 WHEN 'medium' THEN 1 "
        "WHEN 'weak' THEN 2 ELSE 3 END, name",
        (account_id,),
    )
    return [Favourer(*r) for r in rows]


def win_loss(
    conn: sqlite3.Connection,
    owner_ids: Iterable[str] | None = None,
    *,
    since: date | None = None,
    until: date | None = None,
) -> list[WinLoss]:
    """Won, lost and open orders per competitor, most decided first.

    A listed competitor is in an order's race when the order's competitors field names it or
    a presence records it there; a lost order counts against its winner. ``since``/``until``
    (inclusive) keep the won and lost orders closed in that period (the monthly review's
    month); open orders count whatever the period. Orders of ``owner_ids`` (None: all).
    Winners not on the team's list still show, so no loss is hidden; "nobody" is left out.
    """
    listed = {name_key(c.name): c.name for c in list_competitors(conn)}
    raced: dict[str, set[str]] = {}
    for opp_id, name in conn.execute(
        "SELECT p.opportunity_id, c.name FROM competitor_presences p "
        "JOIN competitors c ON c.id = p.competitor_id "
        "WHERE p.deleted = 0 AND p.opportunity_id IS NOT NULL"
    ):
        raced.setdefault(opp_id, set()).add(name_key(name))
    owners, params = in_clause("owner_id", owner_ids)
    rows = conn.execute(
        "SELECT id, outcome, amount, competitors, winner, closed_on FROM opportunities "
        "WHERE deleted = 0 AND outcome IN ('open', 'won', 'lost') "
        "AND account_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)" + owners,
        params,
    )
    table: dict[str, WinLoss] = {}

    def entry(name: str) -> WinLoss:
        key = name_key(name)
        if key not in table:
            table[key] = WinLoss(listed.get(key, name.strip()))
        return table[key]

    for opp_id, outcome, amount, named, winner, closed_on in rows:
        if outcome != "open" and not _in_period(closed_on, since, until):
            continue
        if outcome == "lost":
            if winner and winner.strip().casefold() not in NOBODY:
                found = entry(winner)
                found.lost += 1
                found.lost_amount += amount or 0.0
            continue
        # The competitors field is free text ("Globex and a local firm"): a listed name in it
        # puts that competitor in the race; what else it says is not a competitor's name.
        said = name_key(named or "")
        keys = {k for k in listed if k and k in said} | raced.get(opp_id, set())
        for key in keys:
            found = entry(listed.get(key, key))
            if outcome == "won":
                found.won += 1
                found.won_amount += amount or 0.0
            else:
                found.open += 1
    for name in listed.values():
        entry(name)
    return sorted(table.values(), key=lambda w: (-(w.won + w.lost), -w.open, w.competitor))


def _in_period(closed_on: str | None, since: date | None, until: date | None) -> bool:
    if since is None and until is None:
        return True
    if not closed_on:
        return False
    day = date.fromisoformat(closed_on)
    return (since is None or day >= since) and (until is None or day <= until)


def resolve_opportunity(
    conn: sqlite3.Connection, text: str, owner_ids: Iterable[str] | None = None
) -> tuple[str, str, str]:
    """(id, name, account id) of the one live opportunity ``text`` names among those
    ``owner_ids`` own: its id, or its name (case and width ignored). NotFound or BadInput
    (several match: give the id) otherwise."""
    wanted = text.strip()
    owners, params = in_clause("o.owner_id", owner_ids)
    base = (
        "SELECT o.id, o.name, o.account_id, a.name FROM opportunities o "
        "JOIN accounts a ON a.id = o.account_id WHERE o.deleted = 0 AND a.deleted = 0" + owners
    )
    rows = conn.execute(base + " AND o.id = ?", [*params, wanted]).fetchall()
    if not rows:
        key = name_key(wanted)
        rows = [r for r in conn.execute(base, params) if name_key(r[1]) == key]
    if not rows:
        raise NotFound("competitors.unknown_opportunity", name=text)
    if len(rows) > 1:
        raise BadInput(
            "competitors.several_opportunities",
            name=text,
            choices="; ".join(f"{r[0]} ({r[3]})" for r in rows[:5]),
        )
    return rows[0][0], rows[0][1], rows[0][2]


@dataclass(frozen=True)
class AccountCompetitors:
    """What the account screen's Competitors tab shows, read at once."""

    presences: list[Presence]
    favourers: list[Favourer]
    listed: list[CompetitorRecord]
    opportunities: list[tuple[str, str]]  # (name, id) of the orders still worked for


def load_account_competitors(db: object, account_id: str) -> AccountCompetitors:
    """The account's competitors, who favours them, the team's list and the account's
    orders still worked for, in a read of its own."""
    with db.reading() as conn:  # type: ignore[attr-defined]
        orders = conn.execute(
            "SELECT name, id FROM opportunities WHERE account_id = ? AND deleted = 0 "
            "AND outcome IN ('open', 'won') ORDER BY name",
            (account_id,),
        ).fetchall()
        return AccountCompetitors(
            presences(conn, account_id=account_id),
            favourers(conn, account_id),
            list_competitors(conn),
            [(r[0], r[1]) for r in orders],
        )


def load_team_list(db: object) -> list[CompetitorRecord]:
    """The team's competitors, by name, in a read of its own (the app's list dialog)."""
    with db.reading() as conn:  # type: ignore[attr-defined]
        return list_competitors(conn)
