"""The schema: every table katerm stores, as SQLModel classes.

Import from here (``from katerm.core.store.models import Account``); each area keeps its tables in
its own module. Later features add modules and list them below so Alembic sees every table.
"""

from katerm.core.store.models.accounts import Account, Contact
from katerm.core.store.models.base import SyncedTable, UTCDateTime
from katerm.core.store.models.cards import ExpansionCard, KeyDate, KeyEvent, StrategicRelationship
from katerm.core.store.models.competitors import Competitor, CompetitorPresence
from katerm.core.store.models.gaps import GapRow, GapScore
from katerm.core.store.models.influence import InfluenceLine, MapReview
from katerm.core.store.models.money import CurrencyRate
from katerm.core.store.models.people import User
from katerm.core.store.models.plan import Opportunity, OrderMilestone, PlanItem, VoiceIssue
from katerm.core.store.models.pyramid import (
    AccountRevenue,
    MemberGrade,
    TierChange,
    TierRevenueTarget,
    TierTarget,
    TierThreshold,
)
from katerm.core.store.models.reviews import (
    Activity,
    Checklist,
    ChecklistItem,
    ChecklistMark,
    EveningReview,
    FollowUp,
    ReviewNote,
    WorkPlan,
)
from katerm.core.store.models.stageplan import RoutineAction, StagePlanCell
from katerm.core.store.models.sync import (
    ConflictRecord,
    OutboxEntry,
    ParkedRow,
    QuarantinedRow,
    SyncState,
    UnseenRow,
)
from katerm.core.store.values import DELETED_FIELD, SYNC_COLUMNS, Lifecycle, to_db

__all__ = [
    "DELETED_FIELD",
    "SYNC_COLUMNS",
    "Account",
    "AccountRevenue",
    "Activity",
    "Checklist",
    "ChecklistItem",
    "ChecklistMark",
    "Competitor",
    "CompetitorPresence",
    "ConflictRecord",
    "Contact",
    "CurrencyRate",
    "EveningReview",
    "ExpansionCard",
    "FollowUp",
    "GapRow",
    "GapScore",
    "InfluenceLine",
    "KeyDate",
    "KeyEvent",
    "Lifecycle",
    "MapReview",
    "MemberGrade",
    "Opportunity",
    "OrderMilestone",
    "OutboxEntry",
    "ParkedRow",
    "PlanItem",
    "QuarantinedRow",
    "ReviewNote",
    "RoutineAction",
    "StagePlanCell",
    "StrategicRelationship",
    "SyncState",
    "SyncedTable",
    "TierChange",
    "TierRevenueTarget",
    "TierTarget",
    "TierThreshold",
    "UTCDateTime",
    "UnseenRow",
    "User",
    "VoiceIssue",
    "WorkPlan",
    "to_db",
]
