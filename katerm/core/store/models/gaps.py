"""The relationship-gap table (客户关系差距分析表) and the history of its scores.

One live ``gap_rows`` row per key contact: the six Huawei dimensions scored 0–5 now and as
target, the target of the overall level 0–5 (unknown … partner; its current value is the
contact's ``level``), the next action with its contact scenario,
due date and status. ``owner_id`` is our person who owns the relationship and the action, so
a lead sees the rows of everyone below them. Every score change is a ``gap_scores`` row,
written in the same transaction (``katerm.core.gaps.edit``), so progress can be shown.
"""

from datetime import datetime

from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, UTCDateTime, fk


class GapRow(SyncedTable, table=True):
    """How well we stand with one key person, where we want to be, and the next step."""

    __tablename__ = "gap_rows"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    contact_id: str = fk("contacts.id", nullable=False)
    # The six dimensions (katerm.core.gaps.rules.DIMENSIONS), each now and target, 0–5.
    recognition_now: int = Field(default=0)
    recognition_target: int = Field(default=0)
    events_now: int = Field(default=0)
    events_target: int = Field(default=0)
    information_now: int = Field(default=0)
    information_target: int = Field(default=0)
    guidance_now: int = Field(default=0)
    guidance_target: int = Field(default=0)
    support_now: int = Field(default=0)
    support_target: int = Field(default=0)
    competition_now: int = Field(default=0)
    competition_target: int = Field(default=0)
    # The overall level's target, 0 unknown … 5 partner. Its "now" is the contact's level
    # (``contacts.level``), stored once (migration 0023).
    level_target: int = Field(default=0)
    next_action: str = Field(default="")
    scenario: str = Field(default="")  # katerm.core.reviews.activities.SCENARIOS, or ""
    due_date: str | None = Field(default=None, index=True)  # 'YYYY-MM-DD'
    status: str = Field(default="open")  # open | done | dropped


class GapScore(SyncedTable, table=True):
    """One score change of a gap row: which dimension (or ``level``), from what to what."""

    __tablename__ = "gap_scores"

    owner_id: str = fk("users.id", nullable=False)  # the gap row's owner (visibility)
    gap_row_id: str = fk("gap_rows.id", nullable=False)
    dimension: str = Field(default="level")  # one of the six dimensions, or "level"
    target: bool = Field(default=False)  # the target changed, not the current score
    old: int | None = Field(default=None)  # None: the row was just created
    new: int = Field(default=0)
    changed_by: str = fk("users.id", nullable=False)
    changed_at: datetime = Field(sa_type=UTCDateTime)
