"""The account pyramid's team data: thresholds per scheme, targets per tier, tier history."""

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
