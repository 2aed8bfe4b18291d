"""The quarter's top-tier accounts (issue 18, walk item 12): biggest first, then by pinyin,
never in code-point order; a plan empty at the last quarter's end is new, not "+76 points";
the command's money columns right-aligned."""

from __future__ import annotations

import json
from datetime import date

import pytest
from rich.cells import cell_len

from katerm.core.accounts.edit import save_account, save_contact
from katerm.core.cadence import Quarter, quarter_sections, quarterly_review
from katerm.core.plan import save_plan_item
from katerm.core.plan.kinds import IRON_TRIANGLE
from katerm.i18n import current_language, set_language
from tests.core.cadence.conftest import won

pytestmark = pytest.mark.now("2026-11-27")
TODAY = date(2026, 11, 27)
Q4 = Quarter(2026, 4)
# Code points put 洛 (U+6D1B) before 贵 (U+8D35) before 重 (U+91CD); pinyin luo after gui.
ACCOUNTS = (("洛阳新信电力集团有限公司", "3000000"), ("贵阳海安汽车部件有限公司", "3000000"))
BIGGEST = ("重庆创腾地产有限公司", "9000000")


@pytest.fixture
def top(workspace):
    found = {}
    for name, revenue in (*ACCOUNTS, BIGGEST):
        found[name] = save_account(
            workspace, None, {"name": name, "annual_revenue": revenue, "tier": "A"}
        )
        save_contact(workspace, found[name], None, {"name": f"{name[:2]}总", "title": "CEO"})
        for role in IRON_TRIANGLE:
            save_plan_item(
                workspace,
                found[name],
                None,
                {"kind": "team_member", "category": role, "person_id": workspace.me.id},
            )
    won(workspace, found[ACCOUNTS[0][0]], workspace.me.id, 1_809_000, "2026-11-10")
    return found


def review(ws):
    with ws.db.reading() as conn:
        return quarterly_review(conn, ws.me.id, Q4, tz=ws.clock.tz, today=TODAY)


def test_top_accounts_come_biggest_first_then_in_pinyin_order(workspace, top):
    names = [p.account for p in review(workspace).plans]
    assert names == [BIGGEST[0], "贵阳海安汽车部件有限公司", "洛阳新信电力集团有限公司"]


def test_a_plan_written_this_quarter_is_new_not_a_gain_of_its_whole_value(workspace, top, cli):
    plans = review(workspace).plans
    assert all(p.share > 0 and p.share_before is None and p.change is None for p in plans)
    was = current_language()
    try:
        for lang, word in (("en", "new"), ("zh_CN", "新")):
            set_language(lang)
            (_, _, rows), *_ = quarter_sections(review(workspace))
            assert [row[3] for row in rows] == [word] * 3
    finally:
        set_language(was)
    data = json.loads(cli("review", "quarterly", "--format", "json").out)
    assert [p["change"] for p in data["plans"]] == [None] * 3


def cell_at(line: str, column: int) -> str:
    """The character drawn at a terminal column (Chinese characters take two)."""
    used = 0
    for char in line:
        used += cell_len(char)
        if used > column:
            return char
    return " "


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_commands_money_columns_end_in_one_column(cli, workspace, top, lang):
    out = cli("review", "quarterly", "--lang", lang).out
    header, _, *rows = out.split("\n\n")[1].splitlines()[1:]
    for label in {"en": ("Won", "Weighted"), "zh_CN": ("已成单", "加权")}[lang]:
        end = cell_len(header[: header.index(label) + len(label)]) - 1
        assert all(cell_at(row, end) != " " for row in rows), (label, rows)
