"""The activity log, checklists, plans, follow-ups and evening reviews (issue 8).

Rows that exist once per person and period (a checklist, a tick, a plan, a review) get ids
derived from what they are about (:func:`katerm.core.reviews.plans.stable_id`), so two
devices that create "Wang Fang's plan for 2026-11-27" offline make the same row and sync
merges it field by field instead of leaving two.
"""

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, UTCDateTime, fk


class Activity(SyncedTable, table=True):
    """A visit, call, meeting, proposal, dinner... with a customer, by its owner."""

    __tablename__ = "activities"
    # Range scans: a person's activities in a day or week; an account's last activity. The
    # person's also holds the kind and the deletion mark, so counting visits in a month is one
    # range scan without a look-up per row (migration 0022, the monthly review).
    __table_args__ = (
        Index("ix_activities_owner_time", "owner_id", "occurred_at", "kind", "deleted"),
        Index("ix_activities_account_time", "account_id", "occurred_at"),
    )

    owner_id: str = fk("users.id", nullable=False, index=False)
    account_id: str = fk("accounts.id", nullable=False, index=False)
    kind: str
    scenario: str = Field(default="")  # a Huawei "12+1" contact scenario, or empty
    occurred_at: datetime = Field(sa_type=UTCDateTime)
    contact_ids: str = Field(default="[]")  # JSON list of the contacts met
    note: str = Field(default="")
    next_step: str = Field(default="")
    # The opportunity it served, and at which LTC stage (katerm.core.ltc.LTC_STAGES).
    opportunity_id: str | None = fk("opportunities.id")
    stage: str = Field(default="")
    # The broad-relationship routine it carried out (katerm.core.broad), if any.
    routine_id: str | None = fk("routine_actions.id")


class ChecklistItem(SyncedTable, table=True):
    """One line of a team's checklist template, valid for a span of dates.

    An edit never changes a line that already applied: it ends that version the day the
    edit takes effect and starts a new one, so past checklists keep the lines they had.
    """

    __tablename__ = "checklist_items"

    owner_id: str = fk("users.id", nullable=False)  # the lead whose team uses it
    period: str  # day | week
    key: str
    kind: str  # measured | manual
    measure: str = Field(default="")
    target: int | None = Field(default=None)
    label: str = Field(default="")  # empty: the built-in label of the key
    position: int = Field(default=0)
    valid_from: date | None = Field(default=None)  # None: since always
    valid_until: date | None = Field(default=None)  # exclusive; None: still valid


class Checklist(SyncedTable, table=True):
    """A person's checklist for one day or week, once something about it needs keeping."""

    __tablename__ = "checklists"

    owner_id: str = fk("users.id", nullable=False)
    period: str
    period_key: str  # 2026-11-27 or 2026-W48
    reopened: bool = Field(default=False)
    reopened_by: str | None = fk("users.id", index=False)


class ChecklistMark(SyncedTable, table=True):
    """A manual item ticked (or unticked) by hand, with an optional note."""

    __tablename__ = "checklist_marks"
    __table_args__ = (Index("ix_checklist_marks_owner_period", "owner_id", "period_key"),)

    owner_id: str = fk("users.id", nullable=False, index=False)
    period: str
    period_key: str
    item_key: str
    done: bool = Field(default=False)
    note: str = Field(default="")


class WorkPlan(SyncedTable, table=True):
    """What a person plans for a day (tomorrow's plan) or a week (the weekly plan sheet)."""

    __tablename__ = "work_plans"
    __table_args__ = (Index("ix_work_plans_owner_period", "owner_id", "period_key"),)

    owner_id: str = fk("users.id", nullable=False, index=False)
    period: str
    period_key: str
    text: str = Field(default="")


class FollowUp(SyncedTable, table=True):
    """An action a lead gave a seller (usually in the evening review); the seller owns it."""

    __tablename__ = "follow_ups"

    owner_id: str = fk("users.id", nullable=False)
    created_by: str | None = fk("users.id", index=False)
    # Not a foreign key: the review belongs to the lead, and a seller's device never holds it.
    review_id: str | None = Field(default=None, index=True)
    account_id: str | None = fk("accounts.id")
    text: str
    due_date: date | None = Field(default=None)
    status: str = Field(default="open")  # open | done
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class EveningReview(SyncedTable, table=True):
    """A team's evening review of one day; the team lead owns it."""

    __tablename__ = "evening_reviews"

    owner_id: str = fk("users.id", nullable=False)
    day: date = Field(index=True)
    run_by: str | None = fk("users.id", index=False)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    summary: str = Field(default="")  # JSON: what the review found and decided, when finished


class ReviewNote(SyncedTable, table=True):
    """One seller in one evening review: reviewed or not, and the lead's comment."""

    __tablename__ = "review_notes"

    owner_id: str = fk("users.id", nullable=False)  # the seller: they see what was said
    review_id: str = Field(index=True)  # not a foreign key, as in FollowUp
    day: date = Field(index=True)
    author_id: str | None = fk("users.id", index=False)
    reviewed: bool = Field(default=False)
    comment: str = Field(default="")
