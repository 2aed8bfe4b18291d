"""The competitors a team meets, and where they are present with what we know of them."""

from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, fk


class Competitor(SyncedTable, table=True):
    """One competitor on the team's list (名称 and what the team says of them)."""

    __tablename__ = "competitors"

    owner_id: str = fk("users.id", nullable=False)
    name: str = Field(index=True)
    notes: str = Field(default="")


class CompetitorPresence(SyncedTable, table=True):
    """A competitor present at an account (``opportunity_id`` empty) or in one opportunity,
    with the seed's questions answered: who they are here, their relationships at this
    customer, their strengths, their offer, their strategy, the customer's attitude to them.
    """

    __tablename__ = "competitor_presences"

    owner_id: str = fk("users.id", nullable=False)
    competitor_id: str = fk("competitors.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    opportunity_id: str | None = fk("opportunities.id")
    profile: str = Field(default="")
    relationships: str = Field(default="")
    strengths: str = Field(default="")
    offer: str = Field(default="")
    strategy: str = Field(default="")
    customer_attitude: str = Field(default="")
