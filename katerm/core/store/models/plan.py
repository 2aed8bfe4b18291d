"""The key-account plan, opportunities from lead to cash, and the customer's voice.

Every row belongs to the account's owner (``owner_id``), so whoever sees the account sees its
plan and its opportunities, and a lead sees the team's.
"""

from datetime import date

from sqlalchemy import Index, text
from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, fk


class PlanItem(SyncedTable, table=True):
    """One entry of an account plan: a team member, a note of the background research, a node
    of the strategy or execution map, a goal, an action, a joint-business-plan line.

    ``kind`` says which (``katerm.core.plan.kinds``); ``parent_id`` links map nodes into a tree
    (customer goal -> strategy -> tactic -> need -> our solution) and sub-goals to goals.
    """

    __tablename__ = "plan_items"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    kind: str = Field(index=True)
    category: str = Field(default="")  # e.g. the SWOT quadrant, the look, the team role
    parent_id: str | None = fk("plan_items.id")
    title: str = Field(default="")
    detail: str = Field(default="")
    person_id: str | None = fk("users.id")  # one of ours: team member, action owner
    contact_id: str | None = fk("contacts.id")  # one of theirs: an executive profiled
    opportunity_id: str | None = fk("opportunities.id")  # a solution's opportunity
    due_on: date | None = Field(default=None)  # when it is due (or, for an event, happens)
    status: str = Field(default="")  # actions and checks: open | done | dropped
    position: int = Field(default=0)


# An order's links most orders leave empty: partial indexes (see Opportunity).
SPARSE_LINKS = (
    "contact_id",
    "renewal_of",
    "referred_account_id",
    "referred_contact_id",
    "nurturer_id",
)


class Opportunity(SyncedTable, table=True):
    """A lead or opportunity (商机) on its way from lead to cash collected."""

    __tablename__ = "opportunities"
    # The monthly review counts each month's closed and locked orders (migrations 0022, 0026)
    # and its leads converted: covering indexes, so a month is one range scan without a table
    # look-up per row.
    __table_args__ = (
        Index(
            "ix_opportunities_closed_on",
            "closed_on",
            "outcome",
            "owner_id",
            "deleted",
            "account_id",
            "amount",
            "opened_on",
            "currency",
            # Only closed orders (migration 0027): every read by it asks for a close day.
            sqlite_where=text("closed_on IS NOT NULL"),
        ),
        Index(
            "ix_opportunities_locked_on",
            "locked_on",
            "outcome",
            "owner_id",
            "deleted",
            "account_id",
        ),
        Index(
            "ix_opportunities_converted_on",
            "converted_on",
            "lead_status",
            "owner_id",
            "deleted",
            "account_id",
            sqlite_where=text("converted_on IS NOT NULL"),
        ),
        # The pipeline's figures by stage (migration 0025): one scan of this index, grouped
        # in its order, with no table look-up per row.
        Index(
            "ix_opportunities_figures",
            "stage",
            "outcome",
            "currency",
            "deleted",
            "owner_id",
            "account_id",
            "amount",
            "probability",
            "opened_on",
            "closed_on",
        ),
        # Links most orders leave empty (migration 0027): only the rows that have one are
        # indexed, which is all a look-up by one (``= ?``, ``IS NOT NULL``) reads.
        *(
            Index(f"ix_opportunities_{c}", c, sqlite_where=text(f"{c} IS NOT NULL"))
            for c in SPARSE_LINKS
        ),
    )

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    name: str
    stage: str = Field(default="lead")  # lead | opportunity | contract | delivery | cash
    outcome: str = Field(default="open")  # open | won | lost | dropped
    amount: float = Field(default=0.0)
    currency: str = Field(default="CNY")
    expected_close: date | None = Field(default=None)
    probability: int = Field(default=10)  # percent
    competitors: str = Field(default="")
    has_budget: bool = Field(default=False)  # with budget: a mature lead; without: early
    contact_id: str | None = fk("contacts.id", index=False)  # the key person at the customer
    opened_on: date
    stage_on: date | None = Field(default=None)  # when it entered its current stage
    lead_checks: str = Field(default="")  # validation points confirmed, space-separated keys
    lead_decision: str = Field(default="")  # close | nurture | convert
    decided_on: date | None = Field(default=None)
    locked_on: date | None = Field(default=None)  # 锁单: key information confirmed
    locked_by: str | None = fk("users.id", index=False)  # the lead who confirmed it
    closed_on: date | None = Field(default=None)
    renewal_of: str | None = fk("opportunities.id", index=False)  # 续单: the won order it renews
    notes: str = Field(default="")
    # A lost order: why, and who won it (the opportunity list's last columns, migration 0010).
    loss_reason: str = Field(default="")
    winner: str = Field(default="")
    # Leads (migration 0020): where it came from (a referral names the customer and/or contact
    # who referred it), who nurtures it, and its status in the weekly lead meeting with the
    # day of each step. An empty status: an opportunity that never was a lead.
    lead_source: str = Field(default="")
    referred_account_id: str | None = fk("accounts.id", index=False)
    referred_contact_id: str | None = fk("contacts.id", index=False)
    nurturer_id: str | None = fk("users.id", index=False)
    lead_status: str = Field(default="")  # new | reviewed | converted | dropped
    reviewed_on: date | None = Field(default=None)
    converted_on: date | None = Field(default=None)
    dropped_on: date | None = Field(default=None)


class OrderMilestone(SyncedTable, table=True):
    """A following (跟单) milestone of a locked order: when it was reached, and, when it was
    late, the written analysis and improvement step that a stuck order (卡单) asks for."""

    __tablename__ = "order_milestones"

    owner_id: str = fk("users.id", nullable=False)
    opportunity_id: str = fk("opportunities.id", nullable=False)
    milestone: str
    done_on: date | None = Field(default=None)
    analysis: str = Field(default="")
    improvement: str = Field(default="")
    analysed_on: date | None = Field(default=None)


class VoiceIssue(SyncedTable, table=True):
    """Customer voice: an issue the customer raised, accepted -> handled -> escalated ->
    closed -> rated."""

    __tablename__ = "voice_issues"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    title: str
    detail: str = Field(default="")
    raised_on: date
    status: str = Field(default="accepted")
    handler_id: str | None = fk("users.id", index=False)
    closed_on: date | None = Field(default=None)
    rating: int | None = Field(default=None)  # the customer's rating, 1-5
    feedback: str = Field(default="")
