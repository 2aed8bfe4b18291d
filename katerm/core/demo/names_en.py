"""English demo data: people, companies, regions, industries, titles and notes.

The same names as ``names_zh`` (the generator does not care which one it gets). The team
still sells in China in CNY; only the language of the data differs.
"""

from __future__ import annotations

import random

from katerm.core.demo.pipeline import pick

# Data, laid out by hand to read as tables:
# fmt: off
_FIRST = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
    "Sarah", "Charles", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra",
    "Mark", "Ashley", "Steven", "Emily", "Paul", "Michelle", "Andrew", "Amanda", "Joshua",
    "Melissa", "Kevin", "Rebecca", "Brian", "Laura", "George", "Emma", "Edward", "Olivia",
    "Ryan", "Sophie", "Jacob", "Hannah", "Nicholas", "Grace", "Eric", "Chloe", "Peter",
    "Alice", "Samuel", "Claire", "Benjamin", "Lucy", "Henry", "Rachel", "Oliver", "Helen",
    "Jack", "Victoria", "Adam", "Natalie", "Simon", "Julia", "Martin", "Anna",
]
_LAST = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
    "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White",
    "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts",
    "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart",
    "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey",
    "Bell", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett",
    "Gray", "Hughes", "Price", "Sanders", "Foster", "Powell", "Russell", "Fisher", "Ellis",
    "Hayes", "Graham", "Wallace",
]

# Sales regions and their cities (city, short form for e-mail domains).
REGIONS: dict[str, list[tuple[str, str]]] = {
    "East China": [("Shanghai", "sh"), ("Hangzhou", "hz"), ("Suzhou", "sz"),
                   ("Nanjing", "nj"), ("Ningbo", "nb"), ("Wuxi", "wx"), ("Hefei", "hf"),
                   ("Jinan", "jn"), ("Qingdao", "qd"), ("Fuzhou", "fz"), ("Xiamen", "xm"),
                   ("Changzhou", "cz")],
    "North China": [("Beijing", "bj"), ("Tianjin", "tj"), ("Shijiazhuang", "sjz"),
                    ("Taiyuan", "ty"), ("Tangshan", "ts"), ("Hohhot", "hhht")],
    "South China": [("Guangzhou", "gz"), ("Shenzhen", "sz"), ("Dongguan", "dg"),
                    ("Foshan", "fs"), ("Zhuhai", "zh"), ("Nanning", "nn"), ("Haikou", "hk")],
    "Central China": [("Wuhan", "wh"), ("Changsha", "cs"), ("Zhengzhou", "zz"),
                      ("Nanchang", "nc"), ("Luoyang", "ly")],
    "Southwest": [("Chengdu", "cd"), ("Chongqing", "cq"), ("Kunming", "km"),
                  ("Guiyang", "gy")],
    "Northwest": [("Xi'an", "xa"), ("Lanzhou", "lz"), ("Yinchuan", "yc"), ("Urumqi", "wlmq")],
    "Northeast": [("Shenyang", "sy"), ("Dalian", "dl"), ("Changchun", "cc"),
                  ("Harbin", "hrb")],
}
SELLER_REGIONS = ["East China", "North China", "South China", "Central China", "Southwest",
                  "East China"]

_BRAND_FIRST = [
    "Blue", "North", "Silver", "Golden", "Red", "Green", "East", "West", "Bright", "Great",
    "Pacific", "Summit", "Prime", "Crest", "Stone", "River", "Lake", "Oak", "Pine", "Maple",
    "Iron", "Star", "Sun", "Sky", "Cloud", "Harbor", "Bay", "Ever", "True", "Nova", "Apex",
    "Metro", "Grand", "Royal", "Swift", "Clear", "Rock", "High", "Wide", "Long",
]
_BRAND_SECOND = [
    "water", "field", "bridge", "gate", "point", "line", "wood", "stone", "view", "ridge",
    "crest", "way", "port", "land", "tech", "works", "core", "peak", "light", "wave", "star",
    "side", "brook", "vale", "forge", "path", "rise", "mark", "bay", "hill", "well", "stream",
    "haven", "wing", "spring", "ford", "mont", "shore", "top", "dale",
]

