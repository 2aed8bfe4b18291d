"""Lines of influence between the people at an account, besides who reports to whom."""

from datetime import datetime

from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, UTCDateTime, fk


class InfluenceLine(SyncedTable, table=True):
    """``from_contact_id`` influences ``to_contact_id`` (both at ``account_id``)."""

    __tablename__ = "influence_lines"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    from_contact_id: str = fk("contacts.id", nullable=False)
    to_contact_id: str = fk("contacts.id", nullable=False)
    strength: str = Field(default="medium")  # katerm.core.roles.Strength
    notes: str = Field(default="")


class MapReview(SyncedTable, table=True):
    """Someone reviewed an account's influence map (key ``v`` on the map): who and when.

    It belongs to the account's owner, so whoever sees the account sees that it was reviewed;
    the weekly item "influence maps of A accounts reviewed" reads it (editing the map counts
    too).
    """

    __tablename__ = "map_reviews"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    reviewed_by: str = fk("users.id", nullable=False)
    reviewed_at: datetime = Field(sa_type=UTCDateTime)
