"""The key-account plan's entries and the visit log (拜访记录)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from katerm.core.errors import FieldError
from katerm.core.io.kind import (
    DATE,
    DATETIME,
    ID,
    INT,
    NOTE,
    USER,
    Col,
    Kind,
    Ref,
    int_rule,
    text_rule,
)
from katerm.core.ltc import LTC_STAGES
from katerm.core.plan import KINDS as PLAN_KINDS
from katerm.core.plan import MAX_TITLE
from katerm.core.reviews import KINDS as ACTIVITY_KINDS
from katerm.core.reviews import MAX_TEXT, SCENARIOS

_ACCOUNT = Ref("account_id", "accounts", "account_id", "account", required=True)


def _plan_entry(clean: dict[str, Any], stored: Mapping[str, Any] | None) -> list[FieldError]:
    """What an entry may hold depends on its kind (katerm.core.plan.kinds)."""
    kind = PLAN_KINDS.get(clean.get("kind") or (stored or {}).get("kind", ""))
    if kind is None:
        return []
    problems = []
    category = clean.get("category")
    if category and kind.categories and category not in kind.categories:
        problems.append(
            FieldError(
                "category",
                "fields.err.bad_choice",
                value=category,
                choices=tuple(kind.categories),
            )
        )
    status = clean.get("status")
    if status and status not in kind.status:
        problems.append(
            FieldError(
                "status",
                "fields.err.bad_choice",
                value=status,
                choices=tuple(kind.status) or "—",
            )
        )
    if stored is None and kind.parent_required and not clean.get("parent_id"):
        problems.append(FieldError("parent_id", "fields.err.required"))
    if stored is None and kind.title_required and not clean.get("title"):
        problems.append(FieldError("title", "fields.err.required"))
    return problems


PLAN = Kind(
    name="plan",
    table="plan_items",
    depends=("opportunities",),
    refs=(
        _ACCOUNT,
        Ref("parent_id", "self", "parent_id"),
        Ref("contact_id", "contacts", "contact_id", "contact", within="account_id"),
        Ref(
            "opportunity_id", "opportunities", "opportunity_id", "opportunity", within="account_id"
        ),
    ),
    columns=(
        Col("id", ID, template=False),
        Col("account_id", ID, template=False),
        Col("account", required=True, aliases=("customer", "客户", "客户名称")),
        Col(
            "kind",
            required=True,
            choices=tuple(PLAN_KINDS),
            words="plan.kind",
            aliases=("entry", "type", "类型", "条目类型"),
        ),
        Col("category", rule=text_rule("category"), aliases=("分类",)),
        Col("parent_id", ID, aliases=("parent", "上级条目")),
        Col(
            "title",
            rule=text_rule("title", MAX_TITLE),
            limit=MAX_TITLE,
            aliases=("标题", "内容", "名称"),
        ),
        Col("detail", NOTE, aliases=("details", "说明", "详情")),
        Col("person", USER, field="person_id", aliases=("responsible", "责任人", "我方人员")),
        Col("contact_id", ID, template=False),
        Col("contact", aliases=("客户人员", "高层")),
        Col("opportunity_id", ID, template=False),
        Col("opportunity", aliases=("商机",)),
        Col("due_on", DATE, aliases=("due", "date", "日期", "完成时间")),
        Col("status", rule=text_rule("status"), aliases=("状态",)),
        Col("position", INT, aliases=("order", "顺序")),
        Col("owner", USER),
    ),
    key=("account_id", "kind", "parent_id", "title"),
    check=_plan_entry,
    sheet_aliases=("plan_items", "account_plan", "客户计划", "大客户计划"),
    aliases=("plan_items", "account_plan"),
)

# The people met, as ids and as names: names read back when every one is unique at the
# account; ids always do.
_MET_IDS = (
    "(SELECT group_concat(c.id, ' ') FROM json_each(t.contact_ids) j "
    "JOIN contacts c ON c.id = j.value AND c.deleted = 0)"
)
_MET_NAMES = (
    "(SELECT group_concat(c.name, '、') FROM json_each(t.contact_ids) j "
    "JOIN contacts c ON c.id = j.value AND c.deleted = 0)"
)


def _now(ws: Any, clean: Mapping[str, Any]) -> dict[str, Any]:
    return {"occurred_at": clean.get("occurred_at") or ws.clock.now()}


ACTIVITIES = Kind(
    name="activities",
    table="activities",
    depends=("contacts", "opportunities"),
    owner="me",
    refs=(
        _ACCOUNT,
        Ref(
            "opportunity_id", "opportunities", "opportunity_id", "opportunity", within="account_id"
        ),
    ),
    columns=(
        Col("id", ID, template=False),
        Col("owner", USER, aliases=("seller", "visitor", "拜访人", "销售", "客户经理")),
        Col("account_id", ID, template=False),
        Col("account", required=True, aliases=("customer", "客户", "客户名称", "拜访客户")),
        Col(
            "kind",
            required=True,
            choices=ACTIVITY_KINDS,
            words="reviews.kind",
            aliases=("type", "activity", "类型", "活动类型", "拜访方式"),
        ),
        Col(
            "scenario",
            choices=SCENARIOS,
            default="",
            words="reviews.scenario",
            aliases=("接触场景", "场景"),
        ),
        Col("occurred_at", DATETIME, aliases=("when", "date", "time", "拜访时间", "时间", "日期")),
        Col("contact_ids", field="", sql=_MET_IDS, template=False),
        Col("contacts", field="", sql=_MET_NAMES, aliases=("people", "met", "拜访对象", "联系人")),
        Col(
            "note",
            NOTE,
            rule=text_rule("note", MAX_TEXT),
            limit=MAX_TEXT,
            aliases=("notes", "summary", "拜访内容", "纪要", "备注"),
        ),
        Col(
            "next_step",
            rule=text_rule("next_step", MAX_TEXT),
            limit=MAX_TEXT,
            aliases=("next", "下一步", "下一步计划"),
        ),
        Col("opportunity_id", ID, template=False),
        Col("opportunity", aliases=("order", "project", "商机", "项目")),
        Col(
            "stage",
            choices=LTC_STAGES,
            default="",
            words="stageplan.stage",
            aliases=("ltc_stage", "阶段", "项目阶段"),
        ),
    ),
    key=("owner_id", "account_id", "occurred_at", "kind"),
    defaults=_now,
    sheet_aliases=("visits", "visit_log", "拜访记录", "拜访日志", "活动记录"),
    aliases=("visits", "visit_log", "log"),
)

# Used by the generic planner for activities: how the people met are given.
ACTIVITY_PEOPLE = ("contact_ids", "contacts")
__all__ = ["ACTIVITIES", "ACTIVITY_PEOPLE", "PLAN", "int_rule"]
