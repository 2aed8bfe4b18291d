"""The columns of each kind of file, and the many ways spreadsheets title them.

The canonical header of a column is the field's snake_case name (``annual_revenue``); that is
what exports write. Imports also accept the field's label in every interface language (from
the ``fields.*`` catalogues, so a header the template wrote always reads back) and the words
sales teams put at the top of their own sheets (``年销售额``, ``客户经理``, ``Company``).
Matching ignores case, surrounding spaces, ``*`` marks for required columns and the
difference between spaces, dashes and underscores.

A money column may carry its unit in brackets, ``年收入（万元）``: its figures are then
multiplied out (500 -> 5,000,000), because importing them as yuan would be silently wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from katerm.i18n import LANGUAGES, t

KINDS = ("accounts", "contacts")


@dataclass(frozen=True)
class Column:
    name: str  # the canonical header: a field name, or "owner" / "account"
    aliases: tuple[str, ...] = ()
    money: bool = False
    personal: bool = False  # left out of exports unless personal data is asked for
    in_template: bool = True


ACCOUNT_COLUMNS: tuple[Column, ...] = (
    Column("id", ("uuid", "account_id"), in_template=False),
    Column(
        "name",
        (
            "account",
            "account_name",
            "customer",
            "customer_name",
            "company",
            "company_name",
            "名称",
            "客户",
            "客户名",
            "公司",
            "公司名称",
            "企业名称",
            "单位名称",
            "客户全称",
        ),
    ),
    Column("industry", ("sector", "vertical", "所属行业", "行业类别")),
    Column("region", ("area", "territory", "地区", "片区", "大区", "所属区域", "销售区域")),
    Column(
        "annual_revenue",
        (
            "revenue",
            "annual_sales",
            "sales",
            "年销售额",
            "年收入",  # the app's own label before 1.x said 年收入
            "年营收",
            "销售额",
            "营收",
            "年度销售额",
            "年度收入",
            "年营业额",
            "营业额",
        ),
        money=True,
    ),
    Column(
        "contract_value",
        ("contract", "contract_amount", "合同额", "合同价值", "签约金额"),
        money=True,
    ),
    Column(
        "potential_revenue",
        ("potential", "potential_sales", "潜在销售额", "潜力", "潜在金额", "潜在价值"),
        money=True,
    ),
    Column(
        "annual_orders",
        ("orders", "order_count", "orders_per_year", "年订单数", "订单数", "下单次数", "订单量"),
    ),
    Column(
        "company_revenue",
        (
            "customer_revenue",
            "customer_own_revenue",
            "企业营收",
            "企业年营收",
            "公司营收",
            "客户自身营收",
        ),
        money=True,
    ),
    Column(
        "tier",
        (
            "level",
            "grade",
            "class",
            "account_tier",
            "等级",
            "客户级别",
            "客户等级",
            "分级",
            "客户分级",
            "客户类别",
        ),
    ),
    Column("tier_scheme", ("scheme", "分级方式", "分级标准")),
    Column(
        "tier_override_reason",
        ("override_reason", "tier_reason", "定级原因", "手动定级原因", "人工定级原因"),
    ),
    Column("lifecycle", ("life_cycle", "stage", "status", "客户阶段", "阶段", "客户状态", "状态")),
    Column("currency", ("货币", "币别")),
    Column(
        "owner",
        (
            "owner_login",
            "account_manager",
            "seller",
            "sales_rep",
            "salesperson",
            "客户经理",
            "销售",
            "销售代表",
            "归属人",
            "跟进人",
            "销售负责人",
        ),
    ),
    Column("notes", ("note", "remarks", "remark", "comment", "comments", "说明", "描述")),
)

CONTACT_COLUMNS: tuple[Column, ...] = (
    Column("id", ("uuid", "contact_id", "联系人编号", "联系人id"), in_template=False),
    Column("account_id", ("customer_id", "客户id"), in_template=False),
    Column(
        "account",
        (
            "account_name",
            "customer",
            "customer_name",
            "company",
            "company_name",
            "客户",
            "客户名称",
            "公司",
            "公司名称",
            "单位",
            "单位名称",
            "所在公司",
            "企业名称",
        ),
    ),
    Column(
        "name", ("contact", "contact_name", "full_name", "person", "联系人", "联系人姓名", "名字")
    ),
    Column("title", ("job_title", "position", "职位", "头衔", "岗位")),
    Column("department", ("dept", "部门名称", "所在部门")),
    Column(
        "phone",
        (
            "mobile",
            "tel",
            "telephone",
            "cell",
            "phone_number",
            "手机",
            "手机号",
            "手机号码",
            "联系电话",
            "电话号码",
            "座机",
        ),
    ),
    Column(
        "email", ("e_mail", "mail", "email_address", "电子邮箱", "邮件", "电子邮件", "邮箱地址")
    ),
    Column(
        "birthday", ("date_of_birth", "dob", "birth_date", "出生日期", "生日日期"), personal=True
    ),
    # The influence map (katerm.core.roles): keys or either language's labels.
    Column("role", ("decision_role", "buying_role", "角色", "决策链角色", "采购角色")),
    Column("other_roles", ("roles", "更多角色")),
    Column("influence", ("influence_level", "影响力等级", "影响程度")),
    Column("attitude", ("attitude_to_us", "stance", "对我方态度", "立场")),
    Column("support_level", ("support", "支持度", "支持等级")),
    Column("contact_level", ("relationship_level", "关系程度", "关系等级", "接触等级")),
    Column(
        "covered_by",
        ("coverage", "covered", "relationship_owner", "覆盖人", "关系负责人", "对接人"),
    ),
    Column("reports_to", ("boss", "superior", "reports_to_id", "上级", "直接上级", "汇报给")),
    Column("rising_star", ("rising", "明日之星标记", "潜力股")),
    Column(
        "favours_competitor",
        (
            "competitor",
            "favoured_competitor",
            "preferred_competitor",
            "倾向竞争对手",
            "竞争对手倾向",
        ),
    ),
    Column(
        "owner",
        (
            "owner_login",
            "account_manager",
            "seller",
            "sales_rep",
            "客户经理",
            "销售",
            "归属人",
            "跟进人",
            "维护人",
        ),
    ),
    Column("notes", ("note", "remarks", "remark", "comment", "comments", "说明", "描述")),
)

_COLUMNS = {"accounts": ACCOUNT_COLUMNS, "contacts": CONTACT_COLUMNS}
_LABEL_AREA = {"accounts": "fields.account", "contacts": "fields.contact"}

# Row counters that spreadsheets keep in their first column; they carry no data.
IGNORED = "\0ignored"
_IGNORED_HEADERS = ("序号", "行号", "#", "no", "no.")

_UNITS = {
    "元": 1,
    "cny": 1,
    "rmb": 1,
    "yuan": 1,
    "¥": 1,
    "￥": 1,
    "人民币": 1,
    "千元": 1e3,
    "千": 1e3,
    "k": 1e3,
    "万元": 1e4,
    "万": 1e4,
    "百万元": 1e6,
    "百万": 1e6,
    "m": 1e6,
    "亿元": 1e8,
    "亿": 1e8,
}
_BRACKETED = re.compile(r"(.+?)\s*[(（\[【]\s*([^()（）\[\]【】]*?)\s*[)）\]】]")


def columns_of(kind: str) -> tuple[Column, ...]:
    return _COLUMNS[kind]


def column_names(kind: str) -> tuple[str, ...]:
    return tuple(c.name for c in _COLUMNS[kind])


def label(kind: str, name: str, lang: str | None = None) -> str:
    """The column's title in an interface language (what a template in that language shows)."""
    return t(f"{_LABEL_AREA[kind]}.{name}", lang=lang)


