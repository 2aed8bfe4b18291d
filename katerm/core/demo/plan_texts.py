"""What the demo's plans, opportunities and customer issues say, in English and Chinese.

Generated *data*, not interface text (like ``names_en`` / ``names_zh``). Each theme of the
strategy map is one coherent chain: customer goal → strategy → tactic → need → our solution,
with the opportunity it leads to.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Texts:
    research: dict[str, tuple[str, ...]]
    looks: dict[str, tuple[str, ...]]
    swot: dict[str, tuple[str, ...]]
    events: tuple[str, ...]
    executive: tuple[str, ...]  # "{name}" and "{title}" are filled in
    themes: tuple[tuple[str, str, str, str, str, str], ...]  # goal ... solution, opportunity
    opportunities: tuple[str, ...]
    competitors: tuple[str, ...]
    goals: tuple[str, ...]
    sub_goals: tuple[str, ...]
    actions: tuple[str, ...]
    joint: dict[str, tuple[str, ...]]
    voice: tuple[str, ...]
    analysis: tuple[tuple[str, str], ...]  # (why it is stuck, the improvement step)
    renewal: str  # "{name}" is the won order's name


EN = Texts(
    research={
        "customer": (
            "Family-owned, second generation took over last year; cautious with cash",
            "Listed since 2019, pressure from investors to raise margins",
            "Building two new plants; IT team of 40, half of them contractors",
        ),
        "customers_customers": (
            "Sells mostly to car makers, who demand traceability",
            "Retail chains push for shorter delivery times",
            "Exports 40% to Europe; customers ask for carbon reports",
        ),
        "competitors": (
            "Main rival automated its warehouses and cut prices by 8%",
            "Two local rivals merged and now bid together",
            "A foreign rival opened a plant in the same city",
        ),
    },
    looks={
        "macro": (
            "Interest rates falling; local subsidies for digital upgrades",
            "Export rules tightening; data must stay in the country",
        ),
        "industry": (
            "Industry growing 6% a year, consolidating fast",
            "Prices under pressure; buyers want service bundles",
        ),
        "customer": (
            "New CEO wants one platform for every site",
            "Budget for next year set in October by the investment committee",
        ),
        "competition": (
            "Globex is the incumbent for ERP, contract ends next June",
            "Initech offers a free pilot to get in",
        ),
        "self": (
            "We have two reference sites in the same industry",
            "Our delivery team in the region is stretched",
        ),
    },
    swot={
        "strength": ("Reference sites nearby", "Strong relationship with the CIO"),
        "weakness": ("No contact with the CFO yet", "Higher list price than Initech"),
        "opportunity": ("ERP contract with Globex ends next year", "New plants need systems"),
        "threat": ("Globex offers a discounted renewal", "Budget may be frozen"),
    },
    events=(
        "Annual supplier conference",
        "Budget review by the investment committee",
        "New plant opening",
        "Board meeting",
        "Trade fair",
        "Annual strategy retreat",
    ),
    executive=(
        "{name}, {title}: decides on data, wants to see numbers before meeting",
        "{name}, {title}: came from a rival, likes reference visits",
        "{name}, {title}: close to the CEO, plays golf on weekends",
    ),
    themes=(
        (
            "Double exports by 2028",
            "Open plants abroad",
            "One standard plant design",
            "One ERP for every plant",
            "Our cloud ERP with a plant template",
            "Global ERP rollout",
        ),
        (
            "Cut operating costs by 10%",
            "Automate the warehouses",
            "Smart warehouse pilot",
            "Real-time stock visibility",
            "Our warehouse management system",
            "Smart warehouse",
        ),
        (
            "Win the big retail chains",
            "Deliver within 48 hours",
            "Regional distribution hubs",
            "Route planning across hubs",
            "Our logistics optimisation service",
            "Logistics optimisation",
        ),
        (
            "Meet carbon reporting rules",
            "Measure emissions in every plant",
            "Sensors on lines",
            "An energy data platform",
            "Our energy monitoring package",
            "Energy monitoring",
        ),
    ),
    opportunities=(
        "ERP upgrade",
        "Cloud migration",
        "Annual maintenance",
        "Smart warehouse",
        "Data platform",
        "Security audit",
        "Training programme",
        "CRM rollout",
        "Second plant systems",
        "Energy monitoring",
    ),
    competitors=("Globex", "Initech", "Umbrella Systems", "Soylent Tech", "Hooli"),
    goals=(
        "Become their main systems supplier",
        "Grow our share of their IT spend to 30%",
        "Win the framework contract for all plants",
    ),
    sub_goals=(
        "Win the pilot in the first plant",
        "Get a meeting with the CEO",
        "Be on the approved supplier list",
        "Turn the CFO into a supporter",
    ),
    actions=(
        "Workshop with the CIO's team",
        "Invite the GM to our reference site",
        "Send the proposal to purchasing",
        "Dinner with the CFO",
        "Technical exchange",
        "Prepare the pilot plan",
        "Executive visit with our VP",
    ),
    joint={
        "joint_goal": (
            "Cut their order-to-delivery time by 20% together",
            "Launch the new product line on time",
        ),
        "responsibility": (
            "We provide the platform and two engineers on site",
            "They provide the data and a project manager",
        ),
        "joint_milestone": ("Pilot live in the first plant", "Rollout to all plants"),
        "joint_check": ("Monthly steering meeting", "Quarterly business review"),
    },
    voice=(
        "Delivery was two weeks late",
        "Invoices do not match the contract",
        "Support line slow to answer at night",
        "Training material only in English",
        "Asked for a discount on the renewal",
    ),
    analysis=(
        (
            "The CEO has been travelling; we only reached the CIO",
            "Ask the CIO to bring the CEO to our reference-site visit",
        ),
        (
            "Purchasing wants three quotes before any proposal",
            "Send the proposal through the coach to the deputy GM first",
        ),
        (
            "The trial needs a test server they have not set up",
            "Lend them our demo server for four weeks",
        ),
    ),
    renewal="{name} (renewal)",
)

ZH = Texts(
    research={
        "customer": (
            "家族企业，去年第二代接班，现金管理谨慎",
            "2019 年上市，投资者要求提升利润率",
            "正在新建两座工厂；IT 团队 40 人，一半是外包",
        ),
        "customers_customers": (
            "主要卖给整车厂，客户要求全程可追溯",
            "零售连锁要求更短的交货期",
            "40% 出口欧洲，客户要求提供碳排放报告",
        ),
        "competitors": (
            "主要竞争对手仓库自动化后降价 8%",
            "两家本地对手合并，联合投标",
            "一家外资对手在同城新建工厂",
        ),
    },
    looks={
        "macro": ("利率下行，地方政府补贴数字化改造", "出口监管收紧，数据须境内存储"),
        "industry": ("行业年增长 6%，集中度快速提高", "价格承压，买方要求打包服务"),
        "customer": ("新任总经理要求所有工厂用同一平台", "明年预算由投资委员会在 10 月确定"),
        "competition": ("华智科技是现有 ERP 供应商，合同明年 6 月到期", "远景软件免费试点抢单"),
        "self": ("我们在同行业有两个样板客户", "我们在该区域的交付团队人手紧张"),
    },
    swot={
        "strength": ("附近有样板客户", "与信息总监关系良好"),
        "weakness": ("尚未接触财务总监", "报价高于远景软件"),
        "opportunity": ("与华智科技的 ERP 合同明年到期", "新工厂需要系统"),
        "threat": ("华智科技提供续约折扣", "预算可能被冻结"),
    },
    events=(
        "年度供应商大会",
        "投资委员会预算评审",
        "新工厂投产",
        "董事会",
        "行业展会",
        "年度战略研讨会",
    ),
    executive=(
        "{name}，{title}：看数据做决定，见面前要先看数字",
        "{name}，{title}：从竞争对手跳槽过来，喜欢参观样板点",
        "{name}，{title}：与总经理关系密切，周末打高尔夫",
    ),
    themes=(
        (
            "2028 年出口翻番",
            "海外建厂",
            "统一的标准工厂设计",
            "所有工厂统一 ERP",
            "我方云 ERP 及工厂模板",
            "全球 ERP 推广",
        ),
        (
            "运营成本降低 10%",
            "仓库自动化",
            "智能仓储试点",
            "实时库存可视",
            "我方仓储管理系统",
            "智能仓储",
        ),
        (
            "拿下大型零售连锁",
            "48 小时内送达",
            "区域配送中心",
            "跨中心路径规划",
            "我方物流优化服务",
            "物流优化",
        ),
        (
            "满足碳排放报告要求",
            "每个工厂计量排放",
            "产线加装传感器",
            "能源数据平台",
            "我方能耗监测方案",
            "能耗监测",
        ),
    ),
    opportunities=(
        "ERP 升级",
        "上云迁移",
        "年度维保",
        "智能仓储",
        "数据平台",
        "安全审计",
        "培训项目",
        "CRM 推广",
        "二期工厂系统",
        "能耗监测",
    ),
    competitors=("华智科技", "远景软件", "信达系统", "联创集团", "东方数码"),
    goals=(
        "成为客户的主要系统供应商",
        "把我方在其 IT 支出中的份额提高到 30%",
        "拿下全部工厂的框架合同",
    ),
    sub_goals=("赢下第一家工厂的试点", "约见总经理", "进入合格供应商名录", "把财务总监转为支持者"),
    actions=(
        "与信息总监团队开工作坊",
        "邀请总经理参观样板客户",
        "向采购部提交方案",
        "与财务总监晚宴",
        "技术交流",
        "准备试点计划",
        "我方副总裁高层拜访",
    ),
    joint={
        "joint_goal": ("共同把订单到交付时间缩短 20%", "新产品线按时上市"),
        "responsibility": ("我方提供平台和两名驻场工程师", "客户方提供数据和一名项目经理"),
        "joint_milestone": ("第一家工厂试点上线", "推广到全部工厂"),
        "joint_check": ("每月指导委员会会议", "季度经营分析会"),
    },
    voice=("交货晚了两周", "发票与合同不符", "夜间客服响应慢", "培训材料只有英文", "续约要求折扣"),
    analysis=(
        ("总经理一直出差，我们只见到了信息总监", "请信息总监安排总经理参观样板客户"),
        ("采购部要求先有三家报价才看方案", "先通过教练把方案交给副总经理"),
        ("试用需要的测试服务器客户还没准备好", "借给客户我方演示服务器四周"),
    ),
    renewal="{name}（续单）",
)


def texts_for(lang: str) -> Texts:
    return ZH if lang == "zh_CN" else EN
