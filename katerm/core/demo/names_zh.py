"""Chinese demo data: people, companies, regions, industries, titles and notes.

This is generated *data*, not interface text, so it lives here and not in the catalogues.
``names_en`` has the same names with English data; :mod:`katerm.core.demo` picks one.
"""

from __future__ import annotations

import random

from katerm.core.demo.pipeline import Weighted, pick

# Data, laid out by hand to read as tables:
# fmt: off
# (surname, pinyin, share in %): the common surnames, weighted like the population.
SURNAMES: list[tuple[str, str, float]] = [
    ("王", "wang", 7.1), ("李", "li", 7.0), ("张", "zhang", 6.7), ("刘", "liu", 5.4),
    ("陈", "chen", 4.5), ("杨", "yang", 3.1), ("黄", "huang", 2.2), ("赵", "zhao", 2.0),
    ("吴", "wu", 1.9), ("周", "zhou", 1.9), ("徐", "xu", 1.3), ("孙", "sun", 1.3),
    ("马", "ma", 1.1), ("朱", "zhu", 1.1), ("胡", "hu", 1.0), ("郭", "guo", 1.0),
    ("何", "he", 0.9), ("高", "gao", 0.9), ("林", "lin", 0.9), ("罗", "luo", 0.9),
    ("郑", "zheng", 0.8), ("梁", "liang", 0.8), ("谢", "xie", 0.6), ("宋", "song", 0.6),
    ("唐", "tang", 0.5), ("许", "xu", 0.5), ("韩", "han", 0.5), ("冯", "feng", 0.5),
    ("邓", "deng", 0.5), ("曹", "cao", 0.5), ("彭", "peng", 0.5), ("曾", "zeng", 0.4),
    ("肖", "xiao", 0.4), ("田", "tian", 0.4), ("董", "dong", 0.4), ("袁", "yuan", 0.4),
    ("潘", "pan", 0.4), ("于", "yu", 0.4), ("蒋", "jiang", 0.4), ("蔡", "cai", 0.4),
    ("余", "yu", 0.4), ("杜", "du", 0.3), ("叶", "ye", 0.3), ("程", "cheng", 0.3),
    ("苏", "su", 0.3), ("魏", "wei", 0.3), ("吕", "lv", 0.3), ("丁", "ding", 0.3),
    ("任", "ren", 0.3), ("沈", "shen", 0.3), ("姚", "yao", 0.3), ("卢", "lu", 0.3),
    ("姜", "jiang", 0.3), ("崔", "cui", 0.3), ("钟", "zhong", 0.3), ("谭", "tan", 0.3),
    ("陆", "lu", 0.3), ("汪", "wang", 0.3), ("范", "fan", 0.3), ("金", "jin", 0.3),
    ("石", "shi", 0.3), ("廖", "liao", 0.3), ("贾", "jia", 0.3), ("夏", "xia", 0.3),
    ("韦", "wei", 0.2), ("方", "fang", 0.2), ("白", "bai", 0.2), ("邹", "zou", 0.2),
    ("孟", "meng", 0.2), ("熊", "xiong", 0.2), ("秦", "qin", 0.2), ("邱", "qiu", 0.2),
    ("江", "jiang", 0.2), ("尹", "yin", 0.2), ("薛", "xue", 0.2), ("段", "duan", 0.2),
    ("雷", "lei", 0.2), ("侯", "hou", 0.2), ("龙", "long", 0.2), ("史", "shi", 0.2),
    ("欧阳", "ouyang", 0.05), ("上官", "shangguan", 0.02),
]
_SURNAME_POOL = Weighted(SURNAMES, [s[2] for s in SURNAMES])

