"""What is coming up for some people from a day on, by the reminder rules.

Each source is one query over the people's rows: key dates (birthdays included, lunar ones on
their day of the year), expansion-card reviews, open relationship-gap actions, open plan
actions and joint-plan milestones, four-order milestones near their limit (not yet stuck:
the evening review lists stuck ones), and escalated customer-voice issues until closed.
Overdue gap actions, card reviews, plan actions and milestones stay until they are done.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from katerm.core.reminders.rules import DEFAULT_REMINDERS, ReminderRules, working_days_until
from katerm.i18n import has_key, t

if TYPE_CHECKING:
    from katerm.core.pipeline import OrderRules

KINDS = (
    "key_date",
    "card_review",
    "gap_action",
    "plan_action",
    "joint_milestone",
    "order_limit",
    "voice",
)


@dataclass(frozen=True)
class Reminder:
    """One thing coming up. ``on`` is its day (the birthday, the due day, the limit);
    ``days_left`` counts to it from the day asked about (working days for an order's limit;
    negative when overdue); ``lead`` is the rule's days ahead (the calendar's alarm)."""

    kind: str  # one of KINDS
    on: date
    label: str
    account_id: str
    account: str
    ref: str  # the row: key date, card, gap row, plan item, opportunity, voice issue
    days_left: int
    lead: int
    owner_id: str = ""

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def when(self) -> str:
        """``today``, ``in 3 days``, ``2 days overdue`` in the user's language."""
        if self.days_left == 0:
            return t("reminders.today")
        if self.days_left < 0:
            days = -self.days_left
            return t("reminders.overdue_one") if days == 1 else t("reminders.overdue", days=days)
        if self.kind == "order_limit":
            one, key = "reminders.working_day_left", "reminders.working_days_left"
        else:
            one, key = "reminders.tomorrow", "reminders.in_days"
        return t(one) if self.days_left == 1 else t(key, days=self.days_left)


def _milestone(key: str) -> str:
    """A milestone's name, or its key (a milestone the team added in the settings)."""
    name = f"orders.milestone.{key}"
    return t(name) if has_key(name, "en") else key


def _marks(values: Sequence[str]) -> str:
    return ", ".join("?" * len(values))


def _key_dates(
    conn: sqlite3.Connection, owners: list[str], day: date, rules: ReminderRules
) -> list[Reminder]:
    from katerm.core.cards import due_key_dates

    out = []
    for d in due_key_dates(conn, owners, day, day + timedelta(days=rules.longest)):
        left = (d.on - day).days
        if left > rules.lead(d.kind):
            continue
        what = d.label or t(f"cards.date_kind.{d.kind}")
        label = t("reminders.key_date", what=what, who=d.who)
        out.append(
            Reminder(
                "key_date",
                d.on,
                label,
                d.account_id,
                d.account_name,
                d.source_id,
                left,
                rules.lead(d.kind),
            )
        )
    return out


def _card_reviews(
    conn: sqlite3.Connection, owners: list[str], day: date, rules: ReminderRules
) -> list[Reminder]:
    from katerm.core.cards import due_reviews

    lead = rules.lead("card_review")
    return [
        Reminder(
            "card_review",
            r.on,
            t("cards.review_due", name=r.contact_name),
            r.account_id,
            r.account_name,
            r.card_id,
            (r.on - day).days,
            lead,
            r.owner_id,
        )
        for r in due_reviews(conn, owners, day + timedelta(days=lead))
    ]


def _dated_rows(
    conn: sqlite3.Connection, owners: list[str], day: date, rules: ReminderRules
) -> list[Reminder]:
    """Gap actions, plan actions and joint-plan milestones: open, due by their lead."""
    out = []
    lead = rules.lead("gap_action")
    for gid, due, action, who, account_id, account, owner in conn.execute(
        "SELECT g.id, g.due_date, g.next_action, coalesce(c.name, ''), a.id, a.name, "
        "g.owner_id FROM gap_rows g JOIN accounts a ON a.id = g.account_id AND a.deleted = 0 "
        "LEFT JOIN contacts c ON c.id = g.contact_id "
        f"WHERE g.deleted = 0 AND g.status = 'open' AND g.owner_id IN ({_marks(owners)}) "
        "AND g.due_date IS NOT NULL AND g.due_date != '' AND g.due_date <= ?",
        (*owners, (day + timedelta(days=lead)).isoformat()),
    ):
        try:
            on = date.fromisoformat(str(due)[:10])
        except ValueError:
            continue
        label = f"{action} · {who}" if who else str(action)
        out.append(
            Reminder(
                "gap_action", on, label, account_id, account, gid, (on - day).days, lead, owner
            )
        )
    for kind in ("plan_action", "joint_milestone"):
        lead = rules.lead(kind)
        stored = "action" if kind == "plan_action" else "joint_milestone"
        for pid, due, title, account_id, account, owner in conn.execute(
            "SELECT p.id, p.due_on, p.title, a.id, a.name, coalesce(p.person_id, p.owner_id) "
            "FROM plan_items p JOIN accounts a ON a.id = p.account_id AND a.deleted = 0 "
            "WHERE p.deleted = 0 AND p.kind = ? AND p.status IN ('', 'open') "
            f"AND coalesce(p.person_id, p.owner_id) IN ({_marks(owners)}) "
            "AND p.due_on IS NOT NULL AND p.due_on <= ?",
            (stored, *owners, (day + timedelta(days=lead)).isoformat()),
        ):
            on = date.fromisoformat(str(due)[:10])
            label = t(f"reminders.{kind}", title=title)
            out.append(
                Reminder(kind, on, label, account_id, account, pid, (on - day).days, lead, owner)
            )
    return out


