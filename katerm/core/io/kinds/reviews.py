"""The cadence's records (DOMAIN.md §8): checklist templates and ticks, daily and weekly plans,
evening reviews with their notes and follow-ups — and the pyramid's targets and thresholds.

Many of these rows have ids derived from what they are about (two devices make the same row);
a workbook keeps those ids, so a moved workspace finds its rows again.
"""

from __future__ import annotations

import re
from typing import Any

from katerm.core.config import TIER_SCHEMES
from katerm.core.errors import FieldError
from katerm.core.io.kind import (
    DATE,
    DATETIME,
    FLAG,
    ID,
    INT,
    MONEY,
    NOTE,
    USER,
    Col,
    Kind,
    Ref,
    note_rule,
    text_rule,
)
from katerm.core.pyramid import MEASURES, threshold_refusal
from katerm.core.reviews import MAX_TARGET
from katerm.core.tiers import SCHEMES, normalize_tier, tiers_of
from katerm.i18n import Term

_PERIODS = ("day", "week")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PERIOD_KEY = re.compile(r"^\d{4}-(?:\d{2}-\d{2}|W\d{2})$")
_OPTIONAL_ACCOUNT = Ref("account_id", "accounts", "account_id", "account")


def _period_key(value: Any) -> str:
    key = "" if value is None else str(value).strip()
    if hasattr(value, "isoformat"):
        key = value.isoformat()[:10]
    if not _PERIOD_KEY.match(key):
        raise FieldError("period_key", "io.err.bad_period", value=key)
    return key


def _key(name: str, *, optional: bool = False) -> Any:
    """A key as katerm names things (lower-case letters, digits, _), as the server checks."""

    def check(value: Any) -> str:
        raw = "" if value is None else str(value).strip()
        if not raw and optional:
            return ""
        if not _KEY.match(raw):
            raise FieldError(name, "io.err.bad_milestone", value=raw)
        return raw

    return check


def _uuid(name: str, *, optional: bool = False) -> Any:
    """An id of a record kept elsewhere (an evening review a seller's device never holds)."""

    def check(value: Any) -> str | None:
        raw = "" if value is None else str(value).strip().lower()
        if not raw and optional:
            return None
        if not _UUID.match(raw):
            raise FieldError(name, "io.err.bad_id", value=raw)
        return raw

    return check


def _tier_of_scheme(clean: dict[str, Any], stored: Any) -> list[FieldError]:
    """A tier belongs to its scheme (a threshold's may be empty: a line splitting the whole
    scheme)."""
    scheme = clean.get("scheme", (stored or {}).get("scheme"))
    tier = clean.get("tier")
    if not tier or scheme not in SCHEMES:
        return []
    found = normalize_tier(scheme, tier)
    if found is None:
        return [
            FieldError(
                "tier",
                "fields.err.bad_tier",
                value=tier,
                scheme=Term(f"fields.scheme.{scheme}"),
                choices=tuple(tiers_of(scheme)),
            )
        ]
    clean["tier"] = found
    return []


def _summary(value: Any) -> str:
    """An evening review's findings: the JSON text katerm wrote, kept as it is."""
    import json

    raw = "" if value is None else str(value)
    if raw:
        try:
            json.loads(raw)
        except ValueError:
            raise FieldError("summary", "io.err.not_json") from None
    return raw


_PERSON_PERIOD = (
    Col("id", ID, template=False),
    Col("owner", USER, aliases=("person", "人员")),
    Col("period", choices=_PERIODS, default="day", aliases=("周期",)),
    Col("period_key", rule=_period_key, aliases=("date", "week", "日期", "周")),
)

CHECKLIST_ITEMS = Kind(
    name="checklist_items",
    table="checklist_items",
    depends=("team",),
    owner="me",
    columns=(
        Col("id", ID, template=False),
        Col("owner", USER, aliases=("lead", "团队主管")),
        Col("period", choices=_PERIODS, default="day", aliases=("周期",)),
        Col("key", required=True, rule=_key("key"), aliases=("item", "检查项")),
        Col("kind", choices=("measured", "manual"), default="manual", aliases=("类型",)),
        Col("measure", rule=_key("measure", optional=True), aliases=("度量",)),
        Col("target", INT, low=0, high=MAX_TARGET, optional=True, aliases=("目标",)),
        Col("label", limit=120, aliases=("名称",)),
        Col("position", INT, aliases=("顺序",)),
        Col("valid_from", DATE, aliases=("生效日期",)),
        Col("valid_until", DATE, aliases=("失效日期",)),
    ),
    key=("owner_id", "period", "key", "valid_from"),
    sheet_aliases=("检查清单模板",),
    aliases=("checklist_template",),
)

CHECKLISTS = Kind(
    name="checklists",
    table="checklists",
    depends=("team",),
    owner="me",
    columns=(
        *_PERSON_PERIOD,
        Col("reopened", FLAG, aliases=("重新打开",)),
        Col("reopened_by", USER, aliases=("重新打开人",)),
    ),
    key=("owner_id", "period", "period_key"),
    sheet_aliases=("检查清单",),
)

CHECKLIST_MARKS = Kind(
    name="checklist_marks",
    table="checklist_marks",
    depends=("team",),
    owner="me",
    columns=(
        *_PERSON_PERIOD,
        Col("item_key", required=True, rule=_key("item_key"), aliases=("item", "检查项")),
        Col("done", FLAG, aliases=("完成",)),
        Col("note", NOTE, rule=note_rule("note", 500), aliases=("备注",)),
    ),
    key=("owner_id", "period_key", "item_key"),
    sheet_aliases=("检查清单勾选",),
    aliases=("ticks",),
)