GIVEN: list[tuple[str, str]] = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"),
    ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"),
    ("超", "chao"), ("秀", "xiu"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
    ("英", "ying"), ("华", "hua"), ("建", "jian"), ("文", "wen"), ("辉", "hui"),
    ("玲", "ling"), ("婷", "ting"), ("鹏", "peng"), ("斌", "bin"), ("宇", "yu"),
    ("浩", "hao"), ("凯", "kai"), ("晨", "chen"), ("欣", "xin"), ("怡", "yi"), ("佳", "jia"),
    ("子", "zi"), ("涵", "han"), ("博", "bo"), ("俊", "jun"), ("峰", "feng"), ("林", "lin"),
    ("海", "hai"), ("云", "yun"), ("志", "zhi"), ("国", "guo"), ("红", "hong"),
    ("春", "chun"), ("雪", "xue"), ("丹", "dan"), ("慧", "hui"), ("晓", "xiao"),
    ("嘉", "jia"), ("东", "dong"), ("鑫", "xin"), ("振", "zhen"), ("琳", "lin"),
    ("颖", "ying"), ("思", "si"), ("雨", "yu"), ("天", "tian"), ("立", "li"), ("新", "xin"),
    ("成", "cheng"), ("永", "yong"), ("德", "de"), ("亮", "liang"), ("倩", "qian"),
]

# Sales regions and their cities (city, pinyin). Sellers own a region each.
REGIONS: dict[str, list[tuple[str, str]]] = {
    "华东": [("上海", "sh"), ("杭州", "hz"), ("苏州", "sz"), ("南京", "nj"), ("宁波", "nb"),
           ("无锡", "wx"), ("合肥", "hf"), ("济南", "jn"), ("青岛", "qd"), ("福州", "fz"),
           ("厦门", "xm"), ("常州", "cz")],
    "华北": [("北京", "bj"), ("天津", "tj"), ("石家庄", "sjz"), ("太原", "ty"),
           ("唐山", "ts"), ("呼和浩特", "hhht")],
    "华南": [("广州", "gz"), ("深圳", "sz"), ("东莞", "dg"), ("佛山", "fs"), ("珠海", "zh"),
           ("南宁", "nn"), ("海口", "hk")],
    "华中": [("武汉", "wh"), ("长沙", "cs"), ("郑州", "zz"), ("南昌", "nc"), ("洛阳", "ly")],
    "西南": [("成都", "cd"), ("重庆", "cq"), ("昆明", "km"), ("贵阳", "gy")],
    "西北": [("西安", "xa"), ("兰州", "lz"), ("银川", "yc"), ("乌鲁木齐", "wlmq")],
    "东北": [("沈阳", "sy"), ("大连", "dl"), ("长春", "cc"), ("哈尔滨", "hrb")],
}
# The six sellers' territories (the east is the biggest market, so it has two).
SELLER_REGIONS = ["华东", "华北", "华南", "华中", "西南", "华东"]

# Trade names (字号) are two characters: one from each list.
_BRAND_FIRST = [
    ("宏", "hong"), ("瑞", "rui"), ("华", "hua"), ("鑫", "xin"), ("泰", "tai"),
    ("盛", "sheng"), ("恒", "heng"), ("金", "jin"), ("永", "yong"), ("德", "de"), ("嘉", "jia"),
    ("天", "tian"), ("中", "zhong"), ("海", "hai"), ("新", "xin"), ("明", "ming"),
    ("东", "dong"), ("远", "yuan"), ("博", "bo"), ("创", "chuang"), ("卓", "zhuo"),
    ("汇", "hui"), ("联", "lian"), ("安", "an"), ("凯", "kai"), ("宇", "yu"), ("鼎", "ding"),
    ("信", "xin"), ("锦", "jin"), ("润", "run"), ("富", "fu"), ("隆", "long"), ("骏", "jun"),
    ("晨", "chen"), ("美", "mei"), ("佳", "jia"), ("立", "li"), ("万", "wan"), ("同", "tong"),
    ("长", "chang"),
]
_BRAND_SECOND = [
    ("达", "da"), ("信", "xin"), ("通", "tong"), ("源", "yuan"), ("丰", "feng"), ("泰", "tai"),
    ("盛", "sheng"), ("诚", "cheng"), ("和", "he"), ("力", "li"), ("星", "xing"), ("辉", "hui"),
    ("翔", "xiang"), ("腾", "teng"), ("宇", "yu"), ("科", "ke"), ("创", "chuang"),
    ("昌", "chang"), ("发", "fa"), ("兴", "xing"), ("利", "li"), ("顺", "shun"), ("海", "hai"),
    ("邦", "bang"), ("联", "lian"), ("越", "yue"), ("驰", "chi"), ("峰", "feng"), ("华", "hua"),
    ("成", "cheng"), ("瑞", "rui"), ("安", "an"), ("明", "ming"), ("川", "chuan"),
    ("嘉", "jia"), ("威", "wei"), ("锐", "rui"), ("智", "zhi"), ("远", "yuan"), ("珠", "zhu"),
]

