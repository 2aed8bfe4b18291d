"""The opportunity list (商机列表), the four-order tracker's milestones and customer voice."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from katerm.core.errors import FieldError
from katerm.core.fields import MAX_NAME, currency, memo
from katerm.core.io.kind import (
    DATE,
    FLAG,
    ID,
    INT,
    MONEY,
    NOTE,
    USER,
    Col,
    Kind,
    Ref,
    text_rule,
)
from katerm.core.leads import SOURCES, STATUSES
from katerm.core.pipeline import LEAD_DECISIONS, LEAD_POINTS, OUTCOMES, STAGES, percent, yes_no
from katerm.core.plan import STATUSES as VOICE_STATUSES

_ACCOUNT = Ref("account_id", "accounts", "account_id", "account", required=True)
_MILESTONE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _checks(value: Any) -> str:
    """Confirmed lead-review points: known keys, space- or comma-separated, in review order."""
    given = {w for w in re.split(r"[\s,，、;；]+", "" if value is None else str(value)) if w}
    unknown = sorted(given - set(LEAD_POINTS))
    if unknown:
        raise FieldError(
            "lead_checks",
            "fields.err.bad_choice",
            value=" ".join(unknown),
            choices=tuple(LEAD_POINTS),
        )
    return " ".join(p for p in LEAD_POINTS if p in given)


def _milestone(value: Any) -> str:
    key = "" if value is None else str(value).strip().casefold()
    if not _MILESTONE_KEY.match(key):
        raise FieldError("milestone", "io.err.bad_milestone", value=key)
    return key


def _opened(ws: Any, clean: Mapping[str, Any]) -> dict[str, Any]:
    # As the form does: a new opportunity opens today, in its stage since it opened.
    opened = clean.get("opened_on") or ws.clock.today()
    return {"opened_on": opened, "stage_on": clean.get("stage_on") or opened}


def _raised(ws: Any, clean: Mapping[str, Any]) -> dict[str, Any]:
    return {"raised_on": clean.get("raised_on") or ws.clock.today()}


OPPORTUNITIES = Kind(
    name="opportunities",
    table="opportunities",
    depends=("contacts",),
    refs=(
        _ACCOUNT,
        Ref("contact_id", "contacts", "contact_id", "contact", within="account_id"),
        Ref("renewal_of", "self", "renewal_of"),
        Ref("referred_account_id", "accounts", "referred_account_id", "referred_by"),
        Ref(
            "referred_contact_id",
            "contacts",
            "referred_contact_id",
            "referred_by_contact",
            within="referred_account_id",
        ),
    ),
    columns=(
        Col("id", ID, template=False),
        Col("account_id", ID, template=False),
        Col("account", required=True, aliases=("customer", "客户", "客户名称", "公司名称")),
        Col(
            "name",
            required=True,
            limit=MAX_NAME,
            aliases=(
                "opportunity",
                "opportunity_name",
                "deal",
                "deal_name",
                "商机",
                "项目名称",
                "项目",
            ),
        ),
        Col(
            "stage",
            choices=STAGES,
            default="lead",
            words="opportunities.stage",
            aliases=("sales_stage", "销售阶段", "商机阶段"),
        ),
        Col(
            "outcome",
            choices=OUTCOMES,
            default="open",
            words="opportunities.outcome",
            aliases=("result", "结果", "输赢"),
        ),
        Col("amount", MONEY, aliases=("value", "deal_value", "商机金额", "预计金额", "金额（元）")),
        Col("currency", rule=memo(lambda v: currency("currency", v)), aliases=("货币",)),
        Col(
            "expected_close",
            DATE,
            aliases=("close_date", "expected_close_date", "预计签单日期", "预计成交"),
        ),
        Col(
            "probability",
            rule=memo(lambda v: percent("probability", v)),
            aliases=("win_rate", "win_probability", "成交概率", "赢率", "赢单率"),
        ),
        Col("competitors", limit=MAX_NAME, aliases=("competition", "竞争对手", "竞争厂商")),
        Col(
            "has_budget",
            FLAG,
            rule=memo(lambda v: yes_no("has_budget", v)),
            aliases=("budget", "有无预算", "预算"),
        ),
        Col("contact_id", ID, template=False),
        Col("contact", aliases=("key_person", "关键人", "联系人", "客户关键人")),
        Col("opened_on", DATE, aliases=("created", "created_on", "创建日期", "立项日期")),
        Col("stage_on", DATE, aliases=("stage_date", "进入阶段日期")),
        Col("lead_checks", rule=_checks, aliases=("线索验证项",)),
        Col(
            "lead_decision",
            choices=LEAD_DECISIONS,
            default="",
            words="opportunities.decision",
            aliases=("线索决定",),
        ),
        Col("decided_on", DATE, aliases=("决定日期",)),
        Col("locked_on", DATE, aliases=("lock_date", "锁单日", "锁单时间")),
        Col("locked_by", USER, aliases=("锁单审核人", "审核人")),
        Col("closed_on", DATE, aliases=("close_day", "关闭日期", "成单日期")),
        Col("renewal_of", ID, aliases=("续单来源",), template=False),
        Col(
            "loss_reason", limit=500, aliases=("lost_reason", "reason_lost", "丢单原因", "输单原因")
        ),
        Col("winner", limit=MAX_NAME, aliases=("won_by", "赢单方", "中标方", "赢单厂商")),
        # Leads (katerm.core.leads): source, referral, nurturer, the meeting's status and days.
        Col(
            "lead_source",
            choices=SOURCES,
            default="",
            words="leads.source",
            aliases=("source", "线索来源"),
        ),
        Col("referred_account_id", ID, template=False),
        Col("referred_by", aliases=("referrer", "referred_by_account", "转介绍客户")),
        Col("referred_contact_id", ID, template=False),
        Col("referred_by_contact", aliases=("referrer_contact", "转介绍人")),
        Col("nurturer", USER, field="nurturer_id", aliases=("线索培育人", "培育人")),
        Col(
            "lead_status", choices=STATUSES, default="", words="leads.status", aliases=("线索状态",)
        ),
        Col("reviewed_on", DATE, aliases=("评审日期",)),
        Col("converted_on", DATE, aliases=("转化日期",)),
        Col("dropped_on", DATE, aliases=("关闭线索日期",)),
        Col("owner", USER, aliases=("opportunity_owner", "销售", "客户经理", "负责人")),
        Col("notes", NOTE, aliases=("remarks", "说明")),
    ),
    key=("account_id", "name"),
    defaults=_opened,
    sheet_aliases=("opportunity", "商机", "商机列表", "商机表", "pipeline"),
    aliases=("opportunity", "pipeline", "orders"),
)

MILESTONES = Kind(
    name="milestones",
    table="order_milestones",
    depends=("opportunities",),
    refs=(
        _ACCOUNT,
        Ref(
            "opportunity_id",
            "opportunities",
            "opportunity_id",
            "opportunity",
            within="account_id",
            required=True,
        ),
    ),
    columns=(
        Col("id", ID, template=False),
        Col("account_id", ID, template=False, field=""),
        Col("account", required=True, field=""),
        Col("opportunity_id", ID, template=False),
        Col("opportunity", required=True, aliases=("order", "订单", "商机")),
        Col("milestone", required=True, rule=_milestone, aliases=("step", "里程碑", "跟单节点")),
        Col("done_on", DATE, aliases=("reached_on", "完成日期", "达成日期")),
        Col("analysis", NOTE, aliases=("卡单分析",)),
        Col("improvement", NOTE, aliases=("卡单改进", "改进措施")),
        Col("analysed_on", DATE, aliases=("分析日期",)),
        Col("owner", USER),
    ),
    key=("opportunity_id", "milestone"),
    sheet_aliases=("order_milestones", "跟单里程碑", "四单管理", "四单跟踪表"),
    aliases=("order_milestones", "follow"),
)

VOICE = Kind(
    name="voice",
    table="voice_issues",
    depends=("accounts",),
    refs=(_ACCOUNT,),
    columns=(
        Col("id", ID, template=False),
        Col("account_id", ID, template=False),
        Col("account", required=True),
        Col(
            "title",
            required=True,
            rule=text_rule("title", 300, required=True),
            aliases=("issue", "问题", "客户问题"),
        ),
        Col("detail", NOTE, aliases=("description", "问题描述")),
        Col("raised_on", DATE, aliases=("date", "提出日期", "受理日期")),
        Col(
            "status",
            choices=VOICE_STATUSES,
            default="accepted",
            words="voice.status",
            aliases=("处理状态",),
        ),
        Col("handler", USER, field="handler_id", aliases=("处理人",)),
        Col("closed_on", DATE, aliases=("关闭日期",)),
        Col("rating", INT, low=1, high=5, optional=True, aliases=("评分",)),
        Col("feedback", NOTE, aliases=("客户评价",)),
        Col("owner", USER),
    ),
    key=("account_id", "title", "raised_on"),
    defaults=_raised,
    sheet_aliases=("customer_voice", "客户之声", "客户声音"),
    aliases=("customer_voice",),
)
