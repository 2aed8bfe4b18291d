"""Broad relationships: the routine actions kept at each account (普遍客户关系), with their kind
(the key or its label in either language) and cadence in days."""

from __future__ import annotations

from katerm.core.broad import KINDS
from katerm.core.io.kind import ID, INT, USER, Col, Kind, Ref

ROUTINES = Kind(
    name="routines",
    table="routine_actions",
    depends=("accounts",),
    refs=(Ref("account_id", "accounts", "account_id", "account", required=True),),
    columns=(
        Col("id", ID, template=False),
        Col("account_id", ID, template=False),
        Col("account", required=True, aliases=("customer", "客户", "客户名称")),
        Col(
            "kind",
            required=True,
            choices=KINDS,
            words="broad.kind",
            aliases=("type", "类型", "活动类型"),
        ),
        Col("title", aliases=("name", "例行动作", "名称")),
        Col(
            "cadence_days", INT, low=1, high=366, aliases=("every", "cadence", "周期", "周期（天）")
        ),
        Col("note", limit=500, aliases=("notes", "备注")),
        Col("owner", USER),
    ),
    key=("account_id", "kind", "title"),
    sheet_aliases=("broad_relationships", "普遍客户关系", "例行动作"),
    aliases=("routine_actions", "broad"),
)