def _order_limits(
    conn: sqlite3.Connection,
    owners: list[str],
    day: date,
    rules: ReminderRules,
    orders: OrderRules,
) -> list[Reminder]:
    """Milestones of open locked orders whose limit is within the lead in working days and not
    yet passed (an order past its limit is stuck: the evening review's stuck orders)."""
    from katerm.core.pipeline import load_milestones, order_status

    lead = rules.lead("order_limit")
    rows = conn.execute(
        "SELECT o.id, o.name, o.outcome, o.locked_on, o.renewal_of, a.id, a.name, o.owner_id "
        "FROM opportunities o JOIN accounts a ON a.id = o.account_id AND a.deleted = 0 "
        "WHERE o.deleted = 0 AND o.outcome = 'open' AND o.locked_on IS NOT NULL "
        f"AND o.owner_id IN ({_marks(owners)})",
        owners,
    ).fetchall()
    if not rows:
        return []
    stored = load_milestones(conn, opportunity_ids=[r[0] for r in rows])
    out = []
    for oid, name, outcome, locked, renewal, account_id, account, owner in rows:
        status = order_status(
            outcome, date.fromisoformat(locked), renewal, stored.get(oid, {}), orders, day
        )
        for m in status.milestones:
            if m.done_on is not None or m.due_on < day:
                continue
            left = working_days_until(day, m.due_on)
            if left > lead:
                continue
            label = t(
                "reminders.order_limit",
                milestone=_milestone(m.key),
                order=name,
            )
            out.append(
                Reminder(
                    "order_limit", m.due_on, label, account_id, account, oid, left, lead, owner
                )
            )
            break  # the earliest open milestone is the one to act on
    return out


def _escalated_voice(conn: sqlite3.Connection, owners: list[str], day: date) -> list[Reminder]:
    marks = _marks(owners)
    return [
        Reminder(
            "voice",
            date.fromisoformat(str(raised)[:10]),
            t("reminders.voice", title=title),
            account_id,
            account,
            vid,
            min(0, (date.fromisoformat(str(raised)[:10]) - day).days),
            0,
            owner,
        )
        for vid, raised, title, account_id, account, owner in conn.execute(
            "SELECT v.id, v.raised_on, v.title, a.id, a.name, v.owner_id FROM voice_issues v "
            "JOIN accounts a ON a.id = v.account_id AND a.deleted = 0 "
            "WHERE v.deleted = 0 AND v.status = 'escalated' "
            f"AND (v.owner_id IN ({marks}) OR v.handler_id IN ({marks}))",
            (*owners, *owners),
        )
    ]


def coming_up(
    conn: sqlite3.Connection,
    owner_ids: Sequence[str],
    day: date,
    rules: ReminderRules = DEFAULT_REMINDERS,
    orders: OrderRules | None = None,
) -> list[Reminder]:
    """Everything coming up for ``owner_ids`` as seen on ``day``: overdue first, then by day."""
    from katerm.core.pipeline import DEFAULT_RULES

    owners = list(owner_ids)
    if not owners:
        return []
    found = [
        *_key_dates(conn, owners, day, rules),
        *_card_reviews(conn, owners, day, rules),
        *_dated_rows(conn, owners, day, rules),
        *_order_limits(conn, owners, day, rules, orders or DEFAULT_RULES),
        *_escalated_voice(conn, owners, day),
    ]
    found.sort(key=lambda r: (r.on, KINDS.index(r.kind), r.label, r.ref))
    return found