WORK_PLANS = Kind(
    name="work_plans",
    table="work_plans",
    depends=("team",),
    owner="me",
    columns=(*_PERSON_PERIOD, Col("text", NOTE, aliases=("plan", "计划内容", "计划"))),
    key=("owner_id", "period", "period_key"),
    sheet_aliases=("工作计划", "周计划表"),
    aliases=("plans_of_work", "work_plan"),
)

EVENING_REVIEWS = Kind(
    name="evening_reviews",
    table="evening_reviews",
    depends=("team",),
    owner="me",
    columns=(
        Col("id", ID, template=False),
        Col("owner", USER, aliases=("lead", "团队主管")),
        Col("day", DATE, required=True, aliases=("date", "日期")),
        Col("run_by", USER, aliases=("主持人",)),
        Col("finished_at", DATETIME, aliases=("结束时间",)),
        Col("summary", NOTE, rule=_summary, limit=1_000_000, aliases=("纪要",)),
    ),
    key=("owner_id", "day"),
    sheet_aliases=("夕会", "日复盘"),
    aliases=("reviews",),
)

REVIEW_NOTES = Kind(
    name="review_notes",
    table="review_notes",
    depends=("evening_reviews",),
    owner="me",
    columns=(
        Col("id", ID, template=False),
        Col("owner", USER, aliases=("seller", "销售")),
        Col("review_id", ID, required=True, rule=_uuid("review_id")),
        Col("day", DATE, required=True, aliases=("date", "日期")),
        Col("author", USER, field="author_id", aliases=("点评人",)),
        Col("reviewed", FLAG, aliases=("已复盘",)),
        Col("comment", NOTE, rule=note_rule("comment", 2000), aliases=("点评",)),
    ),
    key=("review_id", "owner_id"),
    sheet_aliases=("夕会点评",),
)

FOLLOW_UPS = Kind(
    name="follow_ups",
    table="follow_ups",
    depends=("evening_reviews", "accounts"),
    owner="me",
    refs=(_OPTIONAL_ACCOUNT,),
    columns=(
        Col("id", ID, template=False),
        Col("owner", USER, aliases=("seller", "责任人")),
        Col("created_by", USER, aliases=("given_by", "布置人")),
        Col("review_id", ID, rule=_uuid("review_id", optional=True)),
        Col("account_id", ID, template=False),
        Col("account", aliases=("customer", "客户")),
        Col(
            "text",
            required=True,
            rule=text_rule("text", 2000, required=True),
            limit=2000,
            aliases=("action", "跟进事项", "事项"),
        ),
        Col("due_date", DATE, aliases=("due", "截止日期")),
        Col(
            "status",
            choices=("open", "done"),
            default="open",
            words="plan.status",
            aliases=("状态",),
        ),
        Col("done_at", DATETIME, aliases=("完成时间",)),
    ),
    key=("owner_id", "review_id", "text"),
    sheet_aliases=("跟进事项",),
    aliases=("follow_up", "actions"),
)


def _not_a_managers(ws: Any, clean: dict[str, Any], stored: Any) -> list[FieldError]:
    """A threshold a manager above me set is theirs to change (issue 24)."""
    row = {**(stored or {}), **clean}
    if not row.get("scheme") or not row.get("measure"):
        return []
    with ws.db.reading() as conn:
        refused = threshold_refusal(
            conn, ws.me.id, row["scheme"], row.get("tier") or "", row["measure"], row.get("value")
        )
    return [refused] if refused else []


TIER_THRESHOLDS = Kind(
    name="tier_thresholds",
    table="tier_thresholds",
    depends=("team",),
    owner="me",
    columns=(
        Col("id", ID, template=False),
        Col(
            "scheme",
            required=True,
            choices=TIER_SCHEMES,
            words="fields.scheme",
            aliases=("tier_scheme", "分级方案"),
        ),
        Col("tier", aliases=("级别",)),
        Col(
            "measure",
            required=True,
            choices=tuple(MEASURES),
            words="pyramid.measure",
            aliases=("度量",),
        ),
        Col("value", MONEY, aliases=("threshold", "门槛")),
        Col("owner", USER),
    ),
    key=("scheme", "tier", "measure"),
    check=_tier_of_scheme,
    guard=_not_a_managers,
    sheet_aliases=("分级门槛",),
    aliases=("thresholds",),
)


def _tier_target_kind(name: str, target: Col, sheet: str, alias: str) -> Kind:
    """A portfolio's yearly target per tier: the count targets and the revenue targets differ
    only in their target column (and their names)."""
    return Kind(
        name=name,
        table=name,
        depends=("team",),
        owner="me",
        columns=(
            Col("id", ID, template=False),
            Col("owner", USER, aliases=("portfolio", "负责人")),
            Col("year", INT, required=True, low=2000, high=2100, aliases=("年份",)),
            Col(
                "scheme",
                required=True,
                choices=TIER_SCHEMES,
                words="fields.scheme",
                aliases=("tier_scheme", "分级方案"),
            ),
            Col(
                "tier",
                required=True,
                rule=text_rule("tier", 40, required=True),
                aliases=("级别",),
            ),
            target,
        ),
        key=("owner_id", "year", "scheme", "tier"),
        check=_tier_of_scheme,
        guard=_not_a_managers,
        sheet_aliases=(sheet,),
        aliases=(alias,),
    )


TIER_TARGETS = _tier_target_kind(
    "tier_targets", Col("target", INT, low=0, aliases=("目标客户数", "目标")), "分级目标", "targets"
)
TIER_REVENUE_TARGETS = _tier_target_kind(
    "tier_revenue_targets",
    Col("target", MONEY, required=True, aliases=("目标营收", "revenue_target")),
    "分级营收目标",
    "revenue_targets",
)
