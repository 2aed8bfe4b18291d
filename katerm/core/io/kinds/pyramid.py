"""The pyramid's yearly evaluation data: each account's revenue and customer satisfaction per
year (``account_revenues``), and each team member's grade and join date (``member_grades``):
who should serve which tier."""

from __future__ import annotations

from katerm.core.config import GRADES
from katerm.core.fields import currency, memo
from katerm.core.io.kind import DATE, ID, INT, MONEY, USER, Col, Kind, Ref

ACCOUNT_REVENUES = Kind(
    name="account_revenues",
    table="account_revenues",
    depends=("accounts",),
    refs=(Ref("account_id", "accounts", "account_id", "account", required=True),),
    columns=(
        Col("id", ID, template=False),
        Col("account_id", ID, template=False),
        Col("account", required=True, aliases=("customer", "客户", "客户名称")),
        Col("year", INT, required=True, low=1900, high=2100, aliases=("年份", "年度")),
        Col("amount", MONEY, aliases=("revenue", "annual_revenue", "收入", "年收入", "销售额")),
        Col("currency", rule=memo(lambda v: currency("currency", v)), aliases=("币种", "货币")),
        Col(
            "satisfaction",
            INT,
            low=1,
            high=5,
            optional=True,
            aliases=("customer_satisfaction", "满意度", "客户满意度"),
        ),
        Col("owner", USER),
    ),
    key=("account_id", "year"),
    sheet_aliases=("yearly_revenue", "年度收入", "年度收入与满意度"),
    aliases=("revenues", "yearly_revenue"),
)

MEMBER_GRADES = Kind(
    name="member_grades",
    table="member_grades",
    depends=("team",),
    owner="me",
    columns=(
        Col("id", ID, template=False),
        Col(
            "member",
            USER,
            field="user_id",
            required=True,
            aliases=("login", "seller", "成员", "员工", "账号"),
        ),
        Col(
            "grade",
            choices=("", *GRADES),
            default="",
            words="pyramid.grade",
            aliases=("level", "能级", "员工能级"),
        ),
        Col("joined_on", DATE, aliases=("joined", "入职日期", "入职时间")),
        Col("owner", USER),
    ),
    key=("user_id",),
    sheet_aliases=("grades", "员工能级"),
    aliases=("grades",),
)