def normalize_header(text: object) -> str:
    """A header as matching sees it: case, spaces, dashes and ``*`` marks don't count."""
    cleaned = str(text).replace("\ufeff", "").strip().casefold()
    cleaned = cleaned.strip("*:：").strip()
    return re.sub(r"[\s\-_/]+", "_", cleaned).strip("_")


@cache
def alias_table(kind: str) -> dict[str, str]:
    """Every accepted (normalised) header of a kind of file -> its column's canonical name."""
    table: dict[str, str] = {}
    for column in _COLUMNS[kind]:
        words = [
            column.name,
            *column.aliases,
            *(label(kind, column.name, lang) for lang in LANGUAGES),
        ]
        for word in words:
            # The first column to claim a word keeps it (``id`` before ``account_id``).
            table.setdefault(normalize_header(word), column.name)
    for word in _IGNORED_HEADERS:
        table.setdefault(normalize_header(word), IGNORED)
    return table


def match_header(kind: str, header: object) -> tuple[str | None, float]:
    """The column a header names and the factor for its figures; None if it names none.

    Returns ``(IGNORED, 1)`` for a row counter such as ``序号``.
    """
    table = alias_table(kind)
    key = normalize_header(header)
    if key in table:
        return table[key], 1
    bracketed = _BRACKETED.fullmatch(str(header).strip().strip("*:："))
    if bracketed:
        name = table.get(normalize_header(bracketed[1]))
        unit = _UNITS.get(bracketed[2].strip().casefold())
        if name and unit and any(c.name == name and c.money for c in _COLUMNS[kind]):
            return name, unit
    return None, 1


def accepted_headers(kind: str, name: str) -> str:
    """Headers a column accepts (canonical, English and Chinese label), for messages."""
    return f"{name} / {label(kind, name, lang='en')} / {label(kind, name, lang='zh_CN')}"
