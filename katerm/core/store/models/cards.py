"""Key-account expansion cards (关键客户拓展卡片), key dates, key events and the
strategic-relationship table (战略关系评估表)."""

from datetime import date

from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, fk


class ExpansionCard(SyncedTable, table=True):
    """One key person's card: who on our side sponsors the relationship, what was promised, the
    plan, and when it is next reviewed (every three months). The relationship owner is the
    contact's (``contacts.covered_by``): one stored value the map and the gap table share."""

    __tablename__ = "expansion_cards"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    contact_id: str = fk("contacts.id", nullable=False)
    sponsor_id: str | None = fk("users.id")
    # The ticked sponsor criteria: keys of cards.SPONSOR_CRITERIA, comma-separated.
    sponsor_criteria: str = Field(default="")
    commitments: str = Field(default="")
    action_plan: str = Field(default="")
    next_review: date | None = Field(default=None)
    notes: str = Field(default="")


class KeyDate(SyncedTable, table=True):
    """A date to act on: a person's birthday or a holiday, or the account's company event.

    ``day`` is ``YYYY-MM-DD``; a yearly date may also be ``MM-DD`` when the year is unknown
    (a holiday, a birthday without the year). Yearly dates come back every year on their
    month and day (29 February on the 28th in other years).
    """

    __tablename__ = "key_dates"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    contact_id: str | None = fk("contacts.id")  # None: the account's own (company) date
    kind: str = Field(default="other")  # cards.KEY_DATE_KINDS
    day: str
    yearly: bool = Field(default=True)
    label: str = Field(default="")
    personal: bool = Field(default=False)  # birthdays and family: left out of exports


class KeyEvent(SyncedTable, table=True):
    """Something that happened to a key person: promoted, transferred, left the company."""

    __tablename__ = "key_events"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    contact_id: str = fk("contacts.id", nullable=False)
    kind: str = Field(default="other")  # cards.EVENT_KINDS
    day: date
    note: str = Field(default="")


class StrategicRelationship(SyncedTable, table=True):
    """A partner or strategic supplier of the customer who could help us, and how."""

    __tablename__ = "strategic_relationships"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    partner: str
    kind: str = Field(default="partner")  # cards.PARTNER_KINDS
    relationship: str = Field(default="")
    how_to_use: str = Field(default="")
