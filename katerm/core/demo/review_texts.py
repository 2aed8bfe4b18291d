"""Demo texts for the activity log and evening reviews, in English and Chinese.

Generated *data* (like ``names_en``/``names_zh``), not interface text. ``{account}`` is filled
with an account name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")

NOTES = {
    "en": [
        "Discussed next year's budget",
        "Demoed the new product line",
        "Walked the plant with the production manager",
        "Reviewed the trial results",
        "They are comparing us with two competitors",
        "Agreed the agenda for the summit",
        "Heard about a reorganisation in purchasing",
        "Clarified the delivery schedule",
        "Introduced our solution expert",
        "Collected feedback on the last delivery",
    ],
    "zh_CN": [
        "讨论了明年的预算",
        "演示了新产品线",
        "和生产经理一起走访了工厂",
        "复盘了试用结果",
        "客户正在比较我们和两家竞争对手",
        "确定了高层峰会的议程",
        "了解到采购部门正在调整",
        "确认了交付计划",
        "引荐了我们的解决方案专家",
        "收集了对上次交付的反馈",
    ],
}
NEXT_STEPS = {
    "en": [
        "Send the revised quote",
        "Book a visit with the CFO",
        "Prepare the trial plan",
        "Invite them to the reference site",
        "Follow up on the tender documents",
        "Arrange a technical exchange",
    ],
    "zh_CN": [
        "发送修订后的报价",
        "约见财务总监",
        "准备试用方案",
        "邀请参观样板点",
        "跟进招标文件",
        "安排技术交流",
    ],
}
PLAN_LINES = {
    "en": {
        "visit": "Visit {account}",
        "call": "Call {account}",
        "meeting": "Meeting at {account}",
        "proposal": "Present the proposal to {account}",
        "dinner": "Dinner with {account}",
        "event": "Event with {account}",
        "other": "Follow up with {account}",
    },
    "zh_CN": {
        "visit": "拜访{account}",
        "call": "电话联系{account}",
        "meeting": "与{account}开会",
        "proposal": "向{account}汇报方案",
        "dinner": "宴请{account}",
        "event": "与{account}参加活动",
        "other": "跟进{account}",
    },
}
WEEK_PLAN = {
    "en": "Focus accounts this week: {accounts}. Visits planned: {visits}.",
    "zh_CN": "本周重点客户：{accounts}。计划拜访 {visits} 次。",
}
COMMENTS = {
    "en": [
        "Good week, keep it up",
        "Too few visits: book two more before Friday",
        "Push the proposal before the budget closes",
        "Bring the solution expert next time",
        "Write tomorrow's plan before you leave",
        "Great progress with the key account",
    ],
    "zh_CN": [
        "本周不错，继续保持",
        "拜访太少：周五前再约两次",
        "在预算关闭前推进方案",
        "下次带上解决方案专家",
        "下班前写好明日计划",
        "重点客户推进得很好",
    ],
}
FOLLOW_UPS = {
    "en": [
        "Book a visit to {account}",
        "Send the proposal to {account}",
        "Update the stuck order at {account}",
        "Find a coach at {account}",
        "Call the purchasing manager at {account}",
    ],
    "zh_CN": [
        "约拜访{account}",
        "把方案发给{account}",
        "更新{account}的卡单情况",
        "在{account}发展一位教练",
        "给{account}的采购经理打电话",
    ],
}
CUSTOM_ITEM = {"en": "CRM opportunities updated", "zh_CN": "CRM 商机已更新"}


def pool(table: Mapping[str, T], lang: str) -> T:
    return table.get(lang) or table["en"]
