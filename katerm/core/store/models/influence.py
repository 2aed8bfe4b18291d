"""Lines of influence between the people at an account, besides who reports to whom."""

from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, fk


class InfluenceLine(SyncedTable, table=True):
    """``from_contact_id`` influences ``to_contact_id`` (both at ``account_id``)."""

    __tablename__ = "influence_lines"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    from_contact_id: str = fk("contacts.id", nullable=False)
    to_contact_id: str = fk("contacts.id", nullable=False)
    strength: str = Field(default="medium")  # katerm.core.roles.Strength
    notes: str = Field(default="")
