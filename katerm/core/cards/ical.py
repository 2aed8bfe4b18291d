"""`katerm calendar`: key dates, card reviews and gap actions as an iCalendar file.

Everything is an all-day event. A yearly key date is one event repeating every year
(``RRULE:FREQ=YEARLY``; 29 February repeats on the last day of February), starting on its
next occurrence. Card reviews and the relationship-gap table's open actions (when that table
exists) appear on their due day, overdue ones included, so nothing late is lost. Event UIDs
are stable, so importing a newer file updates the events instead of doubling them.
Birthdays and other personal dates are left out unless asked for. Events carry an alarm
(VALARM) at the reminder rules' lead time when the caller gives them.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from katerm.core.cards.due import DueDate, due_key_dates, due_reviews
from katerm.core.errors import BadInput
from katerm.i18n import t

PRODID = "-//katerm//key account calendar//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    on: date
    summary: str
    description: str = ""
    yearly: bool = False
    category: str = ""
    leap_day: bool = False  # a yearly 29 February: the last day of February every year
    alarm_days: int | None = None  # a reminder (VALARM) this many days before; None: none


def _gap_actions(
    conn: sqlite3.Connection, owners: list[str], until: date
) -> list[tuple[str, date, str, str, str]]:
    """Open gap actions with a due date by ``until``: (id, due, action, person, account)."""
    if (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gap_rows'"
        ).fetchone()
        is None
    ):
        return []
    marks = ", ".join("?" * len(owners))
    rows = conn.execute(
        "SELECT g.id, g.due_date, g.next_action, coalesce(c.name, ''), a.name FROM gap_rows g "
        "JOIN accounts a ON a.id = g.account_id AND a.deleted = 0 "
        "LEFT JOIN contacts c ON c.id = g.contact_id "
        f"WHERE g.deleted = 0 AND g.status = 'open' AND g.owner_id IN ({marks}) "
        "AND g.due_date IS NOT NULL AND g.due_date != '' AND g.due_date <= ? "
        "ORDER BY g.due_date, g.id",
        (*owners, until.isoformat()),
    ).fetchall()
    out = []
    for gid, due, action, who, account in rows:
        try:
            out.append((gid, date.fromisoformat(str(due)[:10]), action or "", who, account))
        except ValueError:
            continue  # a malformed date is the gap table's to report, not the calendar's
    return out


def _date_summary(d: DueDate) -> str:
    what = d.label or t(f"cards.date_kind.{d.kind}")
    if d.contact_name:
        return t("cards.ics.person_date", what=what, who=d.contact_name, account=d.account_name)
    return t("cards.ics.account_date", what=what, account=d.account_name)


def calendar_events(
    conn: sqlite3.Connection,
    owners: list[str],
    today: date,
    days: int,
    *,
    include_personal: bool = False,
    leads: Mapping[str, int] | None = None,
) -> list[CalendarEvent]:
    """The events for the accounts of ``owners`` from ``today`` for ``days`` days.

    ``leads`` gives each event an alarm that many days ahead, by what it is: a key date's
    kind, ``card_review`` or ``gap_action`` (the reminder rules, ``katerm.core.reminders``).
    A lunar yearly date has no Gregorian repeat rule: it is one event per year it falls in.
    """
    lead = dict(leads or {})
    end = today + timedelta(days=days)
    events: list[CalendarEvent] = []
    seen: set[str] = set()
    for d in due_key_dates(conn, owners, today, end, include_personal=include_personal):
        uid = f"{d.source}-{d.source_id}" + (f"-{d.on.year}" if d.lunar else "") + "@katerm"
        if uid in seen:  # a yearly date repeats by its rule, not as more events
            continue
        seen.add(uid)
        events.append(
            CalendarEvent(
                uid,
                d.on,
                _date_summary(d),
                "",
                d.yearly and not d.lunar,
                t(f"cards.date_kind.{d.kind}"),
                d.month_day == "02-29",
                lead.get(d.kind),
            )
        )
    for r in due_reviews(conn, owners, end):
        events.append(
            CalendarEvent(
                f"review-{r.card_id}@katerm",
                r.on,
                t("cards.ics.review", name=r.contact_name, account=r.account_name),
                category=t("cards.ics.review_category"),
                alarm_days=lead.get("card_review"),
            )
        )
    for gid, due, action, who, account in _gap_actions(conn, owners, end):
        events.append(
            CalendarEvent(
                f"gap-{gid}@katerm",
                due,
                t("cards.ics.gap_action", action=action, who=who or account),
                t("cards.ics.gap_description", account=account),
                category=t("cards.ics.gap_category"),
                alarm_days=lead.get("gap_action"),
            )
        )
    events.sort(key=lambda e: (e.on, e.summary, e.uid))
    return events


def to_ical(events: list[CalendarEvent], *, stamp: datetime) -> bytes:
    """The events as an iCalendar (RFC 5545) document."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", t("cards.ics.name"))
    for e in events:
        ev = Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.on)
        ev.add("dtend", e.on + timedelta(days=1))
        ev.add("summary", e.summary)
        if e.description:
            ev.add("description", e.description)
        if e.category:
            ev.add("categories", [e.category])
        ev.add("transp", "TRANSPARENT")  # an all-day reminder, not a busy day
        if e.alarm_days is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", e.summary)
            # An all-day event starts at midnight: the alarm rings at nine, N days before.
            alarm.add("trigger", timedelta(days=-e.alarm_days, hours=9))
            ev.add_component(alarm)
        if e.yearly:
            if e.leap_day:
                ev.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
            else:
                ev.add("rrule", {"freq": "yearly"})
        cal.add_component(ev)
    return cal.to_ical()


def write_calendar(path: str | Path, data: bytes) -> None:
    """Write the file whole or not at all: a temporary file beside it, then a rename."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise BadInput("io.err.is_directory", path=str(path))
    if not target.parent.is_dir():
        raise BadInput("io.err.no_folder", path=str(target.parent))
    tmp = None
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        with open(handle, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise BadInput(
            "io.err.cannot_write", path=str(path), detail=exc.strerror or str(exc)
        ) from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
