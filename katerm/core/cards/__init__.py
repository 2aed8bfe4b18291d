"""Key-account expansion cards (关键客户拓展卡片) and what hangs off them.

Per key person: who on our side owns the relationship, the executive sponsor from our side
(chosen by :data:`SPONSOR_CRITERIA`), key dates, key events, commitments, an action plan and
the next review, every three months (:mod:`.schedule`). Beside the cards, the account's
strategic-relationship table: partners and strategic suppliers of the customer who could help
us. ``edit`` checks and writes; ``read`` and ``due`` read with plain sqlite3; ``ical`` writes
the calendar file.
"""

from __future__ import annotations

# The sponsor-selection principles (赞助人选取原则), in the book's order.
SPONSOR_CRITERIA = ("equal_rank", "matching_business", "shared_history", "able_willing")
KEY_DATE_KINDS = ("birthday", "holiday", "company_event", "anniversary", "other")
# Kinds that are about the person's private life, so personal by default.
PERSONAL_KINDS = frozenset({"birthday"})
EVENT_KINDS = ("promotion", "transfer", "left", "other")
PARTNER_KINDS = ("partner", "strategic_supplier", "other")
REVIEW_MONTHS = 3
