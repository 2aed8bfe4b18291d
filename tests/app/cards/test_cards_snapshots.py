"""Pictures of the expansion-cards and strategic-relationships tabs, English and Chinese.

Regenerate after an intended change with ``pytest tests/app/cards/test_cards_snapshots.py
--snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import TabbedContent

from katerm.core.accounts.edit import save_account
from katerm.core.cards.edit import record_event, save_card, save_key_date, save_strategic
from katerm.core.influence.edit import save_person
from tests.app.conftest import settle

TODAY = date(2026, 11, 30)
pytestmark = pytest.mark.now(TODAY.isoformat())
LANGS = ["en", "zh_CN"]


@pytest.fixture
def cards_data(workspace):
    me = workspace.me.id
    acc = save_account(workspace, None, {"name": "上海明珠电子科技有限公司", "tier": "A"})
    gm = save_person(
        workspace,
        acc,
        None,
        {
            "name": "王伟",
            "title": "总经理",
            "role": "decision_maker",
            "covered_by": me,
            "birthday": "1968-12-02",
        },
    )
    cio = save_person(
        workspace, acc, None, {"name": "Li Na", "title": "CIO", "role": "coach", "reports_to": gm}
    )
    old = save_person(
        workspace,
        acc,
        None,
        {"name": "赵强", "title": "采购总监", "influence": "high", "reports_to": gm},
    )
    save_card(
        workspace,
        gm,
        {
            "relationship_owner_id": me,
            "sponsor_id": me,
            "sponsor_criteria": "equal_rank,matching_business",
            "commitments": "第二季度由我方CTO向其董事会汇报路线图",
            "action_plan": "每季度与赞助人餐叙；邀请参加合作伙伴峰会",
        },
        today=TODAY,
    )
    save_key_date(
        workspace,
        acc,
        None,
        {"contact_id": gm, "kind": "anniversary", "day": "05-20", "label": "结婚纪念日"},
    )
    save_key_date(
        workspace,
        acc,
        None,
        {"kind": "company_event", "day": "1998-12-18", "label": "公司成立日"},
    )
    record_event(
        workspace, gm, {"kind": "promotion", "day": "2026-06-01", "note": "升任总经理"}, today=TODAY
    )
    save_card(workspace, old, {}, today=TODAY)
    record_event(workspace, old, {"kind": "left", "day": "2026-10-08"}, today=TODAY)
    save_strategic(
        workspace,
        acc,
        None,
        {
            "partner": "用友网络",
            "kind": "strategic_supplier",
            "relationship": "负责其ERP实施",
            "how_to_use": "请其引荐CIO",
        },
    )
    save_strategic(
        workspace,
        acc,
        None,
        {
            "partner": "Accenture China",
            "relationship": "Runs their ERP roll-out",
            "how_to_use": "Joint proposal for the new plant",
        },
    )
    assert cio
    return acc


def _app(make_app, lang):
    app = make_app(lang)
    return app


def _on_tab(tab: str):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pilot.app.screen.query_one(TabbedContent).active = f"tab-{tab}"  # the cursor goes in
        await settle(pilot)

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_cards_tab(snap_compare, cards_data, make_app, lang):
    assert snap_compare(_app(make_app, lang), terminal_size=(80, 24), run_before=_on_tab("cards"))


@pytest.mark.parametrize("lang", LANGS)
def test_strategic_tab(snap_compare, cards_data, make_app, lang):
    assert snap_compare(
        _app(make_app, lang), terminal_size=(80, 24), run_before=_on_tab("strategic")
    )


@pytest.mark.parametrize("lang", LANGS)
def test_expansion_card_screen(snap_compare, cards_data, make_app, lang):
    async def run(pilot):
        await _on_tab("cards")(pilot)
        await pilot.press("down", "enter")  # 王伟
        await settle(pilot)

    assert snap_compare(_app(make_app, lang), terminal_size=(80, 24), run_before=run)
