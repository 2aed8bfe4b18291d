"""The relationship-gap table (关系差距分析表) and its history, expansion cards with key dates
and key events (关键客户拓展卡片), and the strategic-relationship table (战略关系表)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from katerm.core.cards import (
    EVENT_KINDS,
    KEY_DATE_KINDS,
    PARTNER_KINDS,
    PERSONAL_KINDS,
    criteria,
    key_day,
)
from katerm.core.errors import FieldError
from katerm.core.fields import MAX_NAME
from katerm.core.gaps import MAX_ACTION, SCORED, STATUSES, row_columns, score
from katerm.core.io.kind import (
    DATE,
    DATETIME,
    FLAG,
    ID,
    INT,
    NOTE,
    USER,
    Col,
    Kind,
    Ref,
    text_rule,
)
from katerm.core.reviews import SCENARIOS

_ACCOUNT = Ref("account_id", "accounts", "account_id", "account", required=True)
_CONTACT = Ref(
    "contact_id", "contacts", "contact_id", "contact", within="account_id", required=True
)
_WHO = (
    Col("id", ID, template=False),
    Col("account_id", ID, template=False),
    Col("account", required=True, aliases=("customer", "客户", "客户名称")),
    Col("contact_id", ID, template=False),
    Col(
        "contact",
        required=True,
        aliases=("person", "key_person", "姓名", "关键人", "客户关键人", "联系人"),
    ),
)


def _score(column: str) -> Col:
    def rule(value: Any) -> int:
        return score(column, value)

    return Col(column, INT, rule=rule)


def _due(value: Any) -> str | None:
    from katerm.core.fields import day

    found = day("due_date", value)
    return found.isoformat() if found else None


GAPS = Kind(
    name="gaps",
    table="gap_rows",
    depends=("contacts",),
    refs=(_ACCOUNT, _CONTACT),
    columns=(
        *_WHO,
        # The level "now" is the contact's (the people sheet carries it); the row keeps its target.
        *(_score(c) for c in row_columns()),
        Col(
            "next_action",
            rule=text_rule("next_action", MAX_ACTION),
            limit=MAX_ACTION,
            aliases=("action", "下一步行动", "行动计划", "改进措施"),
        ),
        Col(
            "scenario",
            choices=SCENARIOS,
            default="",
            words="reviews.scenario",
            aliases=("contact_scenario", "接触场景"),
        ),
        Col("due_date", DATE, rule=_due, aliases=("due", "完成时间", "截止日期")),
        Col("status", choices=STATUSES, default="open", words="gaps.status", aliases=("状态",)),
        # Whose portfolio the row is in; the relationship owner is the contact's (issue 17).
        Col("owner", USER, aliases=("责任人",)),
    ),
    key=("contact_id",),
    sheet_aliases=(
        "gap_rows",
        "relationship_gaps",
        "关系差距分析表",
        "客户关系差距分析表",
        "差距分析表",
    ),
    aliases=("gap_rows", "gap"),
)

GAP_SCORES = Kind(
    name="gap_scores",
    table="gap_scores",
    depends=("gaps",),
    owner="gap_row_id",
    refs=(Ref("gap_row_id", "gap_rows", "gap_row_id", required=True),),
    columns=(
        Col("id", ID, template=False),
        Col("gap_row_id", ID, required=True),
        Col("dimension", choices=SCORED, default="level", words="gaps.dim"),
        Col("target", FLAG),
        Col("old", INT, low=0, high=5, optional=True),
        Col("new", INT, low=0, high=5),
        Col("changed_by", USER, required=True),
        Col("changed_at", DATETIME, required=True),
        Col("owner", USER),
    ),
    sheet_aliases=("gap_history", "差距评分记录"),
    aliases=("gap_history",),
)

CARDS = Kind(
    name="cards",
    table="expansion_cards",
    depends=("contacts",),
    refs=(_ACCOUNT, _CONTACT),
    columns=(
        *_WHO,
        # The relationship owner is the contact's (contacts' covered_by, issue 17): one value
        # the map, the card and the gap row share, imported and exported with the contacts.
        Col(
            "sponsor",
            USER,
            field="sponsor_id",
            aliases=("executive_sponsor", "高层赞助人", "赞助人"),
        ),
        Col("sponsor_criteria", rule=criteria, aliases=("赞助人选取原则",)),
        Col("commitments", NOTE, aliases=("目标承诺",)),
        Col("action_plan", NOTE, aliases=("行动计划",)),
        Col("next_review", DATE, aliases=("下次回顾",)),
        Col("owner", USER),
        Col("notes", NOTE, aliases=("备注",)),
    ),
    key=("contact_id",),
    sheet_aliases=("expansion_cards", "关键客户拓展卡片", "拓展卡片"),
    aliases=("expansion_cards", "card"),
)


def _key_date(clean: dict[str, Any], stored: Mapping[str, Any] | None) -> list[FieldError]:
    """The day's form depends on ``yearly`` (a yearly date may leave out the year); a
    birthday is personal unless the file says otherwise."""
    old = stored or {}
    yearly = clean.get("yearly", old.get("yearly", True))
    if "day" in clean or "yearly" in clean:
        try:
            clean["day"] = key_day(clean.get("day", old.get("day")), yearly=bool(yearly))
        except FieldError as exc:
            return [exc]
    if clean.get("personal") is None and stored is None:
        clean["personal"] = clean.get("kind", "other") in PERSONAL_KINDS
    elif clean.get("personal") is None:
        clean.pop("personal", None)
    return []


def _optional_flag(value: Any) -> bool | None:
    from katerm.core.roles import parse_flag

    if value is None or str(value).strip() == "":
        return None
    return parse_flag(value, field="personal")


KEY_DATES = Kind(
    name="key_dates",
    table="key_dates",
    depends=("contacts",),
    refs=(_ACCOUNT, Ref("contact_id", "contacts", "contact_id", "contact", within="account_id")),
    columns=(
        *_WHO[:4],
        Col("contact", aliases=("person", "姓名", "关键人")),
        Col(
            "kind",
            choices=KEY_DATE_KINDS,
            default="other",
            words="cards.date_kind",
            aliases=("类型",),
        ),
        Col("day", required=True, rule=lambda v: "" if v is None else v, aliases=("date", "日期")),
        Col("yearly", FLAG, aliases=("每年",)),
        Col("label", limit=MAX_NAME, aliases=("title", "说明", "名称")),
        Col("personal", FLAG, rule=_optional_flag, aliases=("个人",)),
        Col("owner", USER),
    ),
    key=("account_id", "contact_id", "kind", "day", "label"),
    check=_key_date,
    personal_where="AND t.personal = 0",
    sheet_aliases=("关键日期",),
    aliases=("dates", "key_date"),
)


def _event_day(ws: Any, clean: Mapping[str, Any]) -> dict[str, Any]:
    return {"day": clean.get("day") or ws.clock.today()}


KEY_EVENTS = Kind(
    name="key_events",
    table="key_events",
    depends=("contacts",),
    refs=(_ACCOUNT, _CONTACT),
    columns=(
        *_WHO,
        Col(
            "kind",
            choices=EVENT_KINDS,
            default="other",
            words="cards.event_kind",
            aliases=("类型",),
        ),
        Col("day", DATE, aliases=("date", "日期")),
        Col("note", NOTE, aliases=("说明", "备注")),
        Col("owner", USER),
    ),
    key=("contact_id", "kind", "day"),
    defaults=_event_day,
    sheet_aliases=("关键事件",),
    aliases=("events", "key_event"),
)

STRATEGIC = Kind(
    name="strategic",
    table="strategic_relationships",
    depends=("accounts",),
    refs=(_ACCOUNT,),
    columns=(
        Col("id", ID, template=False),
        Col("account_id", ID, template=False),
        Col("account", required=True, aliases=("customer", "客户", "客户名称")),
        Col(
            "partner",
            required=True,
            rule=text_rule("partner", MAX_NAME, required=True),
            aliases=("partner_name", "合作伙伴", "战略供应商", "伙伴名称"),
        ),
        Col(
            "kind",
            choices=PARTNER_KINDS,
            default="partner",
            words="cards.partner_kind",
            aliases=("类型",),
        ),
        Col("relationship", NOTE, aliases=("与客户的关系", "关系")),
        Col("how_to_use", NOTE, aliases=("如何借力", "可借助之处")),
        Col("owner", USER),
    ),
    key=("account_id", "partner"),
    sheet_aliases=("strategic_relationships", "战略关系表", "战略关系评估表"),
    aliases=("strategic_relationships", "partners"),
)
