"""The account pyramid's team data: thresholds per scheme, targets per tier, tier history."""

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, fk


class TierThreshold(SyncedTable, table=True):
    """One threshold of a tier scheme, as the team set it (absent: the scheme's default).

    ``tier`` is the tier the threshold admits to, or empty for a line that splits the whole
    scheme (the fish scheme's price and volume). The id is derived from (scheme, tier,
    measure), so two devices setting the same threshold edit one row.
    """

    __tablename__ = "tier_thresholds"

    owner_id: str = fk("users.id", nullable=False)
    scheme: str = Field(index=True)
    tier: str = Field(default="")
    measure: str
    value: float


class TierTarget(SyncedTable, table=True):
    """How many accounts a portfolio should have in a tier at the end of a year.

    ``owner_id`` is whose portfolio: that person's accounts and their team's.
    """

    __tablename__ = "tier_targets"

    owner_id: str = fk("users.id", nullable=False)
    year: int = Field(index=True)
    scheme: str
    tier: str
    target: int


class TierRevenueTarget(SyncedTable, table=True):
    """How much annual revenue a portfolio's accounts in a tier should bring in a year: the
    count targets' companion (the monthly A-account analysis compares revenue with it).

    Its own table rather than a column beside ``tier_targets.target``: either may be set
    without the other, and a count target's column cannot become nullable on the server.
    """

    __tablename__ = "tier_revenue_targets"

    owner_id: str = fk("users.id", nullable=False)
    year: int = Field(index=True)
    scheme: str
    tier: str
    target: float


class TierChange(SyncedTable, table=True):
    """One change of an account's tier: old, new, who, when (``created_at``) and why.

    It belongs to the account's owner, so whoever sees the account sees its history.
    ``source`` says where the change came from: ``edit``, ``override``, ``import`` or
    ``suggestion``.
    """

    __tablename__ = "tier_changes"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    changed_by: str = fk("users.id", nullable=False)
    tier_scheme: str
    old_tier: str | None = Field(default=None)
    new_tier: str | None = Field(default=None)
    source: str = Field(default="edit")
    reason: str = Field(default="")


class AccountRevenue(SyncedTable, table=True):
    """An account's revenue with us in one calendar year, and the customer's satisfaction that
    year (1 very dissatisfied .. 5 very satisfied; None: not surveyed): what the periodic
    evaluation (优胜劣汰) reads for growth over the last years (migration 0019).

    It belongs to the account's owner. The id is derived from (account, year), so two devices
    entering the same year edit one row.
    """

    __tablename__ = "account_revenues"
    # The evaluation's one grouped pass over every account's years reads this index alone.
    __table_args__ = (
        Index(
            "ix_account_revenues_evaluation",
            "account_id",
            "year",
            "amount",
            "satisfaction",
            "deleted",
        ),
    )

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    year: int = Field(index=True)
    amount: float = Field(default=0.0)
    currency: str = Field(default="CNY")
    satisfaction: int | None = Field(default=None)


class MemberGrade(SyncedTable, table=True):
    """A team member's grade (能级) for serving tiers: best seller, experienced (a year or
    more), new, or the size scheme's GM / director / partner; and when they joined (an empty
    grade is then read from it: a year or more is experienced). Set by their lead, owned by the
    member (so they and everyone above them see it); one row per member (migration 0019)."""

    __tablename__ = "member_grades"

    owner_id: str = fk("users.id", nullable=False)
    user_id: str = fk("users.id", nullable=False)
    grade: str = Field(default="")
    joined_on: date | None = Field(default=None)
