"""The seed's vocabulary and template for relationship expansion by project stage (LTC 与铁三角,
基于生命周期的普遍关系拓展管理): the customer departments to reach, the ways to reach them, our
roles that answer for it, and the cells a new plan starts from.

Nothing here reads the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from katerm.core import levels

# The customer's departments the seed names, each with the words that find it in a
# contact's department ("Procurement", "采购部"...). ASCII words match whole words only.
DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "market": ("market", "marketing", "市场"),
    "planning": ("planning", "plan", "it", "information", "规划", "计划", "信息"),
    "purchasing": ("purchasing", "procurement", "purchase", "sourcing", "采购", "招标"),
    "finance": ("finance", "financial", "accounting", "财务", "会计"),
    "maintenance": ("maintenance", "operations", "o&m", "维护", "运维", "运营"),
    "construction": ("construction", "engineering", "project office", "建设", "工程", "施工"),
    "leadership": ("executive", "board", "总经理", "董事", "高层", "总裁"),
}
# How to reach them (the seed's 拓展方法 / 拓展手段).
WAYS = (
    "business_exchange",  # 业务交流
    "company_visit",  # 公司参观
    "reference_visit",  # 样板点参观
    "personal_visit",  # 私人拜访
    "special_inspection",  # 专项考察
    "management_training",  # 管理培训
    "executive_visit",  # 高层拜访
    "department_social",  # 部门联谊
    "finance_exchange",  # 财务管理专项交流
)
# Our roles that answer for a cell: the iron triangle and the collections role.
TEAM_ROLES = ("customer_manager", "solution_expert", "delivery_manager", "collections")
# The relationship levels a cell may aim at: the one scale (katerm.core.levels) above unknown.
TARGETS = levels.LEVELS[1:]
STATUSES = ("open", "reached", "skipped")


@dataclass(frozen=True)
class TemplateCell:
    stage: str
    department: str
    target: str
    way: str
    responsible: str


def _cells(stage: str, *rows: tuple[str, str, str, str]) -> tuple[TemplateCell, ...]:
    return tuple(TemplateCell(stage, *r) for r in rows)


# The seed's four stages. Need-shaping: the market department (business exchange, solution
# expert), planning and purchasing — "the central system, must be won" — (company and
# reference-site visits; purchasing and the top by the customer manager). Bidding: planning,
# purchasing, finance, maintenance by personal visit, business exchange, special inspection.
# Contract execution: construction and maintenance by management training, the delivery
# manager first. Collection: maintenance (acceptance), finance (payment plan) and the leaders
# who approve, by department socials and finance exchanges.
TEMPLATE: tuple[TemplateCell, ...] = (
    *_cells(
        "need",
        ("market", "acquainted", "business_exchange", "solution_expert"),
        ("planning", "acquainted", "company_visit", "solution_expert"),
        ("purchasing", "working", "reference_visit", "customer_manager"),
        ("leadership", "acquainted", "executive_visit", "customer_manager"),
    ),
    *_cells(
        "bidding",
        ("planning", "working", "business_exchange", "solution_expert"),
        ("purchasing", "trusted", "personal_visit", "customer_manager"),
        ("finance", "acquainted", "personal_visit", "customer_manager"),
        ("maintenance", "acquainted", "special_inspection", "delivery_manager"),
    ),
    *_cells(
        "contract",
        ("construction", "working", "management_training", "delivery_manager"),
        ("maintenance", "working", "management_training", "delivery_manager"),
    ),
    *_cells(
        "collection",
        ("maintenance", "working", "department_social", "delivery_manager"),
        ("finance", "working", "finance_exchange", "collections"),
        ("leadership", "working", "executive_visit", "customer_manager"),
    ),
)

_ASCII = re.compile(r"^[ -~]+$")


def _matches(word: str, text: str) -> bool:
    if _ASCII.match(word):
        return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) is not None
    return word in text


def in_department(department: str, contact_department: str) -> bool:
    """Is a contact of ``contact_department`` (their own words) in the plan's ``department``
    (a key of :data:`DEPARTMENTS`, or a department's name matched as written)?"""
    text = contact_department.casefold().strip()
    if not text:
        return False
    words = DEPARTMENTS.get(department)
    if words is None:
        wanted = department.casefold().strip()
        return bool(wanted) and (wanted in text or text in wanted)
    return any(_matches(w, text) for w in words)
