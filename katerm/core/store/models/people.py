"""Our own people: sellers, team leads and managers, and who reports to whom."""

from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, fk


class User(SyncedTable, table=True):
    __tablename__ = "users"

    owner_id: str | None = fk("users.id")
    login: str = Field(index=True, unique=True)
    name: str = Field(default="")
    email: str = Field(default="")
    manager_id: str | None = fk("users.id")
