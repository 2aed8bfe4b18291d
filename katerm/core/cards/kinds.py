"""What expansion cards are made of: sponsor criteria, kinds of key dates, events and partners."""

from __future__ import annotations

# The sponsor-selection principles (赞助人选取原则), in the book's order.
SPONSOR_CRITERIA = ("equal_rank", "matching_business", "shared_history", "able_willing")
KEY_DATE_KINDS = ("birthday", "holiday", "company_event", "anniversary", "other")
# Kinds that are about the person's private life, so personal by default.
PERSONAL_KINDS = frozenset({"birthday"})
EVENT_KINDS = ("promotion", "transfer", "left", "other")
PARTNER_KINDS = ("partner", "strategic_supplier", "other")
REVIEW_MONTHS = 3
