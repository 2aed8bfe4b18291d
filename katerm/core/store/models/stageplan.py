"""The stage expansion plan: which customer department to reach at which LTC stage, how, and
which of our roles answers for it."""

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
