"""``katerm calendar`` with the reminder rules: every event has an alarm (VALARM) at the same
lead as my day's "Coming up", and plan actions, joint-plan milestones and four-order limits
are events too.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import TYPE_CHECKING

from katerm.core.reminders.read import coming_up
from katerm.core.reminders.rules import DEFAULT_REMINDERS, ReminderRules

if TYPE_CHECKING:
    from katerm.core.cards import CalendarEvent
    from katerm.core.pipeline import OrderRules

_EXTRA = ("plan_action", "joint_milestone", "order_limit")


def calendar_days_before(day: date, working_days: int) -> int:
    """How many calendar days before ``day`` lie ``working_days`` working days (an order's
    alarm: 3 working days before a Monday limit is the Wednesday before, 5 days)."""
    from katerm.core.reminders.rules import working_days_until

    back = 0
    while back < 366 and working_days_until(day - timedelta(days=back), day) < working_days:
        back += 1
    return back


def reminder_events(
    conn: sqlite3.Connection,
    owners: list[str],
    today: date,
    days: int,
    *,
    include_personal: bool = False,
    rules: ReminderRules = DEFAULT_REMINDERS,
    orders: OrderRules | None = None,
) -> list[CalendarEvent]:
    """The calendar's events for ``days`` days from ``today``, each with its alarm."""
    from katerm.core.cards import CalendarEvent, calendar_events
    from katerm.i18n import t

    leads = {k: rules.lead(k) for k in ("card_review", "gap_action")}
    leads.update({k: rules.lead(k) for k in ("birthday", "anniversary", "company_event")})
    leads.update({k: rules.lead(k) for k in ("holiday", "other")})
    events = calendar_events(
        conn, owners, today, days, include_personal=include_personal, leads=leads
    )
    # Seen from the last day of the range, everything dated up to it is "coming up" once its
    # lead is stretched to the whole range; the rules' own lead becomes the alarm.
    wide = ReminderRules({**rules.leads, **{k: days for k in _EXTRA}})
    for r in coming_up(conn, owners, today, wide, orders):
        if r.kind not in _EXTRA:
            continue
        lead = rules.lead(r.kind)
        alarm = calendar_days_before(r.on, lead) if r.kind == "order_limit" else lead
        events.append(
            CalendarEvent(
                f"{r.kind}-{r.ref}-{r.on.isoformat()}@katerm",
                r.on,
                r.label,
                t("reminders.ics_description", account=r.account),
                category=t(f"reminders.kind.{r.kind}"),
                alarm_days=alarm,
            )
        )
    events.sort(key=lambda e: (e.on, e.summary, e.uid))
    return events
