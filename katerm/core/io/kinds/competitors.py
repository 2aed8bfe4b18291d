"""The team's competitor list and where each competitor is present, with the seed's questions
answered (LTC 与铁三角: who they are, their relationships, strengths, offer, strategy, the
customer's attitude to them)."""

from __future__ import annotations

from katerm.core.fields import MAX_SHORT
from katerm.core.io.kind import ID, NOTE, USER, Col, Kind, Ref, text_rule

_ACCOUNT = Ref("account_id", "accounts", "account_id", "account", required=True)

COMPETITORS = Kind(
    name="competitors",
    table="competitors",
    owner="me",
    columns=(
        Col("id", ID, template=False),
        Col(
            "name",
            required=True,
            rule=text_rule("name", MAX_SHORT, required=True),
            aliases=("competitor", "竞争对手", "对手名称", "竞争厂商"),
        ),
        Col("notes", NOTE, aliases=("备注", "说明")),
        Col("owner", USER),
    ),
    key=("name",),
    sheet_aliases=("competitor_list", "竞争对手"),
    aliases=("competitor",),
)

COMPETITOR_PRESENCES = Kind(
    name="competitor_presences",
    table="competitor_presences",
    depends=("competitors", "opportunities"),
    refs=(
        _ACCOUNT,
        Ref("competitor_id", "competitors", "competitor_id", "competitor", required=True),
        Ref(
            "opportunity_id", "opportunities", "opportunity_id", "opportunity", within="account_id"
        ),
    ),
    columns=(
        Col("id", ID, template=False),
        Col("account_id", ID, template=False),
        Col("account", required=True, aliases=("customer", "客户", "客户名称")),
        Col("competitor_id", ID, template=False),
        Col("competitor", required=True, aliases=("竞争对手", "对手")),
        Col("opportunity_id", ID, template=False),
        Col("opportunity", aliases=("order", "商机", "项目")),
        Col("profile", NOTE, aliases=("who", "对手情况", "基本情况")),
        Col("relationships", NOTE, aliases=("客户关系", "对手关系")),
        Col("strengths", NOTE, aliases=("优势",)),
        Col("offer", NOTE, aliases=("报价", "方案")),
        Col("strategy", NOTE, aliases=("策略", "竞争策略")),
        Col("customer_attitude", NOTE, aliases=("attitude", "客户态度")),
        Col("owner", USER),
    ),
    key=("account_id", "competitor_id", "opportunity_id"),
    sheet_aliases=("competitors_present", "竞争态势"),
    aliases=("presences",),
)
