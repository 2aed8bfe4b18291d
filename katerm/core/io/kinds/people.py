"""Our team, the accounts and the people at them (the lines between them: :mod:`.influence`).

Accounts and contacts have their own planners (:mod:`katerm.core.io.planning`,
:mod:`katerm.core.io.contact_planning`) and exports; their columns are declared here with the
many headers teams' own sheets use (``年销售额``, ``客户经理``, ``Company``).
"""

from __future__ import annotations

from katerm.core.io.kind import DATE, FLAG, ID, INT, MONEY, NOTE, USER, Col, Kind
from katerm.core.tiers import STORED_TIER_COLUMNS as _STORED_TIERS
from katerm.core.tiers import stored_reason_sql, stored_tier_sql

_OWNER_WORDS = (
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
)
_SCHEME_WORDS = ("scheme", "分级方式", "分级标准")
_NOTE_WORDS = ("note", "remarks", "remark", "comment", "comments", "说明", "描述")

TEAM = Kind(
    name="team",
    table="users",
    planner="katerm.core.io.team:TeamPlanner",
    columns=(
        Col("id", ID, template=False),
        Col("login", required=True, aliases=("username", "user", "账号", "登录名", "工号")),
        Col("name", aliases=("full_name", "姓名", "名字")),
        Col("email", aliases=("e_mail", "mail", "邮箱", "电子邮箱")),
        Col(
            "manager",
            USER,
            field="manager_id",
            aliases=("manager_login", "reports_to", "boss", "上级", "直属上级", "主管"),
        ),
    ),
    key=("login",),
    order="t.login COLLATE NOCASE, t.login",
    owner="me",
    sheet_aliases=("users", "members", "成员", "团队"),
    aliases=("users", "members"),
)

