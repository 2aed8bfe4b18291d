"""Customer accounts and the people at them."""

from datetime import date

from sqlalchemy import Index, text
from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, fk
from katerm.core.store.values import Lifecycle


class Account(SyncedTable, table=True):
    __tablename__ = "accounts"
    # Name look-ups (uniqueness, import matching) ignore ASCII case.
    __table_args__ = (
        Index("ix_accounts_name_nocase", text("name COLLATE NOCASE")),
        # The pyramid's revenue tiers are ranges of annual revenue: with this covering index
        # each tier is one range scan, so 100,000 accounts are counted without a sort. It
        # leaves out ``deleted`` on purpose: SQLite, lacking statistics, would walk any index
        # holding it for every ``deleted = 0`` list query, with a table look-up per row.
        Index(
            "ix_accounts_pyramid", "annual_revenue", "lifecycle", "owner_id", "region", "industry"
        ),
        # The few deleted accounts, which the pyramid takes back out of its counts.
        Index("ix_accounts_deleted", "deleted", sqlite_where=text("deleted = 1")),
    )

    owner_id: str = fk("users.id", nullable=False)
    name: str
    industry: str = Field(default="")
    region: str = Field(default="")
    annual_revenue: float = Field(default=0.0)
    contract_value: float = Field(default=0.0)
    potential_revenue: float = Field(default=0.0)
    # Orders this year: with annual revenue, the price x volume ("fish") tiers.
    annual_orders: int = Field(default=0)
    # The customer's own annual revenue: with the contract value, the company-size tiers.
    company_revenue: float = Field(default=0.0)
    # One stored tier per scheme the account is rated in (katerm.core.tiers; migration 0014):
    # computed from the figures when first saved, then changed only by an applied re-tier
    # or an override. Everything reads the column of the team's active scheme.
    tier_revenue: str | None = Field(default=None)
    tier_fish: str | None = Field(default=None)
    tier_strategic: str | None = Field(default=None)
    tier_size: str | None = Field(default=None)
    # Not empty: that scheme's tier was set by hand for this reason; re-tiering leaves it.
    tier_revenue_reason: str = Field(default="")
    tier_fish_reason: str = Field(default="")
    tier_strategic_reason: str = Field(default="")
    tier_size_reason: str = Field(default="")
    lifecycle: str = Field(default=Lifecycle.PROSPECT.value)
    notes: str = Field(default="")
    currency: str = Field(default="CNY")
    # What CRM exports carry and a seller dials or visits (migration 0010).
    phone: str = Field(default="")
    website: str = Field(default="")
    address: str = Field(default="")


class Contact(SyncedTable, table=True):
    __tablename__ = "contacts"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    name: str
    title: str = Field(default="")
    department: str = Field(default="")
    phone: str = Field(default="")
    email: str = Field(default="")
    birthday: date | None = Field(default=None)
    notes: str = Field(default="")
    # The influence map (katerm.core.roles has the keys; "" means not assessed yet).
    role: str = Field(default="")  # the primary decision role
    other_roles: str = Field(default="")  # more roles, comma-separated keys
    influence: str = Field(default="")
    attitude: str = Field(default="unknown")
    support_level: str = Field(default="")
    favours_competitor: str = Field(default="")
    # How strongly they favour it: katerm.core.roles.Strength, "" when they favour nobody.
    favour_strength: str = Field(default="")
    # How close we are, 0 unknown … 5 partner (katerm.core.levels): the one stored value the
    # influence map shows and the gap table reads as its "now" (migration 0023).
    level: int = Field(default=0)
    # The relationship owner: the one person of ours who owns the relationship with them. The
    # influence map's coverage, the expansion card and the gap row all read this one value.
    covered_by: str | None = fk("users.id")
    # Additional coverage: our other people who also know them (JSON list of user ids).
    also_covered_by: str = Field(default="[]")
    reports_to: str | None = fk("contacts.id")  # their boss, at the same account
    rising_star: bool = Field(default=False)
    # The day they left the company (a "left" key event): out of the current map, history kept.
    left_on: date | None = Field(default=None)
