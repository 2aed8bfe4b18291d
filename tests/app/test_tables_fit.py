"""The account tabs' tables at 80 columns in Chinese: a value too long for its cell ends in …,
and no table runs past the screen's right edge, where Textual's plain DataTable cut a value
bare (an address or a title that reads as whole and wrong; walk s9b, item 16)."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.app.accounts.account import AccountScreen
from katerm.core.accounts.edit import save_account, save_contact
from katerm.core.cards.edit import save_card, save_strategic
from katerm.core.pipeline.opportunities import save_opportunity
from katerm.core.plan.voice import save_voice
from tests.app.conftest import settle
from tests.conftest import PINNED_DAY

LONG = "请在下一次高层拜访之前与对方信息中心主任确认数字化转型项目的预算审批流程和时间表"
NAME = "欧阳文博士（集团首席信息官兼数字化转型办公室主任）"


def fill(ws, account: str, tab: str) -> None:
    if tab == "voice":
        save_voice(ws, account, None, {"title": LONG}, today=PINNED_DAY)
    elif tab == "strategic":
        values = {"partner": "华东电力设计研究院", "relationship": LONG, "how_to_use": LONG}
        save_strategic(ws, account, None, {**values, "kind": "partner"})
    elif tab == "cards":
        person = save_contact(ws, account, None, {"name": NAME, "title": "CIO"})
        save_card(ws, person, {"sponsor": LONG}, today=PINNED_DAY)
    elif tab == "opportunities":
        values = {"name": LONG, "amount": "5000000", "expected_close": date(2027, 3, 31)}
        save_opportunity(ws, account, None, values, today=PINNED_DAY)
    elif tab == "tier-history":
        save_account(ws, account, {"tier": "B", "tier_override_reason": LONG})


@pytest.mark.parametrize("tab", ["voice", "strategic", "cards", "opportunities", "tier-history"])
async def test_no_cell_is_cut_without_an_ellipsis(workspace, make_app, tab):
    account = save_account(workspace, None, {"name": "常州富创网络科技有限公司", "tier": "A"})
    fill(workspace, account, tab)
    app = make_app("zh_CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(AccountScreen(account, tab=tab))
        await settle(pilot)
        pane = app.screen.query_one(f"#tab-{tab}")
        table = next(w for w in pane.query("DataTable") if w.row_count)
        assert table.virtual_size.width <= table.scrollable_content_region.width, (
            "the table runs past the right edge, which cuts its values with no …"
        )
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        long = NAME if tab == "cards" else LONG
        rows = lines[table.region.y : table.region.bottom]
        row = next(line for line in rows if long[:4] in line)
        cut = next(part for part in row.split() if part.startswith(long[:4]))
        assert cut.endswith("…") and long.startswith(cut[:-1]), row