ACCOUNTS = Kind(
    name="accounts",
    table="accounts",
    planner="katerm.core.io.account_planning:AccountPlanner",
    labels="fields.account",
    depends=("team",),
    owner="me",
    columns=(
        Col("id", ID, aliases=("uuid", "account_id"), template=False),
        Col(
            "name",
            required=True,
            limit=200,
            aliases=(
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
        Col("industry", aliases=("sector", "vertical", "所属行业", "行业类别")),
        Col(
            "region",
            aliases=(
                "area",
                "territory",
                "city",
                "地区",
                "片区",
                "大区",
                "所属区域",
                "销售区域",
                "城市",
                "所在城市",
            ),
        ),
        Col(
            "annual_revenue",
            MONEY,
            aliases=(
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
        ),
        Col(
            "contract_value",
            MONEY,
            aliases=("contract", "contract_amount", "合同额", "合同价值", "签约金额"),
        ),
        Col(
            "potential_revenue",
            MONEY,
            aliases=("potential", "potential_sales", "潜在销售额", "潜力", "潜在金额", "潜在价值"),
        ),
        Col(
            "annual_orders",
            INT,
            aliases=(
                "orders",
                "order_count",
                "orders_per_year",
                "年订单数",
                "订单数",
                "下单次数",
                "订单量",
            ),
        ),
        Col(
            "company_revenue",
            MONEY,
            aliases=(
                "customer_revenue",
                "customer_own_revenue",
                "企业营收",
                "企业年营收",
                "公司营收",
                "客户自身营收",
            ),
        ),
        # The stored tier of the team's active scheme (an import: of ``tier_scheme``, default
        # the active one), not a column of its own (migration 0014).
        Col(
            "tier",
            words="fields.tier",
            sql=stored_tier_sql(alias="t"),
            aliases=(
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
        Col("tier_scheme", sql="active_scheme()", words="fields.scheme", aliases=_SCHEME_WORDS),
        Col(
            "tier_override_reason",
            sql=stored_reason_sql(alias="t"),
            aliases=("override_reason", "tier_reason", "定级原因", "手动定级原因", "人工定级原因"),
        ),
        # Every scheme's stored tier and override reason (migration 0014); "tier" above is
        # the one of the team's active scheme (or of ``tier_scheme`` in an import).
        *(Col(name, words="fields.tier") for name in _STORED_TIERS),
        Col(
            "lifecycle",
            words="fields.lifecycle",
            aliases=("life_cycle", "stage", "status", "客户阶段", "阶段", "客户状态", "状态"),
        ),
        Col("currency", aliases=("货币", "币别")),
        Col(
            "phone",
            aliases=(
                "telephone",
                "tel",
                "phone_number",
                "main_phone",
                "电话",
                "联系电话",
                "公司电话",
                "座机",
                "总机",
            ),
        ),
        Col(
            "website",
            aliases=("web", "url", "homepage", "web_site", "网站", "官网", "公司网站", "网址"),
        ),
        Col(
            "address",
            aliases=("street", "street_address", "地址", "公司地址", "详细地址", "办公地址"),
        ),
        Col("owner", USER, aliases=_OWNER_WORDS),
        Col("notes", NOTE, aliases=_NOTE_WORDS),
    ),
    sheet_aliases=("account", "客户", "客户列表", "客户名单"),
    aliases=("account",),
)

CONTACTS = Kind(
    name="contacts",
    table="contacts",
    planner="katerm.core.io.contact_planning:ContactPlanner",
    labels="fields.contact",
    depends=("accounts",),
    columns=(
        Col("id", ID, aliases=("uuid", "contact_id", "联系人编号", "联系人id"), template=False),
        Col("account_id", ID, aliases=("customer_id", "客户id"), template=False),
        Col(
            "account",
            aliases=(
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
        Col(
            "name",
            required=True,
            aliases=(
                "contact",
                "contact_name",
                "full_name",
                "person",
                "联系人",
                "联系人姓名",
                "名字",
            ),
        ),
        # CRMs export a person's name in two columns; the import joins them.
        Col(
            "first_name",
            field="",
            template=False,
            export=False,
            aliases=("firstname", "given_name", "名"),
        ),
        Col(
            "last_name",
            field="",
            template=False,
            export=False,
            aliases=("lastname", "surname", "family_name", "姓"),
        ),
        Col("title", aliases=("job_title", "position", "职位", "头衔", "岗位")),
        Col("department", aliases=("dept", "部门名称", "所在部门")),
        Col(
            "phone",
            aliases=(
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
        Col(
            "email",
            aliases=("e_mail", "mail", "email_address", "电子邮箱", "邮件", "电子邮件", "邮箱地址"),
        ),
        Col(
            "birthday",
            DATE,
            aliases=("date_of_birth", "dob", "birth_date", "出生日期", "生日日期"),
            personal=True,
        ),
        # The influence map (katerm.core.roles): keys or either language's labels.
        Col(
            "role",
            words="influence.role",
            aliases=("decision_role", "buying_role", "角色", "决策链角色", "采购角色"),
        ),
        Col("other_roles", words="influence.role", aliases=("roles", "更多角色")),
        Col(
            "influence",
            words="influence.level",
            aliases=("influence_level", "影响力等级", "影响程度"),
        ),
        Col(
            "attitude",
            words="influence.attitude",
            aliases=("attitude_to_us", "stance", "对我方态度", "立场"),
        ),
        Col("support_level", words="influence.support", aliases=("support", "支持度", "支持等级")),
        # The relationship level 0–5 (katerm.core.levels): the number, its word in either
        # language, ``3 trusted``, or the old contact level (none/met/regular/trusted).
        Col(
            "level",
            words="gaps.level",
            aliases=(
                "relationship_level",
                "contact_level",
                "关系程度",
                "关系等级",
                "接触等级",
                "接触程度",
            ),
        ),
        Col(
            "covered_by",
            USER,
            aliases=("coverage", "covered", "relationship_owner", "覆盖人", "关系负责人", "对接人"),
        ),
        # Additional coverage: our other people who also know them (logins or names, comma-
        # separated; the planner resolves them like covered_by).
        Col(
            "also_covered_by",
            aliases=(
                "additional_coverage",
                "also_known_by",
                "also_covered",
                "其他对接人",
                "其他认识的人",
            ),
            limit=2000,
        ),
        Col(
            "reports_to",
            aliases=("boss", "superior", "reports_to_id", "上级", "直接上级", "汇报给"),
        ),
        Col("rising_star", FLAG, aliases=("rising", "明日之星标记", "潜力股")),
        Col(
            "favours_competitor",
            aliases=(
                "competitor",
                "favoured_competitor",
                "preferred_competitor",
                "倾向竞争对手",
                "竞争对手倾向",
            ),
        ),
        Col(
            "favour_strength",
            words="influence.strength",
            aliases=("competitor_strength", "倾向程度", "倾向强度"),
        ),
        Col("left_on", DATE, aliases=("left", "left_company", "离职日期"), template=False),
        Col("owner", USER, aliases=(*_OWNER_WORDS, "维护人")),
        Col("notes", NOTE, aliases=_NOTE_WORDS),
    ),
    sheet_aliases=("contact", "联系人", "联系人列表", "联系人名单", "影响力地图"),
    aliases=("contact", "people"),
)
