"""The stage expansion plan: which customer department to reach at which LTC stage, how, and
which of our roles answers for it; the broad relationships' routine actions."""

from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, fk


class StagePlanCell(SyncedTable, table=True):
    """One cell of the plan: an LTC stage (katerm.core.ltc.LTC_STAGES) × a customer
    department (a key of katerm.core.stageplan.DEPARTMENTS or the department's own name),
    for one opportunity, or the account's default plan when ``opportunity_id`` is empty.
    A cell stored here overrides the seed's template cell of the same stage and department.
    """

    __tablename__ = "stage_plan_cells"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    opportunity_id: str | None = fk("opportunities.id")
    stage: str
    department: str
    target: str = Field(default="")  # the contact level to reach (katerm.core.roles)
    way: str = Field(default="")  # katerm.core.stageplan.WAYS
    responsible: str = Field(default="")  # katerm.core.stageplan.TEAM_ROLES
    status: str = Field(default="open")  # open | reached | skipped
    note: str = Field(default="")


class RoutineAction(SyncedTable, table=True):
    """A broad-relationship routine (普遍客户关系) kept at an account: a kind from the seed
    (festival gathering, brand event, routine care...), repeated every ``cadence_days``;
    the activities that carried it out name it (``activities.routine_id``)."""

    __tablename__ = "routine_actions"

    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    kind: str  # katerm.core.broad.KINDS
    title: str = Field(default="")
    cadence_days: int = Field(default=30)
    note: str = Field(default="")