# (industry, words used in company names, weight)
INDUSTRIES: list[tuple[str, list[str], float]] = [
    ("电子制造", ["电子科技", "电子", "精密电子", "微电子"], 9),
    ("汽车零部件", ["汽车零部件", "汽车配件", "汽车部件"], 7),
    ("机械装备", ["机械", "重工", "装备制造", "机电"], 8),
    ("化工新材料", ["化工", "新材料", "精细化工"], 6),
    ("医药", ["医药", "生物医药", "药业", "生物科技"], 6),
    ("食品饮料", ["食品", "饮料", "乳业", "食品科技"], 6),
    ("零售连锁", ["商贸", "百货", "连锁超市", "商业"], 7),
    ("珠宝首饰", ["珠宝", "金饰", "首饰"], 4),
    ("物流", ["物流", "供应链", "速运", "仓储"], 6),
    ("建筑工程", ["建设", "建工", "建筑工程"], 5),
    ("房地产", ["置业", "地产"], 3),
    ("能源电力", ["能源", "电力", "新能源", "光伏"], 5),
    ("金融服务", ["投资", "资产管理", "融资租赁"], 3),
    ("信息技术", ["信息技术", "软件", "网络科技", "数据科技"], 7),
    ("纺织服装", ["纺织", "服饰", "服装"], 4),
    ("家用电器", ["电器", "家电", "智能家居"], 4),
    ("通信", ["通信", "通讯设备", "通信技术"], 3),
    ("医疗器械", ["医疗器械", "医疗科技", "医疗设备"], 4),
    ("酒店餐饮", ["酒店管理", "餐饮管理"], 3),
]

# Legal forms by size: the biggest accounts are groups or listed companies.
LEGAL_SMALL = ["有限公司"]
LEGAL_BIG = ["股份有限公司", "集团有限公司", "有限公司"]

# Role key (katerm.core.demo.orgchart) -> (title, department).
TITLES: dict[str, tuple[str, str]] = {
    "gm": ("总经理", "总经理办公室"),
    "vp": ("副总经理", "总经理办公室"),
    "cio": ("CIO", "信息中心"),
    "cpo": ("采购总监", "采购部"),
    "cfo": ("财务总监", "财务部"),
    "cto": ("技术总监", "研发中心"),
    "coo": ("运营总监", "运营中心"),
    "cmo": ("市场总监", "市场部"),
    "project_mgr": ("项目经理", "项目管理部"),
    "admin_mgr": ("行政经理", "行政部"),
    "it_mgr": ("IT经理", "信息中心"),
    "infosec_mgr": ("信息安全经理", "信息中心"),
    "purchasing_mgr": ("采购经理", "采购部"),
    "supplier_mgr": ("供应商管理经理", "采购部"),
    "finance_mgr": ("财务经理", "财务部"),
    "audit_mgr": ("审计经理", "审计部"),
    "rd_mgr": ("研发经理", "研发中心"),
    "quality_mgr": ("质量经理", "质量部"),
    "production_mgr": ("生产经理", "生产部"),
    "logistics_mgr": ("物流经理", "物流部"),
    "marketing_mgr": ("市场经理", "市场部"),
    "sales_mgr": ("销售经理", "销售部"),
    "it_lead": ("IT主管", "信息中心"),
    "sys_engineer": ("系统工程师", "信息中心"),
    "security_engineer": ("安全工程师", "信息中心"),
    "buyer_lead": ("采购主管", "采购部"),
    "buyer": ("采购专员", "采购部"),
    "supplier_engineer": ("供应商质量工程师", "采购部"),
    "accounting_lead": ("会计主管", "财务部"),
    "rd_engineer": ("研发工程师", "研发中心"),
    "quality_engineer": ("质量工程师", "质量部"),
    "production_lead": ("生产主管", "生产部"),
    "warehouse_lead": ("仓储主管", "物流部"),
    "project_engineer": ("项目工程师", "项目管理部"),
    "marketing_lead": ("市场主管", "市场部"),
    "sales_lead": ("销售主管", "销售部"),
}