INDUSTRIES: list[tuple[str, list[str], float]] = [
    ("Electronics", ["Electronics", "Precision Electronics", "Microelectronics"], 9),
    ("Automotive parts", ["Auto Parts", "Automotive Components"], 7),
    ("Machinery", ["Machinery", "Heavy Industry", "Equipment"], 8),
    ("Chemicals & materials", ["Chemicals", "New Materials", "Fine Chemicals"], 6),
    ("Pharmaceuticals", ["Pharmaceutical", "Biopharma", "Life Sciences"], 6),
    ("Food & beverage", ["Foods", "Beverages", "Dairy"], 6),
    ("Retail chains", ["Trading", "Department Stores", "Supermarkets", "Retail"], 7),
    ("Jewellery", ["Jewellery", "Gold & Jewellery"], 4),
    ("Logistics", ["Logistics", "Supply Chain", "Express", "Warehousing"], 6),
    ("Construction", ["Construction", "Engineering", "Builders"], 5),
    ("Real estate", ["Properties", "Real Estate"], 3),
    ("Energy & power", ["Energy", "Power", "New Energy", "Solar"], 5),
    ("Financial services", ["Investment", "Asset Management", "Leasing"], 3),
    ("Information technology", ["Information Technology", "Software", "Data Systems"], 7),
    ("Textiles & apparel", ["Textiles", "Apparel", "Garments"], 4),
    ("Home appliances", ["Appliances", "Smart Home"], 4),
    ("Telecommunications", ["Communications", "Telecom Equipment"], 3),
    ("Medical devices", ["Medical Devices", "Medical Technology"], 4),
    ("Hospitality", ["Hotel Management", "Catering"], 3),
]

LEGAL_SMALL = ["Co., Ltd.", "Ltd."]
LEGAL_BIG = ["Group Co., Ltd.", "Holdings Co., Ltd.", "Co., Ltd."]

TITLES: dict[str, tuple[str, str]] = {
    "gm": ("General Manager", "Executive Office"),
    "vp": ("Deputy General Manager", "Executive Office"),
    "cio": ("CIO", "IT"),
    "cpo": ("Procurement Director", "Procurement"),
    "cfo": ("CFO", "Finance"),
    "cto": ("CTO", "R&D"),
    "coo": ("Operations Director", "Operations"),
    "cmo": ("Marketing Director", "Marketing"),
    "project_mgr": ("Project Manager", "Project Office"),
    "admin_mgr": ("Administration Manager", "Administration"),
    "it_mgr": ("IT Manager", "IT"),
    "infosec_mgr": ("Information Security Manager", "IT"),
    "purchasing_mgr": ("Purchasing Manager", "Procurement"),
    "supplier_mgr": ("Supplier Manager", "Procurement"),
    "finance_mgr": ("Finance Manager", "Finance"),
    "audit_mgr": ("Audit Manager", "Audit"),
    "rd_mgr": ("R&D Manager", "R&D"),
    "quality_mgr": ("Quality Manager", "Quality"),
    "production_mgr": ("Production Manager", "Production"),
    "logistics_mgr": ("Logistics Manager", "Logistics"),
    "marketing_mgr": ("Marketing Manager", "Marketing"),
    "sales_mgr": ("Sales Manager", "Sales"),
    "it_lead": ("IT Supervisor", "IT"),
    "sys_engineer": ("Systems Engineer", "IT"),
    "security_engineer": ("Security Engineer", "IT"),
    "buyer_lead": ("Purchasing Supervisor", "Procurement"),
    "buyer": ("Buyer", "Procurement"),
    "supplier_engineer": ("Supplier Quality Engineer", "Procurement"),
    "accounting_lead": ("Accounting Supervisor", "Finance"),
    "rd_engineer": ("R&D Engineer", "R&D"),
    "quality_engineer": ("Quality Engineer", "Quality"),
    "production_lead": ("Production Supervisor", "Production"),
    "warehouse_lead": ("Warehouse Supervisor", "Logistics"),
    "project_engineer": ("Project Engineer", "Project Office"),
    "marketing_lead": ("Marketing Supervisor", "Marketing"),
    "sales_lead": ("Sales Supervisor", "Sales"),
}

