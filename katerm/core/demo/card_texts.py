"""What the demo's expansion cards, key dates and strategic partners say, in English and
Chinese. Generated *data*, not interface text (like ``plan_texts``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CardTexts:
    commitments: tuple[str, ...]
    plans: tuple[str, ...]
    holidays: tuple[tuple[str, str], ...]  # (MM-DD, label)
    company_events: tuple[str, ...]
    family: tuple[str, ...]
    events: dict[str, tuple[str, ...]]
    partners: tuple[str, ...]
    suppliers: tuple[str, ...]
    relationship: tuple[str, ...]
    how_to_use: tuple[str, ...]


EN = CardTexts(
    commitments=(
        "Reference visit to our Suzhou customer before the budget round",
        "Our CTO presents the roadmap to their board in Q2",
        "Pilot results shared monthly; no surprises",
        "Priority support line for the plant start-up",
    ),
    plans=(
        "Quarterly dinner with the sponsor; invite to the partner summit",
        "Topic exchange on traceability; then a site visit",
        "Introduce our delivery lead; agree the pilot scope by month end",
        "Keep weekly contact through the project manager; executive visit in spring",
    ),
    holidays=(("01-01", "New Year"), ("05-01", "Labour Day"), ("10-01", "National Day")),
    company_events=(
        "Founding day",
        "Annual supplier conference",
        "Year-end kick-off",
        "Plant open day",
    ),
    family=("Daughter's birthday", "Wedding anniversary", "Son's graduation"),
    events={
        "promotion": ("Promoted to deputy general manager", "Now heads group IT"),
        "transfer": ("Moved to the Shenzhen subsidiary", "Moved from finance to operations"),
        "left": ("Left for a competitor's customer", "Retired"),
        "other": ("Back from a long sick leave",),
    },
    partners=("Accenture China", "Deloitte Digital", "Neusoft", "Digital China"),
    suppliers=("SAP", "Schneider Electric", "Siemens", "Haier COSMOPlat"),
    relationship=(
        "Runs their ERP roll-out",
        "Supplies their automation lines",
        "Long-time consulting partner of the board",
        "Hosts their data centre",
    ),
    how_to_use=(
        "Ask for an introduction to the CIO",
        "Joint proposal for the new plant",
        "Share a reference case with their project team",
        "Align on the integration plan before the tender",
    ),
)

ZH = CardTexts(
    commitments=(
        "预算评审前安排参观苏州样板点",
        "第二季度由我方CTO向其董事会汇报路线图",
        "每月通报试点成果，不留意外",
        "新工厂投产期间提供优先支持专线",
    ),
    plans=(
        "每季度与赞助人餐叙；邀请参加合作伙伴峰会",
        "围绕可追溯性做专题交流，之后安排样板点参观",
        "引荐我方交付负责人；月底前确定试点范围",
        "通过项目经理保持每周联系；春季安排高层拜访",
    ),
    holidays=(("01-01", "元旦"), ("05-01", "劳动节"), ("10-01", "国庆节")),
    company_events=("公司成立纪念日", "年度供应商大会", "年度誓师大会", "工厂开放日"),
    family=("女儿生日", "结婚纪念日", "儿子毕业典礼"),
    events={
        "promotion": ("升任副总经理", "升任集团信息中心总经理"),
        "transfer": ("调往深圳子公司", "由财务部调往运营部"),
        "left": ("离职加入另一家公司", "退休"),
        "other": ("长期病假后回到岗位",),
    },
    partners=("埃森哲中国", "德勤数字化", "东软集团", "神州数码"),
    suppliers=("用友网络", "施耐德电气", "西门子", "海尔卡奥斯"),
    relationship=(
        "负责其ERP实施",
        "为其自动化产线供货",
        "长期服务其董事会的咨询伙伴",
        "托管其数据中心",
    ),
    how_to_use=(
        "请其引荐CIO",
        "联合为新工厂提交方案",
        "与其项目组分享样板案例",
        "招标前对齐集成方案",
    ),
)


def texts_for(lang: str) -> CardTexts:
    return ZH if lang == "zh_CN" else EN