ACCOUNT_NOTES = [
    "今年换了新的采购负责人，需要重新建立关系。",
    "正在评估竞争对手的方案，价格压力大。",
    "计划明年扩建新厂，有较大的增量需求。",
    "付款周期较长，注意回款节点。",
    "去年参加了我们的客户大会，反馈积极。",
    "集团总部在外地，重大采购需总部审批。",
    "合作三年，满意度较高，可争取成为样板客户。",
    "正在推进数字化转型，信息中心话语权上升。",
    "年度框架协议第四季度到期，需提前续签。",
    "关键决策人刚升任副总，是明日之星。",
    "竞争对手与其副总关系密切，需要补强高层关系。",
    "客户的下游需求增长快，带动对我们的需求。",
    "采购流程严格，需走招投标。",
    "上次交付有质量投诉，已整改，仍需回访。",
]
CONTACT_NOTES = [
    "喜欢打高尔夫。", "孩子今年高考。", "关注数据安全。", "对价格敏感。", "喝茶不喝咖啡。",
    "周末常去钓鱼。", "很看重技术细节。", "愿意为我们提供内部信息，是我们的教练。",
    "刚从竞争对手的客户那边调来。", "喜欢跑马拉松。", "重视流程合规。", "老家在四川。",
]
# fmt: on


def person(rng: random.Random) -> tuple[str, str]:
    """A person's name and a latin form for logins and e-mail (``wang.xiaoming``)."""
    surname, surname_py, _ = _SURNAME_POOL.draw(rng)
    parts = [pick(rng, GIVEN)] if rng.random() < 0.45 else [pick(rng, GIVEN), pick(rng, GIVEN)]
    given = "".join(p[0] for p in parts)
    given_py = "".join(p[1] for p in parts)
    return surname + given, f"{surname_py}.{given_py}"


def brand(rng: random.Random) -> tuple[str, str]:
    """A trade name (字号) and its pinyin."""
    first = pick(rng, _BRAND_FIRST)
    second = pick(rng, _BRAND_SECOND)
    while second[0] == first[0]:
        second = pick(rng, _BRAND_SECOND)
    return first[0] + second[0], first[1] + second[1]


def company(rng: random.Random, city: tuple[str, str], industry: int, big: bool) -> tuple[str, str]:
    """A company name, city + trade name + industry + legal form (上海明珠电子科技有限公司),
    and the company's e-mail domain."""
    trade, trade_py = brand(rng)
    word = pick(rng, INDUSTRIES[industry][1])
    legal = pick(rng, LEGAL_BIG if big else LEGAL_SMALL)
    return f"{city[0]}{trade}{word}{legal}", f"{city[1]}-{trade_py}.com.cn"


def branch(name: str, city: str) -> str:
    """The same company's branch in another city: keeps names unique at any count."""
    return f"{name}{city}分公司"


def phone(rng: random.Random) -> str:
    return f"1{pick(rng, '3456789')}{int(rng.random() * 10**9):09d}"


# Why a tier is kept by hand (the pyramid's manual overrides): a prospect tiered by its
# potential, an account kept above or below the tier its revenue gives.
OVERRIDE_POTENTIAL = [
    "暂无收入，潜力大。",
    "已签试点订单，预计明年签框架协议。",
    "列入我们的十大目标客户：按潜力定级，不按今年的销售额。",
]
OVERRIDE_UP = [
    "集团总部：进入其下属公司的入口。",
    "新产品线的样板客户。",
    "区域战略伙伴：销售额追上前先保留较高级别。",
]
OVERRIDE_DOWN = [
    "回款拖欠：结清前先降一级管理。",
    "正在重组，预计明年需求减半。",
    "今年的收入大多来自一次性项目。",
]
