"""Key-account expansion cards (关键客户拓展卡片) and what hangs off them.

Per key person: who on our side owns the relationship, the executive sponsor from our side
(chosen by :data:`SPONSOR_CRITERIA`), key dates, key events, commitments, an action plan and
the next review, every three months. Beside the cards, the account's strategic-relationship
table: partners and strategic suppliers of the customer who could help us.

* :mod:`~katerm.core.cards.kinds`: sponsor criteria, kinds of key dates, events and partners;
* :mod:`~katerm.core.cards.read`: an account's cards, one person's card, the strategic table;
* :mod:`~katerm.core.cards.edit`: checking and saving cards, key dates, events, relationships;
* :mod:`~katerm.core.cards.schedule`: review dates and yearly dates;
* :mod:`~katerm.core.cards.lunar`: key dates by the lunar calendar (农历);
* :mod:`~katerm.core.cards.due`: key dates and card reviews due in a period (reviews, calendar);
* :mod:`~katerm.core.cards.ical`: the calendar file (``katerm calendar``).

``read`` and ``due`` read with plain sqlite3.
"""

from katerm.core.cards.due import (
    DueDate,
    DueReview,
    due_key_dates,
    due_reviews,
    share_due_reviews,
)
from katerm.core.cards.edit import (
    card_id_for,
    criteria,
    delete_event,
    key_day,
    record_event,
    review_done,
    save_card,
    save_key_date,
    save_strategic,
)
from katerm.core.cards.ical import CalendarEvent, calendar_events, to_ical, write_calendar
from katerm.core.cards.kinds import (
    EVENT_KINDS,
    KEY_DATE_KINDS,
    PARTNER_KINDS,
    PERSONAL_KINDS,
    REVIEW_MONTHS,
    SPONSOR_CRITERIA,
)
from katerm.core.cards.lunar import in_lunar_year, is_lunar, lunar_days, lunar_text
from katerm.core.cards.read import (
    KEY_ROLES,
    AccountCards,
    EventRow,
    KeyDateRow,
    PersonCard,
    StrategicRow,
    list_strategic,
    load_account_cards,
    load_card,
    load_cards,
    load_person_card,
    load_strategic,
)
from katerm.core.cards.schedule import add_months, next_review, on_in_year

__all__ = [
    "EVENT_KINDS",
    "KEY_DATE_KINDS",
    "KEY_ROLES",
    "PARTNER_KINDS",
    "PERSONAL_KINDS",
    "REVIEW_MONTHS",
    "SPONSOR_CRITERIA",
    "AccountCards",
    "CalendarEvent",
    "DueDate",
    "DueReview",
    "EventRow",
    "KeyDateRow",
    "PersonCard",
    "StrategicRow",
    "add_months",
    "calendar_events",
    "card_id_for",
    "criteria",
    "delete_event",
    "due_key_dates",
    "due_reviews",
    "in_lunar_year",
    "is_lunar",
    "key_day",
    "list_strategic",
    "load_account_cards",
    "load_card",
    "load_cards",
    "load_person_card",
    "load_strategic",
    "lunar_days",
    "lunar_text",
    "next_review",
    "on_in_year",
    "record_event",
    "review_done",
    "save_card",
    "save_key_date",
    "save_strategic",
    "share_due_reviews",
    "to_ical",
    "write_calendar",
]
