"""The stage expansion plans (LTC stage × customer department): each cell of an opportunity's
plan, or of the account's default plan when the opportunity is empty. Choice cells take the
key or its label in either language (招投标, 采购部门, 私人拜访, 客户经理...)."""

from __future__ import annotations

from katerm.core.io.kind import ID, USER, Col, Kind, Ref
from katerm.core.ltc import LTC_STAGES
from katerm.core.stageplan import RULES, STATUSES, TARGETS, TEAM_ROLES, WAYS

STAGE_PLAN = Kind(
    name="stage_plan",
    table="stage_plan_cells",
    depends=("opportunities",),
    refs=(
        Ref("account_id", "accounts", "account_id", "account", required=True),
        Ref(
            "opportunity_id", "opportunities", "opportunity_id", "opportunity", within="account_id"
        ),
    ),
    columns=(
        Col("id", ID, template=False),
        Col("account_id", ID, template=False),
        Col("account", required=True, aliases=("customer", "客户", "客户名称")),
        Col("opportunity_id", ID, template=False),
        Col("opportunity", aliases=("order", "project", "商机", "项目")),
        Col(
            "stage",
            required=True,
            choices=LTC_STAGES,
            words="stageplan.stage",
            rule=RULES["stage"],
            aliases=("ltc_stage", "阶段", "项目阶段"),
        ),
        Col(
            "department",
            required=True,
            rule=RULES["department"],
            aliases=("dept", "部门", "客户部门", "沟通部门"),
        ),
        Col(
            "target",
            choices=TARGETS,
            words="gaps.level",
            rule=RULES["target"],
            aliases=("目标关系", "目标"),
        ),
        Col(
            "way",
            choices=WAYS,
            words="stageplan.way",
            rule=RULES["way"],
            aliases=("method", "拓展方法", "拓展手段"),
        ),
        Col(
            "responsible",
            choices=TEAM_ROLES,
            words="stageplan.role",
            rule=RULES["responsible"],
            aliases=("role", "责任人", "拓展责任人"),
        ),
        Col(
            "status",
            choices=STATUSES,
            words="stageplan.status",
            default="open",
            rule=lambda v: RULES["status"](v or "open"),
            aliases=("状态",),
        ),
        Col("note", rule=RULES["note"], limit=500, aliases=("notes", "备注")),
        Col("owner", USER),
    ),
    key=("account_id", "opportunity_id", "stage", "department"),
    sheet_aliases=("stage_plans", "stages", "阶段拓展计划", "关系拓展计划"),
    aliases=("stages", "stage_plans"),
)