ACCOUNT_NOTES = [
    "New head of purchasing this year; the relationship has to be rebuilt.",
    "Evaluating a competitor's offer; strong price pressure.",
    "Plans a new plant next year: large additional demand.",
    "Pays late; watch the collection milestones.",
    "Came to our customer conference last year and liked it.",
    "Group headquarters elsewhere approve every large purchase.",
    "Three years with us and satisfied: could become a reference site.",
    "Going digital; the IT department's voice is growing.",
    "The framework agreement ends in Q4: renew early.",
    "The key decision maker was just promoted to deputy GM: a rising star.",
    "A competitor is close to their deputy GM; strengthen top-level relationships.",
    "Their own customers are growing fast, and so is their demand for us.",
    "Strict purchasing: everything goes to tender.",
    "Quality complaint on the last delivery; fixed, follow up again.",
]
CONTACT_NOTES = [
    "Plays golf.", "Child sits the university entrance exam this year.",
    "Cares about data security.", "Price sensitive.", "Drinks tea, not coffee.",
    "Goes fishing at weekends.", "Wants the technical details.",
    "Shares inside information with us: our coach.",
    "Recently moved here from a competitor's customer.", "Runs marathons.",
    "Strict about compliance.", "From Sichuan.",
]
# fmt: on


def person(rng: random.Random) -> tuple[str, str]:
    """A person's name and a latin form for logins and e-mail (``emily.carter``)."""
    first, last = pick(rng, _FIRST), pick(rng, _LAST)
    return f"{first} {last}", f"{first}.{last}".lower()


def brand(rng: random.Random) -> tuple[str, str]:
    first = pick(rng, _BRAND_FIRST)
    second = pick(rng, _BRAND_SECOND)
    while second == first.lower():
        second = pick(rng, _BRAND_SECOND)
    name = first + second
    return name, name.lower()


def company(rng: random.Random, city: tuple[str, str], industry: int, big: bool) -> tuple[str, str]:
    """A company name (Bluewater Precision Electronics Co., Ltd., often with the city first,
    as Chinese companies' English names go) and its e-mail domain."""
    trade, trade_latin = brand(rng)
    word = pick(rng, INDUSTRIES[industry][1])
    legal = pick(rng, LEGAL_BIG if big else LEGAL_SMALL)
    where = f"{city[0]} " if rng.random() < 0.4 else ""
    return f"{where}{trade} {word} {legal}", f"{trade_latin}-{city[1]}.com"


def branch(name: str, city: str) -> str:
    return f"{name} ({city} Branch)"


def phone(rng: random.Random) -> str:
    n = f"{int(rng.random() * 10**9):09d}"
    return f"+86 1{pick(rng, '3456789')}{n[0]} {n[1:5]} {n[5:]}"


# Why a tier is kept by hand (the pyramid's manual overrides): a prospect tiered by its
# potential, an account kept above or below the tier its revenue gives.
OVERRIDE_POTENTIAL = [
    "No revenue yet, high potential.",
    "Pilot order signed; a framework agreement is expected next year.",
    "In our top ten targets: the tier follows their potential, not this year's sales.",
]
OVERRIDE_UP = [
    "Group headquarters: the way into its subsidiaries.",
    "Reference site for our new product line.",
    "Strategic partner in the region: kept a tier up while sales catch up.",
]
OVERRIDE_DOWN = [
    "Paying late: held a tier lower until the arrears are settled.",
    "Restructuring: demand is expected to halve next year.",
    "Most of this year's revenue was a one-off project.",
]
