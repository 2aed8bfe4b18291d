"""What falls due: key dates (birthdays included) and card reviews in a range of days.

Yearly dates come back every year on their month and day; 29 February falls on the 28th in
other years, as birthdays always have in the daily checklist; lunar ones
(:mod:`katerm.core.cards.lunar`) on their Gregorian day of each year. Rows of deleted accounts or
people are left out; so are the people who left the company, except their yearly personal
dates (a birthday greeting still reaches someone who moved on).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from katerm.core.cards.lunar import is_lunar, lunar_days, parts
from katerm.core.cards.schedule import on_in_year
from katerm.core.store import read_memo


@dataclass(frozen=True)
class DueDate:
    """A key date on ``on``. ``kind`` is a key-date kind; ``source`` is ``contact`` for a
    birthday kept on the contact, ``key_date`` for a row of the key-date table."""

    on: date
    kind: str
    label: str
    yearly: bool
    personal: bool
    source: str
    source_id: str
    account_id: str
    account_name: str
    contact_id: str | None = None
    contact_name: str = ""
    since: int | None = None  # the year it started, when known (birth year, founding year)
    month_day: str = ""  # MM-DD of a yearly date (02-29 falls on 02-28 in other years)
    lunar: bool = False  # a lunar date: a different Gregorian day every year

    @property
    def who(self) -> str:
        return self.contact_name or self.account_name


@dataclass(frozen=True)
class DueReview:
    card_id: str
    on: date
    contact_id: str
    contact_name: str
    account_id: str
    account_name: str
    owner_id: str


def _month_days(start: date, end: date) -> dict[str, list[date]]:
    """MM-DD -> the days in [start, end] a yearly date with that month and day falls on."""
    found: dict[str, list[date]] = {}
    day = start
    while day <= end:
        found.setdefault(f"{day:%m-%d}", []).append(day)
        if day.month == 2 and day.day == 28 and on_in_year(2, 29, day.year) == day:
            found.setdefault("02-29", []).append(day)
        day += timedelta(days=1)
    return found


def _in(values: Sequence[str]) -> str:
    return ", ".join("?" * len(values))


def due_key_dates(
    conn: sqlite3.Connection,
    owner_ids: Sequence[str],
    start: date,
    end: date,
    *,
    include_personal: bool = True,
) -> list[DueDate]:
    """Key dates of the owners' accounts falling in [start, end], by day then who.

    Birthdays come from the contacts' ``birthday`` and from key dates of kind ``birthday``;
    personal dates are left out unless ``include_personal``.
    """
    if not owner_ids or end < start:
        return []
    days = _month_days(start, end)
    owners = list(owner_ids)
    out: list[DueDate] = []
    if include_personal:
        for cid, name, account_id, account, born in conn.execute(
            "SELECT c.id, c.name, a.id, a.name, c.birthday FROM contacts c "
            "JOIN accounts a ON a.id = c.account_id AND a.deleted = 0 "
            f"WHERE c.owner_id IN ({_in(owners)}) AND c.deleted = 0 "
            f"AND c.birthday IS NOT NULL AND substr(c.birthday, 6, 5) IN ({_in(list(days))})",
            (*owners, *days),
        ):
            for on in days[born[5:10]]:
                out.append(
                    DueDate(
                        on,
                        "birthday",
                        "",
                        True,
                        True,
                        "contact",
                        cid,
                        account_id,
                        account,
                        cid,
                        name,
                        int(born[:4]),
                        born[5:10],
                    )
                )
    personal = "" if include_personal else " AND k.personal = 0"
    select = (
        "SELECT k.id, k.kind, k.day, k.yearly, k.label, k.personal, a.id, a.name, c.id, "
        "c.name, c.left_on FROM key_dates k "
        "JOIN accounts a ON a.id = k.account_id AND a.deleted = 0 "
        "LEFT JOIN contacts c ON c.id = k.contact_id "
        f"WHERE k.owner_id IN ({_in(owners)}) AND k.deleted = 0{personal} "
        "AND (k.contact_id IS NULL OR c.deleted = 0) AND "
    )
    rows = conn.execute(
        select + "k.day NOT LIKE 'L%' AND ("
        f"(k.yearly = 1 AND substr(k.day, -5) IN ({_in(list(days))})) "
        "OR (k.yearly = 0 AND k.day BETWEEN ? AND ?))",
        (*owners, *days, start.isoformat(), end.isoformat()),
    ).fetchall()
    lunar = conn.execute(select + "k.day LIKE 'L%'", owners).fetchall()
    for kid, kind, day, yearly, label, pers, account_id, account, cid, cname, left in (
        *rows,
        *lunar,
    ):
        if left and not (yearly and pers):
            continue
        if is_lunar(day):
            try:
                since, ons = parts(day)[0], lunar_days(day, start, end)
            except ValueError:
                continue  # a malformed row is the sync check's to refuse, not ours
            out.extend(
                DueDate(
                    on,
                    kind,
                    label,
                    True,
                    bool(pers),
                    "key_date",
                    kid,
                    account_id,
                    account,
                    cid,
                    cname or "",
                    since,
                    "",
                    lunar=True,
                )
                for on in ons
            )
            continue
        since = int(day[:4]) if len(day) == 10 else None
        ons = days[day[-5:]] if yearly else [date.fromisoformat(day)]
        for on in ons:
            if since is not None and yearly and on.year < since:
                continue
            out.append(
                DueDate(
                    on,
                    kind,
                    label,
                    bool(yearly),
                    bool(pers),
                    "key_date",
                    kid,
                    account_id,
                    account,
                    cid,
                    cname or "",
                    since,
                    day[-5:] if yearly else "",
                )
            )
    out.sort(key=lambda d: (d.on, d.who, d.kind, d.label, d.source_id))
    return out


def due_reviews(
    conn: sqlite3.Connection, owner_ids: Sequence[str], until: date, since: date | None = None
) -> list[DueReview]:
    """Cards whose next review is due by ``until`` (and not before ``since``), for cards the
    given people look after (the relationship owner, else the account's owner).

    Read once per read (``Database.reading``): asked again in the same read for the same people
    up to the same day or an earlier one (my day's checklist, then its "Coming up"), the rows
    come from the read's memo; :func:`share_due_reviews` reads the widest range first."""
    if not owner_ids:
        return []
    owners = list(owner_ids)
    memo = read_memo(conn)
    key = ("due_reviews", tuple(owners), since)
    known = memo.get(key) if memo is not None else None
    if known is not None and known[0] >= until:
        return [r for r in known[1] if r.on <= until]  # rows come by day: the same order
    lower = " AND k.next_review >= ?" if since else ""
    bounds = (until.isoformat(), *((since.isoformat(),) if since else ()))
    select = (
        "SELECT k.id, k.next_review, c.id, c.name, a.id, a.name, "
        "coalesce(c.covered_by, k.owner_id) FROM expansion_cards k "
        "JOIN contacts c ON c.id = k.contact_id AND c.deleted = 0 AND c.left_on IS NULL "
        "JOIN accounts a ON a.id = k.account_id AND a.deleted = 0 "
        f"WHERE k.deleted = 0 AND k.next_review IS NOT NULL AND k.next_review <= ?{lower} AND "
    )
    marks = _in(owners)
    if _few_cards(conn, owners):  # by index: their contacts' cards, then the cards they own
        sql = (
            f"{select}c.covered_by IN ({marks}) UNION ALL "
            f"{select}c.covered_by IS NULL AND k.owner_id IN ({marks}) ORDER BY 2, 4, 1"
        )
        args: tuple[str, ...] = (*bounds, *owners, *bounds, *owners)
    else:  # every card, once
        sql = f"{select}coalesce(c.covered_by, k.owner_id) IN ({marks}) ORDER BY 2, 4, 1"
        args = (*bounds, *owners)
    found = [DueReview(r[0], date.fromisoformat(r[1]), *r[2:]) for r in conn.execute(sql, args)]
    if memo is not None:
        memo[key] = (until, found)
    return found


def _few_cards(conn: sqlite3.Connection, owners: list[str]) -> bool:
    """Do these people look after few of the cards (under an eighth: a manager, a new seller)?
    Then reading their contacts' cards and their own by index beats reading every card and its
    contact; for a seller with a big book it is the other way round. Counted in the indexes,
    and only up to that eighth."""
    marks = _in(owners)
    (cards,) = conn.execute("SELECT max(rowid) FROM expansion_cards").fetchone()
    room = (cards or 0) // 8
    (mine,) = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM contacts WHERE covered_by IN ({marks}) "
        f"UNION ALL SELECT 1 FROM expansion_cards WHERE owner_id IN ({marks}) LIMIT ?)",
        (*owners, *owners, room),
    ).fetchone()
    return bool(mine < room)


def share_due_reviews(conn: sqlite3.Connection, owner_ids: Sequence[str], until: date) -> None:
    """Inside one read, the card reviews due by ``until`` read now and kept for the read:
    whatever asks later in it for the same people up to ``until`` or before (my day's
    checklist asks up to today, its "Coming up" a few days further) reads them from memory."""
    due_reviews(conn, owner_ids, until)
